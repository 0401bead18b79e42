/**
 * EasyfattDocuments: the Easyfatt-XML documents file (.DefXml export, import, and the answer to
 * Easyfatt's e-commerce orders pull). Read whole or as a stream of documents; write with
 * Easyfatt's own import semantics (omitted tag = Easyfatt's default, empty tag = clear).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { decodeXml, XmlParseError, type XmlElement } from '../xml';
import {
	COMPANY_FIELDS,
	DOCUMENT_FIELDS,
	DOCUMENT_TYPE_LETTERS,
	DOCUMENT_TYPES,
	PAYMENT_FIELDS,
	ROW_FIELDS,
	type EasyfattCompany,
	type EasyfattDocument,
	type EasyfattPayment,
	type EasyfattRow,
	type FieldSchema,
} from './fields';
import { scanAll, scanStream, type ScanEvent, type ScannerLayout, type ScanOptions } from './scanner';
import { DaneaFormatError, describe, readRecord, recordEntries, unknownKeys, xmlTextProblem, type DaneaFinding, type WrittenValue } from './values';

export interface EasyfattDocumentsFile {
	/** root attribute; Easyfatt writes "2" */
	AppVersion?: string;
	Creator?: string;
	CreatorUrl?: string;
	/** the issuing company (optional in the file) */
	Company?: EasyfattCompany;
	Documents: EasyfattDocument[];
}

export const DOCUMENTS_LAYOUT: ScannerLayout = { root: 'EasyfattDocuments', containers: { Documents: 'Document' }, rootChildren: ['Company'] };

/** Reading options: scanner limits. */
export type ReadOptions = ScanOptions;

/** Whole file (text or bytes) -> model. Throws DaneaFormatError listing every bad field with its path and line. */
export function parseEasyfattDocuments(input: string | Uint8Array, options: ReadOptions = {}): EasyfattDocumentsFile {
	const findings: DaneaFinding[] = [];
	const file = collect(scanAll(toUtf8(input, options), DOCUMENTS_LAYOUT, withEncoding(input, options)), findings);
	if (findings.length) throw new DaneaFormatError(findings);
	return file;
}

/**
 * Our structure check of an Easyfatt-XML documents file: every finding (path, line, what was
 * expected), none = the file reads cleanly. Danea's XSD is referenced by exports but not public,
 * so this check is the field list in fields.ts, not Danea's schema.
 */
export function checkEasyfattDocuments(input: string | Uint8Array, options: ReadOptions = {}): DaneaFinding[] {
	const findings: DaneaFinding[] = [];
	const fatal = ownError(() => {
		const file = collect(scanAll(toUtf8(input, options), DOCUMENTS_LAYOUT, withEncoding(input, options)), findings);
		if (findings.length === 0) checkDocumentsModel(file, findings);
	});
	return fatal ? findings.concat(fatal.findings) : findings;
}

export type DocumentsStreamItem =
	| { type: 'header'; AppVersion?: string; Creator?: string; CreatorUrl?: string }
	| { type: 'company'; company: EasyfattCompany }
	| { type: 'document'; index: number; document: EasyfattDocument };

/** A stream of chunks (e.g. fs.createReadStream) -> header, company and one document at a time, in bounded memory. */
export async function* streamEasyfattDocuments(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: ReadOptions = {}): AsyncGenerator<DocumentsStreamItem> {
	for await (const event of scanStream(source, DOCUMENTS_LAYOUT, options)) {
		const findings: DaneaFinding[] = [];
		const item = itemOf(event, findings);
		if (findings.length) throw new DaneaFormatError(findings);
		if (item) yield item;
	}
}

function itemOf(event: ScanEvent, findings: DaneaFinding[]): DocumentsStreamItem | undefined {
	switch (event.kind) {
		case 'root':
			return { type: 'header', ...pick(event.attributes, ['AppVersion', 'Creator', 'CreatorUrl']) };
		case 'child':
			return { type: 'company', company: readRecord(event.element, COMPANY_FIELDS, event.path, event.lineOffset, findings) as EasyfattCompany };
		case 'record':
			return { type: 'document', index: event.index, document: readDocument(event.element, event.path, event.lineOffset, findings) };
	}
	return undefined;
}

