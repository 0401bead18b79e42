/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { buildFatturaPA, validateFatturaPA } from '../../../lib/fatturapa';
import { zucchettiSalesDocumentToFattura, ZucchettiConvertError, type ZucchettiInvoiceMapping } from '../../../lib/zucchetti';

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

describe('Zucchetti sales document -> FatturaPA', () => {
	// column names chosen by the installation; these are only an example of a mapping
	const mapping: ZucchettiInvoiceMapping = {
		header: { numero: 'NUMDOC', data: 'DATDOC', divisa: 'CODVAL' },
		line: { descrizione: 'DESART', quantita: 'QTAMOV', prezzoUnitario: 'PREZZO', taxCode: 'CODIVA', unitaMisura: 'UNIMIS', scontoPercentuale: 'SCONT1' },
	};
	const row = (over: Record<string, string | null>) => ({ NUMDOC: '45', DATDOC: '2025-05-10 00:00:00.0', CODVAL: 'EUR', DESART: 'Articolo', QTAMOV: '3', PREZZO: '12,50', CODIVA: '22', UNIMIS: 'PZ', SCONT1: '0', ...over });

	it('rows of one document build an XML the validator accepts', () => {
		const fattura = zucchettiSalesDocumentToFattura([row({}), row({ DESART: 'Servizio', QTAMOV: null, PREZZO: '100', SCONT1: '10', UNIMIS: null })], { ...common, mapping });
		expect(fattura).toMatchObject({ numero: '45', data: '2025-05-10', divisa: 'EUR' });
		expect(fattura.righe).toEqual([
			{ descrizione: 'Articolo', quantita: '3.00', unitaMisura: 'PZ', prezzoUnitario: '12.50', aliquotaIVA: 22 },
			{ descrizione: 'Servizio', prezzoUnitario: '100.00', scontoPercentuale: '10.00', aliquotaIVA: 22 },
		]);
		const built = buildFatturaPA(fattura);
		expect(built.totals.imponibileCents).toBe(3750 + 9000);
		expect(validateFatturaPA(built.xml, OPTIONS).valid).toBe(true);
	});

	it('rows of two documents, a missing column and a bad date are refused by field', () => {
		expect(thrown(() => zucchettiSalesDocumentToFattura([row({}), row({ NUMDOC: '46' })], { ...common, mapping })).message).toBe('rows[1].NUMDOC: differs from rows[0] ("45" vs "46"): expected the rows of one document');
		const { PREZZO, ...noPrice } = row({});
		expect(thrown(() => zucchettiSalesDocumentToFattura([noPrice as any], { ...common, mapping })).message).toMatch(/^rows\[0\]\.PREZZO: no such column \(mapped to prezzoUnitario\); the row has NUMDOC, /);
		expect(thrown(() => zucchettiSalesDocumentToFattura([row({ DATDOC: 'maggio' })], { ...common, mapping })).message).toContain('rows[0].DATDOC: expected a date');
		expect(thrown(() => zucchettiSalesDocumentToFattura([row({ PREZZO: 'gratis' })], { ...common, mapping }))).toBeInstanceOf(ZucchettiConvertError);
		expect(thrown(() => zucchettiSalesDocumentToFattura([], { ...common, mapping })).message).toBe('rows: expected the query rows of one document (at least one)');
	});
});
