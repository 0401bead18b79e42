/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';

import { isPaid, manualSample, sampleKinds } from '../../../lib/fattureincloud/watch';
import type { ChangeKind } from '../../../lib/polling';

const record = fc.record({
	id: fc.integer({ min: 1, max: 1_000_000 }),
	payments_list: fc.array(fc.record({ status: fc.constantFrom('paid', 'not_paid', 'reversed') }), { maxLength: 3 }),
});
const kinds = fc.subarray<ChangeKind>(['new', 'changed', 'paid'], { minLength: 1 });

describe('manual-run sample of the polling trigger', () => {
	test('every sampled record is one the chosen kinds could emit, newest first, at most five', () => {
		fc.assert(
			fc.property(fc.array(record, { maxLength: 30 }), kinds, (records, chosen) => {
				const sample = manualSample(records, chosen);
				expect(sample.length).toBeLessThanOrEqual(5);
				for (const item of sample) {
					expect(item.kind).toBe('sample');
					expect(item.sampleOf.length).toBeGreaterThan(0);
					expect(item.sampleOf.every((k) => chosen.includes(k))).toBe(true);
					if (item.sampleOf.includes('paid')) expect(isPaid(item)).toBe(true);
				}
				const eligible = records.filter((r) => chosen.some((k) => k !== 'paid') || isPaid(r));
				expect(sample.map((s) => s.id)).toEqual(eligible.slice(0, 5).map((r) => r.id));
			}),
		);
	});

	test('with only Paid chosen, an unpaid document is never a sample', () => {
		expect(sampleKinds({ payments_list: [{ status: 'not_paid' }] }, ['paid'])).toEqual([]);
		expect(sampleKinds({ payments_list: [] }, ['paid'])).toEqual([]);
		expect(sampleKinds({ payments_list: [{ status: 'paid' }] }, ['paid'])).toEqual(['paid']);
		expect(manualSample([{ id: 2, payments_list: [{ status: 'not_paid' }] }, { id: 1, payments_list: [{ status: 'paid' }] }], ['paid']).map((s) => s.id)).toEqual([1]);
	});

	test('says which chosen kinds a record stands for', () => {
		expect(sampleKinds({ payments_list: [{ status: 'paid' }] }, ['paid', 'new'])).toEqual(['new', 'paid']);
		expect(sampleKinds({}, ['changed', 'paid'])).toEqual(['changed']);
	});
});
