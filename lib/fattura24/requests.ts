/**
 * Fattura24 requests: every call is an HTTP POST, form-encoded, to
 * https://www.app.fattura24.com/api/v0.3/<Operation> with the apiKey field and, for the Save*
 * operations, an `xml` field holding <Fattura24><Document>...</Document></Fattura24>
 * (endpoints.json). The XML is built with xmlbuilder2; fields are written in the order given,
 * so a caller (or a test against a captured request) controls the exact bytes.
 */
import { create } from 'xmlbuilder2';

import { NaturaCodes } from '../fatturapa/codes';
import { MoneyError, parseExactDecimal } from '../money';

export const FATTURA24_BASE_URL = 'https://www.app.fattura24.com/api/v0.3';

export type Fattura24Operation = 'TestKey' | 'SaveCustomer' | 'SaveDocument' | 'SaveItem' | 'GetFile' | 'GetProduct' | 'GetTemplate' | 'GetNumerator' | 'GetPdc';
export const FATTURA24_OPERATIONS: readonly Fattura24Operation[] = ['TestKey', 'SaveCustomer', 'SaveDocument', 'SaveItem', 'GetFile', 'GetProduct', 'GetTemplate', 'GetNumerator', 'GetPdc'];

/** DocumentType codes verified in two sources (official pages + snada/fattura24); other codes are refused. */
export const DOCUMENT_TYPES = { I: 'invoice (fattura)', FE: 'electronic invoice (fattura elettronica, sent to SdI)', R: 'receipt (ricevuta)', C: 'customer order (ordine cliente)', N: 'credit note (nota di credito)' } as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export class Fattura24InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'Fattura24InputError';
	}
}

export interface Fattura24Request {
	method: 'POST';
	url: string;
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' };
	/** the form fields, apiKey included: never log this object as is */
	form: Record<string, string>;
	/** the form-encoded body */
	body: string;
	/** the XML document sent in the `xml` field, for the Save* operations */
	xml?: string;
}

type Kind = 'text' | 'money' | 'decimal' | 'bool' | 'date' | 'vat' | 'natura' | 'docType' | 'paymentCode' | 'destCode' | 'email' | 'country' | 'province' | 'integer';

const CUSTOMER: Record<string, Kind> = {
	CustomerName: 'text',
	CustomerAddress: 'text',
	CustomerPostcode: 'text',
	CustomerCity: 'text',
	CustomerProvince: 'province',
	CustomerCountry: 'country',
	CustomerFiscalCode: 'text',
	CustomerVatCode: 'text',
	CustomerCellPhone: 'text',
	CustomerEmail: 'email',
	FeCustomerPec: 'email',
	FeDestinationCode: 'destCode',
};
const DELIVERY: Record<string, Kind> = {
	DeliveryName: 'text',
	DeliveryAddress: 'text',
	DeliveryPostcode: 'text',
	DeliveryCity: 'text',
	DeliveryProvince: 'province',
	DeliveryCountry: 'country',
};
const DOCUMENT: Record<string, Kind> = {
	DocumentType: 'docType',
	...CUSTOMER,
	...DELIVERY,
	Object: 'text',
	TotalWithoutTax: 'money',
	VatAmount: 'money',
	Total: 'money',
	PaymentMethodName: 'text',
	PaymentMethodDescription: 'text',
	FePaymentCode: 'paymentCode',
	FootNotes: 'text',
	SendEmail: 'bool',
	F24OrderId: 'text',
	IdTemplate: 'integer',
};
const ROW: Record<string, Kind> = {
	Code: 'text',
	Description: 'text',
	Qty: 'decimal',
	Um: 'text',
	Price: 'decimal',
	Discounts: 'text',
	VatCode: 'vat',
	VatDescription: 'text',
	FeVatNature: 'natura',
};
const PAYMENT: Record<string, Kind> = { Date: 'date', Amount: 'money', Paid: 'bool' };

export type Scalar = string | number | boolean;
export interface RowInput {
	Code?: Scalar;
	Description?: Scalar;
	Qty?: Scalar;
	Um?: Scalar;
	Price?: Scalar;
	Discounts?: Scalar;
	VatCode?: Scalar;
	VatDescription?: Scalar;
	FeVatNature?: Scalar;
}
export interface PaymentInput {
	Date?: Scalar;
	Amount?: Scalar;
	Paid?: Scalar;
}
/** A Document: the documented field names as keys, written in key order. */
export interface DocumentInput {
	[field: string]: Scalar | RowInput[] | PaymentInput[] | undefined;
	Payments?: PaymentInput[];
	Rows?: RowInput[];
}

