/**
 * Easyfatt's spreadsheet exchange of anagrafiche (clients/suppliers) and products as CSV, read
 * and written by the Italian column captions. The captions are those of the Danea-certified
 * ilGhera plugins (../shared/specs/danea/csv-columns.json); Easyfatt maps columns by caption, so
 * their order matters only when writing. Parsing is csv-parse's (quotes, doubled quotes,
 * separators and line ends inside quotes, CRLF, BOM); this file adds the caption logic.
 *
 * XLS/XLSX: not supported (no maintained pure-JS reader fits the zero-runtime-dependency
 * bundle); Easyfatt exports and imports CSV as well.
 */
import { parse } from 'csv-parse/sync';
import { parseExactDecimal, formatExactDecimal } from '../money';
import type { EasyfattDocument, EasyfattProduct } from './fields';
import { DaneaFormatError, describe, xmlTextProblem } from './values';

export type EasyfattCsvKind = 'contacts' | 'products' | 'variants';

/** Anagrafica clienti/fornitori captions, in Easyfatt's order. */
export const CONTACT_CAPTIONS = [
	'Cod.', 'Denominazione', 'Indirizzo', 'Cap', 'Città', 'Prov.', 'Regione', 'Nazione', 'Referente', 'Tel.', 'Cell', 'Fax', 'e-mail', 'Pec',
	'Cod. destinatario Fatt. elettr.', 'Codice fiscale', 'Partita Iva', 'Sconti', 'Listino', 'Fido', 'Pagamento', 'Banca', 'Ns Banca', 'Data Mandato SDD',
	'Emissione SDD', 'Rit. acconto?', 'Doc via e-mail?', 'Fatt. con Iva', 'Conto reg.', 'Resp. trasporto', 'Porto', 'Avviso nuovi doc.', 'Note doc.',
	'Home page', 'Login web', 'Extra 1', 'Extra 2', 'Extra 3', 'Extra 4', 'Extra 5', 'Extra 6', 'Note',
] as const;

/** Product captions, in Easyfatt's order; 'Listino 1..9' stand for captions such as 'Listino 1 (ivato)'. */
export const PRODUCT_CAPTIONS = [
	'Cod.', 'Descrizione', 'Tipologia', 'Categoria', 'Sottocategoria', 'Cod. Udm', 'Cod. Iva', 'Listino 1', 'Listino 2', 'Listino 3',
	'Formula listino 1', 'Formula listino 2', 'Formula listino 3', 'Note', 'Cod. a barre', 'Internet', 'Produttore', 'Descriz. web (Sorgente HTML)',
	'E-commerce', 'Extra 1', 'Extra 2', 'Extra 3', 'Extra 4', 'Cod. fornitore', 'Fornitore', 'Cod. prod. forn.', 'Prezzo forn.', 'Note fornitura',
	'Ord. a multipli di', 'Gg. ordine', 'Scorta min.', 'Ubicazione', 'Tot. q.tà caricata', 'Tot. q.tà scaricata', 'Q.tà giacenza', 'Q.tà impegnata',
	'Q.tà disponibile', 'Q.tà in arrivo', 'Vendita media mensile', 'Stima data fine magazz.', 'Stima data prossimo ordine', 'Data primo carico',
	'Data ultimo carico', 'Data ultimo scarico', "Costo medio d'acq.", "Ultimo costo d'acq.", 'Prezzo medio vend.', 'Stato magazzino', 'Udm Dim.',
	'Dim. netta X', 'Dim. netta Y', 'Dim. netta Z', 'Volume netto', 'Dim. imballo X', 'Dim. imballo Y', 'Dim. imballo Z', 'Volume imballo', 'Udm Peso',
	'Peso netto', 'Peso lordo', 'Immagine',
] as const;

/** Size/colour variant captions. */
export const VARIANT_CAPTIONS = ['Cod.', 'Descrizione', 'Colore', 'Taglia', 'Cod. a barre', 'Q.tà giacenza'] as const;

