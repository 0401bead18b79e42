/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Test-only DER writer and CMS builder: makes signed files with node:crypto keys so every
 * algorithm and envelope shape can be tested without third-party fixtures.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export function tlv(tag: number, content: Buffer): Buffer {
	const n = content.length;
	let len: Buffer;
	if (n < 0x80) len = Buffer.from([n]);
	else {
		const bytes: number[] = [];
		for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
		len = Buffer.from([0x80 | bytes.length, ...bytes]);
	}
	return Buffer.concat([Buffer.from([tag]), len, content]);
}
export const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
export const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
export const octets = (b: Buffer) => tlv(0x04, b);
export const ctx = (n: number, content: Buffer, constructed = true) => tlv((constructed ? 0xa0 : 0x80) | n, content);
export const nullValue = () => Buffer.from([0x05, 0x00]);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, 'latin1'));
export function integer(v: bigint | number): Buffer {
	let hex = BigInt(v).toString(16);
	if (hex.length % 2) hex = `0${hex}`;
	let b = Buffer.from(hex, 'hex');
	if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
	return tlv(0x02, b);
}
export function oid(text: string): Buffer {
	const arcs = text.split('.').map(Number);
	const out: number[] = [arcs[0] * 40 + arcs[1]];
	for (const arc of arcs.slice(2)) {
		const chunk: number[] = [arc & 0x7f];
		for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
		out.push(...chunk);
	}
	return tlv(0x06, Buffer.from(out));
}
export function utcTime(d: Date): Buffer {
	const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
	return tlv(0x17, Buffer.from(s, 'latin1'));
}
export function name(attrs: [string, string][], asPrintable = false): Buffer {
	const types: Record<string, string> = { CN: '2.5.4.3', C: '2.5.4.6', O: '2.5.4.10', serialNumber: '2.5.4.5' };
	return seq(...attrs.map(([t, v]) => set(seq(oid(types[t]), asPrintable || t === 'C' ? printable(v) : utf8(v)))));
}

export type KeyKind = 'rsa' | 'rsa-pss' | 'ec' | 'ed25519';

export const ALG = {
	sha256: '2.16.840.1.101.3.4.2.1',
	sha256WithRSA: '1.2.840.113549.1.1.11',
	rsaEncryption: '1.2.840.113549.1.1.1',
	rsassaPss: '1.2.840.113549.1.1.10',
	ecdsaSha256: '1.2.840.10045.4.3.2',
	ed25519: '1.3.101.112',
};

export interface TestSigner {
	kind: KeyKind;
	privateKey: KeyObject;
	certificate: Buffer;
	issuer: Buffer;
	serial: bigint;
	ski: Buffer;
}

function signatureAlgorithm(kind: KeyKind): Buffer {
	switch (kind) {
		case 'rsa':
			return seq(oid(ALG.sha256WithRSA), nullValue());
		case 'ec':
			return seq(oid(ALG.ecdsaSha256));
		case 'ed25519':
			return seq(oid(ALG.ed25519));
		case 'rsa-pss':
			return seq(
				oid(ALG.rsassaPss),
				seq(ctx(0, seq(oid(ALG.sha256), nullValue())), ctx(1, seq(oid('1.2.840.113549.1.1.8'), seq(oid(ALG.sha256), nullValue()))), ctx(2, integer(32))),
			);
	}
}

function rawSign(kind: KeyKind, key: KeyObject, data: Buffer): Buffer {
	if (kind === 'ed25519') return sign(null, data, key);
	if (kind === 'rsa-pss') return sign('sha256', data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 });
	return sign('sha256', data, key);
}

/** A self-signed certificate for `commonName`, valid 2020-2040. */
export function makeSigner(kind: KeyKind, commonName: string, serialNumberAttr?: string): TestSigner {
	const pair =
		kind === 'ec'
			? generateKeyPairSync('ec', { namedCurve: 'P-256' })
			: kind === 'ed25519'
				? generateKeyPairSync('ed25519')
				: generateKeyPairSync('rsa', { modulusLength: 2048 });
	const spki = pair.publicKey.export({ type: 'spki', format: 'der' }) as Buffer;
	const attrs: [string, string][] = [['C', 'IT'], ['O', 'Test Srl'], ...(serialNumberAttr ? [['serialNumber', serialNumberAttr] as [string, string]] : []), ['CN', commonName]];
	const subject = name(attrs);
	const serial = 0x1234567890abcdefn;
	const ski = createHash('sha1').update(spki).digest();
	const extensions = ctx(3, seq(seq(oid('2.5.29.14'), octets(octets(ski)))));
	const tbs = seq(ctx(0, integer(2)), integer(serial), signatureAlgorithm(kind), subject, seq(utcTime(new Date('2020-01-01T00:00:00Z')), utcTime(new Date('2040-01-01T00:00:00Z'))), subject, spki, extensions);
	const certificate = seq(tbs, signatureAlgorithm(kind), tlv(0x03, Buffer.concat([Buffer.from([0]), rawSign(kind, pair.privateKey, tbs)])));
	return { kind, privateKey: pair.privateKey, certificate, issuer: subject, serial, ski };
}

export interface SignOptions {
	signingTime?: Date | null;
	/** sign the content directly, without signed attributes */
	noSignedAttrs?: boolean;
	/** identify the signer by subject key identifier (SignerInfo version 3) */
	bySki?: boolean;
	/** leave the certificate out of the file */
	omitCertificate?: boolean;
	/** leave the content out (detached signature) */
	detached?: boolean;
	/** issuer name written with PrintableString instead of the certificate's UTF8String */
	issuerAsPrintable?: [string, string][];
}

