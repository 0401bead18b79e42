/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { pruneEmpty, stripReadOnly, toCountryIso, toFicDate } from '../../../lib/fattureincloud/body';

describe('request body hygiene', () => {
	test('read-only fields of a fetched object are stripped, arrays included', () => {
		const fetched = { data: { id: 9, created_at: 'x', name: 'A', amount_net: 10, items_list: [{ name: 'p', vat: { id: 0, editable: false } }] } };
		const body = stripReadOnly(fetched, ['data.amount_net', 'data.items_list[].vat.editable'], true);
		expect(body).toEqual({ data: { name: 'A', items_list: [{ name: 'p', vat: { id: 0 } }] } });
	});

	test('an update keeps the id it was given', () => {
		expect(stripReadOnly({ data: { id: 3, name: 'A' } }, [], false)).toEqual({ data: { id: 3, name: 'A' } });
	});

	test('dates go as YYYY-MM-DD from ISO date-times and Italian dates', () => {
		expect(toFicDate('2025-03-04T10:00:00Z', 'Date')).toBe('2025-03-04');
		expect(toFicDate('4/3/2025', 'Date')).toBe('2025-03-04');
		expect(toFicDate(new Date('2025-12-31T00:00:00Z'), 'Date')).toBe('2025-12-31');
	});

	test('an impossible date is refused with the field name', () => {
		expect(() => toFicDate('2025-02-30', 'Due Date')).toThrow(/Due Date.*2025-02-30/);
		expect(() => toFicDate('tomorrow', 'Date')).toThrow(/Date/);
	});

	test('countries travel as upper-case ISO codes', () => {
		expect(toCountryIso('de', 'Country')).toBe('DE');
		expect(() => toCountryIso('Germania', 'Country')).toThrow(/two-letter ISO/);
	});

	test('empty values are dropped so they never overwrite a stored value', () => {
		expect(pruneEmpty({ a: '', b: undefined, c: 0, d: false, e: { f: '' }, g: 'x' })).toEqual({ c: 0, d: false, g: 'x' });
	});
});
