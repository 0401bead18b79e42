/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the safe XML reader: mutations of real invoices (valid, invalid, security
 * attacks, semplificata, notifications) and random bytes. Only XmlParseError may escape; a parse
 * that succeeds gives a coherent tree; a refusal has a position inside the input.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import { parseXml, XmlParseError, type XmlElement } from '../../../lib/xml';
import { describeWithSpec } from '../../helpers/specs';
import { describeError, escaped, fuzzOptions, label, mutatedSample, sampleFiles, XML_TOKENS } from './fuzzInputs';

const FOLDERS = ['fatturapa/samples/valid', 'fatturapa/samples/invalid', 'fatturapa/samples/notifications'];
const bases = sampleFiles(FOLDERS, /\.xml$/i)
	.map((f) => fs.readFileSync(f))
	.filter((b) => b.length <= 64 * 1024);

function checkTree(root: XmlElement, maxDepth: number): void {
	const stack: [XmlElement, number][] = [[root, 1]];
	while (stack.length) {
		const [el, depth] = stack.pop()!;
		expect(depth).toBeLessThanOrEqual(maxDepth);
		expect(typeof el.name).toBe('string');
		expect(el.name.endsWith(el.local)).toBe(true);
		expect(el.line).toBeGreaterThanOrEqual(1);
		for (const c of el.children) stack.push([c, depth + 1]);
	}
}

describeWithSpec('fatturapa/samples', 'fuzz: parseXml', () => {
	it(`only XmlParseError escapes, on mutated samples and random bytes ${label()}`, () => {
		expect(bases.length).toBeGreaterThan(20);
		fc.assert(
			fc.property(mutatedSample(bases, XML_TOKENS), (input) => {
				const e = escaped(() => {
					const doc = parseXml(input, { maxDepth: 64 });
					checkTree(doc.root, 64);
				});
				if (e === undefined) return;
				if (!(e instanceof XmlParseError)) throw new Error(`not an XmlParseError: ${describeError(e)}`);
				expect(e.message.length).toBeGreaterThan(10);
				if (e.line !== undefined) {
					expect(e.line).toBeGreaterThanOrEqual(1);
					expect(e.column).toBeGreaterThanOrEqual(1);
				}
			}),
			fuzzOptions(),
		);
	});

	it(`the same input as text and as UTF-8 bytes is read alike ${label(150)}`, () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat(bases.length - 1), (text, i) => {
				const base = bases[i].toString('utf8').replace(/^\uFEFF/, '');
				const at = base.length ? text.length % base.length : 0;
				const s = base.slice(0, at) + text + base.slice(at);
				const asText = escaped(() => parseXml(s));
				if (asText !== undefined && !(asText instanceof XmlParseError)) throw new Error(describeError(asText));
				// bytes honour the declared encoding; only a UTF-8 (or undeclared) document must agree
				if (/^<\?xml[^>]*encoding="(?!utf-8")/i.test(s)) return;
				const asBytes = escaped(() => parseXml(Buffer.from(s, 'utf8')));
				if (asBytes !== undefined && !(asBytes instanceof XmlParseError)) throw new Error(describeError(asBytes));
				expect(asBytes === undefined).toBe(asText === undefined);
			}),
			fuzzOptions(150),
		);
	});
});

describe('fuzz: parseXml size and depth bounds', () => {
	it('refuses nesting deeper than the limit with an XmlParseError, without recursion', () => {
		const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
		expect(() => parseXml(deep)).toThrow(XmlParseError);
		expect(() => parseXml(deep)).toThrow(/nested deeper than 256/);
	});
	it('refuses a string or bytes over the cap by size, before reading them', () => {
		expect(() => parseXml(`<a>${'x'.repeat(6 * 1024 * 1024)}</a>`)).toThrow(/the limit is 5242880 bytes/);
		expect(() => parseXml(Buffer.alloc(6 * 1024 * 1024, 0x20))).toThrow(/the limit is 5242880 bytes/);
	});
});
