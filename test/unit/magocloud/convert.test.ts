import { buildFatturaPA, validateFatturaPA, type FatturaInput } from '../../../lib/fatturapa';
import { fatturaToMagoInvoice, magicLinkDataXml, magoDate, magoInvoiceToFattura, MAGO_SALE_INVOICE, readMagicLinkXml, type MagicLinkData } from '../../../lib/magocloud';
import { describeWithSpec } from '../../helpers/specs';
import { cedente, cessionario, MAGO_FACTS_FILE, magoFacts } from './facts';

const taxCodes = { '22': { aliquotaIVA: 22 }, '10': { aliquotaIVA: 10 }, E15: { aliquotaIVA: 0, natura: 'N2.2' as const, riferimentoNormativo: 'Art. 15 DPR 633/72' } };
const context = { cedente, cessionario, progressivoInvio: '00007', taxCodes };

describeWithSpec(MAGO_FACTS_FILE, 'Mago sales invoice -> FatturaPA invoice JSON', () => {
	const fields = () => magoFacts().A_mago4_onprem_magiclink_soap.saleInvoiceFields;
	const invoiceXml = () =>
		magicLinkDataXml(MAGO_SALE_INVOICE, {
			master: { name: 'SaleDocument', fields: { DocNo: '000038', DocumentDate: '2026-11-20', CustSupp: '0001', Payment: 'RD', Currency: 'EUR' } },
			slaves: [
				{
					name: 'Detail',
					rowName: 'DetailRow',
					rows: [
						// Mago writes doubles in full, as the samples show (1005.850000000000023)
						{ Line: 1, LineType: '3538946', Item: 'ART001', Description: 'Bulloni M8', UoM: 'PZ', Qty: '15', UnitValue: '12.300000000000001', DiscountFormula: '10', TaxCode: '22' },
						{ Line: 2, LineType: '3538946', Description: 'Trasporto esente', Qty: '1', UnitValue: '80', TaxCode: 'E15' },
					],
				},
			],
		});

	test('the invoice uses only documented field names, apart from the assumed TaxCode', () => {
		const doc = readMagicLinkXml(invoiceXml());
		expect(fields()['master:SaleDocument']).toEqual(expect.arrayContaining(Object.keys(doc.data!.master.fields)));
		const rowFields = Object.keys(doc.data!.slaves![0].rows![0]).filter((k) => k !== 'TaxCode');
		expect(fields()['detail:DetailRow']).toEqual(expect.arrayContaining(rowFields));
		expect(magoFacts().A_mago4_onprem_magiclink_soap.documentNamespaces.saleInvoice).toBe(MAGO_SALE_INVOICE.tbNamespace);
	});

	test('read from MagicLink XML, converted, built and accepted by validateFatturaPA', () => {
		const result = magoInvoiceToFattura(readMagicLinkXml(invoiceXml()), context);
		if (!result.ok) throw new Error(result.missing.join('\n'));
		expect(result.value.righe[0]).toEqual({ descrizione: 'Bulloni M8', quantita: '15.00', unitaMisura: 'PZ', prezzoUnitario: '12.30', scontoPercentuale: '10', aliquotaIVA: 22 });
		expect(result.value.righe[1]).toMatchObject({ aliquotaIVA: 0, natura: 'N2.2', riferimentoNormativo: 'Art. 15 DPR 633/72' });
		const built = buildFatturaPA(result.value);
		const validation = validateFatturaPA(built.model);
		expect(validation.findings.filter((f) => f.severity === 'error')).toEqual([]);
		expect(validation.valid).toBe(true);
		// 15 x (12.30 - 10%) = 166.05, VAT 22% 36.53; exempt 80.00
		expect(built.totals).toEqual({ imponibileCents: 24605, impostaCents: 3653, bolloCents: 0, totaleCents: 28258 });
	});

	test('what the e-invoice needs and the Mago invoice lacks is listed, all at once', () => {
		const data: MagicLinkData = {
			master: { name: 'SaleDocument', fields: { DocumentDate: '31/02/2026', Currency: 'EURO' } },
			slaves: [{ name: 'Detail', rowName: 'DetailRow', rows: [{ Line: 1, Description: '', DiscountFormula: '10+5', TaxCode: '99' }, { Line: 2, Description: 'x', UnitValue: '1', DiscountAmount: '2' }] }],
		};
		const result = magoInvoiceToFattura(data, { ...context, cessionario: { ...cessionario, partitaIva: '12345678901' } });
		expect(result.ok).toBe(false);
		expect(result.ok ? [] : result.missing).toEqual([
			'SaleDocument.DocNo: the invoice number',
			'SaleDocument.DocumentDate: the invoice date (YYYY-MM-DD)',
			'SaleDocument.Currency: expected an ISO 4217 code, got "EURO"',
			'DetailRow[0].Description: the row description',
			'DetailRow[0].UnitValue: the unit price',
			'DetailRow[0].TaxCode: tax code "99" is not in the tax code table (give its rate and natura)',
			'DetailRow[0].DiscountFormula: only a single percentage converts (got "10+5")',
			'DetailRow[1].TaxCode: the VAT code of the row',
			'DetailRow[1].DiscountAmount: a discount amount without a formula does not convert; give it as DiscountFormula',
			'cessionario.partitaIva: partita IVA "12345678901" has a wrong check digit',
		]);
	});

	test('dates as Mago writes them', () => {
		expect(magoDate('2021-12-20')).toBe('2021-12-20');
		expect(magoDate('20/12/2021')).toBe('2021-12-20');
		expect(magoDate('2021-12-20T00:00:00')).toBe('2021-12-20');
		expect(magoDate('2021-02-30')).toBeUndefined();
		expect(magoDate('1899-12-30')).toBeUndefined();
	});
});

