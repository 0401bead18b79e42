import type { XmlElement } from '../xml';
import { WsdlError } from './errors';
import { attribute, childElements, DEFAULT_WSDL_MAX_BYTES, firstChild, parseTree, type ReadLimits } from './tree';

/**
 * A WSDL 1.1 reader good enough for the services Mago4 (.NET asmx, document/literal) and
 * Zucchetti Infinity (generated per installation) publish: operations, their SOAPAction and
 * endpoint, and each input/output parameter with its XSD type, occurrence and nested fields.
 * It does not fetch anything: schemas a WSDL imports by URL are listed, and can be passed in.
 */

export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
const MAX_TYPE_DEPTH = 8;
// Named types can nest wide as well as deep (a type of 100 fields of a type of 100 fields…): the
// expansion is capped so a hostile WSDL cannot make the reader exponential.
const MAX_PARAMETERS_PER_MESSAGE = 5000;
const MAX_PARAMETERS_PER_DOCUMENT = 200000;

export interface WsdlParameter {
	name: string;
	/** local name of the XSD type, e.g. 'string', 'dateTime', 'ArrayOfString'; '' for an anonymous type */
	type: string;
	/** namespace of the type; XSD_NS for the built-in types */
	typeNamespace: string;
	minOccurs: number;
	/** Infinity for maxOccurs="unbounded" */
	maxOccurs: number;
	nillable: boolean;
	/** the fields of a complex type, in order */
	fields?: WsdlParameter[];
	/** allowed values of a simple type restricted by enumeration */
	enumeration?: string[];
}

export interface WsdlMessageInfo {
	message: string;
	/** the element that wraps the parameters (document style), when the part names one */
	element?: string;
	/** namespace the body element (or rpc wrapper) is in */
	namespace: string;
	parameters: WsdlParameter[];
	/** true when the type expansion hit the reader's cap: nested fields beyond it are left out */
	truncated?: boolean;
}

export interface WsdlOperation {
	name: string;
	/** '' when the binding gives none (the SOAPAction header is then "") */
	soapAction: string;
	style: 'document' | 'rpc';
	input: WsdlMessageInfo;
	output?: WsdlMessageInfo;
	documentation?: string;
}

export interface WsdlPort {
	name: string;
	binding: string;
	soapVersion: '1.1' | '1.2' | 'other';
	address?: string;
}

export interface WsdlService {
	name: string;
	ports: WsdlPort[];
}

export interface WsdlDocument {
	targetNamespace: string;
	services: WsdlService[];
	/** the operations of the SOAP 1.1 binding (or of the only binding there is), in WSDL order */
	operations: WsdlOperation[];
	/** the SOAP 1.1 endpoint address, when the WSDL has one */
	address?: string;
	/** schemaLocation of imported/included schemas that were not passed in: their types are unknown */
	unresolvedSchemas: string[];
	/** the operation by name, or a WsdlError listing the ones there are */
	operation(name: string): WsdlOperation;
}

export interface ParseWsdlOptions extends ReadLimits {
	/** XSD documents the WSDL imports by URL (e.g. a JAX-WS `?xsd=1`), already fetched by the caller */
	schemas?: Array<string | Uint8Array>;
}

type Scope = Record<string, string>;
interface QName {
	ns: string;
	local: string;
}
interface SchemaNode {
	el: XmlElement;
	targetNamespace: string;
	qualified: boolean;
}

export function parseWsdl(xml: string | Uint8Array, options: ParseWsdlOptions = {}): WsdlDocument {
	const root = parseTree(xml, options, DEFAULT_WSDL_MAX_BYTES, (reason) => new WsdlError(`not readable XML: ${reason}`));
	if (root.local !== 'definitions' || root.namespace !== WSDL_NS) throw new WsdlError(`expected a WSDL 1.1 <definitions> element, got <${root.name}>${root.namespace ? ` in namespace ${root.namespace}` : ''}`);
	const reader = new Reader(root);
	for (const [i, extra] of (options.schemas ?? []).entries()) {
		const schema = parseTree(extra, options, DEFAULT_WSDL_MAX_BYTES, (reason) => new WsdlError(`schemas[${i}] is not readable XML: ${reason}`));
		if (schema.local !== 'schema' || schema.namespace !== XSD_NS) throw new WsdlError(`schemas[${i}]: expected an XML Schema <schema> element, got <${schema.name}>`);
		reader.addSchema(schema);
	}
	return reader.document();
}

