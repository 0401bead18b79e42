/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	buildEasyfattDocuments,
	easyfattToFatturaInput,
	fatturaInputToEasyfatt,
	INVOICE_DOCUMENT_TYPES,
	parseEasyfattDocuments,
	type EasyfattCompany,
	type EasyfattDocument,
	type ToFatturaOptions,
} from '../../../lib/danea';
import { buildFatturaPA, validateFatturaPA, type FatturaInput } from '../../../lib/fatturapa';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { describeWithXmllint, scratchDir, xmllintVerdicts, XSD_ORDINARIA } from '../fatturapa/a-xmllint';

const SAMPLE = 'danea/sample-easyfatt-documents-export.DefXml';
const OPTIONS: ToFatturaOptions = { regimeFiscale: 'RF01', progressivoInvio: '00001', receivedOn: '2025-06-30' };
/** the real export's company has placeholder identifiers (all zeros); this one has valid ones */
const COMPANY: EasyfattCompany = { Name: 'ACME S.r.l.', Address: 'Via Anagnina, 0', Postcode: '00173', City: 'Roma', Province: 'RM', Country: 'Italia', VatCode: '01234567897', FiscalCode: '01234567897' };

function sdiCheck(input: FatturaInput) {
	const built = buildFatturaPA(input);
	// SdI reads the file on the day it is dated (the date checks do not depend on when the test runs)
	const validation = validateFatturaPA(built.xml, { receivedOn: input.data });
	return { built, errors: validation.findings.filter((f) => f.severity === 'error') };
}

function sampleInvoice(): EasyfattDocument {
	return {
		DocumentType: 'I',
		Date: '2025-03-14',
		Number: '42',
		Numbering: '/A',
		CustomerName: 'Beta S.p.A.',
		CustomerAddress: 'Corso Italia 10',
		CustomerPostcode: '20122',
		CustomerCity: 'Milano',
		CustomerProvince: 'MI',
		CustomerCountry: 'Italia',
		CustomerVatCode: 'IT09876543217',
		CustomerEInvoiceDestCode: 'abc1234',
		PricesIncludeVat: false,
		PaymentName: 'Bonifico bancario 30/60 gg',
		PaymentBank: 'Banca di Roma',
		TotalWithoutTax: 21650,
		VatAmount: 3226,
		Total: 24876,
		Rows: [
			{ Code: 'A1', Description: 'Consulenza', Qty: '2', Um: 'h', Price: '50', VatCode: { Code: '22', Perc: '22', Class: 'Imponibile' }, Total: 10000 },
			{ Code: 'A2', Description: 'Materiale', Qty: '3', Price: '40', Discounts: '10+5', VatCode: { Code: '10', Perc: '10', Class: 'Imponibile' }, Total: 10260 },
			{ Description: 'Note: consegna entro marzo' },
			{ Description: 'Bollo esente', Qty: '1', Price: '13.90', VatCode: { Code: 'E15', Perc: '0', Class: 'Esente', Description: 'Esente art.15' }, Total: 1390 },
		],
		Payments: [
			{ Date: '2025-04-13', Amount: 12438 },
			{ Date: '2025-05-13', Amount: 12438 },
		],
	};
}