function collect(events: ScanEvent[], findings: DaneaFinding[]): EasyfattDocumentsFile {
	const file: EasyfattDocumentsFile = { Documents: [] };
	for (const event of events) {
		const item = itemOf(event, findings);
		if (!item) continue;
		if (item.type === 'header') Object.assign(file, stripType(item));
		else if (item.type === 'company') file.Company = item.company;
		else file.Documents.push(item.document);
	}
	// keep the key order stable: header, Company, Documents
	const { Documents, ...rest } = file;
	return { ...rest, Documents };
}

function stripType<T extends { type: string }>(item: T): Omit<T, 'type'> {
	const rest: Record<string, unknown> = { ...item };
	delete rest.type;
	return rest as Omit<T, 'type'>;
}

function pick(attributes: Record<string, string>, names: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const n of names) if (attributes[n] !== undefined) out[n] = attributes[n];
	return out;
}

export function readDocument(el: XmlElement, path: string, lineOffset: number, findings: DaneaFinding[]): EasyfattDocument {
	const nested: Pick<EasyfattDocument, 'Rows' | 'Payments' | 'Pdf'> = {};
	const fields = readRecord(el, DOCUMENT_FIELDS, path, lineOffset, findings, (child, childPath) => {
		if (child.local === 'Rows') {
			nested.Rows = list(child, 'Row', ROW_FIELDS, childPath, lineOffset, findings) as EasyfattRow[];
			return true;
		}
		if (child.local === 'Payments') {
			nested.Payments = list(child, 'Payment', PAYMENT_FIELDS, childPath, lineOffset, findings) as EasyfattPayment[];
			return true;
		}
		if (child.local === 'Pdf') {
			if (child.children.length) findings.push({ path: childPath, message: 'expected the PDF as base64 text', line: child.line + lineOffset });
			const fileName = child.attributes.find((a) => a.local === 'FileName')?.value;
			const base64 = child.text.replace(/\s+/g, '');
			if (base64 === '' && fileName === undefined) nested.Pdf = null;
			else {
				if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) findings.push({ path: childPath, message: 'expected base64 text (the PDF file)', line: child.line + lineOffset });
				nested.Pdf = { ...(fileName !== undefined ? { FileName: fileName } : {}), base64 };
			}
			return true;
		}
		return false;
	});
	const doc = { ...fields, ...nested } as EasyfattDocument;
	const type = doc.DocumentType;
	if (typeof type === 'string' && !(DOCUMENT_TYPE_LETTERS as string[]).includes(type))
		findings.push({ path: `${path}/DocumentType`, message: `expected one letter of ${DOCUMENT_TYPE_LETTERS.join(', ')}, got ${JSON.stringify(type)}`, line: lineOf(el, 'DocumentType', lineOffset) });
	return doc;
}

function lineOf(el: XmlElement, tag: string, lineOffset: number): number {
	return (el.children.find((c) => c.local === tag)?.line ?? el.line) + lineOffset;
}

function list(el: XmlElement, tag: string, schema: FieldSchema, path: string, lineOffset: number, findings: DaneaFinding[]): Record<string, unknown>[] {
	if (el.text.trim() !== '') findings.push({ path, message: `unexpected text; expected <${tag}> elements`, line: el.line + lineOffset });
	const out: Record<string, unknown>[] = [];
	el.children.forEach((child, i) => {
		const childPath = `${path}/${tag}[${i + 1}]`;
		if (child.local !== tag) {
			findings.push({ path: `${path}/${child.local}`, message: `unexpected element; expected <${tag}>`, line: child.line + lineOffset });
			return;
		}
		out.push(readRecord(child, schema, childPath, lineOffset, findings));
	});
	return out;
}

function toUtf8(input: string | Uint8Array, options: ReadOptions): Uint8Array {
	if (typeof input === 'string') return Buffer.from(input, 'utf8');
	if (!(input instanceof Uint8Array)) throw new TypeError(`expected the Easyfatt-XML file as text or bytes, got ${describe(input)}`);
	if (options.ignoreDeclaredEncoding || !declaresOtherEncoding(input)) return input;
	return convertToUtf8(input);
}

/** a file another program saved in a declared single-byte encoding: lib/xml decodes it */
export function convertToUtf8(input: Uint8Array): Uint8Array {
	let error: unknown;
	try {
		return Buffer.from(decodeXml(input, Number.MAX_SAFE_INTEGER), 'utf8');
	} catch (e) {
		error = e;
	}
	if (error instanceof XmlParseError) throw new DaneaFormatError([{ path: '/', message: error.message }]);
	throw error;
}