class Reader {
	private readonly scopes = new Map<XmlElement, Scope>();
	private readonly elements = new Map<string, SchemaNode>();
	private readonly types = new Map<string, SchemaNode>();
	private readonly schemaLocations: string[] = [];
	private readonly targetNamespace: string;
	private messageBudget = 0;
	private documentBudget = MAX_PARAMETERS_PER_DOCUMENT;
	private truncated = false;
	private readonly expanded = new Map<string, { fields: WsdlParameter[]; size: number }>();

	constructor(private readonly root: XmlElement) {
		this.indexScopes(root, {});
		this.targetNamespace = attribute(root, 'targetNamespace') ?? '';
		for (const types of childElements(root, 'types', WSDL_NS)) for (const schema of childElements(types, 'schema', XSD_NS)) this.addSchema(schema, false);
	}

	addSchema(schema: XmlElement, index = true): void {
		if (index) this.indexScopes(schema, {});
		const targetNamespace = attribute(schema, 'targetNamespace') ?? '';
		const qualified = attribute(schema, 'elementFormDefault') === 'qualified';
		for (const c of schema.children) {
			if (c.namespace !== XSD_NS) continue;
			const name = attribute(c, 'name');
			if (c.local === 'element' && name) this.elements.set(key(targetNamespace, name), { el: c, targetNamespace, qualified });
			else if ((c.local === 'complexType' || c.local === 'simpleType') && name) this.types.set(key(targetNamespace, name), { el: c, targetNamespace, qualified });
			else if (c.local === 'import' || c.local === 'include') {
				const location = attribute(c, 'schemaLocation');
				if (location) this.schemaLocations.push(location);
			}
		}
	}

	// Namespace scope of every element, so QName attribute values (type="tns:X") can be resolved.
	private indexScopes(el: XmlElement, inherited: Scope): void {
		const stack: Array<[XmlElement, Scope]> = [[el, inherited]];
		while (stack.length > 0) {
			const [e, parent] = stack.pop() as [XmlElement, Scope];
			const scope = e.namespaceDeclarations ? { ...parent, ...e.namespaceDeclarations } : parent;
			this.scopes.set(e, scope);
			for (const c of e.children) stack.push([c, scope]);
		}
	}

	private qname(el: XmlElement, value: string): QName {
		const colon = value.indexOf(':');
		const prefix = colon >= 0 ? value.slice(0, colon) : '';
		const local = colon >= 0 ? value.slice(colon + 1) : value;
		const ns = this.scopes.get(el)?.[prefix];
		// An unprefixed reference with no default namespace means "no namespace"; an unknown prefix too, but keep the name.
		return { ns: ns ?? '', local };
	}

