/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the webhook state (replay ids, per-IP windows) against simple reference
 * models: random call sequences over ids and IPs that include Object.prototype names, with
 * static-data round trips (JSON) in between. The caches answer as the models do, stay within
 * their caps and never touch a prototype.
 * Seed: FUZZ_SEED (printed), fixed by default so CI runs are reproducible.
 */
import fc from 'fast-check';

import { RateLimiter } from '../../../lib/webhook/rateLimit';
import { ReplayCache } from '../../../lib/webhook/replayCache';

const SEED = Number(process.env.FUZZ_SEED) || 20261201;
const RUNS = Number(process.env.FUZZ_RUNS) || 300;
const settings = { seed: SEED, numRuns: RUNS };
beforeAll(() => console.log(`webhook-state fuzz: seed ${SEED}, ${RUNS} runs per property (FUZZ_SEED / FUZZ_RUNS to change)`));

const NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineSetter__', 'prototype', 'length', '0', ''];
const key = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 4 }));

function prototypesIntact(): void {
	expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	expect(Object.keys(Object.prototype)).toEqual([]);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('replay cache', () => {
	test('answers like a reference list of (id, time) under any sequence of ids, times and JSON round trips', () => {
		const step = fc.record({ id: key, dt: fc.oneof(fc.nat(50), fc.constant(0), fc.integer({ min: 100, max: 400 })), roundTrip: fc.boolean() });
		fc.assert(
			fc.property(fc.array(step, { maxLength: 120 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 }), (steps, maxEntries, ttlMs) => {
				const options = { ttlMs, maxEntries };
				let cache = new ReplayCache(options);
				let model: Array<[string, number]> = [];
				let now = 1000;
				for (const { id, dt, roundTrip } of steps) {
					now += dt;
					model = model.filter(([, at]) => now - at <= ttlMs);
					const expectedNew = !model.some(([seen]) => seen === id);
					if (expectedNew) {
						model.push([id, now]);
						if (model.length > maxEntries) model.shift();
					}
					expect(cache.remember(id, now)).toBe(expectedNew);
					expect(cache.size).toBeLessThanOrEqual(maxEntries);
					if (roundTrip) cache = ReplayCache.fromJSON(JSON.parse(JSON.stringify(cache)), options);
				}
				prototypesIntact();
			}),
			settings,
		);
	});

	test('fromJSON of any JSON never throws and yields a cache within its cap', () => {
		fc.assert(
			fc.property(fc.oneof(fc.jsonValue(), fc.array(fc.tuple(fc.oneof(key, fc.jsonValue()), fc.oneof(fc.integer(), fc.jsonValue()))), fc.dictionary(key, fc.oneof(fc.integer(), fc.jsonValue()))), (value) => {
				const cache = ReplayCache.fromJSON(JSON.parse(JSON.stringify(value)), { ttlMs: 1000, maxEntries: 5 });
				expect(cache.size).toBeLessThanOrEqual(5);
				expect(typeof cache.remember('fresh-id-not-generated-above', 0)).toBe('boolean');
				prototypesIntact();
			}),
			settings,
		);
	});
});

describe('rate limiter', () => {
	test('answers like a reference table of windows under any sequence of IPs and times; the IP cap always holds', () => {
		const step = fc.record({ ip: key, dt: fc.oneof(fc.nat(30), fc.constant(0), fc.integer({ min: 50, max: 200 })) });
		fc.assert(
			fc.property(fc.array(step, { maxLength: 150 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 10, max: 150 }), (steps, limit, maxTrackedIps, windowMs) => {
				const options = { limit, windowMs, maxTrackedIps };
				const limiter = new RateLimiter();
				// reference: windows in start order, fully rescanned on every call
				let model: Array<{ ip: string; start: number; count: number }> = [];
				let now = 0;
				for (const { ip, dt } of steps) {
					now += dt;
					model = model.filter((w) => now - w.start < windowMs);
					let window = model.find((w) => w.ip === ip);
					let allowed: boolean;
					if (!window) {
						model.push({ ip, start: now, count: 1 });
						if (model.length > maxTrackedIps) model.shift();
						allowed = true;
					} else if (window.count >= limit) allowed = false;
					else {
						window.count++;
						allowed = true;
					}
					expect(limiter.take(ip, now, options).allowed).toBe(allowed);
					expect(limiter.trackedIps).toBe(model.length);
					expect(limiter.trackedIps).toBeLessThanOrEqual(maxTrackedIps);
				}
				prototypesIntact();
			}),
			settings,
		);
	});
});
