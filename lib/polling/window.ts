/**
 * Exactly-once polling over Aruba's searches, which filter by a date window and page, with no
 * keyset: each poll lists the window [previous end - overlap, now] page by page (the end is fixed
 * when the poll starts, so records arriving meanwhile cannot shift the pages), drops what the
 * bounded `seen` map already emitted with the same fingerprint, and returns the new state for the
 * caller to persist only when the whole poll succeeded. A failed poll therefore emits nothing
 * twice and misses nothing the next time.
 */
export interface WindowState {
	/** end of the last complete window (ISO-8601) */
	until?: string;
	/** record key -> [fingerprint, ISO instant it was last in a window] */
	seen?: Record<string, [string, string]>;
}

export interface WindowRecord<T> {
	key: string;
	fingerprint: string;
	data: T;
}

export interface WindowPollOptions {
	now: number;
	overlapSeconds?: number;
	/** On the first poll, how far back to look (0 = only what happens from now on). */
	firstLookBackSeconds?: number;
	/** On the first poll, emit what the look-back finds (otherwise it is only remembered). */
	emitExisting?: boolean;
	maxSeen?: number;
}

/** Lists every record of the window (all pages); the window ends are ISO-8601 instants. */
export type ListWindow<T> = (from: string, to: string) => Promise<Array<WindowRecord<T>>>;

export async function pollWindow<T>(
	previous: WindowState,
	list: ListWindow<T>,
	options: WindowPollOptions,
): Promise<{ changes: Array<WindowRecord<T> & { first: boolean }>; state: WindowState }> {
	const overlapMs = (options.overlapSeconds ?? 300) * 1000;
	const firstPoll = previous.until === undefined;
	const toMs = options.now;
	const fromMs = firstPoll ? toMs - Math.max(options.firstLookBackSeconds ?? 0, options.overlapSeconds ?? 300) * 1000 : Date.parse(previous.until as string) - overlapMs;
	const from = new Date(fromMs).toISOString();
	const to = new Date(toMs).toISOString();
	const seen: Record<string, [string, string]> = { ...(previous.seen ?? {}) };
	const changes: Array<WindowRecord<T> & { first: boolean }> = [];
	for (const record of await list(from, to)) {
		const before = seen[record.key];
		if (before && before[0] === record.fingerprint) {
			before[1] = to;
			continue;
		}
		if (!firstPoll || options.emitExisting) changes.push({ ...record, first: !before });
		delete seen[record.key];
		seen[record.key] = [record.fingerprint, to];
	}
	// Forget what can no longer come back in a window unchanged; bound the rest.
	for (const [key, [, lastSeen]] of Object.entries(seen)) if (Date.parse(lastSeen) < fromMs - overlapMs) delete seen[key];
	const keys = Object.keys(seen);
	const maxSeen = options.maxSeen ?? 20_000;
	if (keys.length > maxSeen) for (const key of keys.slice(0, keys.length - maxSeen)) delete seen[key];
	return { changes, state: { until: to, seen } };
}
