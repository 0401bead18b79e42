/**
 * Turns whatever arrived (a .p7m file, its base64 with or without line breaks, PEM, a MIME part,
 * a string from a JSON field) into DER/BER bytes. Users get every one of these from PEC mail,
 * intermediaries and portals, and openssl-based tools reject half of them.
 */
import { P7mFormatError } from './errors';

export type P7mEncoding = 'der' | 'ber' | 'base64' | 'pem' | 'mime-base64';

export interface DecodedInput {
	bytes: Buffer;
	/** how the bytes were wrapped ('der' here means binary; the BER/DER distinction comes later) */
	wrapping: 'binary' | 'base64' | 'pem' | 'mime-base64';
}

/** SdI refuses files over 5 MB; base64 adds a third, plus headroom for e-mail wrappings. */
export const DEFAULT_MAX_P7M_BYTES = 16 * 1024 * 1024;

export function decodeP7mInput(input: Buffer | Uint8Array | string, maxBytes = DEFAULT_MAX_P7M_BYTES): DecodedInput {
	if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
		throw new P7mFormatError(`expected the signed file as a Buffer or a base64/PEM string, got ${input === null ? 'null' : typeof input}`);
	}
	const size = typeof input === 'string' ? input.length : input.byteLength;
	if (size > maxBytes) throw new P7mFormatError(`the input is ${size} bytes, over the limit of ${maxBytes}`);
	if (size === 0) throw new P7mFormatError('the input is empty');
	const bytes = typeof input === 'string' ? null : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	if (bytes && bytes[0] === 0x30) {
		rejectTextConverted(bytes);
		return { bytes, wrapping: 'binary' };
	}
	let text = typeof input === 'string' ? input : bytes!.toString('latin1');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
	return decodeText(text, 0);
}

function decodeText(text: string, depth: number): DecodedInput {
	const trimmed = text.trim();
	if (trimmed.length === 0) throw new P7mFormatError('the input holds only white space');
	if (trimmed.startsWith('<')) throw new P7mFormatError('this is XML, not a signed p7m file (it needs no unwrapping)');
	const pem = pemBlock(trimmed);
	if (pem) {
		const label = pem.label;
		// RFC 1421 headers (Proc-Type, ...) end at the first empty line
		const blank = pem.body.includes(':') ? /\n\r?\n/.exec(pem.body) : null;
		const body = blank ? pem.body.slice(blank.index + blank[0].length) : pem.body;
		return { bytes: fromBase64(body, `PEM block ${label}`), wrapping: 'pem' };
	}
	const mime = mimeHeaders(trimmed);
	if (mime && mime.base64) {
		const part = trimmed.slice(mime.end);
		const boundary = part.indexOf('\n--');
		return { bytes: fromBase64(boundary < 0 ? part : part.slice(0, boundary), 'MIME part'), wrapping: 'mime-base64' };
	}
	if (!isBase64Text(trimmed)) {
		const first = Buffer.from(trimmed.slice(0, 4), 'latin1').toString('hex').toUpperCase();
		throw new P7mFormatError(`not a signed file: it is neither DER/BER (starts with 30), base64 nor PEM (first bytes ${first})`);
	}
	const bytes = fromBase64(trimmed, 'base64 text');
	if (bytes[0] === 0x30) {
		rejectTextConverted(bytes);
		return { bytes, wrapping: 'base64' };
	}
	// some portals base64 a file that was already base64
	if (depth === 0 && isBase64Text(bytes.toString('latin1'))) return decodeText(bytes.toString('latin1'), 1);
	throw new P7mFormatError(`the base64 text decodes to bytes that are not DER/BER (first byte ${bytes[0].toString(16).toUpperCase().padStart(2, '0')}, expected 30)`);
}

const PEM_BEGIN = '-----BEGIN ';
const SIGNED_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS', 'PKCS7 SIGNED DATA']);

/**
 * The first PEM block: found with one forward search for its BEGIN line and one for the END line
 * of the same label (a regex with a back-reference retried at every BEGIN was quadratic on a
 * repeated header).
 */
