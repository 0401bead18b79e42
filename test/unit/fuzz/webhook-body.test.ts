/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the Signed Webhook's body handling: the JSON body parser (depth cap, strict
 * UTF-8), the payload JSON Schema compiler and validator, and whole signed deliveries through
 * the node. The only failures allowed are the parsers' own refusals; an accepted body must be
 * one the nodes after the trigger can handle (JSON.stringify of the item does not overflow).
 * Seed: FUZZ_SEED (printed), fixed by default so CI runs are reproducible.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_JSON_DEPTH, jsonNestingDepth, parseJsonBody } from '../../../lib/webhook/jsonBody';
import { compileJsonSchema } from '../../../lib/webhook/jsonSchema';
import { signedHeaders } from '../../../lib/webhook/signature';
import { triggerHarness } from '../../harness/triggers';

const SEED = Number(process.env.FUZZ_SEED) || 20261201;
const RUNS = Number(process.env.FUZZ_RUNS) || 400;
const settings = { seed: SEED, numRuns: RUNS };
beforeAll(() => console.log(`webhook-body fuzz: seed ${SEED}, ${RUNS} runs per property (FUZZ_SEED / FUZZ_RUNS to change)`));

const BODY_REASONS = [/^body is not valid UTF-8$/, /^body is not valid JSON$/, /^body JSON is nested deeper than \d+ levels$/];

/** Depth of a parsed value, iteratively (the reference the text scan must agree with). */
function valueDepth(root: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[root, 0]];
	while (stack.length) {
		const [value, depth] = stack.pop()!;
		if (value && typeof value === 'object') {
			deepest = Math.max(deepest, depth + 1);
			for (const child of Object.values(value)) stack.push([child, depth + 1]);
		}
	}
	return deepest;
}

/** JSON text mutated at random places with the characters a depth scanner can trip on. */
const mutatedJson = fc
	.tuple(fc.json({ depthSize: 'medium' }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('[', ']', '{', '}', '"', '\\', ',', ':', '\u0000', '\ud800', '\u2028')), { maxLength: 8 }))
	.map(([text, edits]) => {
		let out = text;
		for (const [at, c] of edits) {
			const i = out.length ? at % (out.length + 1) : 0;
			out = out.slice(0, i) + c + out.slice(i);
		}
		return out;
	});

/** Deeply nested arrays and objects (beyond the cap at times), built as text. */
const deepJson = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([depth, open, closed]) => {
	const close = open === '[' ? ']' : '}';
	return open.repeat(depth) + (open === '[' ? '' : '1') + (closed ? close.repeat(depth) : '');
});

const bodyBytes = fc.oneof(
	fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
	fc.json({ depthSize: 'large' }).map((text) => Buffer.from(text)),
	mutatedJson.map((text) => Buffer.from(text)),
	deepJson.map((text) => Buffer.from(text)),
	fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)),
);

describe('parseJsonBody', () => {
	test('never throws; refuses only with its own reasons; an accepted value is JSON.parse of the text and stays within the depth cap', () => {
		fc.assert(
			fc.property(bodyBytes, fc.integer({ min: 1, max: 200 }), (raw, maxDepth) => {
				const result = parseJsonBody(raw, maxDepth);
				if (!result.ok) {
					expect(BODY_REASONS.some((r) => r.test(result.reason))).toBe(true);
					return;
				}
				expect(valueDepth(result.value)).toBeLessThanOrEqual(maxDepth);
				expect(() => JSON.stringify(result.value)).not.toThrow();
				expect(result.value).toEqual(JSON.parse(new TextDecoder().decode(raw)));
			}),
			settings,
		);
	});

	test('the text scan measures the same depth as the parsed value', () => {
		fc.assert(
			fc.property(fc.jsonValue({ depthSize: 'large' }), (value) => {
				expect(jsonNestingDepth(JSON.stringify(value))).toBe(valueDepth(value));
			}),
			settings,
		);
	});

	test('a body deeper than the cap is refused whatever its shape', () => {
		fc.assert(
			fc.property(fc.integer({ min: DEFAULT_MAX_JSON_DEPTH + 1, max: 5000 }), fc.constantFrom('[', '{"k":'), (depth, open) => {
				const close = open === '[' ? ']' : '}';
				const text = open.repeat(depth) + (open === '[' ? '' : '0') + close.repeat(depth);
				expect(parseJsonBody(Buffer.from(text))).toEqual({ ok: false, reason: `body JSON is nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels` });
			}),
			{ ...settings, numRuns: Math.min(RUNS, 100) },
		);
	});
});

