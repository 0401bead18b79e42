import { decodeXml, DEFAULT_MAX_BYTES } from './decode';
import { XmlParseError } from './errors';
import type { XmlAttribute, XmlElement } from './types';

/**
 * A small, strict XML 1.0 + Namespaces parser for documents from outside (invoices, receipts).
 * Why not a general library: no DTD is ever read (a DOCTYPE is refused before anything is
 * expanded), only the five predefined entities and character references are resolved, the input
 * is size-capped, and namespaces are resolved so a validator can tell `p:FatturaElettronica` from
 * an element in the wrong namespace while callers address elements by local name.
 */

export interface ParseXmlOptions {
	/** refuse inputs larger than this many bytes (UTF-8 size for strings); default 5 MB */
	maxBytes?: number;
	/** refuse element nesting deeper than this; default 256 */
	maxDepth?: number;
}

export interface XmlDeclaration {
	version?: string;
	encoding?: string;
	standalone?: string;
}

/** A namespace problem: recorded, not thrown, because received files get namespaces wrong in the wild. */
export interface XmlNamespaceIssue {
	line: number;
	message: string;
}

export interface XmlDocument {
	root: XmlElement;
	declaration?: XmlDeclaration;
	namespaceIssues: XmlNamespaceIssue[];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
// XML 1.0 Char production, negated (these control characters are exactly what XML forbids);
// surrogates must pair.
// eslint-disable-next-line no-control-regex
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
// XML's Name production includes combining marks and the zero-width joiner on purpose
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, 'uy');
// eslint-disable-next-line no-misleading-character-class
const NAME_ONLY = new RegExp(`^[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*$`, 'u');
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

type Scope = Record<string, string>;

