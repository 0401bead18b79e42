/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import {
	MoneyError,
	compareExact,
	formatCents,
	formatEuroIt,
	formatExactDecimal,
	multiplyExact,
	multiplyToCents,
	parseCents,
	parseExactDecimal,
	percentOfCents,
	roundHalfUp,
	roundToCents,
	sumCents,
	vatFromImponibile,
} from '../../../lib/money';

describe('parsing amounts', () => {
	test('two-decimal text becomes exact cents', () => {
		expect(parseCents('1234.50')).toBe(123450);
		expect(parseCents('-0.05')).toBe(-5);
		expect(parseCents('7')).toBe(700);
		expect(parseCents(0.1)).toBe(10);
	});
	test('a comma decimal separator is read only when asked', () => {
		expect(parseCents('12,50', 'Importo', { allowComma: true })).toBe(1250);
		expect(() => parseCents('12,50', 'Importo')).toThrow('Importo: expected a decimal number like 12.50');
	});
	test('a third decimal is refused, naming the field', () => {
		expect(() => parseCents('12.345', 'ImportoPagamento')).toThrow(MoneyError);
		expect(() => parseCents('12.345', 'ImportoPagamento')).toThrow('ImportoPagamento: at most 2 decimals');
	});
	test('trailing zeros beyond the limit are not significant', () => {
		expect(parseCents('12.5000')).toBe(1250);
	});
	test('garbage, NaN, exponents and non-numbers are refused with the field name', () => {
		expect(() => parseCents('12a', 'PrezzoTotale')).toThrow('PrezzoTotale: expected a decimal number');
		expect(() => parseCents(Number.NaN, 'PrezzoTotale')).toThrow('PrezzoTotale: expected a finite number');
		expect(() => parseCents(1e25, 'PrezzoTotale')).toThrow('too large or too small');
		expect(() => parseExactDecimal(null as unknown as string, 'Quantita')).toThrow('Quantita: expected a decimal number like 12.50, got null');
		expect(() => parseExactDecimal('1'.repeat(60), 'Quantita')).toThrow('at most 40 digits');
	});
	test('exact decimals keep up to 8 places by default', () => {
		expect(parseExactDecimal('0.03098700', 'PrezzoUnitario')).toEqual({ units: 3098700n, scale: 8 });
		expect(() => parseExactDecimal('0.123456789', 'PrezzoUnitario')).toThrow('at most 8 decimals');
		expect(parseExactDecimal('.5', 'x')).toEqual({ units: 5n, scale: 1 });
	});
});

describe('rounding half away from zero, as SdI does', () => {
	test.each([
		['0.005', '0.01'],
		['0.004999', '0.00'],
		['-0.005', '-0.01'],
		['2.675', '2.68'], // 2.675 in binary floating point is 2.67499999...
		['1.005', '1.01'],
	])('%s -> %s', (input, expected) => {
		expect(formatExactDecimal(roundHalfUp(parseExactDecimal(input, 'x'), 2), 2)).toBe(expected);
	});
	test('roundToCents rounds any number of decimals', () => {
		expect(roundToCents('0.30000000000000004')).toBe(30);
		expect(roundToCents('-1.235')).toBe(-124);
	});
});

describe('reported rounding cases (other validators got them wrong)', () => {
	const d = (s: string) => parseExactDecimal(s, 'x');
	test('22633 x 0.030987 = 701.33 (701.328771)', () => {
		expect(multiplyToCents(d('22633.00'), d('0.030987'))).toBe(70133);
	});
	test('814.65 x 1.300 = 1059.05 (exactly 1059.045, rounded up)', () => {
		expect(formatExactDecimal(multiplyExact(d('814.65'), d('1.300')), 2, 8)).toBe('1059.045');
		expect(multiplyToCents(d('814.65'), d('1.300'))).toBe(105905);
	});
	test('568.60 x 1.50 with a 35% discount = 554.39 (exactly 554.385)', () => {
		const gross = multiplyExact(d('568.60'), d('1.50'));
		const discounted = multiplyExact(gross, d('0.65'));
		expect(compareExact(discounted, d('554.385'))).toBe(0);
		expect(roundToCents(discounted)).toBe(55439);
	});
});

describe('VAT from imponibile', () => {
	test.each([
		[500, '22.00', 110],
		[10000, '22', 2200],
		[333, '22.00', 73], // 73.26
		[225, '22.00', 50], // 49.5 -> 50
		[-225, '22.00', -50],
		[12345, '0.00', 0],
		[100001, '4.00', 4000], // 4000.04
		[1000, '5.5', 55],
	])('%i cents at %s%% -> %i cents', (imponibile, aliquota, imposta) => {
		expect(vatFromImponibile(imponibile, aliquota)).toBe(imposta);
	});
	test('a negative or non-numeric rate is refused naming AliquotaIVA', () => {
		expect(() => vatFromImponibile(100, '-1')).toThrow('AliquotaIVA: a VAT rate cannot be negative');
		expect(() => vatFromImponibile(100, 'IVA22')).toThrow('AliquotaIVA: expected a decimal number');
	});
	test('fractions of a cent are refused as imponibile', () => {
		expect(() => vatFromImponibile(10.5, '22')).toThrow('ImponibileImporto: expected a whole number of cents');
	});
	test('percentOfCents (cassa, ritenuta) rounds like VAT', () => {
		expect(percentOfCents(10000, '4')).toBe(400);
		expect(percentOfCents(12345, '20.00')).toBe(2469);
	});
});

describe('formatting', () => {
	test('XSD two-decimal text', () => {
		expect(formatCents(123405)).toBe('1234.05');
		expect(formatCents(-5)).toBe('-0.05');
		expect(formatCents(0)).toBe('0.00');
	});
	test('Italian display form groups thousands with dots', () => {
		expect(formatEuroIt(123456789)).toBe('1.234.567,89 €');
		expect(formatEuroIt(-5)).toBe('-0,05 €');
		expect(formatEuroIt(100, 'USD')).toBe('1,00 USD');
	});
	test('exact decimal with a minimum and maximum number of places', () => {
		expect(formatExactDecimal(parseExactDecimal('5', 'x'), 2)).toBe('5.00');
		expect(formatExactDecimal(parseExactDecimal('0.03098700', 'x'), 2, 8)).toBe('0.030987');
		expect(formatExactDecimal(parseExactDecimal('12', 'x'), 0)).toBe('12');
	});
	test('cents must be whole numbers', () => {
		expect(() => formatCents(1.5, 'Imposta')).toThrow('Imposta: expected a whole number of cents');
		expect(() => sumCents([1, 0.5], 'ImportoPagamento')).toThrow('ImportoPagamento');
	});
});

describe('properties', () => {
	test('parseCents(formatCents(c)) is c', () => {
		fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => parseCents(formatCents(c)) === c));
	});
	test('summing cents matches summing the exact decimals', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 50 }), (list) => {
				const exact = list.reduce((acc, c) => acc + BigInt(c), 0n);
				return BigInt(sumCents(list)) === exact;
			}),
		);
	});
	test('VAT is never more than half a cent away from the exact value', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 10000 }), (imponibile, rateHundredths) => {
				const rate = formatExactDecimal({ units: BigInt(rateHundredths), scale: 2 }, 2);
				const vat = BigInt(vatFromImponibile(imponibile, rate));
				const exactTimes10000 = BigInt(imponibile) * BigInt(rateHundredths); // cents x 10^4
				const diff = vat * 10000n - exactTimes10000;
				return diff <= 5000n && diff > -5000n;
			}),
		);
	});
});
