/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { baseInvoice, errorsOf, findingsOf, line, withSingleLine } from './b-fixture';
import { expectedPrezzoTotale } from '../../../lib/fatturapa/rules';

describe('the baseline', () => {
	test('has no error', () => {
		expect(errorsOf(baseInvoice())).toEqual([]);
	});
});

describe('00423 PrezzoTotale = unit price after discounts x quantity, tolerance 0.01', () => {
	test('one cent off is accepted, two cents off is refused', () => {
		expect(errorsOf(withSingleLine({ PrezzoTotale: '5.01' }, { ImponibileImporto: '5.01', Imposta: '1.10' }))).toEqual([]);
		expect(errorsOf(withSingleLine({ PrezzoTotale: '5.02' }, { ImponibileImporto: '5.02', Imposta: '1.10' }))).toEqual(['00423']);
	});
	test('the finding names the line, the expected value and the difference', () => {
		const [f] = findingsOf(withSingleLine({ PrezzoTotale: '5.50' }, { ImponibileImporto: '5.50', Imposta: '1.21' }), '00423');
		expect(f).toMatchObject({
			path: '/FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[1]/PrezzoTotale',
			severity: 'error',
			message_en: expect.stringContaining('= 5.00 (difference 0.50, tolerance 0.01)'),
			message_it: expect.stringContaining('differenza 0.50'),
		});
	});
	describe('rounding cases other validators got wrong', () => {
		// 22633 x 0.030987 = 701.328771 exactly
		test.each([
			['701.33', []],
			['701.32', []],
			['701.34', ['00423']],
		])('22633 x 0.030987 written as %s', (totale, codes) => {
			const m = withSingleLine({ Quantita: '22633.00', PrezzoUnitario: '0.030987', PrezzoTotale: totale }, { ImponibileImporto: totale, Imposta: '154.29' });
			expect(errorsOf(m, { only: ['00423'] })).toEqual(codes);
		});
		// 814.65 x 1.300 = 1059.045 exactly (binary floating point gives 1059.0449999...)
		test.each([
			['1059.05', []],
			['1059.04', []],
			['1059.06', ['00423']],
		])('814.65 x 1.300 written as %s', (totale, codes) => {
			const m = withSingleLine({ Quantita: '1.300', PrezzoUnitario: '814.65', PrezzoTotale: totale }, { ImponibileImporto: totale, Imposta: '232.99' });
			expect(errorsOf(m, { only: ['00423'] })).toEqual(codes);
		});
		// 568.60 less 35% = 369.59 per unit, x 1.50 = 554.385
		test.each([
			['554.39', []],
			['554.38', []],
			['554.40', ['00423']],
			['852.90', ['00423']],
		])('568.60 x 1.50 with a 35%% discount written as %s', (totale, codes) => {
			const m = withSingleLine(
				{ Quantita: '1.50', PrezzoUnitario: '568.60', ScontoMaggiorazione: [{ Tipo: 'SC', Percentuale: '35.00' }], PrezzoTotale: totale },
				{ ImponibileImporto: totale, Imposta: '121.97' },
			);
			expect(errorsOf(m, { only: ['00423'] })).toEqual(codes);
		});
	});
	test('discounts apply to the unit price in order: an Importo per unit, a Percentuale of the running price', () => {
		const expected = expectedPrezzoTotale(
			line({ Quantita: '2.00', PrezzoUnitario: '100.00', ScontoMaggiorazione: [{ Tipo: 'SC', Importo: '10.00' }, { Tipo: 'MG', Percentuale: '10.00' }] }),
		);
		// (100 - 10) x 1.10 = 99 per unit, x 2 = 198
		expect(expected && Number(expected.units) / 10 ** expected.scale).toBe(198);
	});
	test('without Quantita the quantity is 1', () => {
		expect(errorsOf(withSingleLine({ Quantita: undefined, PrezzoUnitario: '5.00', PrezzoTotale: '5.00' }, { ImponibileImporto: '5.00', Imposta: '1.10' }))).toEqual([]);
	});
	test('negative prices (a discount line) are checked the same way', () => {
		const m = baseInvoice();
		m.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee.push(line({ Quantita: '1.00', PrezzoUnitario: '-1.00', PrezzoTotale: '-1.00' }, 2));
		m.FatturaElettronicaBody[0].DatiBeniServizi.DatiRiepilogo[0] = { AliquotaIVA: '22.00', ImponibileImporto: '4.00', Imposta: '0.88' };
		expect(errorsOf(m)).toEqual([]);
		m.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[1].PrezzoTotale = '1.00';
		expect(errorsOf(m, { only: ['00423'] })).toEqual(['00423']);
	});
});

