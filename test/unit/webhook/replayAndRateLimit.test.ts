/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { takeToken, type RateLimitState } from '../../../lib/webhook/rateLimit';
import { rememberId, type ReplayCacheState } from '../../../lib/webhook/replayCache';

describe('replay cache', () => {
	test('an id is accepted once, then refused within the TTL, accepted again after it', () => {
		const state: ReplayCacheState = {};
		expect(rememberId(state, 'a', 0, { ttlMs: 1000, maxEntries: 10 })).toBe(true);
		expect(rememberId(state, 'a', 999, { ttlMs: 1000, maxEntries: 10 })).toBe(false);
		expect(rememberId(state, 'a', 2001, { ttlMs: 1000, maxEntries: 10 })).toBe(true);
	});

	test('it stays bounded, dropping the oldest ids', () => {
		const state: ReplayCacheState = {};
		for (let i = 0; i < 50; i++) rememberId(state, `id-${i}`, i, { ttlMs: 1e9, maxEntries: 20 });
		expect(Object.keys(state.seen!)).toHaveLength(20);
		expect(state.seen!['id-49']).toBe(49);
		expect(state.seen!['id-0']).toBeUndefined();
	});

	test('the state survives a JSON round trip (workflow static data)', () => {
		const state: ReplayCacheState = {};
		rememberId(state, 'x', 5);
		expect(rememberId(JSON.parse(JSON.stringify(state)), 'x', 6)).toBe(false);
	});
});

describe('per-IP rate limit', () => {
	test('the 101st request in a minute from one IP is refused with Retry-After; another IP is not', () => {
		const state: RateLimitState = {};
		for (let i = 0; i < 100; i++) expect(takeToken(state, '10.0.0.1', 1000 + i).allowed).toBe(true);
		expect(takeToken(state, '10.0.0.1', 1200)).toEqual({ allowed: false, retryAfterSeconds: 60 });
		expect(takeToken(state, '10.0.0.2', 1200).allowed).toBe(true);
	});

	test('a new window starts after a minute', () => {
		const state: RateLimitState = {};
		for (let i = 0; i < 101; i++) takeToken(state, 'ip', 0);
		expect(takeToken(state, 'ip', 60_000).allowed).toBe(true);
	});

	test('tracked IPs stay bounded', () => {
		const state: RateLimitState = {};
		for (let i = 0; i < 100; i++) takeToken(state, `ip-${i}`, i * 61_000, { limit: 100, windowMs: 60_000, maxTrackedIps: 10 });
		expect(Object.keys(state.windows!).length).toBeLessThanOrEqual(11);
	});
});
