/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { DEFAULT_MAX_JSON_DEPTH, jsonNestingDepth, parseJsonBody } from '../../../lib/webhook/jsonBody';

const nested = (depth: number) => Buffer.from('['.repeat(depth) + ']'.repeat(depth));

describe('webhook JSON body', () => {
	test('an ordinary body parses', () => {
		expect(parseJsonBody(Buffer.from('{"order":"A-1","lines":[{"qty":2}]}'))).toEqual({ ok: true, value: { order: 'A-1', lines: [{ qty: 2 }] } });
	});

	test(`nesting up to ${DEFAULT_MAX_JSON_DEPTH} levels is accepted, one more is refused`, () => {
		expect(parseJsonBody(nested(DEFAULT_MAX_JSON_DEPTH)).ok).toBe(true);
		expect(parseJsonBody(nested(DEFAULT_MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: `body JSON is nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels` });
	});

	test('a 1,000,000-deep body (which JSON.parse accepts but JSON.stringify cannot handle) is refused', () => {
		const deep = nested(1_000_000);
		expect(() => JSON.stringify(JSON.parse(deep.toString()))).toThrow(RangeError);
		expect(parseJsonBody(deep)).toMatchObject({ ok: false, reason: expect.stringContaining('nested deeper') });
	});

	test('brackets inside strings, escaped quotes included, do not count', () => {
		const text = JSON.stringify({ a: '[[[[{{{{\\"[[[[', b: ['"]]]]'] });
		expect(jsonNestingDepth(text)).toBe(2);
		expect(parseJsonBody(Buffer.from(text), 2).ok).toBe(true);
	});

	test('the depth limit is configurable', () => {
		expect(parseJsonBody(Buffer.from('{"a":{"b":{}}}'), 2)).toMatchObject({ ok: false });
		expect(parseJsonBody(Buffer.from('{"a":{"b":{}}}'), 3)).toMatchObject({ ok: true });
	});

	test('invalid UTF-8 is refused, not replaced with U+FFFD', () => {
		expect(parseJsonBody(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toEqual({ ok: false, reason: 'body is not valid UTF-8' });
	});

	test('a UTF-8 BOM is dropped', () => {
		expect(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
	});

	test('malformed JSON is refused without echoing the body', () => {
		expect(parseJsonBody(Buffer.from('{"card":"4111111111111111",'))).toEqual({ ok: false, reason: 'body is not valid JSON' });
	});
});
