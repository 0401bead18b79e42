/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { buildFatturaPA, validateFatturaPA } from '../../../lib/fatturapa';
import { buildDocumentXml, magoSaleDocumentToFattura, MagoDocumentError, readDocuments, type MagoDocument } from '../../../lib/mago4';

const cedente = { denominazione: 'Alfa S.r.l.', partitaIva: '01234567897', regimeFiscale: 'RF01' as const, indirizzo: 'Via Roma 1', cap: '20100', comune: 'Milano', provincia: 'MI' };
const cessionario = { denominazione: 'Beta S.p.A.', partitaIva: '09876543217', indirizzo: 'Via Po 2', cap: '00100', comune: 'Roma', provincia: 'RM' };
const common = { cedente, cessionario, progressivoInvio: '00007' };
const OPTIONS = { receivedOn: '2025-06-01', serverSideWarnings: false };

function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected an error');
}

/**
 * A Mago4 sale invoice with the master and row fields endpoints.json lists for
 * Document.ERP.Sales.Documents.Invoice (DefaultLight), round-tripped through the SetData XML so
 * the converter sees what readDocuments gives. TaxCode on the rows is our assumption.
 */
function magoInvoice(rows: Array<Record<string, string>>, master: Record<string, string> = {}): MagoDocument {
	const doc: MagoDocument = {
		tbNamespace: 'Document.ERP.Sales.Documents.Invoice',
		xTechProfile: 'DefaultLight',
		schemaNamespace: '',
		masterName: 'SaleDocument',
		master: { DocNo: '000123', DocumentDate: '2025-05-10', CustSupp: '0001', Payment: 'RD', Currency: 'EUR', ...master },
		slaves: { Detail: rows },
	};
	return readDocuments(buildDocumentXml(doc))[0];
}

describe('Mago4 sales document -> FatturaPA', () => {
	it('an invoice with a compound discount, a float-artefact price and an exempt row builds an XML the validator accepts', () => {
		const doc = magoInvoice([
			{ Line: '1', Description: 'Consulenza', Qty: '2.000', UoM: 'ORE', UnitValue: '150.00', DiscountFormula: '10+5', TaxCode: '22' },
			{ Line: '2', Description: 'Nota: consegna al piano' },
			{ Line: '3', Description: 'Bollo spese esenti', Qty: '1', UnitValue: '80.000000000000014', TaxCode: 'E15' },
		]);
		const { fattura, skippedRows } = magoSaleDocumentToFattura(doc, {
			...common,
			taxCodes: { E15: { aliquotaIVA: 0, natura: 'N2.2', riferimentoNormativo: 'Art. 15 DPR 633/72' } },
			payments: { RD: { modalita: 'MP05', iban: 'IT60X0542811101000000123456', scadenza: '2025-06-30' } },
		});
		expect(skippedRows).toEqual(['2']);
		expect(fattura).toMatchObject({ numero: '000123', data: '2025-05-10', divisa: 'EUR', tipoDocumento: 'TD01' });
		expect(fattura.righe).toEqual([
			{ descrizione: 'Consulenza', quantita: '2.00', unitaMisura: 'ORE', prezzoUnitario: '150.00', scontoPercentuale: '14.50', aliquotaIVA: 22 },
			{ descrizione: 'Bollo spese esenti', quantita: '1.00', prezzoUnitario: '80.00', aliquotaIVA: 0, natura: 'N2.2', riferimentoNormativo: 'Art. 15 DPR 633/72' },
		]);
		const built = buildFatturaPA(fattura);
		// 2 x 150 less 14.5% = 256.50 at 22% (56.43) + 80.00 exempt + 2.00 stamp duty
		expect(built.totals).toMatchObject({ imponibileCents: 33650, impostaCents: 5643 });
		const verdict = validateFatturaPA(built.xml, OPTIONS);
		expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
		expect(verdict.valid).toBe(true);
	});

	it('refuses what it cannot convert, naming the field', () => {
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'x', UnitValue: '1', TaxCode: 'X9' }]), common)).message).toBe('Detail[0].TaxCode: tax code X9 is not in taxCodes: give its rate (and its natura when the rate is 0)');
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'x', UnitValue: '10', TaxCode: '22', DiscountAmount: '1.00' }]), common)).message).toMatch(/^Detail\[0\]\.DiscountAmount: a discount given only as an amount/);
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'x', UnitValue: '10', TaxCode: '22', DiscountFormula: '33.33+33.33' }]), common)).message).toBe('Detail[0].DiscountFormula: 33.33+33.33 is a discount of 55.551111%, which FatturaPA cannot write with 2 decimals: give a net UnitValue');
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'x', UnitValue: '10', TaxCode: '22', DiscountFormula: 'sconto' }]), common)).message).toContain('expected a discount formula like 10 or 10+5');
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'nota' }]), common)).message).toBe('Detail: no row with a UnitValue: an invoice needs at least one priced line');
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'x', UnitValue: '1', TaxCode: '22' }], { DocNo: '' }), common)).message).toBe('SaleDocument.DocNo: is missing or empty');
		expect(thrown(() => magoSaleDocumentToFattura(magoInvoice([{ Description: 'x', UnitValue: '1', TaxCode: '22' }], { Payment: 'BB' }), { ...common, payments: { RD: { modalita: 'MP05' } } })).message).toBe('SaleDocument.Payment: payment code BB is not in payments; it has RD');
		const je = { ...magoInvoice([]), tbNamespace: 'Document.ERP.Accounting.Documents.SaleDocJE' };
		expect(thrown(() => magoSaleDocumentToFattura(je, common))).toBeInstanceOf(MagoDocumentError);
	});
});