function pemBlock(text: string): { label: string; body: string } | undefined {
	const begin = text.indexOf(PEM_BEGIN);
	if (begin < 0) return undefined;
	const labelStart = begin + PEM_BEGIN.length;
	let k = labelStart;
	while (k < text.length && k - labelStart <= 64 && isLabelChar(text.charCodeAt(k))) k++;
	if (k === labelStart || !text.startsWith('-----', k))
		throw new P7mFormatError('a PEM "-----BEGIN" line without a label such as PKCS7 followed by "-----"');
	const label = text.slice(labelStart, k);
	if (!SIGNED_LABELS.has(label)) throw new P7mFormatError(`PEM block "${label}" is not a signed message (expected PKCS7 or CMS)`);
	const end = text.indexOf(`-----END ${label}-----`, k + 5);
	if (end < 0) throw new P7mFormatError(`PEM block "${label}" has no "-----END ${label}-----" line (the text is cut short)`);
	return { label, body: text.slice(k + 5, end) };
}

function isLabelChar(c: number): boolean {
	return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x23;
}

/**
 * RFC 5322-style header lines (with folded continuations) up to the first empty line, read line
 * by line. Returns where the body starts and whether Content-Transfer-Encoding says base64.
 */
function mimeHeaders(text: string): { end: number; base64: boolean } | undefined {
	let pos = 0;
	let lines = 0;
	let base64 = false;
	let inEncoding = false;
	let encoding = '';
	for (;;) {
		const nl = text.indexOf('\n', pos);
		if (nl < 0) return undefined;
		const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
		if (lineEnd === pos) {
			if (lines === 0) return undefined;
			if (inEncoding) base64 ||= /^\s*base64/i.test(encoding);
			return { end: nl + 1, base64 };
		}
		const c = text.charCodeAt(pos);
		if (c === 0x20 || c === 0x09) {
			if (lines === 0) return undefined;
			if (inEncoding && encoding.length < 200) encoding += text.slice(pos, Math.min(lineEnd, pos + 200));
		} else {
			let k = pos;
			while (k < lineEnd && isHeaderNameChar(text.charCodeAt(k))) k++;
			if (k === pos || text.charCodeAt(k) !== 0x3a /* : */) return undefined;
			if (inEncoding) base64 ||= /^\s*base64/i.test(encoding);
			inEncoding = text.slice(pos, k).toLowerCase() === 'content-transfer-encoding';
			encoding = inEncoding ? text.slice(k + 1, Math.min(lineEnd, k + 201)) : '';
		}
		lines++;
		pos = nl + 1;
	}
}

function isHeaderNameChar(c: number): boolean {
	return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d;
}

/** base64 (standard or URL alphabet) with white space anywhere, then at most two "=" and white space. */
function isBase64Text(s: string): boolean {
	const n = s.length;
	let i = 0;
	while (i < n && (isBase64Char(s.charCodeAt(i)) || isSpace(s.charCodeAt(i)))) i++;
	for (let eq = 0; eq < 2 && s.charCodeAt(i) === 0x3d; eq++) i++;
	while (i < n && isSpace(s.charCodeAt(i))) i++;
	return i === n;
}

function isBase64Char(c: number): boolean {
	return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f;
}

/** JavaScript's \s (what the base64 reader strips) */
function isSpace(c: number): boolean {
	return (
		(c >= 0x09 && c <= 0x0d) ||
		c === 0x20 ||
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

function fromBase64(text: string, what: string): Buffer {
	const compact = text.replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/\-_]*={0,2}$/.test(compact)) throw new P7mFormatError(`${what}: contains characters that are not base64`);
	if (compact.replace(/=+$/, '').length % 4 === 1) throw new P7mFormatError(`${what}: truncated (its length is not a whole number of base64 groups)`);
	const bytes = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	if (bytes.length === 0) throw new P7mFormatError(`${what}: decodes to nothing`);
	return bytes;
}

/**
 * A p7m opened and saved as text (Windows-1252 read, UTF-8 written) starts 30 E2 82 AC: the 0x80
 * of an indefinite length became "€". The structure cannot be repaired, so say what happened.
 */
function rejectTextConverted(bytes: Buffer): void {
	if (bytes.length > 3 && bytes[1] === 0xe2 && bytes[2] === 0x82 && bytes[3] === 0xac) {
		throw new P7mFormatError('the file was converted as text (its bytes were re-encoded as UTF-8), which destroys the signed structure: ask the sender for the original .p7m');
	}
	if (bytes.length > 2 && bytes[1] === 0xc2 && bytes[2] >= 0x80 && bytes[2] <= 0xbf) {
		throw new P7mFormatError('the file was converted as text (its bytes were re-encoded as UTF-8), which destroys the signed structure: ask the sender for the original .p7m');
	}
}
