/**
 * Reading a WebAPI answer: JSON by default, XML when asked for (Accept: application/xml). XML is
 * read with the project's safe parser (no DTD, no entities, size cap) and turned into plain
 * JSON so both formats give the node the same kind of item.
 */
import { parseXml, XmlParseError, type XmlDocument, type XmlElement } from '../xml';
import { TeamSystemResponseError } from './errors';

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export interface TseAnswer {
	format: 'json' | 'xml';
	data: unknown;
}

/**
 * An element as JSON: attributes as `@name`, children by local name (repeated names become a
 * list), a leaf as its text; text beside children is kept under `#text`.
 */
export function elementToJson(element: XmlElement): unknown {
	if (element.children.length === 0 && element.attributes.length === 0) return element.text;
	const out: Record<string, unknown> = {};
	for (const a of element.attributes) if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) own(out, `@${a.local}`, a.value);
	for (const child of element.children) {
		const value = elementToJson(child);
		const prior = Object.prototype.hasOwnProperty.call(out, child.local) ? out[child.local] : undefined;
		// elementToJson never returns a list, so a list here is one we made for a repeated name
		if (prior === undefined) own(out, child.local, value);
		else if (Array.isArray(prior)) prior.push(value);
		else own(out, child.local, [prior, value]);
	}
	if (element.text.trim() !== '') out['#text'] = element.text;
	return out;
}

/** An own property even for names like __proto__, which XML allows as element names. */
function own(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

export function readTseAnswer(body: unknown, contentType = '', maxBytes = DEFAULT_MAX_RESPONSE_BYTES): TseAnswer {
	if (body === undefined || body === null || body === '') return { format: 'json', data: {} };
	if (typeof body === 'object' && !(body instanceof Uint8Array)) return { format: 'json', data: body };
	if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
		if (typeof body === 'number' || typeof body === 'boolean') return { format: 'json', data: body };
		throw new TeamSystemResponseError(`TeamSystem answered ${typeof body}, expected JSON or XML`);
	}
	const text = typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8');
	if (byteLength(text) > maxBytes) throw new TeamSystemResponseError(`TeamSystem answered more than ${maxBytes} bytes; narrow the search`);
	const looksXml = /xml/i.test(contentType) || /^\s*</.test(text);
	if (looksXml) {
		const doc = safeXml(text, maxBytes);
		if (doc instanceof XmlParseError) throw new TeamSystemResponseError(`TeamSystem answered XML that cannot be read safely: ${doc.message}`);
		return { format: 'xml', data: { [doc.root.local]: elementToJson(doc.root) } };
	}
	const json = safeJson(text);
	if (!json.ok) throw new TeamSystemResponseError(`TeamSystem answered text that is neither JSON nor XML: ${JSON.stringify(text.slice(0, 120))}`);
	return { format: 'json', data: json.value };
}

/** The parsed document, or the parser's own error returned (not thrown) so the caller words it. */
function safeXml(text: string, maxBytes: number): XmlDocument | XmlParseError {
	try {
		return parseXml(text, { maxBytes });
	} catch (e) {
		if (e instanceof XmlParseError) return e;
		return new XmlParseError('syntax', String((e as Error)?.message ?? e));
	}
}

function safeJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}
