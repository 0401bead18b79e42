/**
 * Bounded-memory reading of Easyfatt-XML: a byte scanner that walks the outer levels of the file
 * (root, Company, Documents / Products / UpdatedProducts / DeletedProducts) and cuts out one
 * record element at a time (a <Document>, a <Product>), which lib/xml's safe parser then reads.
 * Memory is the largest single element plus one input chunk, whatever the file's size, and
 * every byte is looked at a bounded number of times (a pending token is searched again only
 * while it is shorter than maxElementBytes).
 *
 * Why bytes: '<', '>', quotes and white space are ASCII, and a UTF-8 continuation byte is never
 * ASCII, so cutting at them never splits a character; each cut-out element is decoded (strictly,
 * as UTF-8) by lib/xml. lib/xml has no streaming tokenizer to build on, so this scanner only does
 * the little tokenising the outer levels need, and leaves everything inside a record to lib/xml.
 */
import { parseXml, XmlParseError, type XmlElement } from '../xml';
import { DaneaFormatError } from './values';

export interface ScannerLayout {
	root: string;
	/** children of the root that hold records: container name -> record element name */
	containers: Readonly<Record<string, string>>;
	/** other children of the root, each read whole (Company) */
	rootChildren: readonly string[];
}

export interface ScanOptions {
	/** refuse one record (or any single token) larger than this; default 32 MiB */
	maxElementBytes?: number;
	/** the bytes were already converted to UTF-8: do not refuse a declaration naming another encoding */
	ignoreDeclaredEncoding?: boolean;
}

export type ScanEvent =
	| { kind: 'root'; attributes: Record<string, string>; line: number }
	| { kind: 'container'; name: string; attributes: Record<string, string>; line: number }
	| { kind: 'record'; container: string; index: number; path: string; element: XmlElement; lineOffset: number }
	| { kind: 'child'; name: string; path: string; element: XmlElement; lineOffset: number };

export const DEFAULT_MAX_ELEMENT_BYTES = 32 * 1024 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const NL = 0x0a;

