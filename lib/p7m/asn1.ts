/**
 * A bounded BER/DER reader: just enough ASN.1 to walk a CMS SignedData. BER matters because
 * Italian signing tools write indefinite lengths and chunked OCTET STRINGs; bounds matter because
 * the input comes from outside: no declared length is trusted before it is checked against the
 * bytes actually present, so an absurd length costs nothing.
 */
import { P7mFormatError } from './errors';

export const TAG_CLASS = { universal: 0, application: 1, context: 2, private: 3 } as const;

export const UNIVERSAL = {
	eoc: 0,
	boolean: 1,
	integer: 2,
	bitString: 3,
	octetString: 4,
	null: 5,
	oid: 6,
	utf8String: 12,
	sequence: 16,
	set: 17,
	printableString: 19,
	teletexString: 20,
	ia5String: 22,
	utcTime: 23,
	generalizedTime: 24,
	universalString: 28,
	bmpString: 30,
} as const;

export interface Asn1Node {
	tagClass: number;
	constructed: boolean;
	tagNumber: number;
	/** offset of the identifier octet */
	start: number;
	contentStart: number;
	/** exclusive; for indefinite lengths, the offset of the end-of-contents octets */
	contentEnd: number;
	/** exclusive, end-of-contents included */
	end: number;
	indefinite: boolean;
	children: Asn1Node[];
}

export interface Asn1Limits {
	/** deepest nesting accepted; CMS needs about 12 */
	maxDepth: number;
	/** most elements accepted in one document */
	maxNodes: number;
}

export const DEFAULT_ASN1_LIMITS: Asn1Limits = { maxDepth: 40, maxNodes: 500_000 };

/**
 * Parses one complete element starting at `offset`, constructed elements included. Iterative:
 * an explicit stack of open elements, so the nesting limit, not the call stack, bounds the depth.
 * Trailing bytes after the element are the caller's business.
 */
export function parseAsn1(bytes: Uint8Array, offset = 0, limits: Asn1Limits = DEFAULT_ASN1_LIMITS): Asn1Node {
	const state = { nodes: 0 };
	const root = readHeader(bytes, offset, bytes.length, 0, limits, state);
	if (!root.constructed) return root;
	// an open element: where its next child starts, and the bound its children must stay within
	const open: { node: Asn1Node; pos: number; limit: number; depth: number }[] = [
		{ node: root, pos: root.contentStart, limit: root.indefinite ? bytes.length : root.contentEnd, depth: 0 },
	];
	while (open.length) {
		const top = open[open.length - 1];
		const node = top.node;
		let closed = false;
		if (node.indefinite) {
			if (top.pos + 2 > top.limit) throw new P7mFormatError('an indefinite-length element has no end-of-contents marker', node.start);
			if (bytes[top.pos] === 0 && bytes[top.pos + 1] === 0) {
				node.contentEnd = top.pos;
				node.end = top.pos + 2;
				closed = true;
			} else if (bytes[top.pos] === 0) throw new P7mFormatError(`a malformed end-of-contents marker (00 ${hex(bytes[top.pos + 1])})`, top.pos);
		} else closed = top.pos >= node.contentEnd;
		if (closed) {
			open.pop();
			if (open.length) open[open.length - 1].pos = node.end;
			continue;
		}
		const child = readHeader(bytes, top.pos, top.limit, top.depth + 1, limits, state);
		node.children.push(child);
		if (child.constructed) open.push({ node: child, pos: child.contentStart, limit: child.indefinite ? top.limit : child.contentEnd, depth: top.depth + 1 });
		else top.pos = child.end;
	}
	return root;
}