const KEYWORDS = ['type', 'required', 'properties', 'items', 'prefixItems', 'enum', 'const', 'format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', '$ref', '$defs', 'additionalProperties', 'patternProperties', 'dependentRequired', 'dependencies', 'uniqueItems', 'contains', 'multipleOf', 'exclusiveMinimum', '$recursiveRef', '$recursiveAnchor', '$anchor', '$id', '$schema', 'requried', '__proto__', 'constructor'];

/** Schema-shaped JSON: objects keyed by real (and a few bogus) keywords with arbitrary values. */
const schemaLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	schema: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.boolean(),
		fc.dictionary(fc.constantFrom(...KEYWORDS), fc.oneof(tie('schema'), tie('leaf'), fc.array(tie('schema'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), tie('schema'), { maxKeys: 3 })), { maxKeys: 5 }),
	),
	leaf: fc.oneof(
		fc.constantFrom('string', 'object', 'array', 'number', 'integer', 'null', 'email', 'date', 'uuid', '#', '#/$defs/a', '#/properties', '^a+$', '(', 'iban', 'constructor'),
		fc.jsonValue({ maxDepth: 2 }),
	),
})).schema;

const key = fc.constantFrom('a', 'b', 'email', 'n', '__proto__', 'constructor', 'toString', '');
/** Well-formed schemas of the keywords the node enforces, nested, for the validator to run on. */
const schemas = fc.letrec((tie) => ({
	schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.boolean(), tie('object')),
	object: fc.array(fc.oneof(tie('leaf'), tie('compound')), { minLength: 1, maxLength: 3 }).map((parts) => Object.assign({}, ...(parts as object[]))),
	leaf: fc.oneof(
		fc.record({ type: fc.oneof(fc.constantFrom('string', 'object', 'array', 'number', 'integer', 'null', 'boolean'), fc.constant(['string', 'null'])) }),
		fc.record({ minLength: fc.nat(5), maxLength: fc.nat(20) }, { requiredKeys: [] }),
		fc.record({ format: fc.constantFrom('email', 'date', 'date-time', 'time', 'uuid', 'uri', 'ipv4', 'ipv6', 'hostname', 'duration', 'regex', 'json-pointer') }),
		fc.record({ pattern: fc.constantFrom('^a+$', '\\d', '^(a|b)*$', '[\\u0000-\\uffff]', '') }),
		fc.record({ enum: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 4 }) }),
		fc.record({ const: fc.jsonValue({ maxDepth: 2 }) }),
		fc.record({ minimum: fc.integer({ min: -5, max: 5 }), maximum: fc.integer({ min: -5, max: 50 }), exclusiveMinimum: fc.integer({ min: -5, max: 5 }), multipleOf: fc.constantFrom(1, 2, 0.5, 0.1) }, { requiredKeys: [] }),
		fc.record({ minItems: fc.nat(3), maxItems: fc.nat(5), uniqueItems: fc.boolean(), minProperties: fc.nat(2), maxProperties: fc.nat(5) }, { requiredKeys: [] }),
		fc.record({ required: fc.array(key, { maxLength: 3 }) }),
		fc.record({ dependentRequired: fc.dictionary(key, fc.array(key, { maxLength: 2 }), { maxKeys: 2 }) }),
		fc.constantFrom({ $ref: '#' }, { $ref: '#/$defs/d' }),
	),
	compound: fc.oneof(
		fc.record({ properties: fc.dictionary(key, tie('schema'), { maxKeys: 3 }) }),
		fc.record({ patternProperties: fc.dictionary(fc.constantFrom('^x', 'a$', '.'), tie('schema'), { maxKeys: 2 }) }),
		fc.record({ additionalProperties: tie('schema'), propertyNames: fc.constant({ maxLength: 3 }) }, { requiredKeys: [] }),
		fc.record({ items: tie('schema'), contains: tie('schema'), prefixItems: fc.array(tie('schema'), { maxLength: 2 }) }, { requiredKeys: [] }),
		fc.record({ oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
		fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
		fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
		fc.record({ not: tie('schema') }),
		fc.record({ if: tie('schema'), then: tie('schema'), else: tie('schema') }, { requiredKeys: ['if'] }),
	),
}));
/** A root schema is an object (the node refuses a bare true/false); `#/$defs/d` refs resolve at the root. */
const validSchema = schemas.object.map((schema) => ({ ...(schema as object), $defs: { d: { type: 'string', maxLength: 3 } } }));