function startsWith(buf: Buffer, text: string, at: number): boolean {
	if (at + text.length > buf.length) return false;
	for (let i = 0; i < text.length; i++) if (buf[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

function isWs(b: number): boolean {
	return b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
}

interface Capture {
	start: number;
	depth: number;
	line: number;
	path: string;
	container?: string;
	index: number;
	name: string;
}

export class ElementScanner {
	/** growable store (capacity doubles, consumed bytes are shifted out), so appending a chunk copies only the chunk */
	private store: Buffer = Buffer.alloc(0);
	private len = 0;
	/** the current view: store[0, len) */
	private buf: Buffer = Buffer.alloc(0);
	/** where to continue searching the end of a token that was incomplete at the end of the last chunk */
	private resume: { at: number; from: number; quote: number } | null = null;
	private pos = 0;
	private line = 1;
	private started = false;
	private rootClosed = false;
	private sawRoot = false;
	private final = false;
	private readonly stack: string[] = [];
	private capture: Capture | null = null;
	private readonly counts = new Map<string, number>();
	private readonly max: number;

	constructor(
		private readonly layout: ScannerLayout,
		private readonly options: ScanOptions = {},
	) {
		this.max = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
	}

	push(chunk: Uint8Array): ScanEvent[] {
		const keep = this.capture ? this.capture.start : this.pos;
		if (keep > 0) {
			this.store.copyWithin(0, keep, this.len);
			this.len -= keep;
			this.pos -= keep;
			if (this.capture) this.capture.start -= keep;
			if (this.resume) {
				this.resume.at -= keep;
				this.resume.from -= keep;
			}
		}
		if (this.len + chunk.length > this.store.length || (this.store.length > 1 << 20 && (this.len + chunk.length) * 4 < this.store.length)) {
			const next = Buffer.allocUnsafe(Math.max(64 * 1024, 2 * (this.len + chunk.length)));
			this.store.copy(next, 0, 0, this.len);
			this.store = next;
		}
		this.store.set(chunk, this.len);
		this.len += chunk.length;
		this.buf = this.store.subarray(0, this.len);
		const events: ScanEvent[] = [];
		this.run(events);
		const pending = this.buf.length - (this.capture ? this.capture.start : this.pos);
		if (pending > this.max) {
			const where = this.capture ? this.capture.path : this.stack.length ? this.where() : this.layout.root;
			throw new DaneaFormatError([{ path: where, line: this.capture?.line ?? this.line, message: `a single element or markup token is larger than ${this.max} bytes (maxElementBytes)` }]);
		}
		return events;
	}

	end(): ScanEvent[] {
		this.final = true;
		const events: ScanEvent[] = [];
		this.run(events);
		if (this.capture) this.fail(this.capture.path, `the file ends inside <${this.capture.name}> (truncated?)`, this.capture.line);
		if (this.stack.length) this.fail(this.where(), `the file ends inside <${this.stack[this.stack.length - 1]}> (truncated?)`);
		if (!this.sawRoot) this.fail(this.layout.root, `no <${this.layout.root}> element: this is not an ${this.layout.root} file`);
		return events;
	}

	private fail(path: string, message: string, line = this.line): never {
		throw new DaneaFormatError([{ path, message, line }]);
	}

	private where(): string {
		return this.stack.length ? this.stack.slice(1).join('/') || this.stack[0] : '/';
	}

	/** moves pos to `to`, counting lines on the way */
	private advance(to: number): void {
		const buf = this.buf;
		for (let k = buf.indexOf(NL, this.pos); k >= 0 && k < to; k = buf.indexOf(NL, k + 1)) this.line++;
		this.pos = to;
	}

	private run(events: ScanEvent[]): void {
		const buf = this.buf;
		if (!this.started && !this.prolog()) return;
		for (;;) {
			const lt = buf.indexOf(LT, this.pos);
			const textEnd = lt < 0 ? buf.length : lt;
			if (!this.capture) {
				for (let k = this.pos; k < textEnd; k++)
					if (!isWs(buf[k])) {
						this.advance(k);
						const snippet = buf.toString('utf8', k, Math.min(textEnd, k + 30)).trim();
						this.fail(this.where(), `unexpected text ${JSON.stringify(snippet)} ${this.stack.length ? 'between elements' : this.rootClosed ? 'after the root element' : 'before the root element'}`);
					}
			}
			this.advance(textEnd);
			if (lt < 0) return;
			if (buf.length - lt < 9 && !this.final) return;
			const c = buf[lt + 1];
			let end: number;
			if (c === BANG) {
				if (startsWith(buf, '<!--', lt)) {
					end = buf.indexOf('-->', this.resumeFrom(lt, lt + 4));
					if (end < 0) return this.incomplete('comment', lt, 2);
					this.advance(end + 3);
				} else if (startsWith(buf, '<![CDATA[', lt)) {
					if (!this.capture) this.fail(this.where(), 'a CDATA section is only allowed inside a field');
					end = buf.indexOf(']]>', this.resumeFrom(lt, lt + 9));
					if (end < 0) return this.incomplete('CDATA section', lt, 2);
					this.advance(end + 3);
				} else if (startsWith(buf, '<!DOCTYPE', lt)) {
					this.fail(this.where(), 'a DOCTYPE (DTD) is not allowed: Easyfatt-XML never carries one, and DTDs enable entity-expansion attacks');
				} else this.fail(this.where(), `markup declaration ${JSON.stringify(buf.toString('utf8', lt, lt + 10))} is not allowed`);
			} else if (c === QUESTION) {
				end = buf.indexOf('?>', this.resumeFrom(lt, lt + 2));
				if (end < 0) return this.incomplete('processing instruction', lt, 1);
				if (!this.capture && /^<\?xml[\s?]/i.test(buf.toString('latin1', lt, lt + 6))) this.fail(this.where(), 'the XML declaration is only allowed at the very start of the file');
				this.advance(end + 2);
			} else if (c === SLASH) {
				end = buf.indexOf(GT, this.resumeFrom(lt, lt + 2));
				if (end < 0) return this.incomplete('end tag', lt, 0);
				const name = buf.toString('utf8', lt + 2, end).trim();
				if (this.capture) {
					this.capture.depth--;
					this.advance(end + 1);
					if (this.capture.depth === 0) this.finishCapture(events, end + 1);
				} else {
					const top = this.stack[this.stack.length - 1];
					if (top === undefined) this.fail('/', `end tag </${name}> without a start tag`);
					if (name !== top) this.fail(this.where(), `end tag </${name}> does not match <${top}>`);
					this.stack.pop();
					if (this.stack.length === 0) this.rootClosed = true;
					this.advance(end + 1);
				}
			} else {
				end = this.startTagEnd(lt);
				if (end < 0) return this.incomplete('start tag', -1, 0);
				const selfClosing = buf[end - 1] === SLASH;
				if (this.capture) {
					if (!selfClosing) this.capture.depth++;
					this.advance(end + 1);
				} else this.outerStartTag(events, lt, end, selfClosing);
			}
		}
	}

	private resumeFrom(lt: number, from: number): number {
		const r = this.resume;
		this.resume = null;
		return r && r.at === lt ? Math.max(from, r.from) : from;
	}

	/** the token at `lt` is not complete yet: remember how far it was searched (its terminator can straddle `overlap` bytes) */
	private incomplete(what: string, lt: number, overlap: number): void {
		if (lt >= 0) this.resume = { at: lt, from: Math.max(lt, this.buf.length - overlap), quote: 0 };
		if (this.final) this.fail(this.capture?.path ?? this.where(), `the file ends inside a ${what} (truncated?)`, this.capture?.line ?? this.line);
	}

	/** the index of the '>' closing the start tag at lt, quotes respected; -1 when not in the buffer yet */
	private startTagEnd(lt: number): number {
		const buf = this.buf;
		const r = this.resume;
		this.resume = null;
		let quote = r && r.at === lt ? r.quote : 0;
		let k = r && r.at === lt ? r.from : lt + 1;
		for (; k < buf.length; k++) {
			const b = buf[k];
			if (quote) {
				if (b === quote) quote = 0;
			} else if (b === 0x22 || b === 0x27) quote = b;
			else if (b === GT) return k;
			else if (b === LT) {
				this.advance(lt);
				this.fail(this.capture?.path ?? this.where(), 'a start tag is not closed before the next "<"');
			}
		}
		this.resume = { at: lt, from: k, quote };
		return -1;
	}

	private prolog(): boolean {
		const buf = this.buf;
		if (buf.length < 6 && !this.final) return false;
		let k = 0;
		if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) k = 3;
		else if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))
			this.fail('/', 'the file is UTF-16; Easyfatt-XML is UTF-8 (convert it, or pass the text as a string)');
		if (startsWith(buf, '<?xml', k) && isWs(buf[k + 5])) {
			const end = buf.indexOf('?>', k);
			if (end < 0) {
				if (this.final) this.fail('/', 'the XML declaration is not closed');
				if (buf.length > 4096) this.fail('/', 'malformed XML declaration');
				return false;
			}
			const decl = buf.toString('latin1', k, end);
			const enc = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(decl);
			if (enc && !/^utf-?8$/i.test(enc[2]) && !this.options.ignoreDeclaredEncoding)
				this.fail('/', `the XML declaration names encoding ${enc[2]}; Easyfatt-XML is UTF-8 (Danea's rule). Read the whole file with parseEasyfatt* (which converts it) or convert it first`);
			this.pos = k;
			this.advance(end + 2);
		} else this.pos = k;
		this.started = true;
		return true;
	}

	private outerStartTag(events: ScanEvent[], lt: number, end: number, selfClosing: boolean): void {
		const buf = this.buf;
		const tag = buf.toString('utf8', lt, end + 1);
		const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
		const depth = this.stack.length;
		const line = this.line;
		if (this.rootClosed) this.fail('/', `a second root element <${name}>; the file has exactly one <${this.layout.root}>`);
		if (depth === 0) {
			if (name !== this.layout.root) this.fail('/', `the root element is <${name}>; expected <${this.layout.root}>`);
			this.sawRoot = true;
			events.push({ kind: 'root', attributes: this.attributesOf(tag, selfClosing, name), line });
			this.advance(end + 1);
			if (selfClosing) this.rootClosed = true;
			else this.stack.push(name);
			return;
		}
		const parent = this.stack[depth - 1];
		if (depth === 1) {
			if (Object.prototype.hasOwnProperty.call(this.layout.containers, name)) {
				if (this.counts.has(`#${name}`)) this.fail(name, `<${name}> appears twice; expected once`);
				this.counts.set(`#${name}`, 1);
				events.push({ kind: 'container', name, attributes: this.attributesOf(tag, selfClosing, name), line });
				this.advance(end + 1);
				if (!selfClosing) this.stack.push(name);
				return;
			}
			if (this.layout.rootChildren.includes(name)) {
				if (this.counts.has(name)) this.fail(name, `<${name}> appears twice; expected once`);
				this.counts.set(name, 1);
				this.startCapture(events, lt, end, selfClosing, { path: name, name, index: 1 });
				return;
			}
			const expected = [...this.layout.rootChildren, ...Object.keys(this.layout.containers)].map((n) => `<${n}>`).join(', ');
			this.fail(name, `unexpected element <${name}> in <${parent}>; expected ${expected}`);
		}
		if (depth === 2) {
			const record = this.layout.containers[parent];
			if (name !== record) this.fail(`${parent}/${name}`, `unexpected element <${name}> in <${parent}>; expected <${record}>`);
			const index = (this.counts.get(parent) ?? 0) + 1;
			this.counts.set(parent, index);
			this.startCapture(events, lt, end, selfClosing, { path: `${parent}/${name}[${index}]`, name, index, container: parent });
			return;
		}
		this.fail(this.where(), `unexpected element <${name}>`);
	}

	private startCapture(events: ScanEvent[], lt: number, end: number, selfClosing: boolean, c: Omit<Capture, 'start' | 'depth' | 'line'>): void {
		this.advance(lt);
		this.capture = { ...c, start: lt, depth: 1, line: this.line };
		this.advance(end + 1);
		if (selfClosing) {
			this.capture.depth = 0;
			this.finishCapture(events, end + 1);
		}
	}

	private finishCapture(events: ScanEvent[], to: number): void {
		const c = this.capture!;
		this.capture = null;
		const element = this.parseSlice(this.buf.subarray(c.start, to), c.path, c.line);
		const lineOffset = c.line - 1;
		if (c.container !== undefined) events.push({ kind: 'record', container: c.container, index: c.index, path: c.path, element, lineOffset });
		else events.push({ kind: 'child', name: c.name, path: c.path, element, lineOffset });
	}

	private parseSlice(bytes: Uint8Array, path: string, line: number): XmlElement {
		const read = safeParse(bytes, this.max);
		if ('root' in read) return read.root;
		const e = read.error;
		throw new DaneaFormatError([{ path, message: e.message.replace(/ \(line \d+, column \d+\)$/, ''), line: e.line === undefined ? line : line + e.line - 1 }]);
	}

	private attributesOf(tag: string, selfClosing: boolean, name: string): Record<string, string> {
		const text = selfClosing ? tag : `${tag.slice(0, -1)}/>`;
		const read = safeParse(text, this.max);
		if (!('root' in read)) this.fail(this.stack.length ? `${this.where()}/${name}` : name, read.error.message.replace(/ \(line \d+, column \d+\)$/, ''));
		const el = read.root;
		const out: Record<string, string> = {};
		for (const a of el.attributes) if (!a.name.startsWith('xmlns') && a.namespace === '') out[a.local] = a.value;
		return out;
	}
}

/** lib/xml's parse, its own errors returned (anything else is a bug and propagates) */
function safeParse(input: string | Uint8Array, maxBytes: number): { root: XmlElement } | { error: XmlParseError } {
	let error: unknown;
	try {
		return { root: parseXml(input, { maxBytes }).root };
	} catch (e) {
		error = e;
	}
	if (error instanceof XmlParseError) return { error };
	throw error;
}

/** Chunks (bytes or text) -> scan events, in bounded memory. */
export async function* scanStream(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, layout: ScannerLayout, options: ScanOptions = {}): AsyncGenerator<ScanEvent> {
	const scanner = new ElementScanner(layout, options);
	for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
		if (!(bytes instanceof Uint8Array)) throw new TypeError(`expected the file as chunks of bytes or text, got ${typeof chunk}`);
		yield* scanner.push(bytes);
	}
	yield* scanner.end();
}

/** A whole file at once (same rules as the stream). */
export function scanAll(input: Uint8Array, layout: ScannerLayout, options: ScanOptions = {}): ScanEvent[] {
	const scanner = new ElementScanner(layout, options);
	return [...scanner.push(input), ...scanner.end()];
}