describe('00423 with the worked examples of AdE "Elenco dei controlli" v2.0 (31/01/2025), "Controllo corretto calcolo del PrezzoTotale", pp. 26-30', () => {
	// the same line in each case: 100 units at 500.00, then the discounts of the example
	const caso = (ScontoMaggiorazione: { Tipo: 'SC' | 'MG'; Percentuale?: string; Importo?: string }[], PrezzoTotale: string) =>
		errorsOf(withSingleLine({ Quantita: '100.00', PrezzoUnitario: '500.00', ScontoMaggiorazione, PrezzoTotale }, { ImponibileImporto: PrezzoTotale, Imposta: '0.00' }), { only: ['00423'] });
	test('Caso 1 (p. 28): discounts as Importo add up: (500.00 - 20.00) x 100 = 48000.00', () => {
		const sconti = [{ Tipo: 'SC' as const, Importo: '10.05' }, { Tipo: 'SC' as const, Importo: '5.25' }, { Tipo: 'SC' as const, Importo: '4.70' }];
		expect(caso(sconti, '48000.00')).toEqual([]);
		expect(caso(sconti, '48000.02')).toEqual(['00423']);
	});
	test('Caso 2 (p. 29): percentages cascade on the running price: 42092.05875, so 42092.05 and 42092.06 both pass', () => {
		const sconti = [{ Tipo: 'SC' as const, Percentuale: '8.50' }, { Tipo: 'SC' as const, Percentuale: '5.15' }, { Tipo: 'SC' as const, Percentuale: '3.00' }];
		expect(caso(sconti, '42092.05')).toEqual([]);
		expect(caso(sconti, '42092.06')).toEqual([]);
		expect(caso(sconti, '42092.08')).toEqual(['00423']);
	});
	test('Caso 3 (p. 30) and p. 27 "presenza contemporanea di Importo e Percentuale": a discount with both counts by its Importo', () => {
		const sconti = [
			{ Tipo: 'SC' as const, Percentuale: '8.50' },
			{ Tipo: 'SC' as const, Percentuale: '5.15', Importo: '23.56' },
			{ Tipo: 'SC' as const, Importo: '15.00' },
			{ Tipo: 'SC' as const, Percentuale: '2.00' },
		];
		// AdE's own result: 457.50 - 23.56 = 433.94 ... x 100 = 41056.12
		expect(caso(sconti, '41056.12')).toEqual([]);
		// what taking the Percentuale (the first in document order) would give: 41055.99750, refused as at SdI
		expect(caso(sconti, '41056.00')).toEqual(['00423']);
		const expected = expectedPrezzoTotale(line({ Quantita: '100.00', PrezzoUnitario: '500.00', ScontoMaggiorazione: sconti }));
		expect(expected && Number(expected.units) / 10 ** expected.scale).toBe(41056.12);
	});
	test('the Importo wins whichever order the two fields come in the model', () => {
		const both = (sm: Record<string, string>) => expectedPrezzoTotale(line({ Quantita: '1.00', PrezzoUnitario: '100.00', ScontoMaggiorazione: [sm as never] }));
		const a = both({ Tipo: 'SC', Percentuale: '50.00', Importo: '10.00' });
		const b = both({ Tipo: 'SC', Importo: '10.00', Percentuale: '50.00' });
		expect(a && Number(a.units) / 10 ** a.scale).toBe(90);
		expect(b && Number(b.units) / 10 ** b.scale).toBe(90);
	});
});

