/**
 * Exactly-once polling for "every N minutes, what changed since last time":
 * - keyset pagination on (updatedAt, id): each request asks for records after the last one
 *   seen, so inserts or deletions during the poll cannot shift a record out of a page;
 * - an overlap window re-lists the recent past (late commits, clock skew) and a bounded map of
 *   fingerprints drops what was already emitted;
 * - the caller persists the returned state only when the whole poll succeeded, so a poll that
 *   fails half way emits nothing twice and misses nothing the next time.
 * State is plain JSON for n8n workflow static data (survives restarts and republishing).
 */
import { createHash } from 'node:crypto';

export interface KeysetCursor {
	/** "YYYY-MM-DD HH:MM:SS" (or ISO): compared as strings, so one format per source */
	at: string;
	id: number;
}

export interface PollState {
	cursor?: KeysetCursor;
	/** "r<id>" -> [fingerprint, paid] of records emitted or baselined recently (bounded, oldest first) */
	seen?: Record<string, [string, boolean]>;
	/** The time the trigger started watching; records created before are not "new". */
	since?: string;
}

export interface PolledRecord {
	id: number;
	updatedAt: string;
	createdAt?: string;
	paid?: boolean;
	fingerprint: string;
	data: Record<string, unknown>;
}

export type ChangeKind = 'new' | 'changed' | 'paid';

export interface Change {
	kind: ChangeKind;
	record: PolledRecord;
}

export interface PollOptions {
	/** Current time in the source's timestamp format. */
	now: string;
	overlapSeconds?: number;
	pageSize?: number;
	maxSeen?: number;
	/** On the first poll, emit what already exists instead of starting from now. */
	emitExisting?: boolean;
	/** Safety stop for one poll (pages). */
	maxPages?: number;
}

/** One page of records after the keyset position (exclusive), sorted by (updatedAt, id). */
export type FetchPage = (after: KeysetCursor | undefined, pageSize: number) => Promise<PolledRecord[]>;

export function fingerprint(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** "YYYY-MM-DD HH:MM:SS" minus seconds, in the same format (naive arithmetic, no time zone). */
export function minusSeconds(timestamp: string, seconds: number): string {
	const iso = timestamp.includes('T') ? timestamp : timestamp.replace(' ', 'T');
	const date = new Date(`${iso.slice(0, 19)}Z`);
	if (Number.isNaN(date.getTime())) throw new Error(`cursor timestamp "${timestamp}" is not a date-time`);
	const shifted = new Date(date.getTime() - seconds * 1000).toISOString().slice(0, 19);
	return timestamp.includes('T') ? shifted : shifted.replace('T', ' ');
}

function compareKeyset(a: KeysetCursor, b: KeysetCursor): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	return a.id - b.id;
}

export async function runPoll(previous: PollState, fetchPage: FetchPage, options: PollOptions): Promise<{ changes: Change[]; state: PollState }> {
	const pageSize = options.pageSize ?? 100;
	const maxSeen = options.maxSeen ?? 20_000;
	const overlap = options.overlapSeconds ?? 120;
	const seen: Record<string, [string, boolean]> = { ...(previous.seen ?? {}) };
	const firstPoll = previous.cursor === undefined && previous.since === undefined;
	const since = previous.since ?? (options.emitExisting ? '' : options.now);
	// Start before the cursor by the overlap; on a first poll from "now", only the overlap.
	const startAt = previous.cursor ? minusSeconds(previous.cursor.at, overlap) : firstPoll && !options.emitExisting ? minusSeconds(options.now, overlap) : undefined;
	let after: KeysetCursor | undefined = startAt !== undefined ? { at: startAt, id: 0 } : undefined;
	let cursor = previous.cursor;
	const changes: Change[] = [];

	for (let page = 0; page < (options.maxPages ?? 10_000); page++) {
		const records = await fetchPage(after, pageSize);
		for (const record of records) {
			// a non-numeric key keeps insertion order, so pruning drops the least recently seen
			const key = `r${record.id}`;
			const before = seen[key];
			const paid = Boolean(record.paid);
			if (before && before[0] === record.fingerprint) continue;
			const createdAfterStart = record.createdAt !== undefined ? record.createdAt >= since : !before && !firstPoll;
			const kind: ChangeKind | undefined = !before && createdAfterStart ? 'new' : paid && !(before?.[1] ?? false) ? 'paid' : 'changed';
			// On a first poll from "now", records already there are baselined, not emitted.
			const baselineOnly = firstPoll && !options.emitExisting && record.createdAt !== undefined && record.createdAt <= since && record.updatedAt <= since;
			if (!baselineOnly) changes.push({ kind, record });
			delete seen[key];
			seen[key] = [record.fingerprint, paid];
			const position = { at: record.updatedAt, id: record.id };
			if (!cursor || compareKeyset(position, cursor) > 0) cursor = position;
		}
		if (records.length < pageSize) break;
		const last = records[records.length - 1];
		after = { at: last.updatedAt, id: last.id };
	}

	const keys = Object.keys(seen);
	if (keys.length > maxSeen) for (const key of keys.slice(0, keys.length - maxSeen)) delete seen[key];
	return { changes, state: { cursor: cursor ?? (firstPoll ? { at: options.now, id: 0 } : previous.cursor), seen, since } };
}
