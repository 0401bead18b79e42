import { parseXml, XmlParseError, type XmlElement } from '../xml';

/** Replies and WSDLs are read with the project's safe parser: no DTD, bounded size and depth. */
export interface ReadLimits {
	/** refuse inputs larger than this many bytes; default 5 MB for replies, 10 MB for WSDLs */
	maxBytes?: number;
	/** refuse element nesting deeper than this; default 128 */
	maxDepth?: number;
}

export const DEFAULT_REPLY_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_WSDL_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 128;

/** Parses, turning the parser's refusal into the caller's own error (so only our classes escape). */
export function parseTree(input: string | Uint8Array, limits: ReadLimits, defaultMaxBytes: number, fail: (reason: string) => Error): XmlElement {
	if (typeof input !== 'string' && !(input instanceof Uint8Array)) throw fail(`expected the XML as a string or bytes, got ${input === null ? 'null' : typeof input}`);
	let refusal: XmlParseError | undefined;
	try {
		return parseXml(input, { maxBytes: limits.maxBytes ?? defaultMaxBytes, maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH }).root;
	} catch (e) {
		// anything but the parser's own refusal is a bug, and goes up as it is
		if (!(e instanceof XmlParseError)) return rethrow(e);
		refusal = e;
	}
	throw fail(refusal.message);
}

function rethrow(e: unknown): never {
	throw e;
}

export function childElements(el: XmlElement, local: string, namespace?: string): XmlElement[] {
	return el.children.filter((c) => c.local === local && (namespace === undefined || c.namespace === namespace));
}

export function firstChild(el: XmlElement, local: string, namespace?: string): XmlElement | undefined {
	return el.children.find((c) => c.local === local && (namespace === undefined || c.namespace === namespace));
}

export function attribute(el: XmlElement, local: string): string | undefined {
	return el.attributes.find((a) => a.local === local && a.namespace === '')?.value;
}

/** All the text under an element (its own and its descendants'), capped so a huge detail cannot flood a message. */
export function deepText(el: XmlElement, cap = 2000): string {
	let out = '';
	const stack: XmlElement[] = [el];
	while (stack.length > 0 && out.length < cap) {
		const e = stack.pop() as XmlElement;
		out += e.text;
		for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]);
	}
	const t = out.replace(/\s+/g, ' ').trim();
	return t.length > cap ? `${t.slice(0, cap)}…` : t;
}

/** True when the element was written as <x xsi:nil="true"/>. */
export function isNil(el: XmlElement): boolean {
	return el.attributes.some((a) => a.local === 'nil' && a.namespace === 'http://www.w3.org/2001/XMLSchema-instance' && (a.value === 'true' || a.value === '1'));
}
