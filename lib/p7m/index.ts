/**
 * Signed FatturaPA files (.xml.p7m, CAdES) in pure JavaScript: unwrap the XML from every form
 * that circulates (DER, BER with indefinite lengths and chunked content, base64 with or without
 * line breaks, PEM, a MIME part, nested signatures), and, as a separate option, verify the
 * signature with node:crypto. No openssl, no trust store (see verify.ts for what 'valid' means).
 */
import { DEFAULT_ASN1_LIMITS } from './asn1';
import { formatName, nameValue, type NameAttribute } from './certificate';
import { parseSignedData, type ParsedSignedData } from './cms';
import { P7mFormatError } from './errors';
import { decodeP7mInput, DEFAULT_MAX_P7M_BYTES, type DecodedInput } from './input';
import { DIGESTS, OID, SIGNATURES } from './oids';
import { verifySignedData, type P7mVerification, type SignatureStatus, type SignerVerification } from './verify';

export { P7mFormatError, DEFAULT_MAX_P7M_BYTES };
export type { P7mVerification, SignatureStatus, SignerVerification, NameAttribute };

export interface P7mSigner {
	/** certificate subject CN, e.g. "MARIO ROSSI" */
	commonName?: string;
	/** the whole subject, one line */
	subject?: string;
	subjectAttributes: NameAttribute[];
	/** from an Italian qualified certificate's serialNumber "TINIT-<codice fiscale>" */
	codiceFiscale?: string;
	organization?: string;
	issuerCommonName?: string;
	certificateSerialNumber?: string;
	certificateNotBefore?: string;
	certificateNotAfter?: string;
	/** ISO 8601, from the signed signingTime attribute, when the signer put one */
	signingTime?: string;
	digestAlgorithm: string;
	signatureAlgorithm: string;
	/** which envelope: 1 = outermost */
	layer: number;
}

export interface UnwrappedP7m {
	/** the signed content as bytes (for FatturaPA: the XML, BOM and encoding untouched) */
	content: Buffer;
	/** how the input was wrapped before the ASN.1 */
	wrapping: DecodedInput['wrapping'];
	/** 'ber' when indefinite lengths were used (outermost envelope) */
	encoding: 'der' | 'ber';
	/** number of signature envelopes removed (2 for a .p7m.p7m) */
	layers: number;
	signers: P7mSigner[];
	/** present when `verify: true` was asked */
	verification?: P7mVerification;
}

export interface UnwrapP7mOptions {
	/** refuse inputs larger than this; default 16 MiB */
	maxBytes?: number;
	/** also verify each signature (node:crypto, embedded certificate, no trust chain); default false */
	verify?: boolean;
	/** the time certificate validity is judged at when a signer gave no signingTime; default now */
	now?: Date;
	/** most nested envelopes removed; default 3 */
	maxLayers?: number;
}

/** Extracts the signed content (the invoice XML) and who signed it. Throws P7mFormatError with the reason. */
export function unwrapP7m(input: Buffer | Uint8Array | string, options: UnwrapP7mOptions = {}): UnwrappedP7m {
	const decoded = decodeP7mInput(input, options.maxBytes ?? DEFAULT_MAX_P7M_BYTES);
	const maxLayers = options.maxLayers ?? 3;
	const envelopes: ParsedSignedData[] = [];
	let bytes = decoded.bytes;
	for (;;) {
		const parsed = parseSignedData(bytes, DEFAULT_ASN1_LIMITS);
		if (!parsed.content) throw new P7mFormatError('detached signature: the file carries only the signature, not the signed document');
		envelopes.push(parsed);
		if (!looksSigned(parsed.content) || envelopes.length >= maxLayers) break;
		bytes = parsed.content;
	}
	const innermost = envelopes[envelopes.length - 1];
	const result: UnwrappedP7m = {
		content: innermost.content!,
		wrapping: decoded.wrapping,
		encoding: envelopes[0].encoding,
		layers: envelopes.length,
		signers: envelopes.flatMap((e, i) => e.signers.map((s) => summarise(s, i + 1))),
	};
	if (options.verify) result.verification = combine(envelopes.map((e) => verifySignedData(e, options.now)));
	return result;
}

