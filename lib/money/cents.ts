/**
 * Money as integer euro cents. Totals are sums of integers, so 0.1 + 0.2 is 30 cents, never
 * 0.30000000000000004. Conversion to and from text happens only at the edges.
 */
import { MoneyError, multiplyExact, parseExactDecimal, roundHalfUp, type ExactDecimal, type ParseDecimalOptions } from './decimal';

export type Cents = number;

function assertCents(cents: number, field: string): void {
	if (!Number.isSafeInteger(cents)) throw new MoneyError(field, `expected a whole number of cents, got ${cents}`);
}

/**
 * Text or number with at most 2 decimals -> cents, exactly. Refuses '12.345' rather than
 * rounding it silently: an amount with a third decimal is a bug upstream.
 */
export function parseCents(value: string | number, field = 'amount', options: Pick<ParseDecimalOptions, 'allowComma'> = {}): Cents {
	const d = parseExactDecimal(value, field, { ...options, maxDecimals: 2 });
	return exactToCents(d, field);
}

/** Any exact decimal -> cents, rounded half away from zero (the SdI rule). */
export function roundToCents(value: ExactDecimal | string | number, field = 'amount'): Cents {
	const d = typeof value === 'object' ? value : parseExactDecimal(value, field, { maxDecimals: 30 });
	return exactToCents(roundHalfUp(d, 2), field);
}

function exactToCents(d: ExactDecimal, field: string): Cents {
	const units = roundHalfUp(d, 2).units;
	if (units > BigInt(Number.MAX_SAFE_INTEGER) || units < -BigInt(Number.MAX_SAFE_INTEGER))
		throw new MoneyError(field, 'the amount is too large');
	return Number(units);
}

/** Cents -> the XSD's two-decimal text: 123405 -> '1234.05', -5 -> '-0.05'. */
export function formatCents(cents: Cents, field = 'amount'): string {
	assertCents(cents, field);
	const abs = Math.abs(cents);
	const text = String(abs).padStart(3, '0');
	return `${cents < 0 ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Cents -> Italian display form: 123405 -> '1.234,05 €'. For people, never for XML. */
export function formatEuroIt(cents: Cents, currency = 'EUR'): string {
	assertCents(cents, 'amount');
	const [integer, fraction] = formatCents(Math.abs(cents)).split('.');
	const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	const symbol = currency === 'EUR' ? '€' : currency;
	return `${cents < 0 ? '-' : ''}${grouped},${fraction} ${symbol}`;
}

/** Sum of cents, refusing fractions and totals beyond exact integer range. */
export function sumCents(values: readonly Cents[], field = 'amount'): Cents {
	let total = 0;
	for (const v of values) {
		assertCents(v, field);
		total += v;
	}
	assertCents(total, field);
	return total;
}

/**
 * Imposta for a riepilogo line: round2(imponibile x aliquota / 100), half away from zero, in
 * integers only. The aliquota is a percentage as written in the XML ('22.00', '5', 10).
 */
export function vatFromImponibile(imponibileCents: Cents, aliquota: string | number, field = 'AliquotaIVA'): Cents {
	assertCents(imponibileCents, 'ImponibileImporto');
	const rate = parseExactDecimal(aliquota, field, { maxDecimals: 2 });
	if (rate.units < 0n) throw new MoneyError(field, `a VAT rate cannot be negative, got ${aliquota}`);
	// cents x percent / 100 = cents at scale rate.scale + 2
	const product = multiplyExact({ units: BigInt(imponibileCents), scale: 0 }, { units: rate.units, scale: rate.scale + 2 });
	return Number(roundHalfUp(product, 0).units);
}

/** Multiplies two exact decimals (e.g. Quantita x PrezzoUnitario) and rounds the result to cents. */
export function multiplyToCents(a: ExactDecimal, b: ExactDecimal): Cents {
	return roundToCents(multiplyExact(a, b));
}

/** Percentage of an amount in cents, rounded half away from zero: percentOfCents(10000, '4') -> 400. */
export function percentOfCents(cents: Cents, percent: string | number, field = 'percentage'): Cents {
	assertCents(cents, 'amount');
	const p = parseExactDecimal(percent, field, { maxDecimals: 8 });
	return Number(roundHalfUp(multiplyExact({ units: BigInt(cents), scale: 0 }, { units: p.units, scale: p.scale + 2 }), 0).units);
}