/** Runs fn; returns the DaneaFormatError it threw (any other error propagates), or undefined. */
export function ownError(fn: () => void): DaneaFormatError | undefined {
	let error: unknown;
	try {
		fn();
		return undefined;
	} catch (e) {
		error = e;
	}
	if (error instanceof DaneaFormatError) return error;
	throw error;
}

function withEncoding(input: string | Uint8Array, options: ReadOptions): ReadOptions {
	return typeof input === 'string' || declaresOtherEncoding(input) ? { ...options, ignoreDeclaredEncoding: true } : options;
}

function declaresOtherEncoding(bytes: Uint8Array): boolean {
	let k = 0;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
	if (bytes[k] !== 0x3c || bytes[k + 1] !== 0x3f) return false;
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 300)).toString('latin1');
	const m = /^<\?xml[^>]*\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
	k = 0;
	return !!m && !/^utf-?8$/i.test(m[2]);
}

// ---------------------------------------------------------------- writing

export interface WriteOptions {
	/**
	 * What an empty string means. 'omit' (default): the tag is left out, so Easyfatt keeps its
	 * default (n8n fields left blank stay harmless). 'clear': an empty tag, which clears the value.
	 * null always writes an empty tag.
	 */
	emptyStrings?: 'omit' | 'clear';
	/** indent the XML (default true, as Easyfatt's own export) */
	prettyPrint?: boolean;
}

const DEFAULT_CREATOR = 'n8n-nodes-gestionali-italiani';

/** Model -> Easyfatt-XML text. Every bad value is reported at once (DaneaFormatError with paths). */
export function buildEasyfattDocuments(file: EasyfattDocumentsFile, options: WriteOptions = {}): string {
	const emptyStrings = options.emptyStrings ?? 'omit';
	const findings: DaneaFinding[] = [];
	checkDocumentsModel(file, findings, emptyStrings);
	if (findings.length) throw new DaneaFormatError(findings);

	const rootAttributes: Record<string, string> = {
		AppVersion: file.AppVersion ?? '2',
		Creator: file.Creator ?? DEFAULT_CREATOR,
		...(file.CreatorUrl !== undefined ? { CreatorUrl: file.CreatorUrl } : {}),
	};
	const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('EasyfattDocuments', rootAttributes);
	if (file.Company) writeEntries(root.ele('Company'), recordEntries(file.Company as Record<string, unknown>, COMPANY_FIELDS, 'Company', emptyStrings, findings));
	const docs = root.ele('Documents');
	file.Documents.forEach((doc, i) => writeDocument(docs, doc, `Documents/Document[${i + 1}]`, emptyStrings, findings));
	return root.end({ prettyPrint: options.prettyPrint !== false, allowEmptyTags: true }) + '\n';
}

function writeDocument(parent: XMLBuilder, doc: EasyfattDocument, path: string, emptyStrings: 'omit' | 'clear', findings: DaneaFinding[]): void {
	const el = parent.ele('Document');
	writeEntries(el, recordEntries(doc as Record<string, unknown>, DOCUMENT_FIELDS, path, emptyStrings, findings));
	if (doc.Pdf === null) el.ele('Pdf').txt('');
	else if (doc.Pdf) el.ele('Pdf', doc.Pdf.FileName !== undefined ? { FileName: doc.Pdf.FileName } : {}).txt(doc.Pdf.base64);
	if (doc.Rows) {
		const rows = el.ele('Rows');
		doc.Rows.forEach((row, i) => writeEntries(rows.ele('Row'), recordEntries(row as Record<string, unknown>, ROW_FIELDS, `${path}/Rows/Row[${i + 1}]`, emptyStrings, findings)));
	}
	if (doc.Payments) {
		const payments = el.ele('Payments');
		doc.Payments.forEach((p, i) => writeEntries(payments.ele('Payment'), recordEntries(p as Record<string, unknown>, PAYMENT_FIELDS, `${path}/Payments/Payment[${i + 1}]`, emptyStrings, findings)));
	}
}

export function writeEntries(el: XMLBuilder, entries: { tag: string; value: WrittenValue }[]): void {
	for (const { tag, value } of entries) el.ele(tag, value.attributes ?? {}).txt(value.text);
}