describeWithSpec(SAMPLE, 'the real export to FatturaPA', () => {
	const file = parseEasyfattDocuments(fs.readFileSync(specPath(SAMPLE)));

	it('every invoice of the export becomes a valid FatturaPA or a clear list of what is missing; a non-invoice says so', () => {
		for (const [i, doc] of file.Documents.entries()) {
			const at = `Documents/Document[${i + 1}]`;
			const result = easyfattToFatturaInput(doc, file.Company, OPTIONS, at);
			if (!(doc.DocumentType! in INVOICE_DOCUMENT_TYPES)) {
				expect(result.input).toBeUndefined();
				expect(result.missing).toEqual([{ path: `${at}/DocumentType`, message: expect.stringMatching(/is not an invoice/) }]);
				continue;
			}
			if (result.input) expect(sdiCheck(result.input).errors).toEqual([]);
			else expect(result.missing.length).toBeGreaterThan(0);
		}
		// the export holds one customer order (C): the invoice path is tested on it re-typed below
		expect(file.Documents.map((d) => d.DocumentType)).toEqual(['C']);
	});

	it("the export's order re-typed as an invoice: the placeholder company identifiers are listed as missing", () => {
		const doc = { ...file.Documents[0], DocumentType: 'I' as const };
		const result = easyfattToFatturaInput(doc, file.Company, OPTIONS);
		expect(result.input).toBeUndefined();
		expect(result.missing).toEqual([
			{ path: 'Company/VatCode', message: 'partita IVA cannot be all zeros' },
			{ path: 'Company/FiscalCode', message: expect.stringMatching(/wrong check digit/) },
		]);
		const noOptions = easyfattToFatturaInput(doc, COMPANY, {});
		expect(noOptions.missing.map((m) => m.path)).toEqual(['options.regimeFiscale', 'options.progressivoInvio']);
	});

	it("the export's order re-typed as each invoice type, with a real company: Build gives XML that passes the SdI rules, totals as Easyfatt's", () => {
		for (const letter of ['I', 'F', 'J', 'N', 'O', 'P', 'M'] as const) {
			const doc = { ...file.Documents[0], DocumentType: letter };
			const result = easyfattToFatturaInput(doc, COMPANY, { ...OPTIONS, ...(letter === 'M' ? { tipoDocumento: 'TD20' as const } : {}) });
			if (letter === 'M') {
				// an autofattura TD20 needs the buyer's VAT id; the export's customer is a private person: SdI's rule is listed as missing
				expect(result.missing).toEqual([{ path: 'Document', message: expect.stringMatching(/^SdI would reject it \(00475, .*the buyer must have an IdFiscaleIVA/) }]);
				continue;
			}
			expect(result.missing).toEqual([]);
			const { built, errors } = sdiCheck(result.input!);
			expect(errors).toEqual([]);
			// gross prices (PricesIncludeVat) split to net: the same totals Easyfatt computed
			expect(built.totals).toMatchObject({ imponibileCents: doc.TotalWithoutTax, impostaCents: doc.VatAmount, totaleCents: doc.Total });
			expect(result.warnings.map((w) => w.path)).not.toContain('Document/Total');
		}
		expect(easyfattToFatturaInput({ ...file.Documents[0], DocumentType: 'M' }, COMPANY, OPTIONS).missing[0].message).toMatch(/options.tipoDocumento/);
	});
});

describe('easyfattToFatturaInput', () => {
	it('maps rows, compound discounts, 0% VAT by class, text-only rows and instalments', () => {
		const result = easyfattToFatturaInput(sampleInvoice(), COMPANY, OPTIONS);
		expect(result.missing).toEqual([]);
		const input = result.input!;
		expect(input).toMatchObject({
			numero: '42/A',
			data: '2025-03-14',
			tipoDocumento: 'TD01',
			codiceDestinatario: 'ABC1234',
			cessionario: { denominazione: 'Beta S.p.A.', partitaIva: 'IT09876543217', nazione: 'IT', provincia: 'MI' },
			cedente: { denominazione: 'ACME S.r.l.', partitaIva: '01234567897', regimeFiscale: 'RF01' },
		});
		expect(input.righe).toEqual([
			{ descrizione: 'Consulenza', quantita: '2', unitaMisura: 'h', prezzoUnitario: '50', aliquotaIVA: '22' },
			{ descrizione: 'Materiale', quantita: '3', prezzoUnitario: '40', scontoPercentuale: '14.5', aliquotaIVA: '10' },
			{ descrizione: 'Note: consegna entro marzo', prezzoUnitario: '0', aliquotaIVA: '10' },
			{ descrizione: 'Bollo esente', quantita: '1', prezzoUnitario: '13.9', aliquotaIVA: '0', natura: 'N4', riferimentoNormativo: 'Esente art.15' },
		]);
		expect(input.pagamento).toEqual([
			{ modalita: 'MP05', scadenza: '2025-04-13', importo: '124.38', istitutoFinanziario: 'Banca di Roma', condizioni: 'TP01' },
			{ modalita: 'MP05', scadenza: '2025-05-13', importo: '124.38', istitutoFinanziario: 'Banca di Roma', condizioni: 'TP01' },
		]);
		const { built, errors } = sdiCheck(input);
		expect(errors).toEqual([]);
		expect(built.totals).toMatchObject({ imponibileCents: 21650, impostaCents: 3226, totaleCents: 24876 });
		expect(result.warnings.filter((w) => /Easyfatt says/.test(w.message))).toEqual([]);
		// a total Easyfatt computed differently is reported, not hidden
		const off = easyfattToFatturaInput({ ...sampleInvoice(), Total: 24877 }, COMPANY, OPTIONS);
		expect(off.warnings.filter((w) => /Easyfatt says/.test(w.message))).toEqual([{ path: 'Document/Total', message: expect.stringMatching(/Easyfatt says 248.77, the FatturaPA computes 248.76/) }]);
	});

	it('lists what is missing instead of guessing: no buyer tax id, ambiguous 0% class, withholding, foreign country name', () => {
		const doc: EasyfattDocument = {
			...sampleInvoice(),
			CustomerVatCode: null,
			CustomerFiscalCode: undefined,
			WithholdingTaxAmount: 2000,
			Rows: [{ Description: 'Export', Qty: '1', Price: '10', VatCode: { Code: 'N8', Perc: '0', Class: 'Non imponibile' } }],
		};
		const result = easyfattToFatturaInput(doc, { ...COMPANY, Country: 'Lilliput' }, OPTIONS);
		expect(result.input).toBeUndefined();
		expect(result.missing.map((m) => m.path)).toEqual(['Company/Country', 'Document/CustomerVatCode', 'Document/WithholdingTaxAmount', 'Document/Rows/Row[1]/VatCode']);
		expect(result.missing[1].message).toMatch(/the buyer has no tax identifier: give CustomerVatCode \(partita IVA\) or CustomerFiscalCode/);
		expect(result.missing[3].message).toMatch(/options.naturaByVatCode/);
		// once the caller says which Natura the code is, it converts
		const fixed = easyfattToFatturaInput({ ...doc, CustomerFiscalCode: 'RSSMRA80A01H501U', WithholdingTaxAmount: 0 }, COMPANY, { ...OPTIONS, naturaByVatCode: { N8: 'N3.5' } });
		expect(fixed.missing).toEqual([]);
		expect(fixed.input!.righe[0]).toMatchObject({ aliquotaIVA: '0', natura: 'N3.5' });
		expect(sdiCheck(fixed.input!).errors).toEqual([]);
	});

	it('folds a compound discount that is not a 2-decimal percentage into the unit price, and says so', () => {
		const doc: EasyfattDocument = { ...sampleInvoice(), Rows: [{ Description: 'x', Qty: '1', Price: '100', Discounts: '12.5+12.5', VatCode: { Code: '22', Perc: '22' } }] };
		const result = easyfattToFatturaInput(doc, COMPANY, OPTIONS);
		expect(result.input!.righe[0]).toEqual({ descrizione: 'x', quantita: '1', prezzoUnitario: '76.5625', aliquotaIVA: '22' });
		expect(result.warnings.map((w) => w.path)).toContain('Document/Rows/Row[1]/Discounts');
	});
});

describe('fatturaInputToEasyfatt and back', () => {
	const input: FatturaInput = {
		progressivoInvio: '00007',
		codiceDestinatario: 'ABC1234',
		cedente: { denominazione: 'ACME S.r.l.', partitaIva: '01234567897', regimeFiscale: 'RF01', indirizzo: 'Via Roma 1', cap: '20100', comune: 'Milano', provincia: 'MI' },
		cessionario: { denominazione: 'Beta S.p.A.', partitaIva: '09876543217', indirizzo: 'Corso Italia 10', cap: '00100', comune: 'Roma', provincia: 'RM' },
		tipoDocumento: 'TD04',
		data: '2025-06-30',
		numero: '7/NC',
		righe: [
			{ descrizione: 'Reso', quantita: '1.5', unitaMisura: 'kg', prezzoUnitario: '12.3456', scontoPercentuale: 10, aliquotaIVA: 22 },
			{ descrizione: 'Esente', prezzoUnitario: '80', aliquotaIVA: 0, natura: 'N4', riferimentoNormativo: 'art. 10 DPR 633/72' },
		],
		pagamento: { modalita: 'MP05', scadenza: '2025-07-31', istitutoFinanziario: 'Banca X' },
	};

	it('an Easyfatt document from the FatturaPA input goes through Easyfatt-XML and back to the same invoice', () => {
		const { Company, Document } = fatturaInputToEasyfatt(input);
		expect(Document).toMatchObject({ DocumentType: 'N', Number: '7/NC', PricesIncludeVat: false, PaymentName: 'bonifico' });
		expect(Document.Rows![0]).toMatchObject({ Qty: '1.5', Price: '12.3456', Discounts: '10', VatCode: { Code: '22', Perc: '22', Class: 'Imponibile' } });
		expect(Document.Rows![1]).toMatchObject({ VatCode: { Code: 'N4', Perc: '0', Class: 'Esente', Description: 'art. 10 DPR 633/72' } });
		const xml = buildEasyfattDocuments({ Company, Documents: [Document] });
		const file = parseEasyfattDocuments(xml);
		const back = easyfattToFatturaInput(file.Documents[0], file.Company, { regimeFiscale: 'RF01', progressivoInvio: '00007', tipoDocumento: 'TD04' });
		expect(back.missing).toEqual([]);
		expect(back.warnings.filter((w) => /Easyfatt says/.test(w.message))).toEqual([]);
		const original = buildFatturaPA(input);
		const again = buildFatturaPA(back.input!);
		expect(again.totals).toEqual(original.totals);
		const body = (b: typeof original) => b.model.FatturaElettronicaBody[0];
		expect(body(again).DatiBeniServizi).toEqual(body(original).DatiBeniServizi);
		expect(body(again).DatiGenerali).toEqual(body(original).DatiGenerali);
		expect(body(again).DatiPagamento).toEqual(body(original).DatiPagamento);
		expect(again.model.FatturaElettronicaHeader.CessionarioCommittente).toEqual(original.model.FatturaElettronicaHeader.CessionarioCommittente);
	});
});

describeWithXmllint(XSD_ORDINARIA, 'converted Easyfatt invoices pass the official XSD (xmllint)', () => {
	const dir = scratchDir('danea');
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('every converted invoice validates against Schema_VFPR12_v1.2.3.xsd', () => {
		const docs: EasyfattDocument[] = [sampleInvoice()];
		if (fs.existsSync(specPath(SAMPLE))) {
			const file = parseEasyfattDocuments(fs.readFileSync(specPath(SAMPLE)));
			for (const letter of ['I', 'F', 'J', 'N', 'O', 'P'] as const) docs.push({ ...file.Documents[0], DocumentType: letter });
		}
		const files = docs.map((doc, i) => {
			const result = easyfattToFatturaInput(doc, COMPANY, OPTIONS);
			expect(result.missing).toEqual([]);
			const name = `d${i}_${buildFatturaPA(result.input!).fileName}`;
			fs.writeFileSync(path.join(dir, name), buildFatturaPA(result.input!).xml);
			return name;
		});
		const verdicts = xmllintVerdicts(files, XSD_ORDINARIA, dir);
		expect(files.filter((f) => !verdicts.get(f))).toEqual([]);
	});
});
