/**
 * CMS SignedData (RFC 5652) as CAdES-BES files use it: the signed content is inside
 * (attached), one or more signers, their certificates embedded.
 */
import {
	contentOf,
	describeTag,
	encodingOf,
	expectUniversal,
	isContext,
	isUniversal,
	octetStringValue,
	parseAsn1,
	readInteger,
	readOid,
	readTime,
	UNIVERSAL,
	type Asn1Limits,
	type Asn1Node,
	DEFAULT_ASN1_LIMITS,
} from './asn1';
import { parseCertificate, parseName, serialHex, type NameAttribute, type ParsedCertificate } from './certificate';
import { P7mFormatError } from './errors';
import { OID } from './oids';

export interface ParsedSignerInfo {
	version: number;
	/** issuer + serial, or subject key identifier, naming the signer's certificate */
	sid: { issuerDer: Buffer; issuer: NameAttribute[]; serialNumber: string } | { subjectKeyIdentifier: Buffer };
	digestAlgorithm: string;
	/** parameters of the signature algorithm (RSASSA-PSS), DER */
	signatureAlgorithm: string;
	signatureParameters?: { bytes: Uint8Array; node: Asn1Node };
	/** the signed attributes as the signature covers them: a DER SET OF (tag 31), definite length */
	signedAttrs?: Buffer;
	attributes: Map<string, { bytes: Uint8Array; values: Asn1Node[] }>;
	signature: Buffer;
	signingTime?: Date;
	messageDigest?: Buffer;
	contentType?: string;
	certificate?: ParsedCertificate;
}

export interface ParsedSignedData {
	/** 'der' when every length is definite, 'ber' otherwise */
	encoding: 'der' | 'ber';
	eContentType: string;
	/** undefined for a detached signature */
	content?: Buffer;
	certificates: ParsedCertificate[];
	signers: ParsedSignerInfo[];
}

/** Real files carry one signer, a few for co-signatures; each one costs a pass over the content when verified. */
export const MAX_SIGNERS = 64;

const SIGNED_DATA_NAMES: Record<string, string> = {
	[OID.data]: 'plain data',
	[OID.envelopedData]: 'envelopedData (an encrypted message)',
	'1.2.840.113549.1.7.4': 'signedAndEnvelopedData',
	'1.2.840.113549.1.7.5': 'digestedData',
	'1.2.840.113549.1.7.6': 'encryptedData',
};

