import { create } from 'xmlbuilder2';
import { SoapRequestError } from './errors';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * A parameter value: text as written; a number or boolean as XSD writes it; a Date as xs:dateTime;
 * null as xsi:nil; undefined is left out; an array repeats the element; an object nests elements.
 */
export type SoapValue = string | number | boolean | Date | null | undefined | SoapValue[] | { [name: string]: SoapValue };

export interface EnvelopeInput {
	/** the operation, for messages */
	operation: string;
	/** namespace of the body element (the WSDL's target namespace) */
	namespace: string;
	/** local name of the body element; default the operation (document/literal wrapped) */
	element?: string;
	/** the body element's children, in order (a WSDL sequence is ordered: pass pairs or an ordered object) */
	parameters?: Array<[string, SoapValue]> | { [name: string]: SoapValue };
	/** child elements in the namespace too (elementFormDefault="qualified", the default) or in no namespace */
	qualified?: boolean;
	/** prefix of the body namespace; default 'ns' */
	prefix?: string;
}

export interface SoapRequest {
	/** the whole envelope, UTF-8 XML with a declaration */
	body: string;
	/** Content-Type for SOAP 1.1 */
	contentType: string;
	/** SOAPAction header value, quoted as SOAP 1.1 asks ('""' when the WSDL gives none) */
	soapActionHeader: string;
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ELEMENT_NAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
const PREFIX = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const MAX_NESTING = 32;

/** The SOAP 1.1 envelope of one call, written with xmlbuilder2. Every bad value is refused with its field name. */
export function buildEnvelope(input: EnvelopeInput): string {
	const { operation } = input;
	const element = input.element ?? operation;
	const prefix = input.prefix ?? 'ns';
	if (typeof input.namespace !== 'string' || input.namespace === '') throw new SoapRequestError(operation, 'namespace', 'expected the target namespace URI of the service');
	if (!ELEMENT_NAME.test(element ?? '')) throw new SoapRequestError(operation, 'element', `expected an XML element name, got ${JSON.stringify(element)}`);
	if (!PREFIX.test(prefix) || /^xml/i.test(prefix)) throw new SoapRequestError(operation, 'prefix', `expected a namespace prefix, got ${JSON.stringify(prefix)}`);
	const qualified = input.qualified !== false;

	const doc = create({ version: '1.0', encoding: 'utf-8' });
	const envelope = doc.ele(SOAP11_ENVELOPE_NS, 'soapenv:Envelope').att(XMLNS_NS, `xmlns:${prefix}`, input.namespace);
	envelope.ele(SOAP11_ENVELOPE_NS, 'soapenv:Header');
	const call = envelope.ele(SOAP11_ENVELOPE_NS, 'soapenv:Body').ele(input.namespace, `${prefix}:${element}`);
	const childNs = qualified ? input.namespace : '';
	const childName = (name: string) => (qualified ? `${prefix}:${name}` : name);
	let usesNil = false;

	type Node = ReturnType<typeof doc.ele>;
	const write = (parent: Node, name: string, value: SoapValue, field: string, depth: number): void => {
		if (value === undefined) return;
		if (!ELEMENT_NAME.test(name)) throw new SoapRequestError(operation, field, `expected an XML element name (letters, digits, _ . -), got ${JSON.stringify(name)}`);
		if (depth > MAX_NESTING) throw new SoapRequestError(operation, field, `nested more than ${MAX_NESTING} levels`);
		if (Array.isArray(value)) {
			value.forEach((v, i) => {
				if (Array.isArray(v)) throw new SoapRequestError(operation, `${field}[${i}]`, 'expected a value or an object, not a list inside a list');
				write(parent, name, v, `${field}[${i}]`, depth + 1);
			});
			return;
		}
		const el = childNs ? parent.ele(childNs, childName(name)) : parent.ele(name);
		if (value === null) {
			usesNil = true;
			el.att(XSI_NS, 'xsi:nil', 'true');
			return;
		}
		if (value instanceof Date) {
			if (Number.isNaN(value.getTime())) throw new SoapRequestError(operation, field, 'expected a valid date');
			el.txt(value.toISOString());
			return;
		}
		switch (typeof value) {
			case 'string':
				if (FORBIDDEN_CHAR.test(value)) {
					const c = FORBIDDEN_CHAR.exec(value)?.[0] ?? '';
					throw new SoapRequestError(operation, field, `contains the character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
				}
				// xmlbuilder2 leaves an '&' that already starts an entity reference (e.g. the text '&amp;')
				// unescaped, which would corrupt an XML payload sent as text: escape every '&' first, so
				// each one it sees starts '&amp;' and the text arrives exactly as given.
				if (value !== '') el.txt(value.replace(/&/g, '&amp;'));
				return;
			case 'number':
				if (!Number.isFinite(value)) throw new SoapRequestError(operation, field, `expected a finite number, got ${value}`);
				el.txt(String(value));
				return;
			case 'boolean':
				el.txt(value ? 'true' : 'false');
				return;
			case 'object':
				for (const [k, v] of Object.entries(value)) write(el, k, v, `${field}.${k}`, depth + 1);
				return;
			default:
				throw new SoapRequestError(operation, field, `expected text, a number, a boolean, a date, a list or an object, got ${typeof value}`);
		}
	};

	const params = input.parameters ?? [];
	const pairs: Array<[string, SoapValue]> = Array.isArray(params) ? params : Object.entries(params);
	for (const [name, value] of pairs) write(call, name, value, `parameters.${name}`, 0);
	if (usesNil) envelope.att(XMLNS_NS, 'xmlns:xsi', XSI_NS);
	return doc.end({ prettyPrint: false });
}

/** Envelope plus the HTTP headers SOAP 1.1 wants. */
export function soapRequest(input: EnvelopeInput & { soapAction?: string }): SoapRequest {
	const action = input.soapAction ?? '';
	if (/["\r\n]/.test(action)) throw new SoapRequestError(input.operation, 'soapAction', 'expected a URI without quotes or line breaks');
	return { body: buildEnvelope(input), contentType: 'text/xml; charset=utf-8', soapActionHeader: `"${action}"` };
}
