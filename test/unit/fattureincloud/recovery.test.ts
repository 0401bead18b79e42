/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { createdSince, newestId } from '../../../lib/fattureincloud/recovery';

describe('finding a create whose answer was lost', () => {
	const sent = { type: 'invoice', entity: { id: 4 }, date: '2026-01-10', items_list: [{ name: 'A', qty: 1, net_price: 10 }] };

	test('the new stored document that holds every sent value is found', () => {
		const stored = [
			{ id: 1, type: 'invoice', entity: { id: 4, name: 'X' }, date: '2026-01-10', number: 1, items_list: [{ name: 'B', qty: 1, net_price: 10 }] },
			{ id: 2, type: 'invoice', entity: { id: 4, name: 'X' }, date: '2026-01-10', number: 2, amount_net: 10, items_list: [{ name: 'A', qty: 1, net_price: 10, vat: { id: 0 } }] },
		];
		expect(createdSince(sent, stored, 1)).toMatchObject({ applied: true, record: { id: 2 } });
	});

	test('nothing is found when no new record holds the sent values', () => {
		expect(createdSince(sent, [{ id: 5, type: 'invoice', entity: { id: 5 }, date: '2026-01-10', items_list: sent.items_list }], 0)).toEqual({ applied: false });
	});

	test('an identical record that existed before the first attempt is never taken for the new one', () => {
		const client = { name: 'Rossi', vat_number: '01234567890' };
		const before = [{ id: 3, ...client }, { id: 8, ...client }];
		expect(createdSince(client, before, newestId(before))).toEqual({ applied: false });
		expect(createdSince(client, [...before, { id: 9, ...client }], newestId(before))).toMatchObject({ applied: true, record: { id: 9 } });
	});

	test('two new identical records cannot be told apart: the look-up says so with their ids', () => {
		const client = { name: 'Rossi' };
		expect(createdSince(client, [{ id: 9, ...client }, { id: 10, ...client }], 8)).toEqual({ applied: 'unknown', ids: [9, 10] });
	});

	test('a matching record whose id is not a number cannot be placed before or after: unknown', () => {
		expect(createdSince({ sink: 'https://x' }, [{ id: 'SUB1001', sink: 'https://x' }], 0)).toEqual({ applied: 'unknown', ids: ['SUB1001'] });
	});

	test('the watermark is the highest id, 0 for an empty list', () => {
		expect(newestId([{ id: 4 }, { id: 12 }, { id: 7 }])).toBe(12);
		expect(newestId([])).toBe(0);
	});
});
