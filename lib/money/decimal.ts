/**
 * Exact decimals for invoice amounts. FatturaPA writes prices and quantities with up to 8
 * decimals; multiplying two of them in binary floating point loses cents (22633 x 0.030987 is
 * the classic), so every value is a BigInt of units at a known scale.
 */

/** value = units / 10^scale */
export interface ExactDecimal {
	units: bigint;
	scale: number;
}

export class MoneyError extends RangeError {
	constructor(
		/** the field the caller named, e.g. 'PrezzoUnitario' */
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'MoneyError';
	}
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;
/** Longest decimal text accepted: beyond this no invoice amount makes sense, and BigInt work stays cheap. */
const MAX_DIGITS = 40;

export interface ParseDecimalOptions {
	/** refuse more significant decimals than this (trailing zeros do not count); default 8, the XSD's maximum */
	maxDecimals?: number;
	/** accept a comma as decimal separator ('12,50'), as Italians write; default false */
	allowComma?: boolean;
}

/** Reads '12.345', '-0.5', '.5', 22 exactly. Numbers go through their shortest round-trip text. */
export function parseExactDecimal(value: string | number | bigint, field: string, options: ParseDecimalOptions = {}): ExactDecimal {
	const maxDecimals = options.maxDecimals ?? 8;
	let text: string;
	if (typeof value === 'bigint') return { units: value, scale: 0 };
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new MoneyError(field, `expected a finite number, got ${value}`);
		text = String(value);
		if (/e/i.test(text)) throw new MoneyError(field, `${value} is too large or too small for an amount`);
	} else if (typeof value === 'string') {
		text = value.trim();
		if (options.allowComma && /^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
	} else {
		throw new MoneyError(field, `expected a decimal number like 12.50, got ${describe(value)}`);
	}
	if (text.length > MAX_DIGITS + 2) throw new MoneyError(field, `expected a decimal number of at most ${MAX_DIGITS} digits`);
	const m = DECIMAL_TEXT.exec(text);
	if (!m) throw new MoneyError(field, `expected a decimal number like 12.50, got ${JSON.stringify(value)}`);
	const sign = m[1] ?? m[4] ?? '';
	const integer = m[2] ?? '0';
	const fraction = m[3] ?? m[5] ?? '';
	if (fraction.replace(/0+$/, '').length > maxDecimals)
		throw new MoneyError(field, `at most ${maxDecimals} decimals are allowed, got ${JSON.stringify(value)}`);
	const units = BigInt(integer + fraction) * (sign === '-' ? -1n : 1n);
	return { units, scale: fraction.length };
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	return typeof value;
}

/**
 * Rounds to `scale` decimals, half away from zero: the "arrotondamento commerciale" SdI and the
 * AdE specifications use (0.005 -> 0.01, -0.005 -> -0.01).
 */
export function roundHalfUp(d: ExactDecimal, scale: number): ExactDecimal {
	if (d.scale <= scale) return { units: d.units * 10n ** BigInt(scale - d.scale), scale };
	const divisor = 10n ** BigInt(d.scale - scale);
	const quotient = d.units / divisor;
	const remainder = d.units % divisor;
	const twice = (remainder < 0n ? -remainder : remainder) * 2n;
	if (twice < divisor) return { units: quotient, scale };
	return { units: d.units < 0n ? quotient - 1n : quotient + 1n, scale };
}

export function multiplyExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
	return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function addExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
	const scale = Math.max(a.scale, b.scale);
	return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
}

export function negateExact(a: ExactDecimal): ExactDecimal {
	return { units: -a.units, scale: a.scale };
}

/** -1, 0 or 1 */
export function compareExact(a: ExactDecimal, b: ExactDecimal): number {
	const diff = addExact(a, negateExact(b)).units;
	return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/**
 * Text with exactly `places` decimals (rounded half away from zero), as the XSD's decimal types
 * want: formatExactDecimal(x, 2) -> '1234.50'. With `maxPlaces`, keeps significant decimals up to it.
 */
export function formatExactDecimal(d: ExactDecimal, places: number, maxPlaces = places): string {
	const scale = Math.min(Math.max(trimmedScale(d), places), maxPlaces);
	const units = roundHalfUp(d, scale).units;
	const abs = units < 0n ? -units : units;
	const digits = abs.toString().padStart(scale + 1, '0');
	const integer = digits.slice(0, digits.length - scale);
	const fraction = digits.slice(digits.length - scale);
	return `${units < 0n ? '-' : ''}${scale > 0 ? `${integer}.${fraction}` : integer}`;
}

/** the smallest scale that represents d exactly */
function trimmedScale(d: ExactDecimal): number {
	let { units, scale } = d;
	while (scale > 0 && units % 10n === 0n) {
		units /= 10n;
		scale--;
	}
	return scale;
}