	document(): WsdlDocument {
		const messages = new Map<string, XmlElement>();
		for (const m of childElements(this.root, 'message', WSDL_NS)) messages.set(attribute(m, 'name') ?? '', m);
		const portTypes = new Map<string, XmlElement>();
		for (const p of childElements(this.root, 'portType', WSDL_NS)) portTypes.set(attribute(p, 'name') ?? '', p);
		const bindings = childElements(this.root, 'binding', WSDL_NS);
		const bindingsByName = new Map<string, XmlElement>();
		for (const b of bindings) if (!bindingsByName.has(attribute(b, 'name') ?? '')) bindingsByName.set(attribute(b, 'name') ?? '', b);
		const versionOf = (b: XmlElement): WsdlPort['soapVersion'] => (firstChild(b, 'binding', WSDL_SOAP11_NS) ? '1.1' : firstChild(b, 'binding', WSDL_SOAP12_NS) ? '1.2' : 'other');

		const services: WsdlService[] = childElements(this.root, 'service', WSDL_NS).map((s) => ({
			name: attribute(s, 'name') ?? '',
			ports: childElements(s, 'port', WSDL_NS).map((p) => {
				const bindingName = this.qname(p, attribute(p, 'binding') ?? '').local;
				const binding = bindingsByName.get(bindingName);
				const address = firstChild(p, 'address', WSDL_SOAP11_NS) ?? firstChild(p, 'address', WSDL_SOAP12_NS) ?? firstChild(p, 'address');
				return { name: attribute(p, 'name') ?? '', binding: bindingName, soapVersion: binding ? versionOf(binding) : 'other', address: address ? attribute(address, 'location') : undefined };
			}),
		}));

		const binding = bindings.find((b) => versionOf(b) === '1.1') ?? bindings.find((b) => versionOf(b) === '1.2') ?? bindings[0];
		const portTypeName = binding ? this.qname(binding, attribute(binding, 'type') ?? '').local : [...portTypes.keys()][0];
		const portType = portTypes.get(portTypeName ?? '');
		const soapNs = binding && versionOf(binding) === '1.2' ? WSDL_SOAP12_NS : WSDL_SOAP11_NS;
		const defaultStyle = (binding && attribute(firstChild(binding, 'binding', soapNs) ?? binding, 'style')) === 'rpc' ? 'rpc' : 'document';

		// by name, so a WSDL with many operations is read in linear time
		const boundOps = new Map<string, XmlElement>();
		for (const b of binding ? childElements(binding, 'operation', WSDL_NS) : []) if (!boundOps.has(attribute(b, 'name') ?? '')) boundOps.set(attribute(b, 'name') ?? '', b);
		const operations: WsdlOperation[] = [];
		for (const op of portType ? childElements(portType, 'operation', WSDL_NS) : []) {
			const name = attribute(op, 'name') ?? '';
			const bound = boundOps.get(name);
			const soapOp = bound ? firstChild(bound, 'operation', soapNs) : undefined;
			const style = soapOp && attribute(soapOp, 'style') ? (attribute(soapOp, 'style') === 'rpc' ? 'rpc' : 'document') : defaultStyle;
			const bodyNs = (io: string) => {
				const b = bound ? firstChild(bound, io, WSDL_NS) : undefined;
				const body = b ? firstChild(b, 'body', soapNs) : undefined;
				return body ? attribute(body, 'namespace') : undefined;
			};
			const io = (which: 'input' | 'output'): WsdlMessageInfo | undefined => {
				const ioEl = firstChild(op, which, WSDL_NS);
				if (!ioEl) return undefined;
				const messageName = this.qname(ioEl, attribute(ioEl, 'message') ?? '').local;
				const message = messages.get(messageName);
				if (!message) throw new WsdlError(`operation ${name}: its ${which} message ${messageName} is not defined`, name);
				return this.messageInfo(message, messageName, style, bodyNs(which));
			};
			const documentation = firstChild(op, 'documentation', WSDL_NS)?.text.trim();
			operations.push({ name, soapAction: (soapOp && attribute(soapOp, 'soapAction')) ?? '', style, input: io('input') ?? { message: '', namespace: this.targetNamespace, parameters: [] }, output: io('output'), documentation: documentation || undefined });
		}

		const byName = new Map<string, WsdlOperation>();
		for (const o of operations) if (!byName.has(o.name)) byName.set(o.name, o);
		const soap11Port = services.flatMap((s) => s.ports).find((p) => p.soapVersion === '1.1' && p.address) ?? services.flatMap((s) => s.ports).find((p) => p.address);
		const targetNamespace = this.targetNamespace;
		const unresolvedSchemas = [...this.schemaLocations];
		return {
			targetNamespace,
			services,
			operations,
			address: soap11Port?.address,
			unresolvedSchemas,
			operation(opName: string): WsdlOperation {
				const found = byName.get(opName);
				if (found) return found;
				const names = operations.map((o) => o.name);
				const list = names.length === 0 ? 'it has none' : `it has ${names.slice(0, 30).join(', ')}${names.length > 30 ? `, … (${names.length} in all)` : ''}`;
				throw new WsdlError(`operation ${opName} is not in this WSDL (${targetNamespace || 'no target namespace'}); ${list}`, opName);
			},
		};
	}

	private messageInfo(message: XmlElement, messageName: string, style: 'document' | 'rpc', bodyNamespace: string | undefined): WsdlMessageInfo {
		this.messageBudget = MAX_PARAMETERS_PER_MESSAGE;
		this.truncated = false;
		const info = this.messageInfoUncapped(message, messageName, style, bodyNamespace);
		return this.truncated ? { ...info, truncated: true } : info;
	}

	/** n more parameters may be expanded: false once the cap is reached */
	private spend(n = 1): boolean {
		if (this.messageBudget < n || this.documentBudget < n) {
			this.truncated = true;
			return false;
		}
		this.messageBudget -= n;
		this.documentBudget -= n;
		return true;
	}

