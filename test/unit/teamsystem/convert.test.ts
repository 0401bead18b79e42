/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { buildFatturaPA, validateFatturaPA, type FatturaInput } from '../../../lib/fatturapa';
import { ASSUMED_TSE_FIELDS, fatturaToTseDocument, tseDocumentToFattura } from '../../../lib/teamsystem';
import { describeWithSpec } from '../../helpers/specs';
import { cedente, cessionario, TSE_FACTS_FILE, tseFacts } from './facts';

const context = { cedente, cessionario, progressivoInvio: '00001' };

function keyPaths(value: unknown, prefix = ''): string[] {
	if (!value || typeof value !== 'object') return [prefix];
	if (Array.isArray(value)) return value.length ? keyPaths(value[0], `${prefix}[]`) : [`${prefix}[]`];
	return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

describeWithSpec(TSE_FACTS_FILE, 'TSE Documento -> FatturaPA invoice JSON', () => {
	const documented = () => JSON.parse(JSON.stringify(tseFacts().TSE_in_Cloud_WebAPI.documentDtoExample));
	const priced = () => {
		const doc = documented();
		doc.numdoc = 'A/12';
		doc.datdoc = '2026-11-20T00:00:00';
		doc.righe[0].prezzo = 12.3;
		doc.righe[0].aliquotaIva = 22;
		return doc;
	};

	test("the documented example lacks what an e-invoice needs, and the list says which fields (with our assumed names)", () => {
		const result = tseDocumentToFattura(documented(), context);
		expect(result.ok).toBe(false);
		const missing = result.ok ? [] : result.missing;
		expect(missing).toEqual([
			`${ASSUMED_TSE_FIELDS.number}: the document number (numero)`,
			`${ASSUMED_TSE_FIELDS.date}: the document date as YYYY-MM-DD (data)`,
			`righe[0].${ASSUMED_TSE_FIELDS.unitPrice}: the unit price with at most 8 decimals`,
			`righe[0].${ASSUMED_TSE_FIELDS.vatRate}: the VAT rate in percent`,
		]);
	});

	test('with number, date, price and VAT the converted JSON builds an invoice that validateFatturaPA accepts', () => {
		const result = tseDocumentToFattura(priced(), context);
		if (!result.ok) throw new Error(result.missing.join('\n'));
		expect(result.value).toMatchObject({ numero: 'A/12', data: '2026-11-20', divisa: 'EUR', righe: [{ descrizione: 'Descrizione articolo', quantita: '15.00', prezzoUnitario: '12.30', aliquotaIVA: '22.00' }] });
		const built = buildFatturaPA(result.value);
		const validation = validateFatturaPA(built.model);
		expect(validation.findings.filter((f) => f.severity === 'error')).toEqual([]);
		expect(validation.valid).toBe(true);
		// 15 x 12.30 = 184.50 + 22% = 225.09, in integer cents
		expect(built.totals).toEqual({ imponibileCents: 18450, impostaCents: 4059, bolloCents: 0, totaleCents: 22509 });
	});

	test('tenant names replace our assumed ones through fieldMap', () => {
		const doc = documented();
		Object.assign(doc, { testata: { numero: 7, data: '2026-11-21' } });
		doc.righe[0].prezzoUnitario = '10';
		doc.righe[0].iva = { aliquota: 0 };
		doc.righe[0].iva.natura = 'N2.2';
		const result = tseDocumentToFattura(doc, { ...context, fieldMap: { number: 'testata.numero', date: 'testata.data', unitPrice: 'prezzoUnitario', vatRate: 'iva.aliquota', natura: 'iva.natura' } });
		if (!result.ok) throw new Error(result.missing.join('\n'));
		expect(result.value.righe[0]).toMatchObject({ aliquotaIVA: '0.00', natura: 'N2.2' });
		expect(validateFatturaPA(buildFatturaPA(result.value).model).valid).toBe(true);
	});

	test('bad identifiers and values are listed with the field, all at once', () => {
		const doc = priced();
		doc.valutaCg08 = 'EURI';
		doc.righe[0].prezzo = '1.123456789';
		doc.righe[0].aliquotaIva = 0;
		const result = tseDocumentToFattura(doc, { ...context, cessionario: { ...cessionario, partitaIva: '12345678901' }, cedente: { ...cedente, partitaIva: '1234' }, codiceDestinatario: 'ABC' });
		expect(result.ok).toBe(false);
		const text = result.ok ? '' : result.missing.join('\n');
		expect(text).toContain('valutaCg08: expected EURO or an ISO 4217 currency code');
		expect(text).toContain('righe[0].prezzo: the unit price with at most 8 decimals');
		expect(text).toContain('righe[0].natura: a row without VAT needs the natura');
		expect(text).toContain('cessionario.partitaIva: partita IVA "12345678901" has a wrong check digit');
		expect(text).toContain('cedente.partitaIva: partita IVA "1234" must be 11 digits');
		expect(text).toMatch(/codiceDestinatario: /);
	});

	test('a buyer with neither partita IVA nor codice fiscale is listed', () => {
		const { partitaIva, ...anonymous } = cessionario;
		const result = tseDocumentToFattura(priced(), { ...context, cessionario: anonymous });
		expect(result.ok ? [] : result.missing).toEqual(['cessionario: a partitaIva or codiceFiscale is required']);
	});
});

describeWithSpec(TSE_FACTS_FILE, 'FatturaPA invoice JSON -> TSE Documento', () => {
	const input: FatturaInput = {
		progressivoInvio: '00001',
		data: '2025-05-10',
		numero: '12/2025',
		cedente,
		cessionario,
		righe: [
			{ descrizione: 'Consulenza', quantita: '2', prezzoUnitario: '150.00', aliquotaIVA: 22 },
			{ descrizione: 'Spese esenti', prezzoUnitario: '80.00', aliquotaIVA: 0, natura: 'N2.2' },
		],
	};
	const ctx = { codDocumMg36: 'C-FT', cliFor: '1', tipocfCg40: 1, sezdoc: '00', codDep: '00', itemCodes: ['ART001'] };

	test('the body has the documented DTO structure (every documented key in its place)', () => {
		const result = fatturaToTseDocument(input, ctx);
		if (!result.ok) throw new Error(result.missing.join('\n'));
		const documentedPaths = keyPaths(tseFacts().TSE_in_Cloud_WebAPI.documentDtoExample).filter((p) => p !== 'anagraficaDocumentoDitta.indStaperMg36');
		const ours = keyPaths(result.value);
		for (const p of documentedPaths) expect(ours).toContain(p);
		expect(result.value).toMatchObject({ valutaCg08: 'EURO', customerSupplierMG: { tipocfCg40: 1, cliFor: 1 }, anagraficaDocumentoDitta: { codDocumMg36: 'C-FT' } });
		expect((result.value.righe as any[])[0]).toEqual({ progrRiga: 1, codartMg66: 'ART001', descart: 'Consulenza', qta1: 2, prezzo: 150, aliquotaIva: 22 });
		expect((result.value.righe as any[])[1]).toMatchObject({ progrRiga: 2, qta1: 1, prezzo: 80, aliquotaIva: 0, natura: 'N2.2' });
		expect(result.value).not.toHaveProperty('numdoc');
	});

	test('there and back gives an invoice with the same lines and totals', () => {
		const there = fatturaToTseDocument(input, ctx);
		if (!there.ok) throw new Error(there.missing.join('\n'));
		const back = tseDocumentToFattura({ ...there.value, numdoc: input.numero }, context);
		if (!back.ok) throw new Error(back.missing.join('\n'));
		expect(buildFatturaPA(back.value).totals).toEqual(buildFatturaPA(input).totals);
	});

	test('what TSE needs and the invoice lacks is listed', () => {
		const result = fatturaToTseDocument({ ...input, data: '10/05/2025', righe: [{ descrizione: '', prezzoUnitario: '1.123456789', aliquotaIVA: 22 }] }, { ...ctx, codDocumMg36: '', cliFor: '', tipocfCg40: 1.5 });
		expect(result.ok).toBe(false);
		const text = result.ok ? '' : result.missing.join('\n');
		for (const field of ['codDocumMg36', 'cliFor', 'tipocfCg40', 'data', 'righe[0].descrizione', 'righe[0].prezzoUnitario']) expect(text).toContain(`${field}: `);
	});
});
