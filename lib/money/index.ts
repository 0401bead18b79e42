/** Integer-cent money and exact decimals for invoices: no binary floating point in any total. */
export {
	MoneyError,
	parseExactDecimal,
	roundHalfUp,
	multiplyExact,
	addExact,
	negateExact,
	compareExact,
	formatExactDecimal,
	type ExactDecimal,
	type ParseDecimalOptions,
} from './decimal';
export { parseCents, roundToCents, formatCents, formatEuroIt, sumCents, vatFromImponibile, multiplyToCents, percentOfCents, type Cents } from './cents';