	private messageInfoUncapped(message: XmlElement, messageName: string, style: 'document' | 'rpc', bodyNamespace: string | undefined): WsdlMessageInfo {
		const parts = childElements(message, 'part', WSDL_NS);
		if (style === 'document' && parts.length === 1 && attribute(parts[0], 'element')) {
			const ref = this.qname(parts[0], attribute(parts[0], 'element') as string);
			const decl = this.elements.get(key(ref.ns, ref.local));
			// The wrapper element's schema may be one the WSDL imports by URL: parameters unknown, not an error.
			if (!decl) return { message: messageName, element: ref.local, namespace: ref.ns, parameters: [] };
			const param = this.parameterOf(decl.el, decl, 0, new Set());
			return { message: messageName, element: ref.local, namespace: ref.ns, parameters: param.fields ?? [] };
		}
		const parameters = parts.map((p) => {
			const name = attribute(p, 'name') ?? '';
			const element = attribute(p, 'element');
			if (element) {
				const ref = this.qname(p, element);
				const decl = this.elements.get(key(ref.ns, ref.local));
				return decl ? { ...this.parameterOf(decl.el, decl, 0, new Set()), name } : { name, type: ref.local, typeNamespace: ref.ns, minOccurs: 1, maxOccurs: 1, nillable: false };
			}
			const type = this.qname(p, attribute(p, 'type') ?? '');
			return this.typed(name, type, 1, 1, false, 0, new Set());
		});
		// rpc style: the body element is named after the operation, in the soap:body namespace
		return { message: messageName, namespace: bodyNamespace ?? this.targetNamespace, parameters };
	}

	private parameterOf(el: XmlElement, schema: SchemaNode | undefined, depth: number, seen: Set<string>): WsdlParameter {
		const refAttr = attribute(el, 'ref');
		const minOccurs = occurs(attribute(el, 'minOccurs'), 1);
		const maxOccurs = occurs(attribute(el, 'maxOccurs'), 1);
		if (refAttr) {
			const ref = this.qname(el, refAttr);
			const decl = this.elements.get(key(ref.ns, ref.local));
			if (!decl || depth > MAX_TYPE_DEPTH) return { name: ref.local, type: '', typeNamespace: '', minOccurs, maxOccurs, nillable: false };
			return { ...this.parameterOf(decl.el, decl, depth + 1, seen), minOccurs, maxOccurs };
		}
		const name = attribute(el, 'name') ?? '';
		const nillable = attribute(el, 'nillable') === 'true';
		const typeAttr = attribute(el, 'type');
		if (typeAttr) return this.typed(name, this.qname(el, typeAttr), minOccurs, maxOccurs, nillable, depth, seen);
		const inlineComplex = firstChild(el, 'complexType', XSD_NS);
		if (inlineComplex) return { name, type: '', typeNamespace: schema?.targetNamespace ?? '', minOccurs, maxOccurs, nillable, fields: this.fieldsOf(inlineComplex, depth + 1, seen) };
		const inlineSimple = firstChild(el, 'simpleType', XSD_NS);
		if (inlineSimple) return { name, ...this.simple(inlineSimple), minOccurs, maxOccurs, nillable };
		// no type at all: xs:anyType
		return { name, type: 'anyType', typeNamespace: XSD_NS, minOccurs, maxOccurs, nillable };
	}

	private typed(name: string, type: QName, minOccurs: number, maxOccurs: number, nillable: boolean, depth: number, seen: Set<string>): WsdlParameter {
		const base: WsdlParameter = { name, type: type.local, typeNamespace: type.ns, minOccurs, maxOccurs, nillable };
		if (type.ns === XSD_NS || depth > MAX_TYPE_DEPTH) return base;
		const k = key(type.ns, type.local);
		const decl = this.types.get(k);
		if (!decl || seen.has(k)) return base;
		if (decl.el.local === 'simpleType') {
			const s = this.simple(decl.el);
			return { ...base, enumeration: s.enumeration };
		}
		// Each named type is expanded once and its fields reused, so the work stays linear in the
		// WSDL's size; a reuse still counts its fields against the cap, so the output stays bounded.
		const cached = this.expanded.get(k);
		if (cached) return this.spend(cached.size) ? { ...base, fields: cached.fields } : base;
		if (this.messageBudget <= 0 || this.documentBudget <= 0) {
			this.truncated = true;
			return base;
		}
		const before = this.messageBudget;
		const wasTruncated = this.truncated;
		this.truncated = false;
		const fields = this.fieldsOf(decl.el, depth + 1, new Set(seen).add(k));
		// a partial expansion (cut by the cap) is not reused; one cut by a cycle is (a recursive type
		// then shows one level less where it is reused, which is harmless)
		if (!this.truncated) this.expanded.set(k, { fields, size: before - this.messageBudget });
		this.truncated = this.truncated || wasTruncated;
		return { ...base, fields };
	}