export function parseSignedData(bytes: Buffer, limits: Asn1Limits = DEFAULT_ASN1_LIMITS): ParsedSignedData {
	const root = parseAsn1(bytes, 0, limits);
	if (root.end !== bytes.length) {
		const rest = bytes.subarray(root.end);
		// some tools pad with zeros or a newline after the structure; anything else is damage
		if (!rest.every((b) => b === 0 || b === 0x0a || b === 0x0d || b === 0x20)) {
			throw new P7mFormatError(`${bytes.length - root.end} unexpected bytes after the end of the signed structure`, root.end);
		}
	}
	const contentInfo = expectUniversal(root, UNIVERSAL.sequence, 'ContentInfo');
	const contentType = readOid(bytes, contentInfo.children[0], 'ContentInfo contentType');
	if (contentType !== OID.signedData) {
		throw new P7mFormatError(`this PKCS#7/CMS is ${SIGNED_DATA_NAMES[contentType] ?? `of type ${contentType}`}, not signedData`);
	}
	const wrapper = contentInfo.children[1];
	if (!isContext(wrapper, 0) || !wrapper.constructed) throw new P7mFormatError('ContentInfo: the signedData content ([0]) is missing', wrapper?.start);
	const signedData = expectUniversal(wrapper.children[0], UNIVERSAL.sequence, 'SignedData');
	const parts = signedData.children;
	readInteger(bytes, parts[0], 'SignedData version');
	expectUniversal(parts[1], UNIVERSAL.set, 'SignedData digestAlgorithms');
	const encap = expectUniversal(parts[2], UNIVERSAL.sequence, 'SignedData encapContentInfo');
	const eContentType = readOid(bytes, encap.children[0], 'encapContentInfo eContentType');
	let content: Buffer | undefined;
	const eContentWrapper = encap.children[1];
	if (eContentWrapper) {
		if (!isContext(eContentWrapper, 0) || !eContentWrapper.constructed) {
			throw new P7mFormatError(`encapContentInfo: expected the content in [0], found ${describeTag(eContentWrapper)}`, eContentWrapper.start);
		}
		const octets = expectUniversal(eContentWrapper.children[0], UNIVERSAL.octetString, 'encapContentInfo eContent');
		content = octetStringValue(bytes, octets, 'eContent');
	}
	let i = 3;
	const certificates: ParsedCertificate[] = [];
	if (isContext(parts[i], 0)) {
		for (const c of parts[i].children) if (isUniversal(c, UNIVERSAL.sequence)) certificates.push(parseCertificate(bytes, c));
		i++;
	}
	if (isContext(parts[i], 1)) i++; // CRLs: revocation is not checked here
	const signerInfos = expectUniversal(parts[i], UNIVERSAL.set, 'SignedData signerInfos');
	if (signerInfos.children.length > MAX_SIGNERS)
		throw new P7mFormatError(`${signerInfos.children.length} signers in one envelope; at most ${MAX_SIGNERS} are read`, signerInfos.start);
	const signers = signerInfos.children.map((s, n) => parseSignerInfo(bytes, s, `signerInfo ${n + 1}`));
	const index = indexCertificates(certificates);
	for (const s of signers) s.certificate = findCertificate(s, index);
	return { encoding: hasIndefinite(root) ? 'ber' : 'der', eContentType, content, certificates, signers };
}

function hasIndefinite(root: Asn1Node): boolean {
	const pending = [root];
	for (let node = pending.pop(); node; node = pending.pop()) {
		if (node.indefinite) return true;
		for (const child of node.children) pending.push(child);
	}
	return false;
}

function parseSignerInfo(bytes: Uint8Array, node: Asn1Node, what: string): ParsedSignerInfo {
	expectUniversal(node, UNIVERSAL.sequence, what);
	const f = node.children;
	const version = Number(readInteger(bytes, f[0], `${what} version`));
	let sid: ParsedSignerInfo['sid'];
	if (isUniversal(f[1], UNIVERSAL.sequence)) {
		const issuer = expectUniversal(f[1].children[0], UNIVERSAL.sequence, `${what} issuer`);
		const serial = readInteger(bytes, f[1].children[1], `${what} serial number`);
		sid = { issuerDer: Buffer.from(encodingOf(bytes, issuer)), issuer: parseName(bytes, issuer), serialNumber: serialHex(serial) };
	} else if (isContext(f[1], 0)) {
		sid = { subjectKeyIdentifier: Buffer.from(contentOf(bytes, f[1])) };
	} else {
		throw new P7mFormatError(`${what}: the signer identifier is missing`, (f[1] as Asn1Node | undefined)?.start);
	}
	const digestAlgorithm = readOid(bytes, expectUniversal(f[2], UNIVERSAL.sequence, `${what} digestAlgorithm`).children[0], `${what} digestAlgorithm`);
	let i = 3;
	let signedAttrs: Buffer | undefined;
	const attributes: ParsedSignerInfo['attributes'] = new Map();
	if (isContext(f[i], 0)) {
		signedAttrs = signedAttributesAsSet(bytes, f[i]);
		for (const attr of f[i].children) {
			if (!isUniversal(attr, UNIVERSAL.sequence) || attr.children.length < 2) throw new P7mFormatError(`${what}: a malformed signed attribute`, attr.start);
			attributes.set(readOid(bytes, attr.children[0], `${what} attribute type`), { bytes, values: attr.children[1].children });
		}
		i++;
	}
	const sigAlgNode = expectUniversal(f[i++], UNIVERSAL.sequence, `${what} signatureAlgorithm`);
	const signatureAlgorithm = readOid(bytes, sigAlgNode.children[0], `${what} signatureAlgorithm`);
	const params = sigAlgNode.children[1];
	const signature = octetStringValue(bytes, expectUniversal(f[i], UNIVERSAL.octetString, `${what} signature`), `${what} signature`);
	const info: ParsedSignerInfo = {
		version,
		sid,
		digestAlgorithm,
		signatureAlgorithm,
		signatureParameters: params && !isUniversal(params, UNIVERSAL.null) ? { bytes, node: params } : undefined,
		signedAttrs,
		attributes,
		signature,
	};
	const time = attributes.get(OID.signingTimeAttr)?.values[0];
	if (time) info.signingTime = readTime(bytes, time, `${what} signingTime`);
	const digest = attributes.get(OID.messageDigestAttr)?.values[0];
	if (digest && isUniversal(digest, UNIVERSAL.octetString)) info.messageDigest = Buffer.from(contentOf(bytes, digest));
	const type = attributes.get(OID.contentTypeAttr)?.values[0];
	if (type) info.contentType = readOid(bytes, type, `${what} contentType attribute`);
	return info;
}