const CAPTIONS: Record<EasyfattCsvKind, readonly string[]> = { contacts: CONTACT_CAPTIONS, products: PRODUCT_CAPTIONS, variants: VARIANT_CAPTIONS };

/** 'Listino 2 (ivato)', 'Listino 2 (netto)', 'Listino 2' -> 2 */
const LISTINO = /^listino\s+([1-9])(\s*\(.*\))?$/i;

export interface CsvReadOptions {
	/** default: from the header (Denominazione -> contacts; Colore/Taglia -> variants; Descrizione -> products) */
	kind?: EasyfattCsvKind;
	/** default: the one of ; , tab that splits the header line into the most columns (Easyfatt on Italian Windows writes ;) */
	delimiter?: ';' | ',' | '\t';
	/** bytes only; default 'auto': UTF-8 when valid, else windows-1252 (what Windows programs write as "ANSI") */
	encoding?: 'auto' | 'utf-8' | 'windows-1252';
	/** refuse inputs larger than this many bytes; default 64 MiB */
	maxBytes?: number;
}

export interface EasyfattCsv {
	kind: EasyfattCsvKind;
	delimiter: string;
	/** the header as found, each caption normalised to Easyfatt's spelling when recognised */
	columns: string[];
	/** captions this library does not know (kept in the rows as found) */
	unknownColumns: string[];
	/** one object per data line: caption -> text as written (empty cells are '') */
	rows: Record<string, string>[];
}

function normaliseCaption(c: string): string {
	return c.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

function canonicalCaption(caption: string, kind: EasyfattCsvKind): string | undefined {
	const n = normaliseCaption(caption);
	if (kind === 'products' && LISTINO.test(n)) return caption.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().replace(/^listino/i, 'Listino');
	return CAPTIONS[kind].find((c) => normaliseCaption(c) === n);
}

function decode(input: string | Uint8Array, options: CsvReadOptions): string {
	const max = options.maxBytes ?? 64 * 1024 * 1024;
	if (typeof input === 'string') {
		if (input.length > max) throw new DaneaFormatError([{ path: 'CSV', message: `the file is larger than ${max} bytes (maxBytes)` }]);
		return input.replace(/^\uFEFF/, '');
	}
	if (!(input instanceof Uint8Array)) throw new TypeError(`expected the CSV as text or bytes, got ${describe(input)}`);
	if (input.length > max) throw new DaneaFormatError([{ path: 'CSV', message: `the file is ${input.length} bytes; the limit is ${max} bytes (maxBytes)` }]);
	const encoding = options.encoding ?? 'auto';
	let bytes = input;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
	if (encoding !== 'windows-1252') {
		let text: string | undefined;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			text = undefined;
		}
		if (text !== undefined) return text;
		if (encoding === 'utf-8') throw new DaneaFormatError([{ path: 'CSV', message: 'the file is not valid UTF-8; pass encoding windows-1252 if Easyfatt saved it as ANSI' }]);
	}
	return decodeWindows1252(bytes);
}

// 0x80-0x9F of windows-1252 (the five undefined slots stay C1 controls); Node's TextDecoder may
// treat the label as ISO-8859-1 and turn € and typographic quotes into controls, so the table is here.
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
	const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	return latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function detectDelimiter(text: string): ';' | ',' | '\t' {
	// the header line, outside quotes
	let best: ';' | ',' | '\t' = ';';
	let bestCount = -1;
	let header = '';
	let quoted = false;
	for (let i = 0; i < text.length && i < 65536; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		if (!quoted) header += ch;
	}
	for (const d of [';', ',', '\t'] as const) {
		const count = header.split(d).length - 1;
		if (count > bestCount) {
			best = d;
			bestCount = count;
		}
	}
	return best;
}

