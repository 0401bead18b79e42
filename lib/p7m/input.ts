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

const BASE64_TEXT = /^[A-Za-z0-9+/\-_\s]*={0,2}\s*$/;

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
	const pem = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(trimmed);
	if (pem) {
		const label = pem[1];
		if (!/^(PKCS7|PKCS #7 SIGNED DATA|CMS|PKCS7 SIGNED DATA)$/.test(label)) {
			throw new P7mFormatError(`PEM block "${label}" is not a signed message (expected PKCS7 or CMS)`);
		}
		// RFC 1421 headers (Proc-Type, ...) end at the first empty line
		const body = pem[2].includes(':') ? pem[2].replace(/^[\s\S]*?\r?\n\r?\n/, '') : pem[2];
		return { bytes: fromBase64(body, `PEM block ${label}`), wrapping: 'pem' };
	}
	const mime = /^(?:[A-Za-z-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)+\r?\n/.exec(trimmed + '\n');
	if (mime && /content-transfer-encoding:\s*base64/i.test(mime[0])) {
		return { bytes: fromBase64(trimmed.slice(mime[0].length).split(/\r?\n--/)[0], 'MIME part'), wrapping: 'mime-base64' };
	}
	if (!BASE64_TEXT.test(trimmed)) {
		const first = Buffer.from(trimmed.slice(0, 4), 'latin1').toString('hex').toUpperCase();
		throw new P7mFormatError(`not a signed file: it is neither DER/BER (starts with 30), base64 nor PEM (first bytes ${first})`);
	}
	const bytes = fromBase64(trimmed, 'base64 text');
	if (bytes[0] === 0x30) {
		rejectTextConverted(bytes);
		return { bytes, wrapping: 'base64' };
	}
	// some portals base64 a file that was already base64
	if (depth === 0 && BASE64_TEXT.test(bytes.toString('latin1'))) return decodeText(bytes.toString('latin1'), 1);
	throw new P7mFormatError(`the base64 text decodes to bytes that are not DER/BER (first byte ${bytes[0].toString(16).toUpperCase().padStart(2, '0')}, expected 30)`);
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
