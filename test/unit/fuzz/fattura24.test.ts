/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Fuzz of the Fattura24 reply reader: whatever arrives, it returns plain values or throws only its
 * own errors (Fattura24ReplyError for the reader, Fattura24Error for a negative returnCode).
 * Linear time is checked by bench/fattura24-reader.ts (figures, no timed assertions here).
 */
import fc from 'fast-check';

import { Fattura24Error, Fattura24ReplyError, readF24Xml, readReply, readTestKey, readSaveReply, readTemplates, decodeEntities } from '../../../lib/fattura24';

const PIECES = ['<', '>', '/', '</', '/>', '<root>', '</root>', '<returnCode>', '</returnCode>', '-1', '0', '1', '&', ';', '&egrave;', '&#', 'x', '&amp;', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '<!DOCTYPE', '"', "'", '=', ' ', '\n', '<a b="', '__proto__', 'constructor', '\u0000', '\uD800', 'è'];

const replyish = fc.oneof(
	fc.string({ maxLength: 400 }),
	fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((a) => a.join('')),
	fc.tuple(fc.constantFrom('-2', '-1', '0', '1', 'x'), fc.string({ maxLength: 50 })).map(([c, d]) => `<root><returnCode>${c}</returnCode><description>${d}</description></root>`),
);

function ownErrorsOnly(f: () => unknown): boolean {
	try {
		f();
		return true;
	} catch (e) {
		return e instanceof Fattura24ReplyError || e instanceof Fattura24Error;
	}
}

describe('fuzz: Fattura24 reply reader', () => {
	test('any input: values or its own errors, nothing else', () => {
		fc.assert(
			fc.property(replyish, (s) => {
				return (
					ownErrorsOnly(() => readF24Xml(s, { maxDepth: 16, maxElements: 500 })) &&
					ownErrorsOnly(() => readReply(s, 'TestKey')) &&
					ownErrorsOnly(() => readTestKey(s)) &&
					ownErrorsOnly(() => readSaveReply(s, 'SaveDocument')) &&
					ownErrorsOnly(() => readTemplates(s))
				);
			}),
			{ numRuns: 3000 },
		);
	});

	test('the result is plain data: strings, arrays and objects without a prototype to pollute', () => {
		fc.assert(
			fc.property(replyish, (s) => {
				let top;
				try {
					top = readF24Xml(s, { maxDepth: 16 });
				} catch (e) {
					return e instanceof Fattura24ReplyError;
				}
				const walk = (v: unknown): boolean =>
					typeof v === 'string' || (Array.isArray(v) ? v.every(walk) : typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === null && Object.values(v).every(walk));
				return walk(top) && ({} as Record<string, unknown>).polluted === undefined;
			}),
			{ numRuns: 2000 },
		);
	});

	test('well-formed replies read back what was written', () => {
		const name = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/);
		const text = fc.string({ maxLength: 30 }).map((t) => t.replace(/[<&\]]/g, '').trim());
		fc.assert(
			fc.property(fc.dictionary(name, text, { maxKeys: 8 }), (fields) => {
				const xml = `<root>${Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</root>`;
				const root = readF24Xml(xml).root as Record<string, string>;
				return Object.entries(fields).every(([k, v]) => root[k] === v);
			}),
			{ numRuns: 500 },
		);
	});

	test('entity decoding never loses text it does not understand', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (s) => {
				const plain = s.replace(/&/g, '');
				return decodeEntities(plain) === plain;
			}),
			{ numRuns: 500 },
		);
	});
});
