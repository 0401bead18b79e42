/**
 * After a create whose answer was lost (5xx, connection reset, timeout after the request was
 * sent), the record may exist. Fatture in Cloud has no idempotency key, so the node takes the
 * newest id of the list before the first attempt (ids grow: an assumption, FIC's ids are
 * increasing integers) and afterwards accepts only a record newer than that which holds every
 * value sent. An identical record that existed before is never taken for this one; two new
 * matches cannot be told apart, and the node says so instead of guessing.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields the server fills or rewrites, so they cannot tell two records apart. */
const IGNORED = new Set(['id', 'created_at', 'updated_at', 'number', 'numeration', 'permanent_token', 'url', 'attachment_url']);

function samePrimitive(a: Json, b: Json): boolean {
	if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
	if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
	return a === b;
}

function matches(sent: Json, stored: Json | undefined, depth: number): boolean {
	if (stored === undefined) return sent === null || sent === '' || sent === false;
	if (sent === null || typeof sent !== 'object') return samePrimitive(sent, stored);
	if (Array.isArray(sent)) {
		if (!Array.isArray(stored) || stored.length !== sent.length) return false;
		return sent.every((entry, i) => matches(entry, stored[i], depth + 1));
	}
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return false;
	if (depth > 0 && sent.id !== undefined && sent.id !== null) return samePrimitive(sent.id, stored.id ?? null);
	return Object.entries(sent).every(([key, value]) => IGNORED.has(key) || depth > 3 || matches(value, stored[key], depth + 1));
}

/** The highest id among records (0 for none): the watermark taken before a create. */
export function newestId(records: Array<Record<string, unknown>>): number {
	return records.reduce((max, record) => Math.max(max, Number(record.id ?? 0) || 0), 0);
}

export type CreatedLookUp<T> =
	| { applied: true; record: T }
	| { applied: false }
	| { applied: 'unknown'; ids: Array<number | string> };

/**
 * Which record, among those newer than `sinceId`, this create made: the only one that holds every
 * sent value; none (not applied); or several (cannot tell which).
 */
export function createdSince<T extends Record<string, unknown>>(sent: Record<string, unknown>, candidates: T[], sinceId: number): CreatedLookUp<T> {
	const matching = candidates.filter((candidate) => matches(sent as Json, candidate as unknown as Json, 0));
	// an id that is not a number cannot be compared with the watermark: never a guess
	const uncomparable = matching.filter((candidate) => !Number.isFinite(Number(candidate.id)));
	if (uncomparable.length) return { applied: 'unknown', ids: uncomparable.map((record) => record.id as number | string) };
	const fresh = matching.filter((candidate) => Number(candidate.id) > sinceId);
	if (fresh.length === 0) return { applied: false };
	if (fresh.length === 1) return { applied: true, record: fresh[0] };
	return { applied: 'unknown', ids: fresh.map((record) => record.id as number | string) };
}