export function parseXml(input: string | Uint8Array, options: ParseXmlOptions = {}): XmlDocument {
	let s = decodeXml(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
	if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
	const bad = INVALID_CHAR.exec(s);
	if (bad) {
		const at = lineColumn(s, bad.index);
		throw new XmlParseError('syntax', `character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, at.line, at.column);
	}
	return new Parser(s, options.maxDepth ?? 256).run();
}

function lineColumn(s: string, pos: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let k = s.indexOf('\n'); k >= 0 && k < pos; k = s.indexOf('\n', k + 1)) {
		line++;
		lineStart = k + 1;
	}
	return { line, column: pos - lineStart + 1 };
}

function isWs(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

class Parser {
	private pos = 0;
	private lineCountedTo = 0;
	private line = 1;
	private nextNewline: number;
	private readonly namespaceIssues: XmlNamespaceIssue[] = [];

	constructor(
		private readonly s: string,
		private readonly maxDepth: number,
	) {
		this.nextNewline = s.indexOf('\n');
	}

	run(): XmlDocument {
		const s = this.s;
		const n = s.length;
		let declaration: XmlDeclaration | undefined;
		if (s.startsWith('<?xml') && isWs(s.charCodeAt(5))) declaration = this.xmlDeclaration();

		const stack: XmlElement[] = [];
		const scopes: Scope[] = [Object.create(null) as Scope];
		let root: XmlElement | undefined;
		while (this.pos < n) {
			const lt = s.indexOf('<', this.pos);
			const top = stack.length ? stack[stack.length - 1] : undefined;
			if (!top) {
				const end = lt < 0 ? n : lt;
				for (let k = this.pos; k < end; k++)
					if (!isWs(s.charCodeAt(k))) this.fail(k, root ? 'text after the root element' : 'text before the root element');
				if (lt < 0) break;
			} else {
				if (lt < 0) this.fail(n, `element <${top.name}> is not closed`);
				if (lt > this.pos) top.text += this.text(this.pos, lt);
			}
			this.pos = lt;
			const c = s.charCodeAt(lt + 1);
			if (c === 0x2f /* / */) {
				if (!top) this.fail(lt, 'end tag without a start tag');
				this.endTag(top);
				stack.pop();
				scopes.pop();
			} else if (c === 0x21 /* ! */) {
				if (s.startsWith('<!--', lt)) this.comment();
				else if (s.startsWith('<![CDATA[', lt)) {
					if (!top) this.fail(lt, 'CDATA section outside the root element');
					const end = s.indexOf(']]>', lt + 9);
					if (end < 0) this.fail(lt, 'CDATA section is not closed');
					top.text += s.slice(lt + 9, end);
					this.pos = end + 3;
				} else if (s.startsWith('<!DOCTYPE', lt)) {
					const at = lineColumn(s, lt);
					throw new XmlParseError('doctype', 'a DOCTYPE (DTD) is not allowed: FatturaPA files never carry one, and DTDs enable entity-expansion and external-entity attacks', at.line, at.column);
				} else this.fail(lt, `markup declaration "${s.slice(lt, lt + 10)}" is not allowed`);
			} else if (c === 0x3f /* ? */) {
				this.processingInstruction();
			} else {
				if (!top && root) this.fail(lt, 'a second root element; an XML document has exactly one');
				if (stack.length >= this.maxDepth) this.fail(lt, `elements nested deeper than ${this.maxDepth}`);
				const parentScope = scopes[scopes.length - 1];
				const { element, selfClosing, scope } = this.startTag(parentScope);
				if (top) top.children.push(element);
				else root = element;
				if (!selfClosing) {
					stack.push(element);
					scopes.push(scope);
				}
			}
		}
		if (stack.length) this.fail(n, `element <${stack[stack.length - 1].name}> is not closed`);
		if (!root) this.fail(n, 'no root element');
		return { root, declaration, namespaceIssues: this.namespaceIssues };
	}

	private lineOf(pos: number): number {
		// Lines are counted forwards only, from one newline to the next: a start tag never
		// searches past the next newline, so a document written on one line costs nothing here.
		if (pos < this.lineCountedTo) return lineColumn(this.s, pos).line;
		while (this.nextNewline >= 0 && this.nextNewline < pos) {
			this.line++;
			this.nextNewline = this.s.indexOf('\n', this.nextNewline + 1);
		}
		this.lineCountedTo = pos;
		return this.line;
	}

	private fail(pos: number, message: string): never {
		const at = lineColumn(this.s, pos);
		throw new XmlParseError('syntax', message, at.line, at.column);
	}

	private xmlDeclaration(): XmlDeclaration {
		const end = this.s.indexOf('?>');
		if (end < 0) this.fail(0, 'the XML declaration is not closed');
		const body = this.s.slice(5, end);
		const decl: XmlDeclaration = {};
		const re = /\s*([a-z]+)\s*=\s*(["'])([^"']*)\2/y;
		let k = 0;
		for (let m = re.exec(body); m; m = re.exec(body)) {
			(decl as Record<string, string>)[m[1]] = m[3];
			k = re.lastIndex;
		}
		if (body.slice(k).trim() !== '' || !decl.version) this.fail(0, 'malformed XML declaration');
		this.pos = end + 2;
		return decl;
	}

	private comment(): void {
		const start = this.pos;
		const end = this.s.indexOf('-->', start + 4);
		if (end < 0) this.fail(start, 'comment is not closed');
		const dd = this.s.indexOf('--', start + 4);
		if (dd < end) this.fail(dd, '"--" is not allowed inside a comment');
		this.pos = end + 3;
	}

	private processingInstruction(): void {
		const start = this.pos;
		NAME.lastIndex = start + 2;
		const m = NAME.exec(this.s);
		if (!m) this.fail(start, 'processing instruction without a target');
		if (m[0].toLowerCase() === 'xml') this.fail(start, 'the XML declaration is only allowed at the very start of the document');
		const end = this.s.indexOf('?>', NAME.lastIndex);
		if (end < 0) this.fail(start, 'processing instruction is not closed');
		this.pos = end + 2;
	}

	private text(from: number, to: number): string {
		// Search the slice, not the whole input: an unbounded indexOf per text node is quadratic.
		const raw = this.s.slice(from, to);
		const gt = raw.indexOf(']]>');
		if (gt >= 0) this.fail(from + gt, '"]]>" is not allowed in text');
		if (raw.indexOf('&') < 0) return raw;
		return this.resolveReferences(raw, from);
	}

	/** Only &lt; &gt; &amp; &quot; &apos; and &#...; exist here: nothing is ever expanded from a DTD. */
	private resolveReferences(raw: string, from: number): string {
		let out = '';
		let k = 0;
		for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', k)) {
			out += raw.slice(k, amp);
			const semi = raw.indexOf(';', amp);
			if (semi < 0 || semi - amp > 40) this.fail(from + amp, '"&" must start a reference such as &amp;');
			out += this.reference(raw.slice(amp + 1, semi), from + amp);
			k = semi + 1;
		}
		return out + raw.slice(k);
	}

	private reference(ref: string, at: number): string {
		if (ref.charCodeAt(0) === 0x23 /* # */) {
			const hex = ref.charCodeAt(1) === 0x78; /* x */
			const digits = ref.slice(hex ? 2 : 1);
			if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) this.fail(at, `malformed character reference &${ref};`);
			const cp = parseInt(digits, hex ? 16 : 10);
			const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
			if (!ok) this.fail(at, `character reference &${ref}; is not an XML character`);
			return String.fromCodePoint(cp);
		}
		const v = PREDEFINED[ref];
		if (v !== undefined) return v;
		if (!NAME_ONLY.test(ref)) this.fail(at, '"&" must start a reference such as &amp;');
		const pos = lineColumn(this.s, at);
		throw new XmlParseError('entity', `entity &${ref}; is not defined: only &lt; &gt; &amp; &quot; &apos; and character references are accepted, DTD entities are never expanded`, pos.line, pos.column);
	}

	private startTag(parentScope: Scope): { element: XmlElement; selfClosing: boolean; scope: Scope } {
		const s = this.s;
		const start = this.pos;
		NAME.lastIndex = start + 1;
		const m = NAME.exec(s);
		if (!m) this.fail(start, 'malformed start tag: "<" must be followed by an element name');
		const name = m[0];
		let k = NAME.lastIndex;
		const raw: { name: string; value: string }[] = [];
		let seen: Set<string> | undefined;
		let selfClosing = false;
		for (;;) {
			const before = k;
			while (isWs(s.charCodeAt(k))) k++;
			const c = s.charCodeAt(k);
			if (c === 0x3e /* > */) {
				k++;
				break;
			}
			if (c === 0x2f /* / */ && s.charCodeAt(k + 1) === 0x3e) {
				selfClosing = true;
				k += 2;
				break;
			}
			if (Number.isNaN(c)) this.fail(start, `start tag <${name}> is not closed`);
			if (k === before) this.fail(k, `attributes of <${name}> must be separated by white space`);
			NAME.lastIndex = k;
			const a = NAME.exec(s);
			if (!a) this.fail(k, `malformed attribute in <${name}>`);
			k = NAME.lastIndex;
			while (isWs(s.charCodeAt(k))) k++;
			if (s.charCodeAt(k) !== 0x3d /* = */) this.fail(k, `attribute ${a[0]} of <${name}> has no value ("=" expected)`);
			k++;
			while (isWs(s.charCodeAt(k))) k++;
			const q = s.charCodeAt(k);
			if (q !== 0x22 && q !== 0x27) this.fail(k, `the value of attribute ${a[0]} must be quoted`);
			const close = s.indexOf(q === 0x22 ? '"' : "'", k + 1);
			if (close < 0) this.fail(k, `the value of attribute ${a[0]} is not closed`);
			// only the value itself is searched for "<": a search to the end of the input per
			// attribute made a tag with many attributes quadratic
			const value = s.slice(k + 1, close);
			const lt = value.indexOf('<');
			if (lt >= 0) this.fail(k + 1 + lt, `"<" is not allowed in the value of attribute ${a[0]}`);
			if (raw.length < 8) {
				for (const r of raw) if (r.name === a[0]) this.fail(k, `attribute ${a[0]} appears twice in <${name}>`);
			} else {
				if (!seen) seen = new Set(raw.map((r) => r.name));
				if (seen.has(a[0])) this.fail(k, `attribute ${a[0]} appears twice in <${name}>`);
				seen.add(a[0]);
			}
			raw.push({ name: a[0], value: this.attributeValue(value, k + 1) });
			k = close + 1;
		}
		this.pos = k;
		const line = this.lineOf(start);

		let scope = parentScope;
		let declarations: Record<string, string> | undefined;
		for (const r of raw) {
			if (r.name === 'xmlns' || r.name.startsWith('xmlns:')) {
				const prefix = r.name === 'xmlns' ? '' : r.name.slice(6);
				if (prefix !== '' && r.value === '') this.namespaceIssues.push({ line, message: `prefix ${prefix} is bound to an empty namespace on <${name}>` });
				if (!declarations) {
					declarations = {};
					scope = Object.create(parentScope) as Scope;
				}
				declarations[prefix] = r.value;
				scope[prefix] = r.value;
			}
		}
		const attributes: XmlAttribute[] = [];
		for (const r of raw) {
			if (r.name === 'xmlns' || r.name.startsWith('xmlns:')) continue;
			const colon = r.name.indexOf(':');
			const local = colon < 0 ? r.name : r.name.slice(colon + 1);
			const namespace = colon < 0 ? '' : this.resolve(scope, r.name.slice(0, colon), r.name, line);
			attributes.push({ name: r.name, local, namespace, value: r.value });
		}
		const colon = name.indexOf(':');
		const element: XmlElement = {
			name,
			local: colon < 0 ? name : name.slice(colon + 1),
			namespace: colon < 0 ? (scope[''] ?? '') : this.resolve(scope, name.slice(0, colon), name, line),
			attributes,
			children: [],
			text: '',
			line,
		};
		if (declarations) element.namespaceDeclarations = declarations;
		return { element, selfClosing, scope };
	}

	private resolve(scope: Scope, prefix: string, qname: string, line: number): string {
		if (prefix === 'xml') return XML_NS;
		const ns = scope[prefix];
		if (ns === undefined) {
			this.namespaceIssues.push({ line, message: `namespace prefix ${prefix} of ${qname} is not declared` });
			return '';
		}
		return ns;
	}

	private attributeValue(raw: string, from: number): string {
		// Attribute-value normalisation: literal tabs and newlines become spaces; references keep theirs.
		if (raw.indexOf('&') < 0) return raw.replace(/[\t\n]/g, ' ');
		let out = '';
		let k = 0;
		for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', k)) {
			out += raw.slice(k, amp).replace(/[\t\n]/g, ' ');
			const semi = raw.indexOf(';', amp);
			if (semi < 0 || semi - amp > 40) this.fail(from + amp, '"&" must start a reference such as &amp;');
			out += this.reference(raw.slice(amp + 1, semi), from + amp);
			k = semi + 1;
		}
		return out + raw.slice(k).replace(/[\t\n]/g, ' ');
	}

	private endTag(top: XmlElement): void {
		const s = this.s;
		const start = this.pos;
		NAME.lastIndex = start + 2;
		const m = NAME.exec(s);
		if (!m) this.fail(start, 'malformed end tag');
		let k = NAME.lastIndex;
		while (isWs(s.charCodeAt(k))) k++;
		if (s.charCodeAt(k) !== 0x3e) this.fail(k, `end tag </${m[0]}> is not closed with ">"`);
		if (m[0] !== top.name) this.fail(start, `end tag </${m[0]}> does not match start tag <${top.name}> of line ${top.line}`);
		this.pos = k + 1;
	}
}
