/**
 * Fattura24 reply -> result or a clear error. Fattura24 answers business errors with HTTP 200 and
 * a negative `returnCode` (endpoints.json: -1 not authorised / invalid apiKey, -2 XML is wrong);
 * the error keeps Fattura24's own code and text next to our English explanation.
 */
import { Fattura24ReplyError, readF24Xml, type F24Object, type F24Value, type ReadOptions } from './reply';

/** What each documented returnCode means, in our words. Codes not listed keep Fattura24's description only. */
export const RETURN_CODES: Record<string, string> = {
	'1': 'the API key is valid (TestKey)',
	'0': 'operation completed',
	'-1': 'not authorised: the API key is wrong or disabled, or this server is not on the key\'s IP allow-list (Fattura24 > Configurazione > App e servizi esterni > API)',
	'-2': 'the XML sent is wrong: Fattura24 could not read the document (a field name, value or structure it does not accept)',
};

export class Fattura24Error extends Error {
	constructor(
		/** Fattura24's returnCode, e.g. '-1' */
		readonly returnCode: string,
		/** Fattura24's own description, as sent */
		readonly fattura24Description: string,
		readonly operation: string,
	) {
		const ours = RETURN_CODES[returnCode];
		super(`Fattura24 ${operation} failed with returnCode ${returnCode}${ours ? ` (${ours})` : ''}: ${fattura24Description || 'no description given'}`);
		this.name = 'Fattura24Error';
	}
}

export interface Fattura24Reply {
	/** the children of <root> */
	root: F24Object;
	returnCode?: string;
	description?: string;
}

/** Reads a reply and throws Fattura24Error on a negative returnCode. */
export function readReply(text: string, operation: string, options: ReadOptions = {}): Fattura24Reply {
	const top = readF24Xml(text, options);
	const rootValue = top.root;
	const root = Array.isArray(rootValue) ? rootValue[0] : rootValue;
	if (root === undefined || typeof root === 'string') {
		const shown = text.slice(0, 120).replace(/\s+/g, ' ');
		throw new Fattura24ReplyError(
			`Fattura24 ${operation}: the reply is not a Fattura24 XML answer (no <root> element with content); it starts with ${JSON.stringify(shown)}`,
		);
	}
	const returnCode = textOf(root.returnCode);
	const description = textOf(root.description);
	if (returnCode !== undefined && !/^-?\d+$/.test(returnCode))
		throw new Fattura24ReplyError(`Fattura24 ${operation}: returnCode should be a whole number, got ${JSON.stringify(returnCode.slice(0, 40))}`);
	if (returnCode !== undefined && Number(returnCode) < 0) throw new Fattura24Error(returnCode, description ?? '', operation);
	return { root, ...(returnCode !== undefined ? { returnCode } : {}), ...(description !== undefined ? { description } : {}) };
}

export function textOf(v: F24Value | F24Value[] | undefined): string | undefined {
	if (v === undefined) return undefined;
	const one = Array.isArray(v) ? v[0] : v;
	if (typeof one === 'string') return one;
	const t = one?.['#text'];
	return typeof t === 'string' ? t : undefined;
}

