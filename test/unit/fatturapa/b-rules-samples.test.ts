/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { parseFatturaPA, parseFatturaSemplificata } from '../../../lib/fatturapa';
import { runSdiRules, sdiErrors } from '../../../lib/fatturapa/rules';

const SEMANTIC = 'fatturapa/samples/invalid/semantic';
const DERIVED = 'fatturapa/samples/valid/derived';
// the samples are dated 2025; any later day is a valid receipt date for them
const OPTIONS = { receivedOn: '2026-01-15' };

function errorCodes(file: string): string[] {
	const findings = runSdiRules(parseFatturaPA(fs.readFileSync(file)), OPTIONS);
	return [...new Set(sdiErrors(findings).map((f) => f.code))].sort();
}

describeWithSpec(SEMANTIC, 'SdI oracle: each semantic sample is refused with exactly the codes its name starts with', () => {
	const files = fs.existsSync(specPath(SEMANTIC)) ? fs.readdirSync(specPath(SEMANTIC)).filter((f) => f.endsWith('.xml')) : [];
	test('the oracle folder has its samples', () => {
		expect(files.length).toBeGreaterThanOrEqual(19);
	});
	test.each(files)('%s', (file) => {
		const expected = [...file.matchAll(/S(\d{5})_/g)].map((m) => m[1]).sort();
		expect(errorCodes(specPath(SEMANTIC, file))).toEqual(expected);
	});
});

describeWithSpec(DERIVED, 'SdI oracle: the clean baseline', () => {
	test('S00000 gives no error', () => {
		expect(errorCodes(specPath(DERIVED, 'S00000_base_semantically_valid.xml'))).toEqual([]);
	});
	test('S00000 gives only server-side warnings (codice destinatario registry, duplicates)', () => {
		const findings = runSdiRules(parseFatturaPA(fs.readFileSync(specPath(DERIVED, 'S00000_base_semantically_valid.xml'))), OPTIONS);
		expect(findings.map((f) => [f.code, f.severity, f.serverSide])).toEqual([
			['00311', 'warning', true],
			['00404', 'warning', true],
		]);
	});
	test('with server-side warnings off, nothing at all', () => {
		const findings = runSdiRules(parseFatturaPA(fs.readFileSync(specPath(DERIVED, 'S00000_base_semantically_valid.xml'))), { ...OPTIONS, serverSideWarnings: false });
		expect(findings).toEqual([]);
	});
});

describeWithSpec('fatturapa/samples/valid/semplificata', 'fattura semplificata', () => {
	test('the semplificata samples stay within 400 euro (no 00460)', () => {
		const dir = specPath('fatturapa/samples/valid/semplificata');
		for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.xml'))) {
			expect(runSdiRules(parseFatturaSemplificata(fs.readFileSync(`${dir}/${f}`)))).toEqual([]);
		}
	});
});