describe('00422 ImponibileImporto = sum of line totals and cassa (+ Arrotondamento) per rate, under 1.00 accepted', () => {
	test('0.99 off is accepted, 1.00 off is refused', () => {
		expect(errorsOf(withSingleLine({}, { ImponibileImporto: '5.99', Imposta: '1.32' }), { only: ['00422'] })).toEqual([]);
		expect(errorsOf(withSingleLine({}, { ImponibileImporto: '6.00', Imposta: '1.32' }), { only: ['00422'] })).toEqual(['00422']);
	});
	test('Arrotondamento closes the gap', () => {
		expect(errorsOf(withSingleLine({}, { ImponibileImporto: '7.00', Imposta: '1.54', Arrotondamento: '2.00' } as never), { only: ['00422'] })).toEqual([]);
	});
	test('the contributo cassa at the same rate is part of the imponibile', () => {
		const m = withSingleLine({}, { ImponibileImporto: '5.20', Imposta: '1.14' });
		m.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.DatiCassaPrevidenziale = [
			{ TipoCassa: 'TC22', AlCassa: '4.00', ImportoContributoCassa: '0.20', ImponibileCassa: '5.00', AliquotaIVA: '22.00' },
		];
		expect(errorsOf(m)).toEqual([]);
		m.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.DatiCassaPrevidenziale![0].ImportoContributoCassa = '1.20';
		expect(errorsOf(m, { only: ['00422'] })).toEqual(['00422']);
	});
	test('zero-rate groups are compared per Natura', () => {
		const m = baseInvoice();
		const b = m.FatturaElettronicaBody[0].DatiBeniServizi;
		b.DettaglioLinee = [line({ AliquotaIVA: '0.00', Natura: 'N2.2' }), line({ AliquotaIVA: '0.00', Natura: 'N4' }, 2)];
		b.DatiRiepilogo = [
			{ AliquotaIVA: '0.00', Natura: 'N2.2', ImponibileImporto: '5.00', Imposta: '0.00' },
			{ AliquotaIVA: '0.00', Natura: 'N4', ImponibileImporto: '5.00', Imposta: '0.00' },
		];
		expect(errorsOf(m)).toEqual([]);
		b.DatiRiepilogo[0].ImponibileImporto = '10.00';
		b.DatiRiepilogo[1].ImponibileImporto = '0.00';
		expect(errorsOf(m, { only: ['00422'] })).toEqual(['00422']);
	});
	test('several riepiloghi at one rate (e.g. different EsigibilitaIVA) are summed', () => {
		const m = baseInvoice();
		const b = m.FatturaElettronicaBody[0].DatiBeniServizi;
		b.DettaglioLinee.push(line({}, 2));
		b.DatiRiepilogo = [
			{ AliquotaIVA: '22.00', ImponibileImporto: '5.00', Imposta: '1.10', EsigibilitaIVA: 'I' },
			{ AliquotaIVA: '22.00', ImponibileImporto: '5.00', Imposta: '1.10', EsigibilitaIVA: 'D' },
		];
		expect(errorsOf(m)).toEqual([]);
	});
	test('the finding points at the riepilogo and gives both sums', () => {
		const [f] = findingsOf(withSingleLine({}, { ImponibileImporto: '7.00', Imposta: '1.54' }), '00422');
		expect(f.path).toBe('/FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DatiRiepilogo[1]/ImponibileImporto');
		expect(f.message_en).toContain('ImponibileImporto 7.00 for rate 22.00% does not equal');
		expect(f.message_en).toContain('= 5.00 (difference 2.00)');
	});
});

describe('00421 Imposta = ImponibileImporto x rate: 0.01 fine, above it a warning, from 1.00 an error', () => {
	test.each([
		['1.10', undefined],
		['1.11', undefined],
		['1.12', 'warning'],
		['2.09', 'warning'],
		['2.10', 'error'],
	])('Imposta %s on 5.00 at 22%% -> %s', (imposta, severity) => {
		const found = findingsOf(withSingleLine({}, { ImponibileImporto: '5.00', Imposta: imposta }), '00421');
		expect(found.map((f) => f.severity)).toEqual(severity ? [severity] : []);
	});
	test('rounding half up: 2.25 at 22% is 0.495 -> 0.50', () => {
		expect(findingsOf(withSingleLine({ Quantita: '1.00', PrezzoUnitario: '2.25', PrezzoTotale: '2.25' }, { ImponibileImporto: '2.25', Imposta: '0.50' }), '00421')).toEqual([]);
	});
});

describe('malformed amounts never throw (the XSD check reports them)', () => {
	test('garbage in PrezzoTotale, Imposta and ImponibileImporto', () => {
		const m = withSingleLine({ PrezzoTotale: 'abc' }, { ImponibileImporto: '5,00', Imposta: '' });
		expect(() => errorsOf(m)).not.toThrow();
	});
	test('a body without DatiBeniServizi', () => {
		const m = baseInvoice();
		delete (m.FatturaElettronicaBody[0] as { DatiBeniServizi?: unknown }).DatiBeniServizi;
		expect(() => errorsOf(m)).not.toThrow();
	});
});
