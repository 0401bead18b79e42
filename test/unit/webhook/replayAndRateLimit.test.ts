/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { RateLimiter } from '../../../lib/webhook/rateLimit';
import { ReplayCache } from '../../../lib/webhook/replayCache';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

describe('replay cache', () => {
	test('an id is accepted once, then refused within the TTL, accepted again after it', () => {
		const cache = new ReplayCache({ ttlMs: 1000, maxEntries: 10 });
		expect(cache.remember('a', 0)).toBe(true);
		expect(cache.remember('a', 999)).toBe(false);
		expect(cache.remember('a', 2001)).toBe(true);
	});

	test.each(PROTOTYPE_NAMES)('the id %s is new on its first delivery and a replay on its second', (id) => {
		const cache = new ReplayCache();
		expect(cache.remember(id, 1)).toBe(true);
		expect(cache.remember(id, 2)).toBe(false);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('it holds at most maxEntries ids, dropping the oldest', () => {
		const cache = new ReplayCache({ ttlMs: 1e9, maxEntries: 20 });
		for (let i = 0; i < 50; i++) cache.remember(`id-${i}`, i);
		expect(cache.size).toBe(20);
		expect(cache.has('id-49', 50)).toBe(true);
		expect(cache.has('id-29', 50)).toBe(false);
		expect(cache.has('id-30', 50)).toBe(true);
	});

	test('expired ids are dropped as time passes', () => {
		const cache = new ReplayCache({ ttlMs: 100, maxEntries: 1000 });
		for (let i = 0; i < 10; i++) cache.remember(`old-${i}`, i);
		cache.remember('new', 500);
		expect(cache.size).toBe(1);
	});

	test('the static-data form is an array of entries that round-trips through JSON, __proto__ included', () => {
		const cache = new ReplayCache();
		for (const id of PROTOTYPE_NAMES) cache.remember(id, 5);
		cache.remember('x', 6);
		const json = JSON.parse(JSON.stringify(cache));
		expect(Array.isArray(json)).toBe(true);
		expect(json).toContainEqual(['__proto__', 5]);
		const back = ReplayCache.fromJSON(json);
		for (const id of [...PROTOTYPE_NAMES, 'x']) expect(back.remember(id, 7)).toBe(false);
		expect(back.remember('y', 7)).toBe(true);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	});

	test('the object forms written by earlier versions are read, including a __proto__ key', () => {
		const legacyFic = JSON.parse('{"__proto__": 10, "ce-1": 11}');
		const legacySigned = JSON.parse('{"seen": {"constructor": 10, "d-1": 12}}');
		const fic = ReplayCache.fromJSON(legacyFic);
		expect(fic.remember('__proto__', 20)).toBe(false);
		expect(fic.remember('ce-1', 20)).toBe(false);
		const signed = ReplayCache.fromJSON(legacySigned);
		expect(signed.remember('constructor', 20)).toBe(false);
		expect(signed.remember('d-1', 20)).toBe(false);
		expect(signed.remember('d-2', 20)).toBe(true);
	});

	test.each([undefined, null, 42, 'text', [1, 2], [['a']], [['a', 'not a number']], [[5, 5]], { a: 'x' }])('malformed static data %p gives an empty cache, no error', (value) => {
		const cache = ReplayCache.fromJSON(value);
		expect(cache.size).toBe(0);
		expect(cache.remember('a', 1)).toBe(true);
	});

	test('static data over the cap keeps only the newest maxEntries ids', () => {
		const entries = Array.from({ length: 100 }, (_, i) => [`id-${i}`, i]);
		const cache = ReplayCache.fromJSON(entries.reverse(), { ttlMs: 1e9, maxEntries: 10 });
		expect(cache.size).toBe(10);
		expect(cache.has('id-99', 100)).toBe(true);
		expect(cache.has('id-89', 100)).toBe(false);
	});
});

describe('per-IP rate limit', () => {
	test('the 101st request in a minute from one IP is refused with Retry-After; another IP is not', () => {
		const limiter = new RateLimiter();
		for (let i = 0; i < 100; i++) expect(limiter.take('10.0.0.1', 1000 + i).allowed).toBe(true);
		expect(limiter.take('10.0.0.1', 1200)).toEqual({ allowed: false, retryAfterSeconds: 60 });
		expect(limiter.take('10.0.0.2', 1200).allowed).toBe(true);
	});

	test('a new window starts after a minute', () => {
		const limiter = new RateLimiter();
		for (let i = 0; i < 101; i++) limiter.take('ip', 0);
		expect(limiter.take('ip', 60_000).allowed).toBe(true);
	});

	test.each(PROTOTYPE_NAMES)('an IP of %s is limited like any other and touches no prototype', (ip) => {
		const limiter = new RateLimiter();
		for (let i = 0; i < 100; i++) expect(limiter.take(ip, i).allowed).toBe(true);
		expect(limiter.take(ip, 100).allowed).toBe(false);
		expect(limiter.take('10.0.0.3', 100).allowed).toBe(true);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
		expect(Object.keys(Object.prototype)).toEqual([]);
	});

	test('the 10,000-IP cap holds with 17,500 IPs inside one window', () => {
		const limiter = new RateLimiter();
		for (let i = 0; i < 17_500; i++) limiter.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 1000 + (i % 50));
		expect(limiter.trackedIps).toBe(10_000);
	});

	test('expired windows are dropped, so a quiet minute empties the table', () => {
		const limiter = new RateLimiter();
		for (let i = 0; i < 500; i++) limiter.take(`ip-${i}`, i);
		limiter.take('late', 500 + 60_000);
		expect(limiter.trackedIps).toBe(1);
	});

	test('a changed limit applies to the next call', () => {
		const limiter = new RateLimiter();
		const options = { limit: 2, windowMs: 60_000, maxTrackedIps: 10 };
		expect(limiter.take('ip', 0, options).allowed).toBe(true);
		expect(limiter.take('ip', 1, options).allowed).toBe(true);
		expect(limiter.take('ip', 2, options).allowed).toBe(false);
		expect(limiter.take('ip', 3, { ...options, limit: 5 }).allowed).toBe(true);
	});
});
