/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { parseJsonSchema, validateJson } from '../../../lib/webhook/jsonSchema';

describe('payload schema subset', () => {
	const schema = {
		type: 'object',
		required: ['order', 'lines'],
		additionalProperties: false,
		properties: {
			order: { type: 'string', pattern: '^A-\\d+$' },
			status: { enum: ['paid', 'refunded'] },
			amount: { type: 'number', minimum: 0 },
			lines: { type: 'array', minItems: 1, items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 2 } } } },
		},
	};

	test('a conforming payload has no errors', () => {
		expect(validateJson(schema, { order: 'A-1', status: 'paid', amount: 10, lines: [{ sku: 'AB' }] })).toEqual([]);
	});

	test('each violation names its path', () => {
		expect(validateJson(schema, { order: 'B-1', status: 'pending', amount: -1, lines: [{ sku: 'A' }], extra: 1 })).toEqual([
			'$.order: does not match ^A-\\d+$',
			'$.status: must be one of "paid", "refunded"',
			'$.amount: less than 0',
			'$.lines[0].sku: shorter than 2',
			'$.extra: not allowed',
		]);
	});

	test('missing required fields and wrong types are reported', () => {
		expect(validateJson(schema, { lines: 'x' })).toEqual(['$.order: required', '$.lines: expected array, got string']);
	});

	test('a schema that is not JSON is reported, not thrown', () => {
		expect(parseJsonSchema('{type:')).toMatchObject({ ok: false });
	});
});
