/**
 * Counts the work of string searches instead of timing them: while `fn` runs, every indexOf,
 * lastIndexOf and includes on a string of at least `minLength` characters adds the characters it
 * examined. A parser that searches to the end of its input once per tag or attribute examines
 * about n^2/k characters for an input of n; a linear one examines a small multiple of n. No clock
 * is involved, so the assertion holds on a loaded machine and fails on a quadratic parser.
 */
export interface ScanCount<T> {
	result?: T;
	error?: unknown;
	/** characters examined by the searches */
	scanned: number;
	/** number of searches on long strings */
	searches: number;
}

export function countScans<T>(fn: () => T, minLength = 1000): ScanCount<T> {
	const proto = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
	const original = { indexOf: proto.indexOf, lastIndexOf: proto.lastIndexOf, includes: proto.includes };
	let scanned = 0;
	let searches = 0;
	const clamp = (v: unknown, len: number, fallback: number) => {
		const n = v === undefined ? fallback : Math.trunc(Number(v)) || 0;
		return Math.max(0, Math.min(n, len));
	};
	proto.indexOf = function (this: string, search: unknown, from?: unknown) {
		const k = original.indexOf.call(this, search, from) as number;
		if (this.length >= minLength) {
			searches++;
			scanned += (k < 0 ? this.length : k + String(search).length) - clamp(from, this.length, 0);
		}
		return k;
	};
	proto.includes = function (this: string, search: unknown, from?: unknown) {
		const k = original.indexOf.call(this, search, from) as number;
		if (this.length >= minLength) {
			searches++;
			scanned += (k < 0 ? this.length : k + String(search).length) - clamp(from, this.length, 0);
		}
		return k >= 0;
	};
	proto.lastIndexOf = function (this: string, search: unknown, from?: unknown) {
		const k = original.lastIndexOf.call(this, search, from) as number;
		if (this.length >= minLength) {
			searches++;
			scanned += clamp(from, this.length, this.length) - (k < 0 ? 0 : k);
		}
		return k;
	};
	try {
		return { result: fn(), scanned, searches };
	} catch (error) {
		return { error, scanned, searches };
	} finally {
		proto.indexOf = original.indexOf;
		proto.includes = original.includes;
		proto.lastIndexOf = original.lastIndexOf;
	}
}
