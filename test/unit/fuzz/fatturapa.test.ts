/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the FatturaPA readers. Two kinds of damage: byte edits of real invoices and
 * random bytes (these mostly stop at the XML layer), and chains of tree edits that keep the XML
 * well-formed (drop, duplicate, reorder, rename, wrong values...), which reach the structure check
 * and the SdI rules with models no real file had. validateFatturaPA must never throw at all;
 * parseFatturaPA / parseFatturaSemplificata may only throw XmlParseError or FatturaPAFormatError.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import { FatturaPAFormatError, ORDINARIA, parseFatturaPA, parseFatturaSemplificata, SEMPLIFICATA, validateFatturaPA, type FatturaValidation } from '../../../lib/fatturapa';
import { parseXml, serializeElement, XmlParseError, type XmlElement } from '../../../lib/xml';
import { describeWithSpec } from '../../helpers/specs';
import { applyMutation, mutationArbitrary } from '../fatturapa/a-mutations';
import { describeError, escaped, fuzzOptions, label, mutatedSample, sampleFiles, XML_TOKENS } from './fuzzInputs';

const OPTIONS = { receivedOn: '2026-01-15' };
const ordinarie = sampleFiles(['fatturapa/samples/valid'], /\.xml$/i).filter((f) => !f.includes('semplificata'));
const semplificate = sampleFiles(['fatturapa/samples/valid/semplificata'], /\.xml$/i);
const invalid = sampleFiles(['fatturapa/samples/invalid'], /\.xml$/i);
const bytes = (files: string[]) => files.map((f) => fs.readFileSync(f)).filter((b) => b.length <= 64 * 1024);

/** the verdict agrees with the findings, and every finding is complete */
function coherent(r: FatturaValidation): void {
	expect(typeof r.valid).toBe('boolean');
	expect(Array.isArray(r.findings)).toBe(true);
	expect(r.valid).toBe(!r.findings.some((f) => f.severity === 'error'));
	for (const f of r.findings) {
		expect(typeof f.code).toBe('string');
		expect(f.message_en.length).toBeGreaterThan(5);
		expect(f.message_it.length).toBeGreaterThan(5);
		expect(['error', 'warning']).toContain(f.severity);
	}
}

function validateNeverThrows(input: string | Uint8Array): FatturaValidation {
	let result: FatturaValidation | undefined;
	const e = escaped(() => {
		result = validateFatturaPA(input, OPTIONS);
	});
	if (e !== undefined) throw new Error(`validateFatturaPA threw: ${describeError(e)}`);
	coherent(result!);
	return result!;
}

describeWithSpec('fatturapa/samples', 'fuzz: FatturaPA readers on damaged bytes', () => {
	const bases = bytes(ordinarie.concat(semplificate, invalid));

	it(`validateFatturaPA never throws, on bytes and on text ${label()}`, () => {
		expect(bases.length).toBeGreaterThan(20);
		fc.assert(
			fc.property(mutatedSample(bases, XML_TOKENS), (input) => {
				validateNeverThrows(input);
				validateNeverThrows(input.toString('latin1'));
			}),
			fuzzOptions(),
		);
	});

	it(`parseFatturaPA and parseFatturaSemplificata throw only their own errors ${label()}`, () => {
		fc.assert(
			fc.property(mutatedSample(bases, XML_TOKENS), (input) => {
				for (const parse of [parseFatturaPA, parseFatturaSemplificata]) {
					const e = escaped(() => parse(input));
					if (e !== undefined && !(e instanceof XmlParseError) && !(e instanceof FatturaPAFormatError)) throw new Error(`${parse.name} threw: ${describeError(e)}`);
				}
			}),
			fuzzOptions(),
		);
	});
});

describeWithSpec('fatturapa/samples/valid', 'fuzz: FatturaPA readers on well-formed but damaged invoices', () => {
	const trees = (files: string[]) => files.map((f) => parseXml(fs.readFileSync(f)).root);

	function chainOfEdits(schemaBases: XmlElement[], schema: typeof ORDINARIA) {
		return fc.array(mutationArbitrary(schemaBases.length), { minLength: 1, maxLength: 4 }).map((ms) => {
			let root = schemaBases[ms[0].base];
			const done: string[] = [];
			for (const m of ms) {
				const r = applyMutation(schema, root, m);
				root = r.root;
				done.push(r.description);
			}
			return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n${serializeElement(root)}\n`, done };
		});
	}

	it(`ordinaria: validateFatturaPA never throws and parseFatturaPA reads what is well-formed ${label()}`, () => {
		const bases = trees(ordinarie);
		fc.assert(
			fc.property(chainOfEdits(bases, ORDINARIA), ({ xml, done }) => {
				const r = validateNeverThrows(xml);
				expect({ done, model: r.model !== undefined }).toEqual({ done, model: true });
				const e = escaped(() => parseFatturaPA(xml));
				if (e !== undefined) throw new Error(`parseFatturaPA after ${done.join('; ')}: ${describeError(e)}`);
			}),
			fuzzOptions(),
		);
	});

	it(`semplificata: validateFatturaPA never throws ${label()}`, () => {
		const bases = trees(semplificate);
		expect(bases.length).toBeGreaterThan(0);
		fc.assert(
			fc.property(chainOfEdits(bases, SEMPLIFICATA), ({ xml }) => {
				validateNeverThrows(xml);
				const e = escaped(() => parseFatturaSemplificata(xml));
				if (e !== undefined) throw new Error(`parseFatturaSemplificata: ${describeError(e)}`);
			}),
			fuzzOptions(),
		);
	});
});

describe('fuzz: validateFatturaPA bounds', () => {
	it('random bytes of any length up to 4 KB never throw', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 4096 }), (u) => {
				validateNeverThrows(u);
			}),
			fuzzOptions(),
		);
	});
});
