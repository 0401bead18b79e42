/**
 * Recently seen delivery ids, as plain JSON so it can live in n8n workflow static data (queue
 * mode: executions run in other processes; module variables would not be shared). Bounded in
 * size and age, pruned on every use.
 */
export interface ReplayCacheState {
	/** id -> first seen, epoch ms */
	seen?: Record<string, number>;
}

export interface ReplayCacheOptions {
	ttlMs: number;
	maxEntries: number;
}

export const DEFAULT_REPLAY_CACHE: ReplayCacheOptions = { ttlMs: 24 * 3600 * 1000, maxEntries: 5000 };

/** Records the id; false when it was already seen within the TTL (a replay or a redelivery). */
export function rememberId(state: ReplayCacheState, id: string, now: number, options: ReplayCacheOptions = DEFAULT_REPLAY_CACHE): boolean {
	const seen = (state.seen ??= {});
	for (const [key, at] of Object.entries(seen)) if (now - at > options.ttlMs) delete seen[key];
	if (seen[id] !== undefined) return false;
	seen[id] = now;
	const keys = Object.keys(seen);
	if (keys.length > options.maxEntries) {
		keys.sort((a, b) => seen[a] - seen[b]);
		for (const key of keys.slice(0, keys.length - options.maxEntries)) delete seen[key];
	}
	return true;
}
