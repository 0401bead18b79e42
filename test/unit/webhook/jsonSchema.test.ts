/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { cachedJsonSchema, compileJsonSchema } from '../../../lib/webhook/jsonSchema';

function compiled(schema: unknown) {
	const result = compileJsonSchema(JSON.stringify(schema));
	if (!result.ok) throw new Error(`schema refused: ${result.reason}`);
	return result.schema;
}

function refusal(schema: unknown): string {
	const result = compileJsonSchema(typeof schema === 'string' ? schema : JSON.stringify(schema));
	if (result.ok) throw new Error('schema was accepted');
	return result.reason;
}

describe('payload JSON Schema (@cfworker/json-schema)', () => {
	const schema = compiled({
		type: 'object',
		required: ['order', 'lines'],
		additionalProperties: false,
		properties: {
			order: { type: 'string', pattern: '^A-\\d+$' },
			status: { enum: ['paid', 'refunded'] },
			amount: { type: 'number', minimum: 0 },
			email: { type: 'string', format: 'email' },
			lines: { type: 'array', minItems: 1, items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 2 } } } },
		},
	});

	test('a conforming payload has no errors', () => {
		expect(schema.validate({ order: 'A-1', status: 'paid', amount: 10, email: 'a@b.it', lines: [{ sku: 'AB' }] })).toEqual([]);
	});

	test('each violation names the JSON pointer of its value', () => {
		const errors = schema.validate({ order: 'B-1', status: 'pending', amount: -1, lines: [{ sku: 'A' }], extra: 1 }, 10);
		expect(errors).toEqual([
			'$/order: String does not match pattern.',
			expect.stringMatching(/^\$\/status: /),
			expect.stringMatching(/^\$\/amount: /),
			expect.stringMatching(/^\$\/lines\/0\/sku: String is too short/),
			'$/extra: not allowed',
		]);
	});

	test('missing required fields and wrong types are reported', () => {
		const errors = schema.validate({ lines: 'x' }, 10);
		expect(errors.some((e) => e.includes('"order"'))).toBe(true);
		expect(errors.some((e) => e.startsWith('$/lines:'))).toBe(true);
	});

	test('format is enforced (the old subset accepted any string)', () => {
		expect(schema.validate({ order: 'A-1', email: 'not an e-mail', lines: [{ sku: 'AB' }] })).toEqual(['$/email: String does not match format "email".']);
		const dates = compiled({ type: 'object', properties: { paid_at: { type: 'string', format: 'date' } } });
		expect(dates.validate({ paid_at: '2026-11-20' })).toEqual([]);
		expect(dates.validate({ paid_at: '20/11/2026' })).not.toEqual([]);
	});

	test('oneOf is enforced (the old subset ignored it)', () => {
		const payment = compiled({ oneOf: [{ type: 'object', required: ['iban'] }, { type: 'object', required: ['card'] }] });
		expect(payment.validate({ iban: 'IT60X0542811101000000123456' })).toEqual([]);
		expect(payment.validate({ iban: 'x', card: 'y' })).not.toEqual([]);
		expect(payment.validate({})).not.toEqual([]);
	});

	test('local $ref, $defs, allOf, not, const, uniqueItems, dependentRequired work', () => {
		const s = compiled({
			$defs: { code: { type: 'string', pattern: '^[A-Z0-9]{7}$' } },
			type: 'object',
			properties: { sdi: { $ref: '#/$defs/code' }, tags: { type: 'array', uniqueItems: true }, kind: { not: { const: 'draft' } } },
			dependentRequired: { pec: ['sdi'] },
		});
		expect(s.validate({ sdi: 'ABC1234', tags: ['a', 'b'], kind: 'final' })).toEqual([]);
		expect(s.validate({ sdi: 'abc' })).not.toEqual([]);
		expect(s.validate({ tags: ['a', 'a'] })).not.toEqual([]);
		expect(s.validate({ kind: 'draft' })).not.toEqual([]);
		expect(s.validate({ pec: 'x@pec.it' })).not.toEqual([]);
	});

	test.each([
		['a misspelt keyword', { type: 'object', requried: ['a'] }, '#/requried: "requried" is not a keyword this node enforces'],
		['a keyword of no draft', { properties: { a: { type: 'string', mustBe: 'x' } } }, '#/properties/a/mustBe'],
		['$dynamicRef (not implemented by the validator)', { $dynamicRef: '#meta' }, '$dynamicRef'],
		['contentEncoding (an annotation only)', { type: 'string', contentEncoding: 'base64' }, 'contentEncoding'],
		['a format the validator does not check', { type: 'string', format: 'iban' }, 'format "iban" is not one this node checks'],
		['a format that is an Object.prototype name', { type: 'string', format: 'constructor' }, 'format "constructor"'],
		['a remote $ref', { $ref: 'https://example.com/schema.json' }, 'only references inside the schema'],
		['a $ref to nothing', { properties: { a: { $ref: '#/$defs/missing' } } }, 'points to nothing'],
		['an invalid pattern', { type: 'string', pattern: '(' }, 'not a valid regular expression'],
		['an invalid patternProperties key', { patternProperties: { '[': { type: 'string' } } }, 'not a valid regular expression'],
		['an unknown type', { type: 'text' }, 'unknown type "text"'],
		['a string where a number belongs', { type: 'string', minLength: '3' }, '#/minLength: expected a number'],
		['an unknown $schema', { $schema: 'https://example.com/my-draft', type: 'object' }, 'not a draft this node supports'],
		['an array', [], 'expected a JSON object'],
	])('%s is refused up front', (_name, schema, reason) => {
		expect(refusal(schema)).toContain(reason);
	});

	test('a schema that is not JSON is reported, not thrown', () => {
		expect(refusal('{type:')).toMatch(/^not valid JSON/);
	});

	test('annotations ($schema, title, description, examples, default) are accepted', () => {
		expect(compileJsonSchema(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'Order', description: 'x', type: 'object', examples: [{}], default: {} })).ok).toBe(true);
	});

	test('a value JSON cannot hold is reported, not thrown', () => {
		expect(compiled({ type: 'object', properties: { a: { type: 'string' } } }).validate({ a: undefined } as never)).toEqual([expect.stringMatching(/cannot be checked/)]);
	});

	test('the compiled schema is memoised by its text', () => {
		const text = JSON.stringify({ type: 'string' });
		expect(cachedJsonSchema(text)).toBe(cachedJsonSchema(text));
	});
});
