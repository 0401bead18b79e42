/**
 * The few X.509 fields a user needs to know who signed: names, serial, validity, the public key.
 * Parsed by hand because node:crypto's X509Certificate flattens multi-valued names and gives no
 * raw issuer bytes to match a SignerInfo against.
 */
import { contentOf, encodingOf, expectUniversal, isContext, isUniversal, readInteger, readOid, readString, readTime, UNIVERSAL, type Asn1Node } from './asn1';
import { P7mFormatError } from './errors';
import { NAME_ATTRIBUTES, OID } from './oids';

export interface NameAttribute {
	oid: string;
	/** short name (CN, O, serialNumber, ...) or the OID when unknown */
	type: string;
	value: string;
}

export interface ParsedCertificate {
	der: Buffer;
	serialNumber: string;
	issuer: NameAttribute[];
	issuerDer: Buffer;
	subject: NameAttribute[];
	notBefore: Date;
	notAfter: Date;
	/** SubjectPublicKeyInfo, DER: what createPublicKey({ format: 'der', type: 'spki' }) takes */
	spki: Buffer;
	subjectKeyIdentifier?: Buffer;
}

export function parseCertificate(bytes: Uint8Array, node: Asn1Node): ParsedCertificate {
	const what = 'certificate';
	expectUniversal(node, UNIVERSAL.sequence, what);
	const tbs = expectUniversal(node.children[0], UNIVERSAL.sequence, `${what} tbsCertificate`);
	const fields = tbs.children;
	let i = 0;
	if (isContext(fields[i], 0)) i++; // explicit version
	const serial = readInteger(bytes, fields[i++], `${what} serial number`);
	expectUniversal(fields[i++], UNIVERSAL.sequence, `${what} signature algorithm`);
	const issuerNode = expectUniversal(fields[i++], UNIVERSAL.sequence, `${what} issuer`);
	const validity = expectUniversal(fields[i++], UNIVERSAL.sequence, `${what} validity`);
	const subjectNode = expectUniversal(fields[i++], UNIVERSAL.sequence, `${what} subject`);
	const spki = expectUniversal(fields[i++], UNIVERSAL.sequence, `${what} public key`);
	if (validity.children.length < 2) throw new P7mFormatError(`${what} validity: expected two dates`, validity.start);
	let subjectKeyIdentifier: Buffer | undefined;
	for (; i < fields.length; i++) {
		if (isContext(fields[i], 3)) subjectKeyIdentifier = findSubjectKeyIdentifier(bytes, fields[i]);
	}
	return {
		der: Buffer.from(encodingOf(bytes, node)),
		serialNumber: serialHex(serial),
		issuer: parseName(bytes, issuerNode),
		issuerDer: Buffer.from(encodingOf(bytes, issuerNode)),
		subject: parseName(bytes, subjectNode),
		notBefore: readTime(bytes, validity.children[0], `${what} notBefore`),
		notAfter: readTime(bytes, validity.children[1], `${what} notAfter`),
		spki: Buffer.from(encodingOf(bytes, spki)),
		subjectKeyIdentifier,
	};
}

export function serialHex(serial: bigint): string {
	const hex = (serial < 0n ? -serial : serial).toString(16).toUpperCase();
	return (serial < 0n ? '-' : '') + (hex.length % 2 ? `0${hex}` : hex);
}

export function parseName(bytes: Uint8Array, node: Asn1Node): NameAttribute[] {
	const out: NameAttribute[] = [];
	for (const rdn of node.children) {
		if (!isUniversal(rdn, UNIVERSAL.set)) continue;
		for (const atv of rdn.children) {
			if (!isUniversal(atv, UNIVERSAL.sequence) || atv.children.length < 2) continue;
			const oid = readOid(bytes, atv.children[0], 'name attribute type');
			const value = readString(bytes, atv.children[1]);
			if (value !== undefined) out.push({ oid, type: NAME_ATTRIBUTES[oid] ?? oid, value });
		}
	}
	return out;
}

function findSubjectKeyIdentifier(bytes: Uint8Array, extensionsWrapper: Asn1Node): Buffer | undefined {
	const list = extensionsWrapper.children[0];
	if (!isUniversal(list, UNIVERSAL.sequence)) return undefined;
	for (const ext of list.children) {
		if (!isUniversal(ext, UNIVERSAL.sequence) || ext.children.length < 2) continue;
		if (readOid(bytes, ext.children[0], 'extension id') !== OID.subjectKeyIdentifier) continue;
		const value = ext.children[ext.children.length - 1];
		if (!isUniversal(value, UNIVERSAL.octetString)) return undefined;
		const inner = contentOf(bytes, value);
		// extnValue wraps an OCTET STRING: 04 len keyId
		if (inner.length >= 2 && inner[0] === 0x04 && inner[1] === inner.length - 2) return Buffer.from(inner.subarray(2));
		return undefined;
	}
	return undefined;
}

/** First value of a name attribute ('CN', 'O', 'serialNumber', ...). */
export function nameValue(name: NameAttribute[], type: string): string | undefined {
	return name.find((a) => a.type === type)?.value;
}

/** RFC 4514-like one-line form, most significant last as openssl prints it reversed: C=IT, O=..., CN=... */
export function formatName(name: NameAttribute[]): string {
	return name.map((a) => `${a.type}=${a.value}`).join(', ');
}
