/**
 * Client-side budget for Fattura24's documented limits: 30 calls a minute, 200 an hour, 500 in
 * 24 hours (endpoints.json, from fattura24.com/api/introduzione; going over may suspend the key).
 *
 * Pure functions over a small JSON state, so the state can live where every execution of every
 * process sees it (a credential's hidden field, or workflow static data):
 * - the last minute is kept exactly: at most 30 call times, in ms;
 * - the hour and the day are kept as per-minute buckets [minute offset, count]: at most one bucket
 *   per minute that had calls, and never more buckets than calls in the last 24 h (<= 500).
 * A bucket counts in full while any part of its minute may be inside the window, so the counts are
 * never below the truth: the hour and day limits are never exceeded, at the price of at most one
 * minute of extra wait at a window's edge. The state stays under 6 KB of JSON.
 *
 * Use: `decide(state, now)`; when allowed, `record(state, now)` and save the new state before the
 * call is sent (a call that may have reached Fattura24 has been counted). A store that is not
 * read-modify-write atomic across processes can lose one of two simultaneous records; README says so.
 */

export interface RateLimits {
	perMinute: number;
	perHour: number;
	perDay: number;
}

/** Fattura24's documented limits. */
export const FATTURA24_LIMITS: RateLimits = { perMinute: 30, perHour: 200, perDay: 500 };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface RateState {
	v: 1;
	/** call times (ms since the epoch) in the last minute, ascending */
	recent: number[];
	/** the minute index (floor(ms / 60000)) that bucket offsets count from */
	base: number;
	/** [minute - base, calls in that minute], ascending by minute */
	minutes: Array<[number, number]>;
}

export type RateWindow = 'minute' | 'hour' | 'day';
export type Decision = { allowed: true } | { allowed: false; waitMs: number; window: RateWindow; limit: number };

export class RateStateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RateStateError';
	}
}

const NOT_JSON = Symbol('not JSON');

export function emptyState(): RateState {
	return { v: 1, recent: [], base: 0, minutes: [] };
}

/** Accepts the state as stored (object or JSON text); empty/absent = no calls yet. Anything else malformed is refused. */
export function readState(stored: unknown): RateState {
	if (stored === undefined || stored === null || stored === '') return emptyState();
	let s: unknown = stored;
	if (typeof stored === 'string') {
		if (stored.length > 65536) throw new RateStateError('Fattura24 rate budget state: the stored text is too long to be a budget state');
		let parsed: unknown = NOT_JSON;
		try {
			parsed = JSON.parse(stored);
		} catch {
			/* reported below */
		}
		if (parsed === NOT_JSON) throw new RateStateError('Fattura24 rate budget state: the stored text is not JSON');
		s = parsed;
	}
	const o = s as Partial<RateState>;
	if (!o || typeof o !== 'object' || o.v !== 1 || !Array.isArray(o.recent) || !Array.isArray(o.minutes) || !Number.isSafeInteger(o.base))
		throw new RateStateError('Fattura24 rate budget state: expected {v: 1, recent: [...], base, minutes: [...]}');
	if (o.recent.length > 10_000 || o.minutes.length > 10_000) throw new RateStateError('Fattura24 rate budget state: too many entries');
	const recent = o.recent.map((t) => {
		if (!Number.isSafeInteger(t) || t < 0) throw new RateStateError('Fattura24 rate budget state: recent[] must hold call times in ms');
		return t;
	});
	const minutes = o.minutes.map((b) => {
		if (!Array.isArray(b) || b.length !== 2 || !Number.isSafeInteger(b[0]) || !Number.isSafeInteger(b[1]) || b[1] < 1)
			throw new RateStateError('Fattura24 rate budget state: minutes[] must hold [offset, count] pairs');
		return [b[0], b[1]] as [number, number];
	});
	recent.sort((a, b) => a - b);
	minutes.sort((a, b) => a[0] - b[0]);
	return { v: 1, recent, base: o.base as number, minutes };
}

function minuteOf(ms: number): number {
	return Math.floor(ms / MINUTE_MS);
}