/** Tag and length of the element at `offset`; a definite length is checked against `limit`. */
function readHeader(bytes: Uint8Array, offset: number, limit: number, depth: number, limits: Asn1Limits, state: { nodes: number }): Asn1Node {
	if (depth > limits.maxDepth) throw new P7mFormatError(`elements are nested deeper than ${limits.maxDepth} levels`, offset);
	if (++state.nodes > limits.maxNodes) throw new P7mFormatError(`more than ${limits.maxNodes} ASN.1 elements`, offset);
	let pos = offset;
	if (pos >= limit) throw new P7mFormatError('the data ends where an element was expected', offset);
	const first = bytes[pos++];
	const tagClass = first >> 6;
	const constructed = (first & 0x20) !== 0;
	let tagNumber = first & 0x1f;
	if (tagNumber === 0x1f) {
		tagNumber = 0;
		for (let i = 0; ; i++) {
			if (pos >= limit) throw new P7mFormatError('the data ends inside a tag', offset);
			if (i >= 4) throw new P7mFormatError('a tag number longer than 4 bytes', offset);
			const b = bytes[pos++];
			tagNumber = tagNumber * 128 + (b & 0x7f);
			if ((b & 0x80) === 0) break;
		}
	}
	if (pos >= limit) throw new P7mFormatError('the data ends before a length', offset);
	const lengthByte = bytes[pos++];
	const node: Asn1Node = { tagClass, constructed, tagNumber, start: offset, contentStart: pos, contentEnd: 0, end: 0, indefinite: false, children: [] };
	if (lengthByte === 0x80) {
		if (!constructed) throw new P7mFormatError('an indefinite length on a primitive element', offset);
		node.indefinite = true;
		return node;
	}
	let length: number;
	if (lengthByte < 0x80) length = lengthByte;
	else {
		const count = lengthByte & 0x7f;
		if (count === 0x7f) throw new P7mFormatError('a reserved length octet (FF)', offset);
		if (pos + count > limit) throw new P7mFormatError('the data ends inside a length', offset);
		length = 0;
		for (let i = 0; i < count; i++) {
			length = length * 256 + bytes[pos++];
			// stops absurd lengths (up to 2^1016) before any arithmetic or allocation depends on them
			if (i < count - 1 && length > limit - pos) throw new P7mFormatError(`an element declares a length larger than the ${limit - (offset + 2 + count)} bytes that remain`, offset);
		}
	}
	node.contentStart = pos;
	node.contentEnd = pos + length;
	node.end = node.contentEnd;
	if (node.contentEnd > limit) throw new P7mFormatError(`an element declares ${length} bytes but only ${limit - pos} remain`, offset);
	return node;
}

function hex(b: number): string {
	return b.toString(16).padStart(2, '0').toUpperCase();
}

export function is(node: Asn1Node | undefined, tagClass: number, tagNumber: number, constructed?: boolean): node is Asn1Node {
	return !!node && node.tagClass === tagClass && node.tagNumber === tagNumber && (constructed === undefined || node.constructed === constructed);
}

export function isUniversal(node: Asn1Node | undefined, tagNumber: number): node is Asn1Node {
	return is(node, TAG_CLASS.universal, tagNumber);
}

export function isContext(node: Asn1Node | undefined, tagNumber: number): node is Asn1Node {
	return is(node, TAG_CLASS.context, tagNumber);
}

export function expectUniversal(node: Asn1Node | undefined, tagNumber: number, what: string): Asn1Node {
	if (!isUniversal(node, tagNumber)) {
		const seen = node as Asn1Node | undefined;
		const found = seen ? `tag ${describeTag(seen)}` : 'nothing';
		throw new P7mFormatError(`${what}: expected ${universalName(tagNumber)}, found ${found}`, seen?.start);
	}
	return node;
}

export function describeTag(node: Asn1Node): string {
	const cls = ['universal', 'application', 'context', 'private'][node.tagClass];
	return node.tagClass === TAG_CLASS.universal ? universalName(node.tagNumber) : `[${cls} ${node.tagNumber}]`;
}

function universalName(n: number): string {
	const entry = Object.entries(UNIVERSAL).find(([, v]) => v === n);
	return entry ? entry[0].replace(/([A-Z])/g, ' $1').toUpperCase() : `universal ${n}`;
}

/** The content octets of a primitive element (no copy). */
export function contentOf(bytes: Uint8Array, node: Asn1Node): Uint8Array {
	return bytes.subarray(node.contentStart, node.contentEnd);
}

/** The whole encoding of an element, header included (no copy). */
export function encodingOf(bytes: Uint8Array, node: Asn1Node): Uint8Array {
	return bytes.subarray(node.start, node.end);
}

/**
 * The value of an OCTET STRING, primitive or constructed (BER chunks, possibly nested), joined.
 * Chunks must themselves be OCTET STRINGs, as X.690 requires.
 */
export function octetStringValue(bytes: Uint8Array, node: Asn1Node, what: string): Buffer {
	if (!node.constructed) return Buffer.from(contentOf(bytes, node));
	const parts: Uint8Array[] = [];
	// depth-first, in order, with an explicit stack
	const pending: Asn1Node[] = [...node.children].reverse();
	for (let child = pending.pop(); child; child = pending.pop()) {
		if (child.tagClass !== TAG_CLASS.universal || child.tagNumber !== UNIVERSAL.octetString)
			throw new P7mFormatError(`${what}: a chunk of a constructed OCTET STRING is ${describeTag(child)}`, child.start);
		if (child.constructed) for (let i = child.children.length - 1; i >= 0; i--) pending.push(child.children[i]);
		else parts.push(contentOf(bytes, child));
	}
	return Buffer.concat(parts);
}