export interface DocumentOptions {
	/**
	 * fields Fattura24 accepts that this package does not list (name -> text); names must be XML
	 * names, and a listed field cannot be given here
	 */
	extraFields?: Record<string, Scalar>;
}

const MAX_ROWS = 1000;
const MAX_TEXT = 10_000;

function form(op: Fattura24Operation, apiKey: string, fields: Record<string, string>, xml?: string): Fattura24Request {
	const key = typeof apiKey === 'string' ? apiKey.trim() : '';
	if (!key) throw new Fattura24InputError('apiKey', 'expected the Fattura24 API key (Configurazione > App e servizi esterni > API)');
	const all = { apiKey: key, ...fields, ...(xml !== undefined ? { xml } : {}) };
	return {
		method: 'POST',
		url: `${FATTURA24_BASE_URL}/${op}`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		form: all,
		body: new URLSearchParams(all).toString(),
		...(xml !== undefined ? { xml } : {}),
	};
}

export function testKeyRequest(apiKey: string): Fattura24Request {
	return form('TestKey', apiKey, {});
}
export function getTemplateRequest(apiKey: string): Fattura24Request {
	return form('GetTemplate', apiKey, {});
}
export function getNumeratorRequest(apiKey: string): Fattura24Request {
	return form('GetNumerator', apiKey, {});
}
export function getPdcRequest(apiKey: string): Fattura24Request {
	return form('GetPdc', apiKey, {});
}
export function getFileRequest(apiKey: string, docId: string | number): Fattura24Request {
	const id = String(docId ?? '').trim();
	if (!/^\d{1,20}$/.test(id)) throw new Fattura24InputError('docId', `expected the document id Fattura24 returned from SaveDocument (digits), got ${JSON.stringify(docId)}`);
	return form('GetFile', apiKey, { docId: id });
}
export function getProductRequest(apiKey: string, filter: { code?: string; category?: string } = {}): Fattura24Request {
	const fields: Record<string, string> = {};
	for (const k of ['code', 'category'] as const) {
		const v = filter[k];
		if (v === undefined || v === '') continue;
		if (typeof v !== 'string' || v.length > 200) throw new Fattura24InputError(k, 'expected text of at most 200 characters');
		fields[k] = v;
	}
	return form('GetProduct', apiKey, fields);
}

/** SaveCustomer: a Document with customer fields only. */
export function saveCustomerRequest(apiKey: string, customer: DocumentInput, options: DocumentOptions = {}): Fattura24Request {
	if (!customer || typeof customer !== 'object') throw new Fattura24InputError('customer', 'expected an object of Customer* fields');
	if (!text(customer.CustomerName)) throw new Fattura24InputError('CustomerName', 'the contact needs a name');
	return form('SaveCustomer', apiKey, {}, documentXml(customer, CUSTOMER, options, 'customer'));
}

/** SaveDocument: DocumentType is required; FE documents get the SdI checks below. */
export function saveDocumentRequest(apiKey: string, doc: DocumentInput, options: DocumentOptions = {}): Fattura24Request {
	checkDocument(doc, 'document');
	return form('SaveDocument', apiKey, {}, documentXml(doc, DOCUMENT, options, 'document'));
}

/** SaveItem: credits to invoice later (crediti da fatturare); the same Document structure as SaveDocument. */
export function saveItemRequest(apiKey: string, doc: DocumentInput, options: DocumentOptions = {}): Fattura24Request {
	checkDocument(doc, 'item');
	return form('SaveItem', apiKey, {}, documentXml(doc, DOCUMENT, options, 'item'));
}

