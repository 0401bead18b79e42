/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { findCreatedRecord } from '../../../lib/fattureincloud/recovery';

describe('finding a create whose answer was lost', () => {
	const sent = { type: 'invoice', entity: { id: 4 }, date: '2026-01-10', items_list: [{ name: 'A', qty: 1, net_price: 10 }] };

	test('the stored document that holds every sent value is found', () => {
		const stored = [
			{ id: 1, type: 'invoice', entity: { id: 4, name: 'X' }, date: '2026-01-10', number: 1, items_list: [{ name: 'B', qty: 1, net_price: 10 }] },
			{ id: 2, type: 'invoice', entity: { id: 4, name: 'X' }, date: '2026-01-10', number: 2, amount_net: 10, items_list: [{ name: 'A', qty: 1, net_price: 10, vat: { id: 0 } }] },
		];
		expect(findCreatedRecord(sent, stored)?.id).toBe(2);
	});

	test('nothing is found when no stored record holds the sent values', () => {
		expect(findCreatedRecord(sent, [{ id: 1, type: 'invoice', entity: { id: 5 }, date: '2026-01-10', items_list: sent.items_list }])).toBeUndefined();
	});

	test('the newest match wins', () => {
		const client = { name: 'Rossi', vat_number: '01234567890' };
		expect(findCreatedRecord(client, [{ id: 3, ...client }, { id: 8, ...client }])?.id).toBe(8);
	});
});