/** Checks a model as the writer would, pushing every problem (path + what was expected). */
export function checkDocumentsModel(file: EasyfattDocumentsFile, findings: DaneaFinding[], emptyStrings: 'omit' | 'clear' = 'omit'): void {
	if (!file || typeof file !== 'object') {
		findings.push({ path: '/', message: `expected an object { Company?, Documents: [...] }, got ${describe(file)}` });
		return;
	}
	for (const attr of ['AppVersion', 'Creator', 'CreatorUrl'] as const) {
		const v = file[attr];
		if (v !== undefined && (typeof v !== 'string' || xmlTextProblem(v))) findings.push({ path: attr, message: `expected text, got ${describe(v)}` });
	}
	if (file.Company !== undefined) {
		if (!isObject(file.Company)) findings.push({ path: 'Company', message: `expected an object of company fields, got ${describe(file.Company)}` });
		else {
			unknownKeys(file.Company as Record<string, unknown>, COMPANY_FIELDS, [], 'Company', findings);
			recordEntries(file.Company as Record<string, unknown>, COMPANY_FIELDS, 'Company', emptyStrings, findings);
		}
	}
	if (!Array.isArray(file.Documents)) {
		findings.push({ path: 'Documents', message: `expected a list of documents, got ${describe(file.Documents)}` });
		return;
	}
	file.Documents.forEach((doc, i) => checkDocument(doc, `Documents/Document[${i + 1}]`, findings, emptyStrings));
}

function checkDocument(doc: EasyfattDocument, path: string, findings: DaneaFinding[], emptyStrings: 'omit' | 'clear'): void {
	if (!isObject(doc)) {
		findings.push({ path, message: `expected an object of document fields, got ${describe(doc)}` });
		return;
	}
	const record = doc as Record<string, unknown>;
	unknownKeys(record, DOCUMENT_FIELDS, ['Rows', 'Payments', 'Pdf'], path, findings);
	recordEntries(record, DOCUMENT_FIELDS, path, emptyStrings, findings);
	const type = doc.DocumentType;
	if (type !== undefined && type !== null && !((type as string) === '' && emptyStrings === 'omit') && !Object.prototype.hasOwnProperty.call(DOCUMENT_TYPES, type as string))
		findings.push({ path: `${path}/DocumentType`, message: `expected one letter of ${DOCUMENT_TYPE_LETTERS.join(', ')} (e.g. I fattura, C ordine cliente), got ${describe(type)}` });
	if (doc.Pdf !== undefined && doc.Pdf !== null) {
		if (!isObject(doc.Pdf) || typeof doc.Pdf.base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(doc.Pdf.base64) || doc.Pdf.base64.length % 4 !== 0)
			findings.push({ path: `${path}/Pdf`, message: 'expected { FileName?, base64 } with the PDF as base64 text' });
		else if (doc.Pdf.FileName !== undefined && (typeof doc.Pdf.FileName !== 'string' || xmlTextProblem(doc.Pdf.FileName)))
			findings.push({ path: `${path}/Pdf/FileName`, message: `expected a file name, got ${describe(doc.Pdf.FileName)}` });
	}
	checkList(doc.Rows, 'Rows', 'Row', ROW_FIELDS, path, findings, emptyStrings);
	checkList(doc.Payments, 'Payments', 'Payment', PAYMENT_FIELDS, path, findings, emptyStrings);
}

function checkList(items: unknown, container: string, tag: string, schema: FieldSchema, path: string, findings: DaneaFinding[], emptyStrings: 'omit' | 'clear'): void {
	if (items === undefined) return;
	if (!Array.isArray(items)) {
		findings.push({ path: `${path}/${container}`, message: `expected a list, got ${describe(items)}` });
		return;
	}
	(items as (EasyfattRow | EasyfattPayment)[]).forEach((item, i) => {
		const at = `${path}/${container}/${tag}[${i + 1}]`;
		if (!isObject(item)) findings.push({ path: at, message: `expected an object of fields, got ${describe(item)}` });
		else {
			unknownKeys(item as Record<string, unknown>, schema, [], at, findings);
			recordEntries(item as Record<string, unknown>, schema, at, emptyStrings, findings);
		}
	});
}

export function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