function text(v: unknown): string {
	return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function checkDocument(doc: DocumentInput, what: string): void {
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Fattura24InputError(what, 'expected an object of Document fields');
	if (doc.DocumentType === undefined) throw new Fattura24InputError('DocumentType', `required; one of ${Object.keys(DOCUMENT_TYPES).join(', ')}`);
	const rows = doc.Rows;
	if (rows !== undefined && !Array.isArray(rows)) throw new Fattura24InputError('Rows', 'expected a list of rows');
	if (!rows || rows.length === 0) throw new Fattura24InputError('Rows', 'a document needs at least one row');
	if (rows.length > MAX_ROWS) throw new Fattura24InputError('Rows', `at most ${MAX_ROWS} rows per document`);
	rows.forEach((r, i) => {
		if (!r || typeof r !== 'object') throw new Fattura24InputError(`Rows[${i}]`, 'expected an object');
		if (!text(r.Description)) throw new Fattura24InputError(`Rows[${i}].Description`, 'every row needs a description');
	});
	if (doc.DocumentType === 'FE') {
		if (!text(doc.CustomerName)) throw new Fattura24InputError('CustomerName', 'an electronic invoice needs the customer name');
		if (!text(doc.CustomerVatCode) && !text(doc.CustomerFiscalCode))
			throw new Fattura24InputError('CustomerVatCode', 'an electronic invoice needs CustomerVatCode or CustomerFiscalCode (SdI refuses a buyer with neither, error 00417)');
		rows.forEach((r, i) => {
			const vat = text(r.VatCode);
			if (vat !== '' && isZero(vat) && !text(r.FeVatNature))
				throw new Fattura24InputError(`Rows[${i}].FeVatNature`, 'a row at 0% VAT on an electronic invoice needs its Natura (N1 ... N7), as SdI requires (error 00400)');
			if (vat !== '' && !isZero(vat) && text(r.FeVatNature))
				throw new Fattura24InputError(`Rows[${i}].FeVatNature`, `a Natura goes only on a 0% row; this row has VatCode ${vat} (SdI error 00401)`);
		});
	}
	const parts = ['TotalWithoutTax', 'VatAmount', 'Total'].map((k) => doc[k]);
	if (parts.every((p) => p !== undefined)) {
		const [net, vat, total] = parts.map((p, j) => dec(String(p), ['TotalWithoutTax', 'VatAmount', 'Total'][j], 2));
		const cents = (d: { units: bigint; scale: number }) => d.units * 10n ** BigInt(2 - d.scale);
		if (cents(net) + cents(vat) !== cents(total))
			throw new Fattura24InputError('Total', `Total ${String(doc.Total)} is not TotalWithoutTax ${String(doc.TotalWithoutTax)} + VatAmount ${String(doc.VatAmount)}`);
	}
}

function isZero(v: string): boolean {
	try {
		return parseExactDecimal(v, 'VatCode', { maxDecimals: 2 }).units === 0n;
	} catch {
		return false;
	}
}

function documentXml(doc: DocumentInput, allowed: Record<string, Kind>, options: DocumentOptions, what: string): string {
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Fattura24InputError(what, 'expected an object of Document fields');
	const root = create({ version: '1.0', encoding: 'UTF-8' });
	const d = root.ele('Fattura24').ele('Document');
	for (const key of Object.keys(doc)) {
		const value = doc[key];
		if (value === undefined) continue;
		if (key === 'Payments' && allowed === DOCUMENT) {
			if (!Array.isArray(value)) throw new Fattura24InputError('Payments', 'expected a list of payments');
			const ps = d.ele('Payments');
			(value as PaymentInput[]).forEach((p, i) => scalars(ps.ele('Payment'), p, PAYMENT, `Payments[${i}]`));
			continue;
		}
		if (key === 'Rows' && allowed === DOCUMENT) {
			if (!Array.isArray(value)) throw new Fattura24InputError('Rows', 'expected a list of rows');
			const rs = d.ele('Rows');
			(value as RowInput[]).forEach((r, i) => scalars(rs.ele('Row'), r, ROW, `Rows[${i}]`));
			continue;
		}
		const kind = allowed[key];
		if (!kind) throw new Fattura24InputError(key, `not a ${what} field Fattura24 documents; known fields: ${Object.keys(allowed).concat(allowed === DOCUMENT ? ['Payments', 'Rows'] : []).join(', ')} (others go in extraFields)`);
		d.ele(key).txt(format(value as Scalar, kind, key));
	}
	for (const [key, value] of Object.entries(options.extraFields ?? {})) {
		if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key)) throw new Fattura24InputError(`extraFields.${key}`, 'expected an XML element name (letters, digits, _)');
		if (allowed[key] || key === 'Payments' || key === 'Rows' || key in doc) throw new Fattura24InputError(`extraFields.${key}`, 'this field is listed: give it in the document itself');
		d.ele(key).txt(format(value, 'text', `extraFields.${key}`));
	}
	return root.end({ prettyPrint: false });
}

function scalars(parent: ReturnType<ReturnType<typeof create>["ele"]>, obj: object, allowed: Record<string, Kind>, at: string): void {
	if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Fattura24InputError(at, 'expected an object');
	for (const key of Object.keys(obj)) {
		const value = (obj as Record<string, unknown>)[key];
		if (value === undefined) continue;
		const kind = allowed[key];
		if (!kind) throw new Fattura24InputError(`${at}.${key}`, `not a field Fattura24 documents here; known fields: ${Object.keys(allowed).join(', ')}`);
		parent.ele(key).txt(format(value as Scalar, kind, `${at}.${key}`));
	}
}

