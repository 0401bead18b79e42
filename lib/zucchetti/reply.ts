import { parse as parseCsv } from 'csv-parse/sync';
import type { XmlElement } from '../xml';
import { firstChild, isNil, readSoapReply, SoapReplyError, type ReadLimits } from '../soap';

/** One row of a visual query: column name (the DB field name, e.g. SACODSOG) -> text, null when nil. */
export type ZucchettiRecord = Record<string, string | null>;

/**
 * Rows of a {query}_Query or {query}_TabularQuery reply:
 * <{op}Response><return><Records><item><COLUMN>value</COLUMN>…</item>…</Records></return>.
 * (Facts: infinity-soap-pattern.json. Our assumption: a reply with items directly under <return> is read the same way.)
 */
export function readQueryReply(xml: string | Uint8Array, operation: string, limits: ReadLimits = {}): ZucchettiRecord[] {
	const { response } = readSoapReply(xml, { ...limits, operation, expect: `${operation}Response` });
	const ret = firstChild(response, 'return');
	if (!ret) throw new SoapReplyError(operation, `<${response.local}> has no <return>`);
	const records = firstChild(ret, 'Records');
	const holder = records ?? ret;
	return holder.children.filter((c) => c.local === 'item').map(recordOf);
}

function recordOf(item: XmlElement): ZucchettiRecord {
	const record: ZucchettiRecord = {};
	for (const column of item.children) record[column.local] = isNil(column) ? null : column.text;
	return record;
}

/** The string a {routine}_Run returns (<return>text</return>); '' when empty or nil. */
export function readRunReply(xml: string | Uint8Array, operation: string, limits: ReadLimits = {}): string {
	const { response } = readSoapReply(xml, { ...limits, operation, expect: `${operation}Response` });
	const ret = firstChild(response, 'return');
	if (!ret) throw new SoapReplyError(operation, `<${response.local}> has no <return>`);
	if (ret.children.length > 0) throw new SoapReplyError(operation, '<return> holds elements, expected the routine\'s text result');
	return isNil(ret) ? '' : ret.text;
}

export type RoutineResult =
	| { format: 'json'; value: unknown }
	| { format: 'csv'; delimiter: string; records: Array<Record<string, string>> }
	| { format: 'text'; value: string };

const DELIMITERS = [';', '\t', ',', '|'];

/**
 * A routine's string result, read as what it is: JSON when it parses as a JSON object or array,
 * CSV when every line has the same number of fields (> 1) for one of ; TAB , | (first line = the
 * column names), text otherwise. Never throws: anything unrecognised is text.
 */
export function parseRoutineResult(result: string): RoutineResult {
	const trimmed = result.trim();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return { format: 'json', value: JSON.parse(trimmed) };
		} catch {
			// not JSON after all: try CSV, then text
		}
	}
	const lines = trimmed.split(/\r?\n/);
	if (lines.length >= 2) {
		for (const delimiter of DELIMITERS) {
			if (!lines[0].includes(delimiter)) continue;
			let rows: string[][];
			try {
				rows = parseCsv(trimmed, { delimiter, relax_quotes: false, skip_empty_lines: true, bom: true }) as string[][];
			} catch {
				continue;
			}
			const header = rows[0];
			if (rows.length < 2 || header.length < 2 || new Set(header).size !== header.length || header.some((h) => h.trim() === '')) continue;
			const records = rows.slice(1).map((row) => Object.fromEntries(header.map((h, i) => [h.trim(), row[i]])));
			return { format: 'csv', delimiter, records };
		}
	}
	return { format: 'text', value: result };
}
