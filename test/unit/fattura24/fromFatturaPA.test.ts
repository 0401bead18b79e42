/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { buildModel, type FatturaInput } from '../../../lib/fatturapa/build';
import { fatturaToSaveDocument, saveDocumentRequest, Fattura24InputError } from '../../../lib/fattura24';
import { parseXml } from '../../../lib/xml';

/** The JSON example of README "FatturaPA: i dati di una fattura", as written there. */
const README_EXAMPLE: FatturaInput = {
	progressivoInvio: '00001',
	tipoDocumento: 'TD01',
	data: '2025-05-10',
	numero: '12/2025',
	cedente: { denominazione: 'Alfa S.r.l.', partitaIva: '01234567897', regimeFiscale: 'RF01', indirizzo: 'Via Roma 1', cap: '20100', comune: 'Milano', provincia: 'MI' },
	cessionario: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01H501U', indirizzo: 'Via Po 2', cap: '00100', comune: 'Roma', provincia: 'RM' },
	righe: [
		{ descrizione: 'Consulenza', quantita: '2', prezzoUnitario: '150.00', aliquotaIVA: 22 },
		{ descrizione: 'Spese esenti', prezzoUnitario: '80.00', aliquotaIVA: 0, natura: 'N2.2' },
	],
	pagamento: { modalita: 'MP05', iban: 'IT60X0542811101000000123456', scadenza: '2025-06-30' },
	bollo: 'auto',
	pecDestinatario: 'rossi@pec.it',
};