export function readOid(bytes: Uint8Array, node: Asn1Node, what: string): string {
	expectUniversal(node, UNIVERSAL.oid, what);
	const c = contentOf(bytes, node);
	if (c.length === 0) throw new P7mFormatError(`${what}: an empty OBJECT IDENTIFIER`, node.start);
	const arcs: number[] = [];
	let value = 0;
	for (let i = 0; i < c.length; i++) {
		value = value * 128 + (c[i] & 0x7f);
		if (value > Number.MAX_SAFE_INTEGER / 128) throw new P7mFormatError(`${what}: an OBJECT IDENTIFIER arc is too large`, node.start);
		if ((c[i] & 0x80) === 0) {
			if (arcs.length === 0) {
				const first = value < 80 ? Math.floor(value / 40) : 2;
				arcs.push(first, value - first * 40);
			} else arcs.push(value);
			value = 0;
		} else if (i === c.length - 1) throw new P7mFormatError(`${what}: a truncated OBJECT IDENTIFIER`, node.start);
	}
	return arcs.join('.');
}

export function readInteger(bytes: Uint8Array, node: Asn1Node, what: string): bigint {
	expectUniversal(node, UNIVERSAL.integer, what);
	const c = contentOf(bytes, node);
	if (c.length === 0) throw new P7mFormatError(`${what}: an empty INTEGER`, node.start);
	// one conversion from hex: a byte-at-a-time shift-and-or is quadratic in the integer's length
	let v = BigInt(`0x${Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex')}`);
	if (c[0] & 0x80) v -= 1n << BigInt(c.length * 8);
	return v;
}

/** Text of the string types certificates use (PrintableString, UTF8String, BMPString, ...). */
export function readString(bytes: Uint8Array, node: Asn1Node): string | undefined {
	if (node.tagClass !== TAG_CLASS.universal) return undefined;
	const c = node.constructed ? octetStringLike(bytes, node) : Buffer.from(contentOf(bytes, node));
	switch (node.tagNumber) {
		case UNIVERSAL.utf8String:
			return c.toString('utf8');
		case UNIVERSAL.printableString:
		case UNIVERSAL.ia5String:
		case 18: // NumericString
		case 26: // VisibleString
			return c.toString('latin1');
		case UNIVERSAL.teletexString:
			return c.toString('latin1');
		case UNIVERSAL.bmpString: {
			const swapped = Buffer.from(c);
			if (swapped.length % 2 === 0) swapped.swap16();
			return swapped.toString('utf16le');
		}
		case UNIVERSAL.universalString: {
			let s = '';
			for (let i = 0; i + 3 < c.length; i += 4) s += String.fromCodePoint(c.readUInt32BE(i) & 0x10ffff);
			return s;
		}
		default:
			return undefined;
	}
}

function octetStringLike(bytes: Uint8Array, node: Asn1Node): Buffer {
	const parts: Uint8Array[] = [];
	const pending: Asn1Node[] = [...node.children].reverse();
	for (let child = pending.pop(); child; child = pending.pop()) {
		if (child.constructed) for (let i = child.children.length - 1; i >= 0; i--) pending.push(child.children[i]);
		else parts.push(contentOf(bytes, child));
	}
	return Buffer.concat(parts);
}

/** UTCTime or GeneralizedTime -> Date (UTC). Local times without a zone are read as UTC. */
export function readTime(bytes: Uint8Array, node: Asn1Node, what: string): Date {
	const text = Buffer.from(contentOf(bytes, node)).toString('latin1');
	let m: RegExpExecArray | null;
	let iso: string;
	if (isUniversal(node, UNIVERSAL.utcTime) && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?$/.exec(text))) {
		const yy = Number(m[1]);
		// RFC 5280: 50-99 are 1950-1999
		const year = yy >= 50 ? 1900 + yy : 2000 + yy;
		iso = `${year}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone(m[7])}`;
	} else if (isUniversal(node, UNIVERSAL.generalizedTime) && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?([.,]\d+)?(Z|[+-]\d{4})?$/.exec(text))) {
		iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ? `.${m[7].slice(1, 4).padEnd(3, '0')}` : ''}${zone(m[8])}`;
	} else {
		throw new P7mFormatError(`${what}: not a valid UTCTime or GeneralizedTime (${JSON.stringify(text.slice(0, 40))})`, node.start);
	}
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) throw new P7mFormatError(`${what}: an impossible date (${JSON.stringify(text)})`, node.start);
	return date;
}

function zone(z: string | undefined): string {
	if (!z || z === 'Z') return 'Z';
	return `${z.slice(0, 3)}:${z.slice(3)}`;
}
