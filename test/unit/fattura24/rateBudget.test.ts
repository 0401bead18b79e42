/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';

import { DAY_MS, HOUR_MS, MINUTE_MS, decide, describeSpent, emptyState, readState, record, type RateState } from '../../../lib/fattura24/rateBudget';

const T0 = Date.parse('2026-12-01T10:00:00Z');

/** Counts calls in every window [t, t + w) that starts at a call: the worst windows start at a call. */
function maxInWindow(times: number[], w: number): number {
	const s = [...times].sort((a, b) => a - b);
	let best = 0;
	let j = 0;
	for (let i = 0; i < s.length; i++) {
		while (s[i] - s[j] >= w) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

describe('Fattura24 rate budget', () => {
	test('the 31st call in a minute waits until the first leaves the window', () => {
		let st = emptyState();
		for (let i = 0; i < 30; i++) {
			expect(decide(st, T0 + i * 100)).toEqual({ allowed: true });
			st = record(st, T0 + i * 100);
		}
		const d = decide(st, T0 + 3000);
		expect(d).toEqual({ allowed: false, window: 'minute', limit: 30, waitMs: MINUTE_MS - 3000 });
		expect(decide(st, T0 + MINUTE_MS)).toEqual({ allowed: true });
		expect(describeSpent(d as Exclude<typeof d, { allowed: true }>)).toBe(
			'Fattura24 allows 30 API calls in a minute and this key has used them; the next call can start in 57 s. Fattura24 may suspend a key that goes over, so this call was not sent.',
		);
	});

	test('200 an hour and 500 a day, waits named by window', () => {
		let st = emptyState();
		// 20 calls every 6 minutes: 200 in the first hour, never 30 in a minute
		let t = T0;
		for (let i = 0; i < 200; i++) {
			t = T0 + Math.floor(i / 20) * 6 * MINUTE_MS + (i % 20) * 1000;
			expect(decide(st, t).allowed).toBe(true);
			st = record(st, t);
		}
		const h = decide(st, t + 1000);
		expect(h.allowed).toBe(false);
		expect(h.allowed === false && h.window).toBe('hour');
		// the first bucket (minute of T0) leaves the hour window at T0's minute end + 1 h
		expect(h.allowed === false && h.waitMs).toBe(T0 + MINUTE_MS + HOUR_MS - (t + 1000));
		// fill the day: 200 per hour for hours 2 and 3 gets to 500 within 24 h
		let day = st;
		let n = 200;
		let now = T0 + HOUR_MS + MINUTE_MS;
		while (n < 500) {
			const dd = decide(day, now);
			if (dd.allowed) {
				day = record(day, now);
				n++;
				now += 1000;
			} else now += dd.waitMs;
		}
		const full = decide(day, now + 1000);
		expect(full.allowed === false && full.window).toBe('day');
		expect(full.allowed === false && full.limit).toBe(500);
		expect(full.allowed === false && full.waitMs).toBeGreaterThan(18 * HOUR_MS);
	});

	test('the state is small and stays bounded', () => {
		let st = emptyState();
		let now = T0;
		let calls = 0;
		while (calls < 3000) {
			const d = decide(st, now);
			if (d.allowed) {
				st = record(st, now);
				calls++;
				now += 7_001;
			} else now += d.waitMs;
		}
		const json = JSON.stringify(st);
		expect(calls).toBe(3000);
		expect(st.recent.length).toBeLessThanOrEqual(30);
		expect(st.minutes.length).toBeLessThanOrEqual(500);
		expect(json.length).toBeLessThan(6 * 1024);
		// printed for the report: size of a full day's state
		// eslint-disable-next-line no-console
		console.log(`rate state after ${calls} calls over ${((now - T0) / DAY_MS).toFixed(1)} days: ${json.length} bytes of JSON, ${st.minutes.length} minute buckets`);
		expect(readState(json)).toEqual(st);
	});

	test('stored state: absent is empty, malformed is refused clearly', () => {
		expect(readState(undefined)).toEqual(emptyState());
		expect(readState('')).toEqual(emptyState());
		expect(() => readState('{')).toThrow('Fattura24 rate budget state: the stored text is not JSON');
		expect(() => readState({ v: 2 })).toThrow('expected {v: 1');
		expect(() => readState({ v: 1, recent: ['x'], base: 0, minutes: [] })).toThrow('recent[] must hold call times');
		expect(() => decide(emptyState(), NaN)).toThrow('now: expected a time in ms');
	});

	test('property: interleaved processes sharing the state never exceed 30/min, 200/h, 500/day', () => {
		const refused = { minute: 0, hour: 0, day: 0 };
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						process: fc.integer({ min: 0, max: 3 }),
						gap: fc.oneof(
							{ arbitrary: fc.integer({ min: 0, max: 2000 }), weight: 12 },
							{ arbitrary: fc.constant(0), weight: 3 },
							{ arbitrary: fc.integer({ min: 0, max: 5 * MINUTE_MS }), weight: 1 },
						),
						// a process that is told to wait may sleep the full wait, part of it, or retry at once
						obey: fc.constantFrom('full', 'half', 'retry'),
					}),
					{ minLength: 1, maxLength: 2500, size: 'max' },
				),
				(steps) => {
					let shared: RateState = emptyState();
					let now = T0;
					const sent: number[] = [];
					const notBefore = [0, 0, 0, 0];
					for (const s of steps) {
						now += s.gap;
						// a process told to wait sleeps: it takes no step before its time (time only moves forward)
						if (notBefore[s.process] > now) continue;
						const t = now;
						// each process reads the stored state, decides, records and writes it back
						const st = readState(JSON.parse(JSON.stringify(shared)));
						const d = decide(st, t);
						if (d.allowed) {
							shared = record(st, t);
							sent.push(t);
						} else {
							refused[d.window]++;
							notBefore[s.process] = t + (s.obey === 'full' ? d.waitMs : s.obey === 'half' ? Math.floor(d.waitMs / 2) : 0);
						}
					}
					return maxInWindow(sent, MINUTE_MS) <= 30 && maxInWindow(sent, HOUR_MS) <= 200 && maxInWindow(sent, DAY_MS) <= 500;
				},
			),
			{ numRuns: 25, endOnFailure: true },
		);
		// eslint-disable-next-line no-console
		console.log(`calls refused, by the window that was full: minute ${refused.minute}, hour ${refused.hour}, day ${refused.day}`);
		// the runs did push against every limit, not only stay far below them
		expect(refused.minute).toBeGreaterThan(0);
		expect(refused.hour).toBeGreaterThan(0);
		expect(refused.day).toBeGreaterThan(0);
	});

	test('property: the wait it gives is enough, and it does not refuse more than one minute too early', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 90_000 })), { minLength: 1, maxLength: 700, size: 'max' }), (gaps) => {
				let st = emptyState();
				let now = T0;
				for (const g of gaps) {
					now += g;
					const d = decide(st, now);
					if (d.allowed) st = record(st, now);
					else {
						if (!decide(st, now + d.waitMs).allowed) return false;
						// exact window for the minute; buckets for hour and day: at most one minute late
						if (d.window === 'minute' && d.waitMs > MINUTE_MS) return false;
						if (d.window !== 'minute' && d.waitMs > (d.window === 'hour' ? HOUR_MS : DAY_MS) + MINUTE_MS) return false;
					}
				}
				return true;
			}),
			{ numRuns: 25, endOnFailure: true },
		);
	});
});