describe('FatturaPA invoice JSON -> Fattura24 SaveDocument', () => {
	test('the README example: FE, customer, rows with VatCode/FeVatNature, payment, totals', () => {
		const { document, totals, warnings } = fatturaToSaveDocument(README_EXAMPLE);
		expect(document).toEqual({
			DocumentType: 'FE',
			CustomerName: 'Mario Rossi',
			CustomerAddress: 'Via Po 2',
			CustomerPostcode: '00100',
			CustomerCity: 'Roma',
			CustomerProvince: 'RM',
			CustomerCountry: 'IT',
			CustomerFiscalCode: 'RSSMRA80A01H501U',
			FeCustomerPec: 'rossi@pec.it',
			FeDestinationCode: '0000000',
			FePaymentCode: 'MP05',
			PaymentMethodDescription: 'IT60X0542811101000000123456',
			TotalWithoutTax: '380.00',
			VatAmount: '66.00',
			Total: '446.00',
			SendEmail: false,
			Payments: [{ Date: '2025-06-30', Amount: '446.00', Paid: false }],
			Rows: [
				{ Description: 'Consulenza', Qty: '2', Price: '150.00', VatCode: '22', VatDescription: '22%' },
				{ Description: 'Spese esenti', Qty: '1', Price: '80.00', VatCode: '0', VatDescription: '0%', FeVatNature: 'N2.2' },
			],
		});
		expect(totals).toEqual({ totalWithoutTaxCents: 38000, vatAmountCents: 6600, totalCents: 44600 });
		// 80.00 exempt at N2.2 is over 77.47: bollo is due, and Fattura24 has no documented field for it
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/stamp duty \(bollo virtuale, 2.00 EUR\): Fattura24's API documents no bollo field/);
		// and the request builder accepts it as an FE document
		const req = saveDocumentRequest('k', document);
		const doc = parseXml(req.xml as string).root.children[0];
		expect(doc.children.find((c) => c.name === 'DocumentType')!.text).toBe('FE');
		expect(doc.children.find((c) => c.name === 'Rows')!.children[1].children.find((c) => c.name === 'FeVatNature')!.text).toBe('N2.2');
	});

	test("bollo: 'row' bills the stamp duty as a 0% N1 row and adds it to the total", () => {
		const { document, totals, warnings } = fatturaToSaveDocument(README_EXAMPLE, { bollo: 'row', paid: true, sendEmail: true, idTemplate: 65, customerEmail: 'mario@example.com' });
		expect(warnings).toEqual([]);
		expect((document.Rows as unknown[]).at(-1)).toEqual({ Description: 'Imposta di bollo', Qty: '1', Price: '2.00', VatCode: '0', VatDescription: '0%', FeVatNature: 'N1' });
		expect(totals).toEqual({ totalWithoutTaxCents: 38200, vatAmountCents: 6600, totalCents: 44800 });
		expect(document.Total).toBe('448.00');
		expect(document.SendEmail).toBe(true);
		expect(document.IdTemplate).toBe('65');
		expect(document.CustomerEmail).toBe('mario@example.com');
		expect((document.Payments as Array<{ Paid: boolean }>)[0].Paid).toBe(true);
		expect(() => saveDocumentRequest('k', document)).not.toThrow();
	});

	test('several VAT rates, a company buyer with SdI code, several instalments, cents exact', () => {
		const input: FatturaInput = {
			...README_EXAMPLE,
			cessionario: { denominazione: 'Beta S.p.A.', partitaIva: '09876543217', indirizzo: 'Corso Italia', numeroCivico: '10', cap: '10100', comune: 'Torino', provincia: 'TO' },
			codiceDestinatario: 'M5UXCR1',
			pecDestinatario: undefined,
			bollo: 'auto',
			causale: 'Ordine 77',
			righe: [
				{ descrizione: 'Libri', quantita: '3', prezzoUnitario: '9.99', aliquotaIVA: 4 },
				{ descrizione: 'Pane', quantita: '1.5', unitaMisura: 'kg', prezzoUnitario: '3.33', aliquotaIVA: 10 },
				{ descrizione: 'Software', prezzoUnitario: '0.10', aliquotaIVA: 22 },
				{ descrizione: 'Software', prezzoUnitario: '0.20', aliquotaIVA: 22 },
				{ descrizione: 'Export', prezzoUnitario: '50.00', aliquotaIVA: 0, natura: 'N3.1' },
			],
			pagamento: [
				{ modalita: 'MP05', scadenza: '2025-06-30', importo: '50.00', iban: 'IT60X0542811101000000123456', istitutoFinanziario: 'Banca Esempio' },
				{ modalita: 'MP05', scadenza: '2025-07-31', importo: '37.04', iban: 'IT60X0542811101000000123456' },
			],
		};
		const built = buildModel(input);
		const { document, totals, warnings } = fatturaToSaveDocument(input);
		// the same totals the FatturaPA builder computes
		expect(totals.totalCents).toBe(built.totals.totaleCents);
		expect(totals.vatAmountCents).toBe(built.totals.impostaCents);
		// 3 x 9.99 = 29.97 (4% -> 1.20), 1.5 x 3.33 = 5.00 (10% -> 0.50), 0.30 (22% -> 0.07), 50.00 N3.1
		expect(document.TotalWithoutTax).toBe('85.27');
		expect(document.VatAmount).toBe('1.77');
		expect(document.Total).toBe('87.04');
		expect(document.CustomerName).toBe('Beta S.p.A.');
		expect(document.CustomerVatCode).toBe('09876543217');
		expect(document.CustomerAddress).toBe('Corso Italia 10');
		expect(document.FeDestinationCode).toBe('M5UXCR1');
		expect(document.FeCustomerPec).toBeUndefined();
		expect(document.Object).toBe('Ordine 77');
		expect(document.PaymentMethodName).toBe('Banca Esempio');
		expect(document.Payments).toEqual([
			{ Date: '2025-06-30', Amount: '50.00', Paid: false },
			{ Date: '2025-07-31', Amount: '37.04', Paid: false },
		]);
		expect((document.Rows as Array<Record<string, string>>).map((r) => [r.VatCode, r.FeVatNature, r.Qty, r.Um])).toEqual([
			['4', undefined, '3', undefined],
			['10', undefined, '1.5', 'kg'],
			['22', undefined, '1', undefined],
			['22', undefined, '1', undefined],
			['0', 'N3.1', '1', undefined],
		]);
		// N3.1 (export) does not count towards the bollo threshold
		expect(warnings).toEqual([]);
		expect(() => saveDocumentRequest('k', document)).not.toThrow();
	});

	test('a discounted line is sent at its discounted total, with a warning', () => {
		const input: FatturaInput = { ...README_EXAMPLE, bollo: false, righe: [{ descrizione: 'Corso', quantita: '2', prezzoUnitario: '100.00', scontoPercentuale: 10, aliquotaIVA: 22 }] };
		const { document, warnings } = fatturaToSaveDocument(input);
		expect(document.Rows).toEqual([{ Description: 'Corso (2 x 100.00, -10%)', Qty: '1', Price: '180.00', VatCode: '22', VatDescription: '22%' }]);
		expect(document.TotalWithoutTax).toBe('180.00');
		expect(warnings[0]).toContain('row 1 has a discount');
	});

	test('what Fattura24 cannot carry is refused by name, not dropped', () => {
		expect(() => fatturaToSaveDocument({ ...README_EXAMPLE, tipoDocumento: 'TD04' })).toThrow(/tipoDocumento: TD04 has no Fattura24 DocumentType verified/);
		expect(() => fatturaToSaveDocument({ ...README_EXAMPLE, divisa: 'USD' })).toThrow("divisa: Fattura24's API documents amounts in euro only");
		const model = buildModel(README_EXAMPLE).model;
		const withRitenuta = structuredClone(model);
		withRitenuta.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.DatiRitenuta = [{ TipoRitenuta: 'RT01', ImportoRitenuta: '10.00', AliquotaRitenuta: '20.00', CausalePagamento: 'A' }];
		expect(() => fatturaToSaveDocument(withRitenuta)).toThrow(Fattura24InputError);
		expect(() => fatturaToSaveDocument(withRitenuta)).toThrow('DatiRitenuta: ');
		const lotto = structuredClone(model);
		lotto.FatturaElettronicaBody.push(structuredClone(model.FatturaElettronicaBody[0]));
		expect(() => fatturaToSaveDocument(lotto)).toThrow('Fattura24 saves one document per call; this file holds 2 invoices');
		// a bad input fails in the FatturaPA builder with the field's name
		expect(() => fatturaToSaveDocument({ ...README_EXAMPLE, righe: [{ descrizione: 'x', prezzoUnitario: 'abc', aliquotaIVA: 22 }] })).toThrow(/righe\[0\]\.prezzoUnitario/);
	});

	test('a FatturaPA model (for example one parsed from a received XML) converts the same', () => {
		const model = buildModel(README_EXAMPLE).model;
		expect(fatturaToSaveDocument(model).document).toEqual(fatturaToSaveDocument(README_EXAMPLE).document);
	});
});