describe('payload JSON Schema', () => {
	test('compiling any JSON text never throws: a schema is accepted or refused with a reason', () => {
		fc.assert(
			fc.property(fc.oneof(fc.json(), schemaLike.map((s) => JSON.stringify(s)), fc.string({ maxLength: 50 })), (text) => {
				const result = compileJsonSchema(text);
				if (!result.ok) expect(typeof result.reason).toBe('string');
			}),
			settings,
		);
	});

	test('a well-formed schema is accepted and validates any JSON value without throwing, answering located messages', () => {
		fc.assert(
			fc.property(fc.oneof(validSchema, fc.record({ type: fc.constant('object'), $defs: fc.constant({ d: { type: 'string' } }), properties: fc.dictionary(key, schemas.schema, { maxKeys: 4 }) })), fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 4 }), (schema, values) => {
				const result = compileJsonSchema(JSON.stringify(schema));
				if (!result.ok) throw new Error(`refused ${JSON.stringify(schema)}: ${result.reason}`);
				for (const value of values) {
					const errors = result.schema.validate(value);
					expect(Array.isArray(errors)).toBe(true);
					expect(errors.length).toBeLessThanOrEqual(5);
					for (const error of errors) expect(error).toMatch(/^\$/);
				}
			}),
			settings,
		);
	});
});

describe('signed deliveries through the Signed Webhook node', () => {
	const SECRET = 'fuzz-secret-of-at-least-16-chars';
	const schema = JSON.stringify({ type: 'object', properties: { email: { type: 'string', format: 'email' }, n: { type: 'integer', minimum: 0 } } });

	test('any correctly signed body is accepted or refused with 400/413; an accepted item survives JSON.stringify', async () => {
		const withSchema = await triggerHarness(
			{
				name: 'Signed',
				type: 'signedWebhookTrigger',
				parameters: { path: 'fuzz', format: 'hex', header: 'x-signature', algorithm: 'sha256', options: { rateLimit: 0, jsonSchema: schema, maxBodyKb: 16 } } as never,
				credentials: { signedWebhookApi: { id: '1', name: 's' } },
			},
			{ signedWebhookApi: { secret: SECRET } },
		);
		await fc.assert(
			fc.asyncProperty(bodyBytes, fc.constantFrom('application/json', 'application/cloudevents+json; charset=utf-8', 'text/plain', ''), async (raw, contentType) => {
				const headers: Record<string, string> = { ...signedHeaders(raw, { format: 'hex', secret: SECRET, header: 'x-signature' }) };
				if (contentType) headers['content-type'] = contentType;
				// the harness fills req.body the way n8n's body parser would, without crashing on bad JSON
				const { result, response } = await withSchema.deliver({ headers, rawBody: raw });
				if (result.workflowData) {
					expect(() => JSON.stringify(result.workflowData)).not.toThrow();
					expect(result.webhookResponse).toEqual({ received: true, id: null });
				} else {
					expect([400, 413]).toContain(response.statusCode);
					expect(typeof (response.body as IDataObject).error).toBe('string');
				}
			}),
			{ ...settings, numRuns: Math.min(RUNS, 300) },
		);
	});
});
