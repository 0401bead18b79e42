/**
 * FatturaPA amounts are decimal strings ('1234.50', up to 8 decimals for prices and quantities).
 * The arithmetic is lib/money's (integer cents, exact BigInt decimals, half away from zero); this
 * file only adds what the builder needs on top: the XSD's stricter decimal syntax (digits on both
 * sides of the point, so '.5' and '12.' are refused) and formatting that trims trailing zeros.
 */
import { formatExactDecimal, MoneyError, multiplyExact, parseExactDecimal, roundHalfUp, type ExactDecimal } from '../money';

/** An exact decimal: value = units / 10^scale. */
export type Decimal = ExactDecimal;

const XSD_DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** Reads '12.345', '-0.5', 22 or 22.5 exactly; `field` names the input in the error. */
export function parseDecimal(value: string | number, field: string, maxDecimals = 8): Decimal {
	if (typeof value !== 'number') {
		const text = String(value).trim();
		if (!XSD_DECIMAL.test(text)) throw new MoneyError(field, `expected a decimal number like 12.50, got ${JSON.stringify(value)}`);
		// a string goes as given, so errors quote it as the caller wrote it
		return parseExactDecimal(typeof value === 'string' ? value : text, field, { maxDecimals });
	}
	return parseExactDecimal(value, field, { maxDecimals });
}

/** Rounds half away from zero (the commercial rule) to `scale` decimals; the units at that scale. */
export function rescale(d: Decimal, scale: number): bigint {
	return roundHalfUp(d, scale).units;
}

export const multiply = multiplyExact;

/** Decimal -> integer cents, rounded half away from zero. */
export function toCents(value: string | number | Decimal, field = 'amount'): number {
	// any number of decimals: this rounds, so 0.1 + 0.2 is 30 cents, not an error
	const d = typeof value === 'object' ? value : parseDecimal(value, field, 30);
	return Number(rescale(d, 2));
}

/** Integer cents -> the XSD's Amount2DecimalType text ('-12.05'). */
export function centsToAmount(cents: number | bigint): string {
	return formatExactDecimal({ units: BigInt(cents), scale: 2 }, 2);
}

/** Decimal -> text with at least `minDecimals` and at most `maxDecimals` decimals (trailing zeros trimmed in between). */
export function formatDecimal(d: Decimal, minDecimals: number, maxDecimals: number): string {
	// round at the scale written (clamped), then let lib/money drop the zeros that rounding left
	const scale = Math.min(Math.max(d.scale, minDecimals), maxDecimals);
	return formatExactDecimal(roundHalfUp(d, scale), minDecimals, maxDecimals);
}
