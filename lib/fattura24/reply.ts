/**
 * A lenient reader for Fattura24 replies. Fattura24 answers XML that is not always well formed:
 * the real TestKey reply carries the HTML entity `&egrave;`, which a strict XML parser refuses.
 * This reader never rejects a reply for syntax. It scans once, left to right, with bounded
 * look-ahead (so it is linear in the input), keeps at most `maxDepth` open elements and
 * `maxElements` elements, decodes the XML and HTML Latin-1 entities, keeps unknown entities as
 * written, closes a mismatched end tag by popping to its opening tag (a stray one is ignored) and
 * treats a `<` that does not start a tag as text. It throws only Fattura24ReplyError.
 */

export class Fattura24ReplyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'Fattura24ReplyError';
	}
}

/** An element: text when it has no child elements, else an object of children (repeats become arrays). */
export type F24Value = string | F24Object;
export interface F24Object {
	[name: string]: F24Value | F24Value[];
}

export interface ReadOptions {
	/** refuse longer inputs (characters); default 8 MB */
	maxLength?: number;
	/** refuse deeper nesting; default 64 */
	maxDepth?: number;
	/** refuse more elements; default 200 000 */
	maxElements?: number;
}

export const F24_DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;

/** HTML 4 Latin-1 and common symbol entities, by name -> code point (HTML names, not Fattura24 data). */
const HTML_ENTITIES: Record<string, number> = {
	nbsp: 160, iexcl: 161, cent: 162, pound: 163, curren: 164, yen: 165, brvbar: 166, sect: 167, uml: 168, copy: 169,
	ordf: 170, laquo: 171, not: 172, shy: 173, reg: 174, macr: 175, deg: 176, plusmn: 177, sup2: 178, sup3: 179,
	acute: 180, micro: 181, para: 182, middot: 183, cedil: 184, sup1: 185, ordm: 186, raquo: 187, frac14: 188,
	frac12: 189, frac34: 190, iquest: 191, Agrave: 192, Aacute: 193, Acirc: 194, Atilde: 195, Auml: 196, Aring: 197,
	AElig: 198, Ccedil: 199, Egrave: 200, Eacute: 201, Ecirc: 202, Euml: 203, Igrave: 204, Iacute: 205, Icirc: 206,
	Iuml: 207, ETH: 208, Ntilde: 209, Ograve: 210, Oacute: 211, Ocirc: 212, Otilde: 213, Ouml: 214, times: 215,
	Oslash: 216, Ugrave: 217, Uacute: 218, Ucirc: 219, Uuml: 220, Yacute: 221, THORN: 222, szlig: 223, agrave: 224,
	aacute: 225, acirc: 226, atilde: 227, auml: 228, aring: 229, aelig: 230, ccedil: 231, egrave: 232, eacute: 233,
	ecirc: 234, euml: 235, igrave: 236, iacute: 237, icirc: 238, iuml: 239, eth: 240, ntilde: 241, ograve: 242,
	oacute: 243, ocirc: 244, otilde: 245, ouml: 246, divide: 247, oslash: 248, ugrave: 249, uacute: 250, ucirc: 251,
	uuml: 252, yacute: 253, thorn: 254, yuml: 255, euro: 8364, hellip: 8230, ndash: 8211, mdash: 8212, lsquo: 8216,
	rsquo: 8217, ldquo: 8220, rdquo: 8221, bull: 8226, trade: 8482,
	amp: 38, lt: 60, gt: 62, quot: 34, apos: 39,
};
const MAX_ENTITY = 12;

interface Frame {
	name: string;
	children: Map<string, F24Value[]>;
	text: string[];
	hasChild: boolean;
}

