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

// An independent oracle for the identifier codes, written from the published algorithms (not lib/italian):
// a partita IVA (or numeric codice fiscale) is a Luhn-like sum over 11 digits, a personal
// codice fiscale ends in the letter of the odd/even table sum mod 26.
function partitaIvaOk(v: string): boolean {
	if (!/^\d{11}$/.test(v)) return false;
	let sum = 0;
	for (let i = 0; i < 10; i++) {
		const d = Number(v[i]);
		sum += i % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
	}
	return (10 - (sum % 10)) % 10 === Number(v[10]);
}
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function codiceFiscaleOk(v: string): boolean {
	if (/^\d{11}$/.test(v)) return partitaIvaOk(v);
	if (!/^[A-Z0-9]{15}[A-Z]$/.test(v)) return false;
	let sum = 0;
	for (let i = 0; i < 15; i++) {
		const c = v[i];
		const n = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
		sum += i % 2 === 0 ? ODD[n] : n;
	}
	return String.fromCharCode(65 + (sum % 26)) === v[15];
}

describeWithSpec('fatturapa/samples/valid/semplificata', 'fattura semplificata', () => {
	// These samples pass the FSM10 XSD but use placeholder ids (SOURCE.md: the AdE samples' P.IVA fail
	// the check digit), so SdI refuses them for exactly the ids the oracle finds wrong, and for nothing else.
	test.each(fs.existsSync(specPath('fatturapa/samples/valid/semplificata')) ? fs.readdirSync(specPath('fatturapa/samples/valid/semplificata')).filter((x) => x.endsWith('.xml')) : [])(
		'%s: within 400 euro (no 00460); identifier codes exactly where the check digit is wrong',
		(f) => {
			const model = parseFatturaSemplificata(fs.readFileSync(specPath('fatturapa/samples/valid/semplificata', f)));
			const h = model.FatturaElettronicaHeader;
			const expected: string[] = [];
			const trasmittente = h.DatiTrasmissione.IdTrasmittente.IdCodice;
			if (!(partitaIvaOk(trasmittente) || codiceFiscaleOk(trasmittente))) expected.push('00300');
			if (!partitaIvaOk(h.CedentePrestatore.IdFiscaleIVA.IdCodice)) expected.push('00301');
			if (h.CedentePrestatore.CodiceFiscale && !codiceFiscaleOk(h.CedentePrestatore.CodiceFiscale)) expected.push('00302');
			const buyer = h.CessionarioCommittente.IdentificativiFiscali;
			if (buyer.IdFiscaleIVA && !partitaIvaOk(buyer.IdFiscaleIVA.IdCodice)) expected.push('00305');
			if (buyer.CodiceFiscale && !codiceFiscaleOk(buyer.CodiceFiscale)) expected.push('00306');
			expect([...new Set(sdiErrors(runSdiRules(model, OPTIONS)).map((x) => x.code))].sort()).toEqual(expected);
		},
	);
	test('at least one sample is clean and gives no error at all', () => {
		expect(sdiErrors(runSdiRules(parseFatturaSemplificata(fs.readFileSync(specPath('fatturapa/samples/valid/semplificata', 'IT02780790107_11009.xml'))), OPTIONS))).toEqual([]);
	});
});