const NATURE: readonly string[] = NaturaCodes.map((c) => c.code);
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>]{2,}$/;

function format(value: Scalar, kind: Kind, field: string): string {
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
		throw new Fattura24InputError(field, `expected text, a number or true/false, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`);
	if (kind === 'bool') {
		if (value === true || value === 'true') return 'true';
		if (value === false || value === 'false') return 'false';
		throw new Fattura24InputError(field, `expected true or false, got ${JSON.stringify(value)}`);
	}
	if (typeof value === 'boolean') throw new Fattura24InputError(field, 'expected text or a number, got true/false');
	const s = typeof value === 'number' ? numberText(value, field) : value.trim();
	if (s.length > MAX_TEXT) throw new Fattura24InputError(field, `at most ${MAX_TEXT} characters`);
	{
		switch (kind) {
			case 'text':
				// eslint-disable-next-line no-control-regex
				if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s)) throw new Fattura24InputError(field, 'contains a control character XML cannot carry');
				return s;
			case 'money':
				dec(s, field, 2);
				return s;
			case 'decimal':
				dec(s, field, 8);
				return s;
			case 'vat': {
				const d = dec(s, field, 2);
				if (d.units < 0n || d.units > 100n * 10n ** BigInt(d.scale)) throw new Fattura24InputError(field, `expected a VAT rate between 0 and 100, got ${s}`);
				return s;
			}
			case 'integer':
				if (!/^\d{1,12}$/.test(s)) throw new Fattura24InputError(field, `expected a whole number, got ${JSON.stringify(s)}`);
				return s;
			case 'date': {
				const ok = /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
				if (!ok) throw new Fattura24InputError(field, `expected a date YYYY-MM-DD, got ${JSON.stringify(s)}`);
				return s;
			}
			case 'natura':
				if (!NATURE.includes(s)) throw new Fattura24InputError(field, `expected a FatturaPA Natura code (${NATURE.join(', ')}), got ${JSON.stringify(s)}`);
				return s;
			case 'docType':
				if (!Object.prototype.hasOwnProperty.call(DOCUMENT_TYPES, s))
					throw new Fattura24InputError(field, `expected one of ${Object.entries(DOCUMENT_TYPES).map(([k, v]) => `${k} (${v})`).join(', ')}, got ${JSON.stringify(s)}`);
				return s;
			case 'paymentCode':
				if (!/^MP(0[1-9]|1\d|2[0-3])$/.test(s)) throw new Fattura24InputError(field, `expected a FatturaPA ModalitaPagamento code MP01 ... MP23, got ${JSON.stringify(s)}`);
				return s;
			case 'destCode':
				if (!/^[A-Z0-9]{6,7}$/.test(s)) throw new Fattura24InputError(field, `expected the SdI codice destinatario: 7 letters/digits (6 for a public administration), got ${JSON.stringify(s)}`);
				return s;
			case 'email':
				if (!EMAIL.test(s)) throw new Fattura24InputError(field, `expected an e-mail address, got ${JSON.stringify(s.slice(0, 80))}`);
				return s;
			case 'country':
				if (!/^[A-Z]{2}$/.test(s)) throw new Fattura24InputError(field, `expected an ISO 3166-1 two-letter country code such as IT, got ${JSON.stringify(s)}`);
				return s;
			case 'province':
				if (!/^[A-Z]{2}$/.test(s)) throw new Fattura24InputError(field, `expected a two-letter province code such as MI, got ${JSON.stringify(s)}`);
				return s;
		}
	}
	return s;
}

/** parseExactDecimal with the error as a Fattura24InputError naming the field. */
function dec(s: string, field: string, maxDecimals: number): { units: bigint; scale: number } {
	let problem: string | undefined;
	let d: { units: bigint; scale: number } | undefined;
	try {
		d = parseExactDecimal(s, field, { maxDecimals });
	} catch (e) {
		problem = e instanceof MoneyError ? e.message.slice(field.length + 2) : String(e);
	}
	if (!d) throw new Fattura24InputError(field, problem ?? 'expected a decimal number');
	return d;
}

function numberText(n: number, field: string): string {
	if (!Number.isFinite(n)) throw new Fattura24InputError(field, `expected a finite number, got ${n}`);
	const s = String(n);
	if (/e/i.test(s)) throw new Fattura24InputError(field, `${n} is too large or too small`);
	return s;
}
