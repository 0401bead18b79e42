/**
 * Recently seen delivery ids. The live cache is a Map (an id such as `__proto__`, `constructor`
 * or `toString` is just a key, never a property lookup that finds Object.prototype), kept in
 * first-seen order so expiry and eviction take the oldest entries from its head: O(1) amortised
 * per call, at most `maxEntries` ids.
 *
 * For n8n workflow static data (plain JSON) it serialises to an array of `[id, firstSeenMs]`
 * entries, oldest first, so an id is never an object key on the way out or back in.
 */
export interface ReplayCacheOptions {
	ttlMs: number;
	maxEntries: number;
}

export const DEFAULT_REPLAY_CACHE: ReplayCacheOptions = { ttlMs: 24 * 3600 * 1000, maxEntries: 5000 };

/** The static-data form: `[id, first seen epoch ms]`, oldest first. */
export type ReplayCacheJson = Array<[string, number]>;

export class ReplayCache {
	private readonly seen = new Map<string, number>();

	constructor(private readonly options: ReplayCacheOptions = DEFAULT_REPLAY_CACHE) {}

	get size(): number {
		return this.seen.size;
	}

	/** Records the id; false when it was already seen within the TTL (a replay or a redelivery). */
	remember(id: string, now: number): boolean {
		this.expire(now);
		const at = this.seen.get(id);
		if (at !== undefined && now - at <= this.options.ttlMs) return false;
		// (re)insert at the tail: the Map's order stays first-seen order
		this.seen.delete(id);
		this.seen.set(id, now);
		while (this.seen.size > this.options.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
		return true;
	}

	has(id: string, now: number): boolean {
		const at = this.seen.get(id);
		return at !== undefined && now - at <= this.options.ttlMs;
	}

	private expire(now: number): void {
		for (const [id, at] of this.seen) {
			if (now - at <= this.options.ttlMs) break;
			this.seen.delete(id);
		}
	}

	toJSON(): ReplayCacheJson {
		return [...this.seen];
	}

	/**
	 * Rebuilds a cache from static data: the entries array, or the older object forms
	 * (`{ id: ms }` and `{ seen: { id: ms } }`). Malformed entries are skipped; entries are
	 * re-sorted by time, so a hand-edited or legacy order cannot defeat expiry.
	 */
	static fromJSON(value: unknown, options: ReplayCacheOptions = DEFAULT_REPLAY_CACHE): ReplayCache {
		const cache = new ReplayCache(options);
		let entries: Array<[unknown, unknown]> = [];
		if (Array.isArray(value)) {
			entries = value.filter((entry): entry is [unknown, unknown] => Array.isArray(entry) && entry.length === 2);
		} else if (value && typeof value === 'object') {
			const record = value as Record<string, unknown>;
			const legacy = Object.prototype.hasOwnProperty.call(record, 'seen') && record.seen && typeof record.seen === 'object' ? (record.seen as object) : record;
			entries = Object.entries(legacy);
		}
		const valid = entries.filter((entry): entry is [string, number] => typeof entry[0] === 'string' && typeof entry[1] === 'number' && Number.isFinite(entry[1]));
		valid.sort((a, b) => a[1] - b[1]);
		for (const [id, at] of valid.slice(-options.maxEntries)) {
			cache.seen.delete(id);
			cache.seen.set(id, at);
		}
		return cache;
	}
}