describe('FatturaPA invoice JSON -> Mago sales invoice', () => {
	const input: FatturaInput = {
		progressivoInvio: '00001',
		data: '2025-05-10',
		numero: '12/2025',
		cedente,
		cessionario,
		righe: [
			{ descrizione: 'Consulenza', quantita: '2', prezzoUnitario: '150.00', aliquotaIVA: 22, scontoPercentuale: 5 },
			{ descrizione: 'Spese esenti', prezzoUnitario: '80.00', aliquotaIVA: 0, natura: 'N2.2' },
		],
	};
	const taxCodeOf = (rate: string, natura?: string) => (natura === 'N2.2' ? 'E15' : rate === '22.00' ? '22' : undefined);

	test('becomes MagicLink data that writes as a SaleDocument with DetailRow rows, and converts back to the same totals', () => {
		const result = fatturaToMagoInvoice(input, { custSupp: '0001', taxCodeOf, payment: 'RD', sendNumber: true });
		if (!result.ok) throw new Error(result.missing.join('\n'));
		expect(result.value.master).toEqual({ name: 'SaleDocument', fields: { DocNo: '12/2025', DocumentDate: '2025-05-10', CustSupp: '0001', Payment: 'RD', Currency: 'EUR' } });
		expect(result.value.slaves![0].rows![0]).toEqual({ Line: 1, Description: 'Consulenza', Qty: '2.00', UnitValue: '150.00', TaxCode: '22', DiscountFormula: '5.00' });
		const back = magoInvoiceToFattura(readMagicLinkXml(magicLinkDataXml(MAGO_SALE_INVOICE, result.value)), context);
		if (!back.ok) throw new Error(back.missing.join('\n'));
		expect(buildFatturaPA(back.value).totals).toEqual(buildFatturaPA(input).totals);
	});

	test('without sendNumber the number is left to Mago', () => {
		const result = fatturaToMagoInvoice(input, { custSupp: '0001', taxCodeOf });
		expect(result.ok && result.value.master.fields).not.toHaveProperty('DocNo');
	});

	test('a rate without a Mago tax code, or a missing customer, is listed', () => {
		const result = fatturaToMagoInvoice({ ...input, righe: [{ descrizione: 'x', prezzoUnitario: '1', aliquotaIVA: 10 }] }, { custSupp: ' ', taxCodeOf });
		expect(result.ok ? [] : result.missing).toEqual(['custSupp: the customer code in Mago', 'righe[0]: no Mago tax code for VAT 10.00%']);
	});
});