function check(now: number, limits: RateLimits): void {
	if (!Number.isSafeInteger(now) || now < 0) throw new RangeError(`now: expected a time in ms since the epoch, got ${now}`);
	for (const k of ['perMinute', 'perHour', 'perDay'] as const)
		if (!Number.isSafeInteger(limits[k]) || limits[k] < 1) throw new RangeError(`limits.${k}: expected a whole number of at least 1, got ${limits[k]}`);
}

/** Buckets that may hold a call later than now - windowMs, oldest first, with absolute minutes. */
function bucketsIn(state: RateState, now: number, windowMs: number): Array<[number, number]> {
	const from = minuteOf(now - windowMs);
	const out: Array<[number, number]> = [];
	for (const [off, count] of state.minutes) {
		const m = state.base + off;
		if (m >= from) out.push([m, count]);
	}
	return out;
}

function bucketWait(buckets: Array<[number, number]>, limit: number, now: number, windowMs: number): number {
	let total = buckets.reduce((s, b) => s + b[1], 0);
	if (total < limit) return 0;
	// drop the oldest buckets until one call fits; a bucket of minute m stops counting at (m + 1) * 60000 + window
	for (const [m, count] of buckets) {
		total -= count;
		if (total < limit) return Math.max(1, (m + 1) * MINUTE_MS + windowMs - now);
	}
	return Math.max(1, windowMs);
}

/** May a call start at `now`? If not, how long to wait and which window is full. */
export function decide(state: RateState, now: number, limits: RateLimits = FATTURA24_LIMITS): Decision {
	check(now, limits);
	let worst: Decision = { allowed: true };
	const consider = (waitMs: number, window: RateWindow, limit: number) => {
		if (waitMs > 0 && (worst.allowed || waitMs > worst.waitMs)) worst = { allowed: false, waitMs, window, limit };
	};
	const recent = state.recent.filter((t) => t > now - MINUTE_MS);
	if (recent.length >= limits.perMinute) consider(recent[recent.length - limits.perMinute] + MINUTE_MS - now, 'minute', limits.perMinute);
	consider(bucketWait(bucketsIn(state, now, HOUR_MS), limits.perHour, now, HOUR_MS), 'hour', limits.perHour);
	consider(bucketWait(bucketsIn(state, now, DAY_MS), limits.perDay, now, DAY_MS), 'day', limits.perDay);
	return worst;
}

/** The state after a call started at `now` (old entries pruned). Does not check the budget: call decide first. */
export function record(state: RateState, now: number): RateState {
	check(now, FATTURA24_LIMITS);
	// pruned by this call's time: an entry dropped here is one decide() at `now` or later never counts
	const recent = state.recent.filter((t) => t > now - MINUTE_MS);
	let at = recent.length;
	while (at > 0 && recent[at - 1] > now) at--;
	recent.splice(at, 0, now);
	// keep at most as many exact times as any minute limit could need (30 by default; 1000 as a hard bound)
	const keptRecent = recent.slice(-1000);

	const m = minuteOf(now);
	const dayFrom = minuteOf(now - DAY_MS);
	const abs: Array<[number, number]> = [];
	for (const [off, count] of state.minutes) {
		const mm = state.base + off;
		if (mm >= dayFrom) abs.push([mm, count]);
	}
	const found = abs.find((b) => b[0] === m);
	if (found) found[1] += 1;
	else abs.push([m, 1]);
	abs.sort((a, b) => a[0] - b[0]);
	const base = abs[0][0];
	return { v: 1, recent: keptRecent, base, minutes: abs.map(([mm, c]) => [mm - base, c]) };
}

/** A clear English message for a spent budget, for the node's "fail" choice. */
export function describeSpent(d: Exclude<Decision, { allowed: true }>): string {
	const per = d.window === 'minute' ? 'a minute' : d.window === 'hour' ? 'an hour' : '24 hours';
	const secs = Math.ceil(d.waitMs / 1000);
	const wait = secs < 120 ? `${secs} s` : secs < 7200 ? `${Math.ceil(secs / 60)} min` : `${(secs / 3600).toFixed(1)} h`;
	return `Fattura24 allows ${d.limit} API calls in ${per} and this key has used them; the next call can start in ${wait}. Fattura24 may suspend a key that goes over, so this call was not sent.`;
}