function detectKind(captions: string[]): EasyfattCsvKind | undefined {
	const set = new Set(captions.map(normaliseCaption));
	if (set.has('denominazione')) return 'contacts';
	if (set.has('descrizione') && (set.has('colore') || set.has('taglia')) && set.size <= VARIANT_CAPTIONS.length + 2) return 'variants';
	if (set.has('descrizione') || set.has('cod. iva') || set.has('cod. a barre')) return 'products';
	return undefined;
}

/** CSV (text or bytes) with an Easyfatt caption header -> rows keyed by caption. Errors name the line. */
export function parseEasyfattCsv(input: string | Uint8Array, options: CsvReadOptions = {}): EasyfattCsv {
	const text = decode(input, options);
	const delimiter = options.delimiter ?? detectDelimiter(text);
	let records: string[][] = [];
	let failure: { message?: string; lines?: number } | undefined;
	try {
		records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: false, record_delimiter: ['\r\n', '\n', '\r'] });
	} catch (e) {
		failure = (e ?? {}) as { message?: string; lines?: number };
	}
	if (failure) {
		const line = typeof failure.lines === 'number' ? failure.lines : undefined;
		throw new DaneaFormatError([{ path: line === undefined ? 'CSV' : `CSV line ${line}`, message: `not a well-formed CSV with separator ${JSON.stringify(delimiter)}: ${failure.message ?? String(failure)}`, ...(line !== undefined ? { line } : {}) }]);
	}
	if (records.length === 0) throw new DaneaFormatError([{ path: 'CSV line 1', message: 'the file is empty; expected a header line of Easyfatt captions (e.g. Cod.;Denominazione;...)', line: 1 }]);
	const header = records[0].map((c) => c.replace(/^\uFEFF/, ''));
	const kind = options.kind ?? detectKind(header);
	if (!kind)
		throw new DaneaFormatError([
			{ path: 'CSV line 1', line: 1, message: `the header has no Easyfatt caption: expected Denominazione (anagrafiche) or Descrizione (prodotti), among others; got ${JSON.stringify(header.slice(0, 6))}` },
		]);
	const columns: string[] = [];
	const unknownColumns: string[] = [];
	const seen = new Set<string>();
	header.forEach((caption, i) => {
		const canonical = canonicalCaption(caption, kind);
		const name = canonical ?? caption.trim();
		if (!canonical && name !== '') unknownColumns.push(name);
		if (seen.has(name) && name !== '') throw new DaneaFormatError([{ path: `CSV line 1, column ${i + 1}`, line: 1, message: `caption ${JSON.stringify(name)} appears twice` }]);
		seen.add(name);
		columns.push(name);
	});
	if (!columns.some((c) => CAPTIONS[kind].includes(c) || LISTINO.test(normaliseCaption(c))))
		throw new DaneaFormatError([{ path: 'CSV line 1', line: 1, message: `no caption of the ${kind} file is in the header; expected some of ${CAPTIONS[kind].slice(0, 6).join(', ')} ...` }]);
	const rows: Record<string, string>[] = [];
	for (let r = 1; r < records.length; r++) {
		const row: Record<string, string> = {};
		records[r].forEach((v, i) => {
			if (columns[i] !== '' || v !== '') row[columns[i] || `column ${i + 1}`] = v;
		});
		rows.push(row);
	}
	return { kind, delimiter, columns, unknownColumns, rows };
}

export interface CsvWriteOptions {
	kind: EasyfattCsvKind;
	/** captions to write, in order; default: Easyfatt's order, limited to captions some row uses */
	columns?: string[];
	/** default ';' (Easyfatt on Italian Windows) */
	delimiter?: ';' | ',' | '\t';
	/** default true: a UTF-8 byte-order mark, so Excel and Easyfatt read accented captions (Città) right */
	bom?: boolean;
	/** default '\r\n' */
	lineEnd?: '\r\n' | '\n';
}

