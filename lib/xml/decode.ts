import { XmlParseError } from './errors';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024; // SdI's own file-size limit (error 00003)

/**
 * Bytes -> text, honouring a byte-order mark and the encoding the XML declaration names.
 * Only the encodings real invoices declare are accepted; anything else is refused by name
 * rather than decoded wrongly.
 */
export function decodeXml(input: string | Uint8Array, maxBytes = DEFAULT_MAX_BYTES): string {
	if (typeof input === 'string') {
		// A JS string is UTF-16 already; UTF-8 length is what a file of it would weigh.
		if (input.length > maxBytes || (input.length * 3 > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes))
			throw tooLarge(Buffer.byteLength(input, 'utf8'), maxBytes);
		return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	}
	if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
	const bytes = input;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf-16le');
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be');

	const declared = declaredEncoding(bytes);
	switch (declared) {
		case undefined:
		case 'utf-8':
		case 'utf8':
			return decodeUtf8(bytes);
		case 'iso-8859-1':
		case 'iso8859-1':
		case 'iso_8859-1':
		case 'latin1':
		case 'latin-1':
		case 'l1':
			// WHATWG maps the label iso-8859-1 to windows-1252; XML means the real ISO-8859-1.
			return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		case 'windows-1252':
		case 'cp1252':
			return decodeWindows1252(bytes);
		case 'iso-8859-15':
		case 'latin9':
			return new TextDecoder('iso-8859-15').decode(bytes);
		case 'us-ascii':
		case 'ascii':
			for (let i = 0; i < bytes.length; i++)
				if (bytes[i] > 0x7f) throw new XmlParseError('encoding', `byte 0x${bytes[i].toString(16)} at offset ${i} is not US-ASCII, the encoding the XML declaration names`);
			return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		default:
			throw new XmlParseError(
				'encoding',
				`the XML declaration names encoding "${declared}"; expected UTF-8, ISO-8859-1, ISO-8859-15, windows-1252 or US-ASCII`,
			);
	}
}

// 0x80-0x9F of windows-1252 (undefined slots stay as the C1 code point); Node's TextDecoder
// treats the label as ISO-8859-1, which turns '€' and typographic quotes into controls.
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
	const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	return latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function decodeUtf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): string {
	const name = label === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
	if (bytes.length % 2 !== 0)
		throw new XmlParseError('encoding', `the content starts with a ${name} byte-order mark but has an odd number of bytes (${bytes.length + 2}): it is cut short, or it is not UTF-16`);
	let text: string | undefined;
	try {
		text = new TextDecoder(label, { fatal: true }).decode(bytes);
	} catch {
		text = undefined;
	}
	if (text !== undefined) return text;
	throw new XmlParseError('encoding', `the content starts with a ${name} byte-order mark but is not valid ${name} (an unpaired surrogate)`);
}

function decodeUtf8(bytes: Uint8Array): string {
	let text: string | undefined;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = undefined;
	}
	if (text !== undefined) return text;
	throw new XmlParseError('encoding', `the content is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); declare the real encoding in <?xml ... encoding="..."?>`);
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
	if (!(bytes[0] === 0x3c && bytes[1] === 0x3f && bytes[2] === 0x78 && bytes[3] === 0x6d && bytes[4] === 0x6c)) return undefined;
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 300)).toString('latin1');
	const end = head.indexOf('?>');
	const decl = end < 0 ? head : head.slice(0, end);
	const m = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(decl);
	return m ? m[2].toLowerCase() : undefined;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
	for (let i = 0; i < bytes.length; ) {
		const b = bytes[i];
		const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
		if (n === 0) return i;
		for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
		i += n;
	}
	return -1;
}

function tooLarge(size: number, max: number): XmlParseError {
	return new XmlParseError('too-large', `the XML is ${size} bytes; the limit is ${max} bytes`);
}