	private simple(simpleType: XmlElement): { type: string; typeNamespace: string; enumeration?: string[] } {
		const restriction = firstChild(simpleType, 'restriction', XSD_NS);
		const list = firstChild(simpleType, 'list', XSD_NS);
		const inner = restriction ?? (list ? firstChild(list, 'simpleType', XSD_NS) && firstChild(firstChild(list, 'simpleType', XSD_NS) as XmlElement, 'restriction', XSD_NS) : undefined);
		if (!inner) return { type: 'string', typeNamespace: XSD_NS };
		const baseAttr = attribute(inner, 'base');
		const base = baseAttr ? this.qname(inner, baseAttr) : { ns: XSD_NS, local: 'string' };
		const values = childElements(inner, 'enumeration', XSD_NS).map((e) => attribute(e, 'value') ?? '');
		return { type: base.local, typeNamespace: base.ns, enumeration: values.length > 0 ? values : undefined };
	}

	// Fields of a complex type: sequence / all / choice (choice fields become optional), complexContent extension.
	private fieldsOf(complexType: XmlElement, depth: number, seen: Set<string>): WsdlParameter[] {
		if (depth > MAX_TYPE_DEPTH) return [];
		const out: WsdlParameter[] = [];
		// siblings are counted against the cap before any of them is expanded, so a cut leaves
		// every field of the upper levels listed and only the deepest ones without their fields
		const pending: Array<[XmlElement, boolean]> = [];
		let full = false;
		const collect = (group: XmlElement, optional: boolean, level: number) => {
			if (level > MAX_TYPE_DEPTH) return;
			for (const c of group.children) {
				if (full) return;
				if (c.namespace !== XSD_NS) continue;
				if (c.local === 'element') {
					if (this.spend()) pending.push([c, optional]);
					else full = true;
				} else if (c.local === 'sequence' || c.local === 'all') collect(c, optional || attribute(c, 'minOccurs') === '0', level + 1);
				else if (c.local === 'choice') collect(c, true, level + 1);
			}
		};
		const walk = (group: XmlElement, optional: boolean, level: number) => {
			collect(group, optional, level);
			for (const [c, opt] of pending.splice(0)) {
				const p = this.parameterOf(c, undefined, depth, seen);
				out.push(opt ? { ...p, minOccurs: 0 } : p);
			}
		};
		const content = firstChild(complexType, 'complexContent', XSD_NS);
		if (content) {
			const derivation = firstChild(content, 'extension', XSD_NS) ?? firstChild(content, 'restriction', XSD_NS);
			if (derivation) {
				const baseAttr = attribute(derivation, 'base');
				const base = baseAttr ? this.qname(derivation, baseAttr) : undefined;
				if (base && base.ns === SOAP_ENCODING_NS && base.local === 'Array') {
					// rpc/encoded arrays: the item type is in wsdl:arrayType="tns:Item[]"
					const attr = childElements(derivation, 'attribute', XSD_NS).flatMap((a) => a.attributes).find((a) => a.local === 'arrayType');
					if (attr) {
						const item = this.qname(childElements(derivation, 'attribute', XSD_NS)[0], attr.value.replace(/\[.*$/, ''));
						return [this.typed('item', item, 0, Infinity, true, depth, seen)];
					}
					return [];
				}
				if (base && firstChild(content, 'extension', XSD_NS)) {
					const k = key(base.ns, base.local);
					const decl = this.types.get(k);
					if (decl && !seen.has(k) && decl.el.local === 'complexType') out.push(...this.fieldsOf(decl.el, depth + 1, new Set(seen).add(k)));
				}
				walk(derivation, false, 0);
			}
			return out;
		}
		walk(complexType, false, 0);
		return out;
	}
}

function key(ns: string, local: string): string {
	return `{${ns}}${local}`;
}

function occurs(value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	if (value === 'unbounded') return Infinity;
	const n = Number(value);
	return Number.isInteger(n) && n >= 0 ? n : fallback;
}