function isNameStart(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127;
}
function isNameChar(c: number): boolean {
	return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** Entities -> characters; an unknown or malformed entity stays as written. Linear: look-ahead is bounded. */
export function decodeEntities(s: string): string {
	if (s.indexOf('&') < 0) return s;
	let out = '';
	let i = 0;
	while (i < s.length) {
		const amp = s.indexOf('&', i);
		if (amp < 0) {
			out += s.slice(i);
			break;
		}
		out += s.slice(i, amp);
		let end = -1;
		for (let k = amp + 1; k < s.length && k <= amp + MAX_ENTITY + 1; k++) {
			if (s.charCodeAt(k) === 59) {
				end = k;
				break;
			}
		}
		const decoded = end > 0 ? entity(s.slice(amp + 1, end)) : undefined;
		if (decoded === undefined) {
			out += '&';
			i = amp + 1;
		} else {
			out += decoded;
			i = end + 1;
		}
	}
	return out;
}

function entity(name: string): string | undefined {
	if (name.charCodeAt(0) === 35) {
		const hex = name[1] === 'x' || name[1] === 'X';
		const digits = name.slice(hex ? 2 : 1);
		if (!digits || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
		const cp = parseInt(digits, hex ? 16 : 10);
		if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
		return String.fromCodePoint(cp);
	}
	const cp = Object.prototype.hasOwnProperty.call(HTML_ENTITIES, name) ? HTML_ENTITIES[name] : undefined;
	return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/**
 * Reads a reply into plain values. Returns the top-level elements (normally one `root`).
 * Attributes are skipped (Fattura24 replies carry none that matter).
 */
export function readF24Xml(input: string, options: ReadOptions = {}): F24Object {
	if (typeof input !== 'string') throw new Fattura24ReplyError(`the Fattura24 reply must be text, got ${input === null ? 'null' : typeof input}`);
	const maxLength = options.maxLength ?? F24_DEFAULT_MAX_LENGTH;
	const maxDepth = options.maxDepth ?? 64;
	const maxElements = options.maxElements ?? 200_000;
	if (input.length > maxLength) throw new Fattura24ReplyError(`the Fattura24 reply is ${input.length} characters, more than the ${maxLength} this reader accepts`);
	const s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const top: Frame = { name: '', children: new Map(), text: [], hasChild: false };
	const stack: Frame[] = [top];
	let elements = 0;
	let i = 0;
	const n = s.length;

	const addText = (t: string) => {
		if (t) stack[stack.length - 1].text.push(t);
	};
	const close = (frame: Frame) => {
		const parent = stack[stack.length - 1];
		const value = valueOf(frame);
		const list = parent.children.get(frame.name);
		if (list) list.push(value);
		else parent.children.set(frame.name, [value]);
		parent.hasChild = true;
	};

	while (i < n) {
		const lt = s.indexOf('<', i);
		if (lt < 0) {
			addText(decodeEntities(s.slice(i)));
			break;
		}
		if (lt > i) addText(decodeEntities(s.slice(i, lt)));
		i = lt;
		// <![CDATA[ ... ]]>
		if (s.startsWith('<![CDATA[', i)) {
			const end = s.indexOf(']]>', i + 9);
			const stop = end < 0 ? n : end;
			addText(s.slice(i + 9, stop));
			i = end < 0 ? n : end + 3;
			continue;
		}
		if (s.startsWith('<!--', i)) {
			const end = s.indexOf('-->', i + 4);
			i = end < 0 ? n : end + 3;
			continue;
		}
		if (s.startsWith('<?', i)) {
			const end = s.indexOf('?>', i + 2);
			i = end < 0 ? n : end + 2;
			continue;
		}
		if (s.startsWith('<!', i)) {
			// DOCTYPE or other declaration: skipped up to the next '>', never expanded
			const end = s.indexOf('>', i + 2);
			i = end < 0 ? n : end + 1;
			continue;
		}
		const closing = s.charCodeAt(i + 1) === 47;
		let k = i + (closing ? 2 : 1);
		if (k >= n || !isNameStart(s.charCodeAt(k))) {
			addText('<');
			i += 1;
			continue;
		}
		const nameStart = k;
		while (k < n && isNameChar(s.charCodeAt(k))) k++;
		const name = s.slice(nameStart, k);
		// skip attributes up to '>' (quoted values may contain '>'); no character is scanned twice
		let selfClosing = false;
		let ended = false;
		while (k < n) {
			const c = s.charCodeAt(k);
			if (c === 34 || c === 39) {
				const q = s.indexOf(c === 34 ? '"' : "'", k + 1);
				if (q < 0) {
					k = n;
					break;
				}
				k = q + 1;
				continue;
			}
			if (c === 62) {
				ended = true;
				selfClosing = s.charCodeAt(k - 1) === 47;
				k++;
				break;
			}
			if (c === 60) break; // a new tag starts: this one was never finished
			k++;
		}
		if (!ended) {
			// an unfinished tag: what was scanned is text, and scanning goes on from where it stopped
			addText(decodeEntities(s.slice(i, k)));
			i = k;
			continue;
		}
		i = k;
		if (closing) {
			let at = -1;
			for (let d = stack.length - 1; d > 0; d--) {
				if (stack[d].name === name) {
					at = d;
					break;
				}
			}
			if (at < 0) continue; // a stray end tag is ignored
			while (stack.length > at) close(stack.pop() as Frame);
			continue;
		}
		elements++;
		if (elements > maxElements) throw new Fattura24ReplyError(`the Fattura24 reply has more than ${maxElements} elements`);
		const frame: Frame = { name, children: new Map(), text: [], hasChild: false };
		if (selfClosing) {
			close(frame);
			continue;
		}
		if (stack.length > maxDepth) throw new Fattura24ReplyError(`the Fattura24 reply nests elements deeper than ${maxDepth} levels`);
		stack.push(frame);
	}
	while (stack.length > 1) close(stack.pop() as Frame);
	return objectOf(top);
}

function valueOf(frame: Frame): F24Value {
	if (!frame.hasChild) return frame.text.join('').trim();
	const obj = objectOf(frame);
	const text = frame.text.join('').trim();
	if (text) obj['#text'] = text;
	return obj;
}

function objectOf(frame: Frame): F24Object {
	// a null prototype: element names such as __proto__ or constructor are plain keys
	const obj = Object.create(null) as F24Object;
	for (const [name, values] of frame.children) obj[name] = values.length === 1 ? values[0] : values;
	return obj;
}