/** Rows keyed by caption -> CSV text. Unknown captions are refused unless listed in `columns`. */
export function buildEasyfattCsv(rows: Record<string, string | number | boolean | null | undefined>[], options: CsvWriteOptions): string {
	if (!options || !CAPTIONS[options.kind]) throw new TypeError(`buildEasyfattCsv: options.kind must be contacts, products or variants, got ${describe(options?.kind)}`);
	if (!Array.isArray(rows)) throw new TypeError(`buildEasyfattCsv: expected a list of rows, got ${describe(rows)}`);
	const kind = options.kind;
	const delimiter = options.delimiter ?? ';';
	const lineEnd = options.lineEnd ?? '\r\n';
	const findings: { path: string; message: string }[] = [];
	let columns = options.columns;
	if (!columns) {
		const used = new Set<string>();
		rows.forEach((row, i) => {
			for (const key of Object.keys(row ?? {})) {
				const canonical = canonicalCaption(key, kind);
				if (!canonical) findings.push({ path: `rows[${i}].${key}`, message: `not a caption of Easyfatt's ${kind} file; expected one of ${CAPTIONS[kind].slice(0, 8).join(', ')} ... (or list it in options.columns)` });
				else used.add(canonical);
			}
		});
		const listini = [...used].filter((c) => LISTINO.test(normaliseCaption(c))).sort();
		columns = [...CAPTIONS[kind].filter((c) => used.has(c)), ...listini.filter((c) => !CAPTIONS[kind].includes(c))];
		if (kind === 'products') {
			// listino captions go where 'Listino 1..3' stand in Easyfatt's order
			const base = CAPTIONS[kind].filter((c) => used.has(c) && !LISTINO.test(normaliseCaption(c)));
			const at = base.findIndex((c) => CAPTIONS[kind].indexOf(c) > CAPTIONS[kind].indexOf('Cod. Iva'));
			const pos = at < 0 ? base.length : at;
			columns = [...base.slice(0, pos), ...listini, ...base.slice(pos)];
		}
	}
	const lines = [columns.map((c) => quote(c, delimiter)).join(delimiter)];
	rows.forEach((row, i) => {
		const byCanonical: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(row ?? {})) byCanonical[canonicalCaption(k, kind) ?? k] = v;
		lines.push(
			columns!
				.map((c) => {
					const v = byCanonical[c];
					if (v === undefined || v === null) return '';
					if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
						findings.push({ path: `rows[${i}].${c}`, message: `expected text or a number, got ${describe(v)}` });
						return '';
					}
					const text = String(v);
					const problem = xmlTextProblem(text.replace(/[\r\n\t]/g, ' '));
					if (problem) findings.push({ path: `rows[${i}].${c}`, message: problem });
					return quote(text, delimiter);
				})
				.join(delimiter),
		);
	});
	if (findings.length) throw new DaneaFormatError(findings);
	return (options.bom === false ? '' : '\uFEFF') + lines.join(lineEnd) + lineEnd;
}