/** Verifies without the caller handling the content. Format errors still throw. */
export function verifyP7mSignature(input: Buffer | Uint8Array | string, options: Omit<UnwrapP7mOptions, 'verify'> = {}): P7mVerification & { signers: (SignerVerification & { signer: P7mSigner })[] } {
	const unwrapped = unwrapP7m(input, { ...options, verify: true });
	const v = unwrapped.verification!;
	return { ...v, signers: v.signers.map((s, i) => ({ ...s, signer: unwrapped.signers[i] })) };
}

/**
 * For a file that may or may not be signed (an invoice from a mailbox or an intermediary): returns
 * plain XML as it is, unwraps a p7m. `signed` tells which it was.
 */
export function readPossiblySignedXml(input: Buffer | Uint8Array | string, options: UnwrapP7mOptions = {}): { xml: Buffer; signed: boolean; p7m?: UnwrappedP7m } {
	const buffer = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	if (isPlainXml(buffer)) {
		const max = options.maxBytes ?? DEFAULT_MAX_P7M_BYTES;
		if (buffer.length > max) throw new P7mFormatError(`the input is ${buffer.length} bytes, over the limit of ${max}`);
		return { xml: buffer, signed: false };
	}
	const p7m = unwrapP7m(input, options);
	return { xml: p7m.content, signed: true, p7m };
}

/** Cheap test: does this look like a signed envelope (binary or text form)? */
export function isP7m(input: Buffer | Uint8Array | string): boolean {
	try {
		decodeP7mInput(input);
		return true;
	} catch {
		return false;
	}
}

/**
 * The bytes are not a signed envelope in any form: plain XML (after an optional byte-order mark
 * and white space comes "<", or a UTF-16 byte-order mark), or nothing at all but a byte-order
 * mark and white space (an empty file is no p7m either).
 */
export function looksLikePlainXml(input: Uint8Array): boolean {
	const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	if (isPlainXml(b)) return true;
	let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
	while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
	return i === b.length;
}

function isPlainXml(b: Buffer): boolean {
	let i = 0;
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
	else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
	while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
	return b[i] === 0x3c;
}

function looksSigned(content: Buffer): boolean {
	// ContentInfo starts SEQUENCE { OID 1.2.840.113549.1.7.2 }: 06 09 2A 86 48 86 F7 0D 01 07 02 within the first bytes
	if (content[0] !== 0x30) return false;
	const head = content.subarray(0, 16);
	return head.includes(Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]));
}

function summarise(s: ParsedSignedData['signers'][number], layer: number): P7mSigner {
	const c = s.certificate;
	const serial = c ? nameValue(c.subject, 'serialNumber') : undefined;
	const cf = serial && /^TINIT-([A-Z0-9]{11,16})$/i.exec(serial);
	return {
		commonName: c ? nameValue(c.subject, 'CN') : undefined,
		subject: c ? formatName(c.subject) : undefined,
		subjectAttributes: c ? c.subject : [],
		...(cf ? { codiceFiscale: cf[1].toUpperCase() } : {}),
		organization: c ? nameValue(c.subject, 'O') : undefined,
		issuerCommonName: c ? nameValue(c.issuer, 'CN') : undefined,
		certificateSerialNumber: c?.serialNumber,
		certificateNotBefore: c?.notBefore.toISOString(),
		certificateNotAfter: c?.notAfter.toISOString(),
		...(s.signingTime ? { signingTime: s.signingTime.toISOString() } : {}),
		digestAlgorithm: DIGESTS[s.digestAlgorithm] ?? s.digestAlgorithm,
		signatureAlgorithm: SIGNATURES[s.signatureAlgorithm]?.name ?? s.signatureAlgorithm,
		layer,
	};
}

function combine(layers: P7mVerification[]): P7mVerification {
	const signers = layers.flatMap((l) => l.signers);
	const status: SignatureStatus = layers.some((l) => l.status === 'invalid') ? 'invalid' : layers.every((l) => l.status === 'valid') ? 'valid' : 'unsupported';
	return { status, signers, trustChecked: false };
}

export const P7M_OIDS = OID;
