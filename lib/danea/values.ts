/**
 * One field's text <-> model value, and the errors that name where a value is wrong.
 */
import { formatCents, formatExactDecimal, MoneyError, parseCents, parseExactDecimal } from '../money';
import type { XmlElement } from '../xml';
import type { EasyfattVatCode, FieldKind, FieldSchema, KindValue } from './fields';

/** A problem in an Easyfatt file or model: `path` names the element, `line` the file line when known. */
export interface DaneaFinding {
	path: string;
	message: string;
	line?: number;
}

/** Bad Easyfatt input: the message names the field (path), the line when known, and what was expected. */
export class DaneaFormatError extends Error {
	readonly findings: DaneaFinding[];
	constructor(findings: DaneaFinding[]) {
		const first = findings.slice(0, 5).map(describeFinding).join('; ');
		super(findings.length > 5 ? `${first}; and ${findings.length - 5} more` : first);
		this.name = 'DaneaFormatError';
		this.findings = findings;
	}
	/** the first finding's path */
	get path(): string {
		return this.findings[0]?.path ?? '';
	}
	get line(): number | undefined {
		return this.findings[0]?.line;
	}
}

export function describeFinding(f: DaneaFinding): string {
	return `${f.path}: ${f.message}${f.line === undefined ? '' : ` (line ${f.line})`}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
	const m = DATE.exec(text);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Up to 8 decimals for unit prices and quantities, like FatturaPA's Amount8DecimalType. */
export const MAX_DECIMALS = 8;

/** '3.750' -> '3.75', '+30' -> '30', '-.5' -> '-0.5': one text per value, so round trips compare equal. */
export function canonicalDecimal(value: string | number, field: string): string {
	if (typeof value === 'string' && !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) throw new MoneyError(field, `expected a decimal number with a dot (e.g. 12.5), got ${JSON.stringify(value)}`);
	const d = parseExactDecimal(value, field, { maxDecimals: MAX_DECIMALS });
	const text = formatExactDecimal(d, 0, MAX_DECIMALS);
	return text === '-0' ? '0' : text;
}

/** canonicalDecimal, or undefined when the value is not a decimal */
export function decimalOrUndefined(value: string | number): string | undefined {
	try {
		return canonicalDecimal(value, 'value');
	} catch {
		return undefined;
	}
}

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** null when the text can be written to XML, else why not */
export function xmlTextProblem(text: string): string | null {
	const bad = INVALID_XML_CHAR.exec(text);
	if (!bad) return null;
	return `character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${bad.index + 1} cannot be written in XML`;
}

/** Reads one leaf element as its kind; problems are pushed to `findings`, the value is then undefined. */
export function readValue(el: XmlElement, kind: FieldKind, path: string, lineOffset: number, findings: DaneaFinding[]): unknown {
	const line = el.line + lineOffset;
	const fail = (message: string): undefined => {
		findings.push({ path, message, line });
		return undefined;
	};
	if (el.children.length) return fail(`expected a value, found child element <${el.children[0].name}>`);
	const text = el.text;
	if (kind === 'vat') {
		const code = text.trim();
		const attr = (name: string): string | undefined => el.attributes.find((a) => a.local === name)?.value;
		const perc = attr('Perc');
		const vat: EasyfattVatCode = { Code: code };
		if (perc !== undefined && perc.trim() !== '') {
			try {
				vat.Perc = canonicalDecimal(perc, 'Perc');
			} catch {
				return fail(`attribute Perc: expected a VAT rate in percent like 22, got ${JSON.stringify(perc)}`);
			}
		}
		const cls = attr('Class');
		if (cls !== undefined) vat.Class = cls;
		const description = attr('Description');
		if (description !== undefined) vat.Description = description;
		if (code === '' && vat.Perc === undefined && vat.Class === undefined && vat.Description === undefined) return null;
		return vat;
	}
	if (kind === 'text') return text === '' ? null : text;
	const t = text.trim();
	if (t === '') return null;
	switch (kind) {
		case 'amount':
			try {
				return parseCents(t, path);
			} catch {
				return fail(`expected an amount with a dot and at most 2 decimals (e.g. 112.50), got ${JSON.stringify(text)}`);
			}
		case 'decimal':
			try {
				return canonicalDecimal(t, path);
			} catch {
				return fail(`expected a decimal number with a dot and at most ${MAX_DECIMALS} decimals (e.g. 3.75), got ${JSON.stringify(text)}`);
			}
		case 'boolean':
			if (/^true$/i.test(t) || t === '1') return true;
			if (/^false$/i.test(t) || t === '0') return false;
			return fail(`expected true or false, got ${JSON.stringify(text)}`);
		case 'date':
			if (isIsoDate(t)) return t;
			return fail(`expected an ISO date yyyy-mm-dd, got ${JSON.stringify(text)}`);
	}
	return undefined;
}

export interface WrittenValue {
	text: string;
	attributes?: Record<string, string>;
}

/**
 * A model value -> the tag's text (and attributes), or undefined when the tag is to be left out.
 * null -> an empty tag (clears the value in Easyfatt). '' -> left out unless `emptyStrings` is 'clear'.
 * Throws a message (no path: the caller adds it).
 */
export function writeValue(value: unknown, kind: FieldKind, emptyStrings: 'omit' | 'clear'): WrittenValue | undefined {
	if (value === undefined) return undefined;
	if (value === null) return { text: '' };
	switch (kind) {
		case 'text': {
			if (typeof value === 'number' && Number.isFinite(value)) return { text: String(value) };
			if (typeof value !== 'string') throw new Error(`expected text, got ${describe(value)}`);
			if (value === '') return emptyStrings === 'clear' ? { text: '' } : undefined;
			const problem = xmlTextProblem(value);
			if (problem) throw new Error(problem);
			return { text: value };
		}
		case 'amount':
			if (value === '') return emptyStrings === 'clear' ? { text: '' } : undefined;
			if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`expected an amount in integer cents (e.g. 11250 for 112.50), got ${describe(value)}`);
			return { text: formatCents(value) };
		case 'decimal':
			if (value === '') return emptyStrings === 'clear' ? { text: '' } : undefined;
			if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`expected a decimal number like 3.75, got ${describe(value)}`);
			{
				const text = decimalOrUndefined(value);
				if (text === undefined) throw new Error(`expected a decimal number with a dot and at most ${MAX_DECIMALS} decimals (e.g. 3.75), got ${JSON.stringify(value)}`);
				return { text };
			}
		case 'boolean':
			if (value === '') return emptyStrings === 'clear' ? { text: '' } : undefined;
			if (typeof value !== 'boolean') throw new Error(`expected true or false, got ${describe(value)}`);
			return { text: value ? 'true' : 'false' };
		case 'date':
			if (value === '') return emptyStrings === 'clear' ? { text: '' } : undefined;
			if (typeof value !== 'string' || !isIsoDate(value)) throw new Error(`expected an ISO date yyyy-mm-dd, got ${describe(value)}`);
			return { text: value };
		case 'vat': {
			if (typeof value === 'string' || typeof value === 'number') return value === '' && emptyStrings === 'omit' ? undefined : { text: String(value) };
			if (typeof value !== 'object') throw new Error(`expected a VAT code { Code, Perc, Class, Description }, got ${describe(value)}`);
			const v = value as Partial<EasyfattVatCode>;
			const attributes: Record<string, string> = {};
			if (v.Perc !== undefined && v.Perc !== null && (v.Perc as unknown) !== '') {
				const perc = typeof v.Perc === 'string' || typeof v.Perc === 'number' ? decimalOrUndefined(v.Perc) : undefined;
				if (perc === undefined) throw new Error(`Perc: expected a VAT rate in percent like 22, got ${JSON.stringify(v.Perc)}`);
				attributes.Perc = perc;
			}
			for (const name of ['Class', 'Description'] as const) {
				const a = v[name];
				if (a === undefined || a === null) continue;
				if (typeof a !== 'string') throw new Error(`${name}: expected text, got ${describe(a)}`);
				const problem = xmlTextProblem(a);
				if (problem) throw new Error(`${name}: ${problem}`);
				attributes[name] = a;
			}
			const code = v.Code === undefined || v.Code === null ? '' : String(v.Code);
			const problem = xmlTextProblem(code);
			if (problem) throw new Error(`Code: ${problem}`);
			if (code === '' && Object.keys(attributes).length === 0) return emptyStrings === 'clear' ? { text: '' } : undefined;
			return { text: code, attributes };
		}
	}
	return undefined;
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'a list' : typeof value;
}

/** Reads the leaf children of `el` against `schema`; unknown leaf tags go to extraFields. `nested` handles the rest. */
export function readRecord(
	el: XmlElement,
	schema: FieldSchema,
	path: string,
	lineOffset: number,
	findings: DaneaFinding[],
	nested: (child: XmlElement, childPath: string) => boolean = () => false,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const seen = new Set<string>();
	if (el.text.trim() !== '') findings.push({ path, message: `unexpected text ${JSON.stringify(el.text.trim().slice(0, 40))} between the fields`, line: el.line + lineOffset });
	for (const child of el.children) {
		const name = child.local;
		const childPath = `${path}/${name}`;
		if (seen.has(name)) {
			findings.push({ path: childPath, message: 'appears twice; each field is allowed once', line: child.line + lineOffset });
			continue;
		}
		seen.add(name);
		if (nested(child, childPath)) continue;
		const kind = Object.prototype.hasOwnProperty.call(schema, name) ? schema[name] : undefined;
		if (kind) {
			const value = readValue(child, kind, childPath, lineOffset, findings);
			if (value !== undefined) out[name] = value;
			continue;
		}
		if (child.children.length) {
			findings.push({ path: childPath, message: `unknown element with child elements; expected one of ${Object.keys(schema).slice(0, 8).join(', ')} ...`, line: child.line + lineOffset });
			continue;
		}
		const extra = (out.extraFields ?? (out.extraFields = {})) as Record<string, string | null>;
		extra[name] = child.text === '' ? null : child.text;
	}
	return out;
}

/** Model record -> ordered [tag, value] pairs to write, checking each value; errors carry the path. */
export function recordEntries(record: Record<string, unknown>, schema: FieldSchema, path: string, emptyStrings: 'omit' | 'clear', findings: DaneaFinding[]): { tag: string; value: WrittenValue }[] {
	const out: { tag: string; value: WrittenValue }[] = [];
	for (const [tag, kind] of Object.entries(schema)) {
		let written: WrittenValue | undefined;
		try {
			written = writeValue(record[tag], kind as FieldKind, emptyStrings);
		} catch (e) {
			findings.push({ path: `${path}/${tag}`, message: (e as Error).message });
			continue;
		}
		if (written) out.push({ tag, value: written });
	}
	const extras = record.extraFields;
	if (extras !== undefined && extras !== null) {
		if (typeof extras !== 'object' || Array.isArray(extras)) findings.push({ path: `${path}/extraFields`, message: `expected an object of tag -> text, got ${describe(extras)}` });
		else
			for (const [tag, v] of Object.entries(extras as Record<string, unknown>)) {
				if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(tag)) {
					findings.push({ path: `${path}/extraFields`, message: `${JSON.stringify(tag)} is not a valid XML tag name` });
					continue;
				}
				if (Object.prototype.hasOwnProperty.call(schema, tag)) {
					findings.push({ path: `${path}/extraFields/${tag}`, message: `${tag} is a known field; set it directly, not in extraFields` });
					continue;
				}
				try {
					const w = writeValue(v, 'text', emptyStrings);
					if (w) out.push({ tag, value: w });
				} catch (e) {
					findings.push({ path: `${path}/extraFields/${tag}`, message: (e as Error).message });
				}
			}
	}
	return out;
}

/** Known keys of a record that are not fields: report a misspelt key instead of dropping it silently. */
export function unknownKeys(record: Record<string, unknown>, schema: FieldSchema, allowed: readonly string[], path: string, findings: DaneaFinding[]): void {
	for (const key of Object.keys(record)) {
		if (key === 'extraFields' || allowed.includes(key) || Object.prototype.hasOwnProperty.call(schema, key)) continue;
		findings.push({ path: `${path}/${key}`, message: `unknown field; expected one of ${[...Object.keys(schema), ...allowed].slice(0, 10).join(', ')} ... (put tags this library does not know in extraFields)` });
	}
}

export type { KindValue };