function quote(text: string, delimiter: string): string {
	if (text.includes(delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
	return text;
}

// ---------------------------------------------------------------- typed mappings

/** A CSV number as Italians and Easyfatt write it: '1.234,50', '1234,5', '12.50', '€ 3,75' -> '1234.5' ... (exact text). */
export function csvDecimal(value: string, field: string): string | undefined {
	let t = value.replace(/\u00a0/g, ' ').replace(/€/g, '').trim();
	if (t === '') return undefined;
	if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) throw new DaneaFormatError([{ path: field, message: `expected a number like 1.234,50 or 12.50, got ${JSON.stringify(value)}` }]);
	return formatExactDecimal(parseExactDecimal(t, field, { maxDecimals: 8 }), 0, 8);
}

const CONTACT_TO_CUSTOMER: Record<string, keyof EasyfattDocument> = {
	'Cod.': 'CustomerCode',
	Denominazione: 'CustomerName',
	Indirizzo: 'CustomerAddress',
	Cap: 'CustomerPostcode',
	Città: 'CustomerCity',
	'Prov.': 'CustomerProvince',
	Nazione: 'CustomerCountry',
	Referente: 'CustomerReference',
	'Tel.': 'CustomerTel',
	Cell: 'CustomerCellPhone',
	Fax: 'CustomerFax',
	'e-mail': 'CustomerEmail',
	Pec: 'CustomerPec',
	'Cod. destinatario Fatt. elettr.': 'CustomerEInvoiceDestCode',
	'Codice fiscale': 'CustomerFiscalCode',
	'Partita Iva': 'CustomerVatCode',
	'Login web': 'CustomerWebLogin',
};

/** A contacts CSV row -> the Customer* fields of an Easyfatt document (empty cells left out). */
export function customerFieldsFromCsv(row: Record<string, string>): Partial<EasyfattDocument> {
	const out: Record<string, string> = {};
	for (const [caption, field] of Object.entries(CONTACT_TO_CUSTOMER)) {
		const v = row[caption];
		if (v !== undefined && v.trim() !== '') out[field] = v.trim();
	}
	return out as Partial<EasyfattDocument>;
}

const PRODUCT_TEXT: Record<string, keyof EasyfattProduct> = {
	'Cod.': 'Code',
	Descrizione: 'Description',
	Categoria: 'Category',
	Sottocategoria: 'Subcategory',
	'Cod. Udm': 'Um',
	'Cod. a barre': 'Barcode',
	Note: 'Notes',
	'Descriz. web (Sorgente HTML)': 'DescriptionHTML',
	'Cod. fornitore': 'SupplierCode',
	Fornitore: 'SupplierName',
	'Cod. prod. forn.': 'SupplierProductCode',
	Ubicazione: 'WarehouseLocation',
	'Extra 1': 'CustomField1',
	'Extra 2': 'CustomField2',
	'Extra 3': 'CustomField3',
	'Extra 4': 'CustomField4',
	Immagine: 'ImageFileName',
};
const PRODUCT_DECIMAL: Record<string, keyof EasyfattProduct> = { 'Scorta min.': 'MinStock', 'Q.tà disponibile': 'AvailableQty' };

/**
 * A products CSV row -> an EasyfattProduct (the XML model). 'Listino N (ivato)' goes to
 * GrossPriceN, any other 'Listino N ...' to NetPriceN; 'Cod. Iva' becomes Vat.Code. `line` names
 * the CSV line in errors.
 */
export function productFromCsv(row: Record<string, string>, line?: number): EasyfattProduct {
	const at = (caption: string): string => (line === undefined ? caption : `CSV line ${line}, ${caption}`);
	const out: Record<string, unknown> = {};
	for (const [caption, field] of Object.entries(PRODUCT_TEXT)) {
		const v = row[caption];
		if (v !== undefined && v.trim() !== '') out[field] = v.trim();
	}
	for (const [caption, field] of Object.entries(PRODUCT_DECIMAL)) {
		const v = row[caption] !== undefined ? csvDecimal(row[caption], at(caption)) : undefined;
		if (v !== undefined) out[field] = v;
	}
	if (out.AvailableQty === undefined && row['Q.tà giacenza'] !== undefined) {
		const v = csvDecimal(row['Q.tà giacenza'], at('Q.tà giacenza'));
		if (v !== undefined) out.AvailableQty = v;
	}
	const vat = row['Cod. Iva']?.trim();
	if (vat) out.Vat = { Code: vat, ...(/^\d+(\.\d+)?$/.test(vat) ? { Perc: vat } : {}) };
	for (const [caption, value] of Object.entries(row)) {
		const m = LISTINO.exec(normaliseCaption(caption));
		if (!m) continue;
		const v = csvDecimal(value, at(caption));
		if (v === undefined) continue;
		out[`${/ivato/i.test(caption) ? 'Gross' : 'Net'}Price${m[1]}`] = v;
	}
	return out as EasyfattProduct;
}
