import { addExact, compareExact, negateExact, type ExactDecimal } from '../../money';

export const ONE_CENT: ExactDecimal = { units: 1n, scale: 2 };
export const ONE_EURO: ExactDecimal = { units: 100n, scale: 2 };

export function absDiff(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
	const d = addExact(a, negateExact(b));
	return d.units < 0n ? negateExact(d) : d;
}

export function greaterThan(a: ExactDecimal, b: ExactDecimal): boolean {
	return compareExact(a, b) > 0;
}

export function atLeast(a: ExactDecimal, b: ExactDecimal): boolean {
	return compareExact(a, b) >= 0;
}
