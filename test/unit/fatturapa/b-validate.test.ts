/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { buildFatturaPA, parseFatturaPA, parseFatturaSemplificata, validateFatturaPA } from '../../../lib/fatturapa';
import { describeWithSpec, specPath } from '../../helpers/specs';

const S = 'fatturapa/samples';
const OPTIONS = { receivedOn: '2026-01-15' };
const read = (...parts: string[]) => fs.readFileSync(specPath(S, ...parts));
const codes = (r: ReturnType<typeof validateFatturaPA>) => [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();

describeWithSpec(S, 'validateFatturaPA: the three layers in one call', () => {
	it('accepts a valid sample with no error (server-side checks stay warnings)', () => {
		const r = validateFatturaPA(read('valid', 'derived', 'S00000_base_semantically_valid.xml'), OPTIONS);
		expect(r.valid).toBe(true);
		expect(r.formato).toBe('FPR12');
		expect(r.findings.every((f) => f.severity === 'warning')).toBe(true);
	});

	it('refuses a DOCTYPE at the safe-parsing layer, without expanding anything', () => {
		const r = validateFatturaPA(read('invalid', 'security', 'billion_laughs.xml'), OPTIONS);
		expect(r.valid).toBe(false);
		expect(r.findings).toHaveLength(1);
		expect(r.findings[0].code).toMatch(/^XML-(DOCTYPE|ENTITY)$/);
		expect(r.model).toBeUndefined();
	});

	it('reports what the XSD refuses, with its path', () => {
		const r = validateFatturaPA(read('invalid', 'xsd', 'missing_DatiGeneraliDocumento_Numero.xml'), OPTIONS);
		expect(r.valid).toBe(false);
		expect(r.findings.some((f) => f.code.startsWith('XSD-') && f.path.includes('DatiGeneraliDocumento'))).toBe(true);
	});

	it('reports an SdI rule by its code', () => {
		const r = validateFatturaPA(read('invalid', 'semantic', 'S00423_prezzototale_not_qty_x_price.xml'), OPTIONS);
		expect(codes(r)).toEqual(['00423']);
	});

	it('unwraps a signed .p7m before validating', () => {
		const r = validateFatturaPA(read('valid', 'signed-p7m', 'IT01234567890_FPR03.base64.xml.p7m'), OPTIONS);
		expect(r.signed).toBe(true);
		expect(codes(r)).toEqual([]);
	});

	it('validates a fattura semplificata with its own schema and the SdI rules for FSM10', () => {
		const bytes = read('valid', 'semplificata', 'IT02780790107_11009.xml');
		expect(validateFatturaPA(bytes, OPTIONS)).toMatchObject({ valid: true, formato: 'FSM10' });
		const model = parseFatturaSemplificata(bytes);
		expect(validateFatturaPA(model, OPTIONS).valid).toBe(true);
		// the AdE-style sample passes the XSD but its placeholder ids fail the check digit, as at SdI
		const placeholder = validateFatturaPA(read('valid', 'semplificata', 'IT01234567890_FSM10.xml'), OPTIONS);
		expect(placeholder).toMatchObject({ valid: false, formato: 'FSM10' });
		expect(codes(placeholder)).toEqual(['00300', '00301', '00305']);
	});

	it('takes a model object and finds the same as from its XML', () => {
		const bytes = read('invalid', 'semantic', 'S00421_imposta_not_imponibile_x_aliquota.xml');
		expect(codes(validateFatturaPA(parseFatturaPA(bytes), OPTIONS))).toEqual(codes(validateFatturaPA(bytes, OPTIONS)));
		expect(codes(validateFatturaPA(bytes, OPTIONS))).toEqual(['00421']);
	});
});

describe('validateFatturaPA on models', () => {
	const built = buildFatturaPA({
		progressivoInvio: '1',
		data: '2025-05-10',
		numero: '1',
		cedente: { denominazione: 'Alfa S.r.l.', partitaIva: '01234567897', regimeFiscale: 'RF01', indirizzo: 'Via Roma 1', cap: '20100', comune: 'Milano' },
		cessionario: { denominazione: 'Gamma S.p.A.', partitaIva: '07643520567', indirizzo: 'Corso Italia 10', cap: '10121', comune: 'Torino' },
		righe: [{ descrizione: 'x', prezzoUnitario: '10.00', aliquotaIVA: 22 }],
	});

	it('reports a character the XSD refuses by its field', () => {
		const model = structuredClone(built.model);
		model.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Descrizione = 'caffè ☕';
		const r = validateFatturaPA(model, OPTIONS);
		expect(r.findings.filter((f) => f.code === 'XSD-PATTERN').map((f) => f.path)).toEqual(['/FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[1]/Descrizione']);
	});

	it('runs the SdI rules on a model whose totals were edited by hand', () => {
		const model = structuredClone(built.model);
		model.FatturaElettronicaBody[0].DatiBeniServizi.DatiRiepilogo[0].Imposta = '9.20';
		expect(codes(validateFatturaPA(model, OPTIONS))).toEqual(['00421']);
	});

	it('refuses what is not an invoice with a TypeError naming what it expected', () => {
		expect(() => validateFatturaPA(42 as never)).toThrow(/expected the invoice as XML text, bytes or a model object, got number/);
	});
});