/** A DER CMS SignedData (CAdES-BES-like) over `content`. */
export function signCms(content: Buffer, signer: TestSigner, options: SignOptions = {}): Buffer {
	const digest = createHash('sha256').update(content).digest();
	const signingTime = options.signingTime === undefined ? new Date('2025-06-30T10:00:00Z') : options.signingTime;
	const attrs = [
		seq(oid('1.2.840.113549.1.9.3'), set(oid('1.2.840.113549.1.7.1'))),
		...(signingTime ? [seq(oid('1.2.840.113549.1.9.5'), set(utcTime(signingTime)))] : []),
		seq(oid('1.2.840.113549.1.9.4'), set(octets(digest))),
	];
	const signedAttrsSet = set(...attrs);
	const toSign = options.noSignedAttrs ? content : signedAttrsSet;
	const signature = rawSign(signer.kind, signer.privateKey, toSign);
	const digestAlg = seq(oid(ALG.sha256), nullValue());
	const sid = options.bySki
		? ctx(0, signer.ski, false)
		: seq(options.issuerAsPrintable ? name(options.issuerAsPrintable, true) : signer.issuer, integer(signer.serial));
	const signedAttrs = options.noSignedAttrs ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0xa0]), signedAttrsSet.subarray(1)]);
	const sigAlg = signer.kind === 'rsa' ? seq(oid(ALG.rsaEncryption), nullValue()) : signatureAlgorithm(signer.kind);
	const signerInfo = seq(integer(options.bySki ? 3 : 1), sid, digestAlg, signedAttrs, sigAlg, octets(signature));
	const encap = seq(oid('1.2.840.113549.1.7.1'), ...(options.detached ? [] : [ctx(0, octets(content))]));
	const certs = options.omitCertificate ? Buffer.alloc(0) : ctx(0, signer.certificate);
	const signedData = seq(integer(options.bySki ? 3 : 1), set(digestAlg), encap, certs, set(signerInfo));
	return seq(oid('1.2.840.113549.1.7.2'), ctx(0, signedData));
}

/**
 * Re-encodes a DER/BER SignedData with indefinite lengths on the envelope and the eContent as a
 * constructed OCTET STRING in chunks of `chunk` bytes (nested one level when `nestChunks`), the way
 * Italian signing tools write it. Certificates and SignerInfos are copied as they are, so the
 * signature stays valid.
 */
export function toIndefiniteBer(der: Buffer, chunk = 1000, nestChunks = false, indefiniteSignedAttrs = false): Buffer {
	const node = (b: Buffer, at: number) => readHeader(b, at);
	const indefinite = (tag: number, parts: Buffer[]) => Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.from([0, 0])]);
	const children = (b: Buffer, h: Header): Header[] => {
		const out: Header[] = [];
		for (let p = h.contentStart; p < h.contentEnd; ) {
			const c = node(b, p);
			out.push(c);
			p = c.end;
		}
		return out;
	};
	const raw = (b: Buffer, h: Header) => b.subarray(h.start, h.end);
	const ci = node(der, 0);
	const [type, wrapper] = children(der, ci);
	const sd = children(der, wrapper)[0];
	const sdParts = children(der, sd);
	const encap = sdParts[2];
	const [eType, eWrapper] = children(der, encap);
	const contentNode = children(der, eWrapper)[0];
	const content = der.subarray(contentNode.contentStart, contentNode.contentEnd);
	const chunks: Buffer[] = [];
	for (let i = 0; i < content.length; i += chunk) chunks.push(octets(content.subarray(i, i + chunk)));
	const chunked = nestChunks ? indefinite(0x24, [indefinite(0x24, chunks.slice(0, 1)), ...chunks.slice(1)]) : indefinite(0x24, chunks);
	const newEncap = indefinite(0x30, [raw(der, eType), indefinite(0xa0, [chunked])]);
	const signerInfosToBer = (h: Header) =>
		indefinite(0x31, children(der, h).map((si) => indefinite(0x30, children(der, si).map((f) => (der[f.start] === 0xa0 ? indefinite(0xa0, children(der, f).map((a) => raw(der, a))) : raw(der, f))))));
	const rest = sdParts.slice(3).map((p, i) => (indefiniteSignedAttrs && i === sdParts.length - 4 ? signerInfosToBer(p) : raw(der, p)));
	const newSd = indefinite(0x30, [raw(der, sdParts[0]), raw(der, sdParts[1]), newEncap, ...rest]);
	return indefinite(0x30, [raw(der, type), indefinite(0xa0, [newSd])]);
}

interface Header {
	start: number;
	contentStart: number;
	contentEnd: number;
	end: number;
}

/** Definite-length header reader for the fixtures this file makes (DER input only). */
function readHeader(b: Buffer, at: number): Header {
	let p = at + 1;
	const first = b[p++];
	let len = first;
	if (first & 0x80) {
		len = 0;
		for (let i = 0; i < (first & 0x7f); i++) len = len * 256 + b[p++];
	}
	return { start: at, contentStart: p, contentEnd: p + len, end: p + len };
}

/** base64 in lines of `width` characters joined by `eol` */
export function base64Lines(b: Buffer, width = 76, eol = '\r\n'): string {
	const s = b.toString('base64');
	const lines: string[] = [];
	for (let i = 0; i < s.length; i += width) lines.push(s.slice(i, i + width));
	return lines.join(eol);
}
