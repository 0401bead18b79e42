/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseXml, serializeElement, type XmlElement } from '../../../lib/xml';
import { validateStructure, ORDINARIA } from '../../../lib/fatturapa/structure';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { applyMutation, mutationArbitrary } from './a-mutations';
import { describeWithXmllint, scratchDir, xmllintVerdicts, XSD_ORDINARIA, XSD_SEMPLIFICATA } from './a-xmllint';

const SAMPLES = 'fatturapa/samples';
const sampleFiles = (sub: string) =>
	fs.existsSync(specPath(SAMPLES, sub))
		? fs
				.readdirSync(specPath(SAMPLES, sub))
				.filter((f) => /\.xml$/i.test(f))
				.map((f) => specPath(SAMPLES, sub, f))
		: [];

const ORDINARIA_SAMPLES = [
	...['ade-official', 'derived', 'fatturaelettronicaphp', 'gobl-fatturapa', 'oca-l10n-italy'].flatMap((d) => sampleFiles(`valid/${d}`)),
	...['xsd', 'semantic', 'security', 'legacy-v1.1'].flatMap((d) => sampleFiles(`invalid/${d}`)),
];

describeWithXmllint(XSD_ORDINARIA, 'structural validator = official XSD v1.2.3 (xmllint) on every sample', () => {
	it('gives xmllint\'s verdict on each valid and invalid sample', () => {
		const oracle = xmllintVerdicts(ORDINARIA_SAMPLES, XSD_ORDINARIA, '/');
		const disagreements = ORDINARIA_SAMPLES.filter((f) => (validateStructure(fs.readFileSync(f)).length === 0) !== oracle.get(f)).map(
			(f) => `${path.relative(specPath(SAMPLES), f)}: xmllint ${oracle.get(f) ? 'valid' : 'invalid'}`,
		);
		expect(ORDINARIA_SAMPLES.length).toBeGreaterThan(140);
		expect(disagreements).toEqual([]);
	});

	it('gives xmllint\'s verdict on the fatture semplificate (VFSM10 v1.0.2)', () => {
		const files = sampleFiles('valid/semplificata');
		const oracle = xmllintVerdicts(files, XSD_SEMPLIFICATA, '/');
		expect(files.length).toBeGreaterThan(0);
		expect(files.filter((f) => (validateStructure(fs.readFileSync(f)).length === 0) !== oracle.get(f))).toEqual([]);
	});
});

describeWithXmllint(XSD_ORDINARIA, 'structural validator = official XSD v1.2.3 on generated mutations', () => {
	const dir = scratchDir('mutations');
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('agrees with xmllint on 1,200 mutations of the valid samples (drop, duplicate, reorder, rename, values, namespaces, attributes)', () => {
		const bases: XmlElement[] = sampleFiles('valid/ade-official')
			.concat(sampleFiles('valid/derived'), sampleFiles('valid/gobl-fatturapa'), sampleFiles('valid/fatturaelettronicaphp'), sampleFiles('valid/oca-l10n-italy'))
			.map((f) => parseXml(fs.readFileSync(f)).root);
		const seed = Number(process.env.FATTURAPA_MUTATION_SEED ?? 20251124);
		const mutations = fc.sample(mutationArbitrary(bases.length), { seed, numRuns: Number(process.env.FATTURAPA_MUTATIONS ?? 1200) });
		const cases = mutations.map((m, i) => {
			const { root, description } = applyMutation(ORDINARIA, bases[m.base], m);
			const file = `m${String(i).padStart(4, '0')}.xml`;
			const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${serializeElement(root)}\n`;
			fs.writeFileSync(path.join(dir, file), xml);
			return { file, description, xml };
		});
		const oracle = xmllintVerdicts(
			cases.map((c) => c.file),
			XSD_ORDINARIA,
			dir,
		);
		const disagreements = cases
			.map((c) => ({ ...c, ours: validateStructure(c.xml), theirs: oracle.get(c.file) }))
			.filter((c) => (c.ours.length === 0) !== c.theirs)
			.map((c) => `${c.file} (${c.description}): xmllint ${c.theirs ? 'valid' : 'invalid'}, ours ${c.ours.map((f) => `${f.code} ${f.path}`).join('; ') || 'valid'}`);
		const invalid = cases.filter((c) => !oracle.get(c.file)).length;
		// both verdicts must be well represented, or the comparison proves little
		expect(invalid).toBeGreaterThan(300);
		expect(cases.length - invalid).toBeGreaterThan(150);
		expect(disagreements).toEqual([]);
	});
});

describe('structural findings', () => {
	const minimal = (body: string) =>
		`<p:FatturaElettronica versione="FPR12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">${body}</p:FatturaElettronica>`;

	it('names the missing element and its path', () => {
		const [f] = validateStructure(minimal(''));
		expect(f).toMatchObject({ code: 'XSD-MISSING', path: '/FatturaElettronica/FatturaElettronicaHeader', severity: 'error' });
		expect(f.message_it).toContain('FatturaElettronicaHeader');
		expect(f.message_en).toContain('FatturaElettronicaHeader');
	});

	it('refuses a root in the wrong namespace', () => {
		expect(validateStructure('<FatturaElettronica versione="FPR12"/>')[0].code).toBe('XSD-ROOT');
	});

	it('refuses a child element placed in the FatturaPA namespace (only the root belongs to it)', () => {
		const xml = '<FatturaElettronica versione="FPR12" xmlns="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"><FatturaElettronicaHeader/></FatturaElettronica>';
		expect(validateStructure(xml)[0].code).toBe('XSD-NAMESPACE');
	});

	it('reports a DOCTYPE as an XML finding instead of throwing', () => {
		expect(validateStructure('<!DOCTYPE x><x/>')).toEqual([expect.objectContaining({ code: 'XML-DOCTYPE', path: '/' })]);
	});
});

describeWithSpec('fatturapa/samples/valid/derived', 'structural findings on a real invoice', () => {
	it('gives positions to repeated elements in the path', () => {
		const xml = fs.readFileSync(sampleFiles('valid/derived')[0], 'utf8').replace(/<AliquotaIVA>22.00<\/AliquotaIVA>/, '<AliquotaIVA>22.0</AliquotaIVA>');
		const [f] = validateStructure(xml);
		expect(f.code).toBe('XSD-PATTERN');
		expect(f.path).toBe('/FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[1]/AliquotaIVA');
		expect(f.message_en).toContain("'22.0'");
	});
});
