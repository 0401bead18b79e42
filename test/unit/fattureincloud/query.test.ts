/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { buildQuery, conditionToQuery } from '../../../lib/fattureincloud/query';

describe('Fatture in Cloud q filter builder', () => {
	test('quotes are escaped so a name cannot break the filter', () => {
		expect(conditionToQuery({ field: 'entity.name', operator: 'contains', value: "D'Angelo" })).toBe("entity.name contains 'D''Angelo'");
	});

	test('free query and conditions are joined with AND, the free part in parentheses', () => {
		expect(buildQuery("a = 1 or b = 2", [{ field: 'date', operator: '>=', value: '2025-01-01' }])).toBe("(a = 1 or b = 2) and date >= '2025-01-01'");
	});

	test('null tests take no value', () => {
		expect(conditionToQuery({ field: 'ei_status', operator: 'is null' })).toBe('ei_status is null');
	});

	test('a field that is not a FIC field name is refused with its name', () => {
		expect(() => conditionToQuery({ field: 'name; drop', operator: '=', value: 'x' })).toThrow(/name; drop/);
	});

	test('a comparison without a value names the field', () => {
		expect(() => conditionToQuery({ field: 'vat_number', operator: '=', value: '' })).toThrow(/vat_number/);
	});

	test('nothing to filter gives no q at all', () => {
		expect(buildQuery('  ', [])).toBeUndefined();
	});
});