export function listOf(v: F24Value | F24Value[] | undefined): F24Value[] {
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export interface TestKeyResult {
	valid: true;
	/** Fattura24's subscription type code as sent (its meaning is not documented publicly) */
	subscriptionType?: string;
	/** expiry as sent (dd/mm/yyyy) and as ISO date when it reads as one */
	subscriptionExpire?: string;
	subscriptionExpireIso?: string;
	description?: string;
}

/** TestKey: returnCode 1 is success; the subscription block says type and expiry. */
export function readTestKey(text: string): TestKeyResult {
	const r = readReply(text, 'TestKey');
	if (r.returnCode !== '1') throw new Fattura24Error(r.returnCode ?? '(missing)', r.description ?? 'TestKey did not answer returnCode 1', 'TestKey');
	const sub = r.root.subscription;
	const subObj = sub && !Array.isArray(sub) && typeof sub === 'object' ? sub : undefined;
	const type = subObj ? textOf(subObj.type) : undefined;
	const expire = subObj ? textOf(subObj.expire) : undefined;
	const iso = expire ? italianDateToIso(expire) : undefined;
	return {
		valid: true,
		...(type ? { subscriptionType: type } : {}),
		...(expire ? { subscriptionExpire: expire } : {}),
		...(iso ? { subscriptionExpireIso: iso } : {}),
		...(r.description ? { description: r.description } : {}),
	};
}

/** dd/mm/yyyy -> yyyy-mm-dd when it is a real calendar date, else undefined. */
export function italianDateToIso(s: string): string | undefined {
	const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s.trim());
	if (!m) return undefined;
	const iso = `${m[3]}-${m[2]}-${m[1]}`;
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export interface SaveResult {
	returnCode: string;
	description?: string;
	/** SaveDocument: docId, docNumber, docType; SaveCustomer: id and the echoed fields */
	fields: Record<string, string>;
}

/** SaveDocument / SaveCustomer / SaveItem: returnCode 0 and flat fields. */
export function readSaveReply(text: string, operation: 'SaveDocument' | 'SaveCustomer' | 'SaveItem'): SaveResult {
	const r = readReply(text, operation);
	if (r.returnCode === undefined) throw new Fattura24ReplyError(`Fattura24 ${operation}: the reply has no returnCode, so it is unknown whether the ${operation === 'SaveCustomer' ? 'contact' : 'document'} was saved`);
	const fields: Record<string, string> = {};
	for (const key of Object.keys(r.root)) {
		if (key === 'returnCode' || key === 'description') continue;
		const t = textOf(r.root[key]);
		if (t !== undefined) fields[key] = t;
	}
	if (operation === 'SaveDocument' && !fields.docId)
		throw new Fattura24ReplyError('Fattura24 SaveDocument: the reply has returnCode 0 but no docId; look the document up in Fattura24 before sending it again');
	return { returnCode: r.returnCode, ...(r.description !== undefined ? { description: r.description } : {}), fields };
}

export type FileReply = { kind: 'pdf'; data: Uint8Array } ;

/** GetFile: PDF bytes (they start with %PDF-), or an XML error reply. */
export function readFileReply(body: Uint8Array): FileReply {
	if (!(body instanceof Uint8Array)) throw new Fattura24ReplyError('GetFile: expected the reply body as bytes');
	if (body.length >= 5 && body[0] === 0x25 && body[1] === 0x50 && body[2] === 0x44 && body[3] === 0x46 && body[4] === 0x2d) return { kind: 'pdf', data: body };
	const text = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, Math.min(body.length, 65536)));
	const r = readReply(text, 'GetFile');
	throw new Fattura24ReplyError(`Fattura24 GetFile: expected a PDF, got an XML reply${r.returnCode !== undefined ? ` with returnCode ${r.returnCode}` : ''}${r.description ? `: ${r.description}` : ''}`);
}

/** GetProduct: the <prodotto> entries (each followed by its <magazzino> block in the real reply). */
export function readProducts(text: string): { products: F24Object[]; stock: F24Object[] } {
	const r = readReply(text, 'GetProduct');
	const objects = (v: F24Value | F24Value[] | undefined) => listOf(v).filter((x): x is F24Object => typeof x === 'object');
	return { products: objects(r.root.prodotto), stock: objects(r.root.magazzino) };
}

export interface TemplateEntry {
	/** the element name, e.g. modelloFattura, modelloFatturaFe, modelloDDT */
	kind: string;
	id: string;
	description: string;
	isDefault: boolean;
	fields: F24Object;
}

/** GetTemplate: every modello* element as a flat entry. */
export function readTemplates(text: string): TemplateEntry[] {
	const r = readReply(text, 'GetTemplate');
	const out: TemplateEntry[] = [];
	for (const key of Object.keys(r.root)) {
		if (!key.startsWith('modello')) continue;
		for (const v of listOf(r.root[key])) {
			if (typeof v !== 'object') continue;
			out.push({ kind: key, id: textOf(v.id) ?? '', description: textOf(v.descrizione) ?? '', isDefault: textOf(v.isDefault) === 'true', fields: v });
		}
	}
	return out;
}

/** GetNumerator: the document types (<doc>) and numbering series (<sezionale>). */
export function readNumerators(text: string): { docs: F24Object[]; series: F24Object[] } {
	const r = readReply(text, 'GetNumerator');
	const objects = (v: F24Value | F24Value[] | undefined) => listOf(v).filter((x): x is F24Object => typeof x === 'object');
	return { docs: objects(r.root.doc), series: objects(r.root.sezionale) };
}
