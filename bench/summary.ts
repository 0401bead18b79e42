/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * One line per headline figure of a benchmark, for `npm run bench` (scripts/bench.ts), which
 * runs every benchmark and prints their lines as one table. A benchmark prints its own detail as
 * before and ends with these.
 */
export interface SummaryRow {
	/** What is measured: "FIC sync items/s". */
	measure: string;
	/** Our figure, with its unit: "5120 items/s". */
	ours: string;
	/** The named peer and its figure: "official SDK 4980 items/s". */
	peer: string;
	/** ours/peer (or peer/ours where lower is better, said in `measure`). */
	ratio: number;
	/** The target, in words: ">= 1.0x"; leave out where no target is set (then `met` is too). */
	target?: string;
	met?: boolean;
}

export const SUMMARY_PREFIX = 'BENCH-SUMMARY ';

export function printSummary(row: SummaryRow): void {
	console.log(`${SUMMARY_PREFIX}${JSON.stringify({ ...row, ratio: Number(row.ratio.toFixed(3)) })}`);
}
