/**
 * FatturaPA amounts are decimal strings ('1234.50', up to 8 decimals for prices and quantities).
 * Arithmetic happens on integers: cents for money, and exact scaled BigInts for the products of
 * 8-decimal prices and quantities, so no binary floating point ever touches a total.
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** An exact decimal: value = units / 10^scale. */
export interface Decimal {
	units: bigint;
	scale: number;
}

/** Reads '12.345', '-0.5', 22 or 22.5 exactly; `field` names the input in the error. */
export function parseDecimal(value: string | number, field: string, maxDecimals = 8): Decimal {
	const text = typeof value === 'number' ? numberToText(value, field) : String(value).trim();
	const m = DECIMAL.exec(text);
	if (!m) throw new RangeError(`${field}: expected a decimal number like 12.50, got ${JSON.stringify(value)}`);
	const fraction = m[3] ?? '';
	if (fraction.replace(/0+$/, '').length > maxDecimals)
		throw new RangeError(`${field}: at most ${maxDecimals} decimals are allowed, got ${JSON.stringify(value)}`);
	const units = BigInt(m[2] + fraction) * (m[1] === '-' ? -1n : 1n);
	return { units, scale: fraction.length };
}

function numberToText(n: number, field: string): string {
	if (!Number.isFinite(n)) throw new RangeError(`${field}: expected a finite number, got ${n}`);
	// toString gives the shortest text that reads back as n (0.1 -> '0.1'), never exponent below 1e21
	const t = String(n);
	if (/e/i.test(t)) throw new RangeError(`${field}: ${n} is too large or too small for an invoice amount`);
	return t;
}

/** Rounds half away from zero (the commercial rule) to `scale` decimals. */
export function rescale(d: Decimal, scale: number): bigint {
	if (d.scale <= scale) return d.units * 10n ** BigInt(scale - d.scale);
	const div = 10n ** BigInt(d.scale - scale);
	const q = d.units / div;
	const r = d.units % div;
	const twice = (r < 0n ? -r : r) * 2n;
	if (twice >= div) return d.units < 0n ? q - 1n : q + 1n;
	return q;
}

export function multiply(a: Decimal, b: Decimal): Decimal {
	return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Decimal -> integer cents, rounded half away from zero. */
export function toCents(value: string | number | Decimal, field = 'amount'): number {
	// any number of decimals: this rounds, so 0.1 + 0.2 is 30 cents, not an error
	const d = typeof value === 'object' ? value : parseDecimal(value, field, 30);
	return Number(rescale(d, 2));
}

/** Integer cents -> the XSD's Amount2DecimalType text ('-12.05'). */
export function centsToAmount(cents: number | bigint): string {
	const c = BigInt(cents);
	const abs = c < 0n ? -c : c;
	const s = abs.toString().padStart(3, '0');
	return `${c < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Decimal -> text with at least `minDecimals` and at most `maxDecimals` decimals (trailing zeros trimmed in between). */
export function formatDecimal(d: Decimal, minDecimals: number, maxDecimals: number): string {
	const scale = Math.min(Math.max(d.scale, minDecimals), maxDecimals);
	const units = rescale(d, scale);
	const abs = units < 0n ? -units : units;
	const digits = abs.toString().padStart(scale + 1, '0');
	const int = digits.slice(0, digits.length - scale);
	let frac = digits.slice(digits.length - scale);
	while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
	return `${units < 0n ? '-' : ''}${frac ? `${int}.${frac}` : int}`;
}