interface CertificateIndex {
	bySerial: Map<string, ParsedCertificate[]>;
	bySubjectKeyIdentifier: Map<string, ParsedCertificate>;
}

/** One pass over the certificates, so matching signers to them is not signers x certificates. */
function indexCertificates(certificates: ParsedCertificate[]): CertificateIndex {
	const index: CertificateIndex = { bySerial: new Map(), bySubjectKeyIdentifier: new Map() };
	for (const c of certificates) {
		const list = index.bySerial.get(c.serialNumber);
		if (list) list.push(c);
		else index.bySerial.set(c.serialNumber, [c]);
		const ski = c.subjectKeyIdentifier?.toString('hex');
		if (ski !== undefined && !index.bySubjectKeyIdentifier.has(ski)) index.bySubjectKeyIdentifier.set(ski, c);
	}
	return index;
}

function findCertificate(signer: ParsedSignerInfo, index: CertificateIndex): ParsedCertificate | undefined {
	const sid = signer.sid;
	if ('subjectKeyIdentifier' in sid) return index.bySubjectKeyIdentifier.get(sid.subjectKeyIdentifier.toString('hex'));
	const candidates = index.bySerial.get(sid.serialNumber) ?? [];
	// same name, different string types (PrintableString in the SignerInfo, UTF8String in the certificate) is common
	return candidates.find((c) => c.issuerDer.equals(sid.issuerDer)) ?? candidates.find((c) => sameName(c.issuer, sid.issuer));
}

function sameName(a: NameAttribute[], b: NameAttribute[]): boolean {
	const canonical = (n: NameAttribute[]) => n.map((x) => `${x.oid}=${x.value.trim().replace(/\s+/g, ' ').toLowerCase()}`).join('\n');
	return a.length > 0 && canonical(a) === canonical(b);
}

/**
 * The signature covers the attributes encoded as a SET OF with a definite length, not as the
 * [0] IMPLICIT found in the file; BER writers may also have used an indefinite length there.
 */
function signedAttributesAsSet(bytes: Uint8Array, node: Asn1Node): Buffer {
	if (!node.indefinite) {
		const copy = Buffer.from(encodingOf(bytes, node));
		copy[0] = 0x31;
		return copy;
	}
	const content = Buffer.concat(node.children.map((c) => encodingOf(bytes, c)));
	return Buffer.concat([Buffer.from([0x31]), derLength(content.length), content]);
}

function derLength(n: number): Buffer {
	if (n < 0x80) return Buffer.from([n]);
	const out: number[] = [];
	for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
	return Buffer.from([0x80 | out.length, ...out]);
}
