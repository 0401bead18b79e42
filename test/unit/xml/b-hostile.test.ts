/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Hostile and large input: each defect found in issue 9 has a test that counts the parser's
 * search work (no clock), plus the full-size input run once under jest's timeout as a second
 * guard. The figures (time against size, beside fast-xml-parser) are printed by `npm run bench:parse`.
 */
import { parseXml, XmlParseError } from '../../../lib/xml';
import { lotto, manyAttributes, readRealInvoice, smallElements } from '../../helpers/largeInputs';
import { countScans } from '../../helpers/scanCount';
import { describeWithSpec } from '../../helpers/specs';

function refusal(input: string | Uint8Array, options = {}): XmlParseError {
	try {
		parseXml(input, options);
	} catch (e) {
		if (e instanceof XmlParseError) return e;
		throw e;
	}
	throw new Error('expected the parser to refuse the input');
}

/** characters examined by the searches of one parse, per character of input */
function workPerChar(xml: string): number {
	const count = countScans(() => parseXml(xml));
	if (count.error) throw count.error;
	return count.scanned / xml.length;
}

describe('XML parser: search work is linear in the input, whatever its shape', () => {
	it('start tags on one line do not search to the end of the input for a newline (100k empty elements)', () => {
		// the old line counter searched from each start tag to the next newline: ~n^2/8 characters here
		expect(workPerChar(smallElements(400_000))).toBeLessThan(4);
	});

	it('many attributes on one element do not each search to the end of the tag (30k attributes)', () => {
		// the old "<" check searched from each value to the next "<", after the tag: ~n^2/24 characters
		expect(workPerChar(manyAttributes(300_000))).toBeLessThan(4);
	});

	it('the work per character does not grow with the size (one-line elements with text and attributes)', () => {
		const make = (n: number) => `<r>${'<e k="v">t</e>'.repeat(n)}</r>`;
		const small = workPerChar(make(2_000));
		const large = workPerChar(make(64_000));
		expect(large).toBeLessThan(small * 1.5 + 0.5);
	});

	it('a duplicate attribute is still found among many (the check moves to a Set past 8 attributes)', () => {
		const attrs = Array.from({ length: 50 }, (_, i) => ` a${i}="v"`).join('');
		expect(parseXml(`<r${attrs}/>`).root.attributes).toHaveLength(50);
		const e = refusal(`<r${attrs} a17="w"/>`);
		expect(e.message).toMatch(/^attribute a17 appears twice in <r>/);
		expect(refusal('<r a="1" b="2" a="3"/>').message).toMatch(/^attribute a appears twice in <r>/);
	});

	it('"<" inside an attribute value is still refused, and the column points at it', () => {
		const e = refusal('<r a="x" b="1<2"/>');
		expect(e.message).toMatch(/"<" is not allowed in the value of attribute b/);
		expect(e.column).toBe(14);
	});

	it('line numbers stay right when newlines come between long one-line stretches', () => {
		const xml = `<r>${'<e/>'.repeat(1000)}\n\n<f/>${'<e/>'.repeat(1000)}\n<g/></r>`;
		const root = parseXml(xml).root;
		expect(root.children.find((c) => c.local === 'f')!.line).toBe(3);
		expect(root.children.find((c) => c.local === 'g')!.line).toBe(4);
		expect(root.children[999].line).toBe(1);
		const e = refusal(`<r>${'<e/>'.repeat(1000)}\n<e>\n</r>`);
		expect([e.line, e.column]).toEqual([3, 1]);
	});

	it('refuses 5 MB of one-line elements and attributes only by size, and reads 4.9 MB of each', () => {
		// a second guard, by jest's timeout: before the fix these took 73 s and 44 s
		expect(parseXml(smallElements(4_900_000)).root.children.length).toBeGreaterThan(1_000_000);
		expect(parseXml(manyAttributes(4_900_000)).root.attributes.length).toBeGreaterThan(400_000);
		expect(refusal(smallElements(5_300_000)).kind).toBe('too-large');
	}, 30_000);
});

describeWithSpec('fatturapa/samples/valid/gobl-fatturapa', 'XML parser on a real invoice written on one line', () => {
	it('examines about as many characters minified as pretty-printed, per character', () => {
		const sample = readRealInvoice();
		const pretty = workPerChar(lotto(sample, 1_000_000, false));
		const minified = workPerChar(lotto(sample, 1_000_000, true));
		expect(minified).toBeLessThan(4);
		expect(minified).toBeLessThan(pretty * 2 + 0.5);
	});
});

describe('XML decoding: UTF-16 that cannot be decoded is an XmlParseError, not a TypeError', () => {
	const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
	it('odd number of bytes after a UTF-16LE byte-order mark', () => {
		const bytes = Buffer.concat([utf16le('<a>x</a>'), Buffer.from([0x20])]);
		const e = refusal(bytes);
		expect(e.kind).toBe('encoding');
		expect(e.message).toMatch(/UTF-16LE byte-order mark but has an odd number of bytes \(19\)/);
	});
	it('odd number of bytes after a UTF-16BE byte-order mark', () => {
		const e = refusal(Buffer.from([0xfe, 0xff, 0x00, 0x3c, 0x00]));
		expect(e.kind).toBe('encoding');
		expect(e.message).toMatch(/UTF-16BE byte-order mark but has an odd number of bytes/);
	});
	it('an unpaired surrogate in UTF-16', () => {
		const bytes = Buffer.concat([utf16le('<a>'), Buffer.from([0x00, 0xd8]), utf16le('</a>').subarray(2)]);
		const e = refusal(bytes);
		expect(e.kind).toBe('encoding');
		expect(e.message).toMatch(/not valid UTF-16LE/);
	});
	it('well-formed UTF-16 of both byte orders still reads', () => {
		expect(parseXml(utf16le('<a>è€</a>')).root.text).toBe('è€');
		const be = Buffer.from(utf16le('<a>è€</a>').subarray(2)).swap16();
		expect(parseXml(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).root.text).toBe('è€');
	});
});
