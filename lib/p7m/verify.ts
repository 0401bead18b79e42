/**
 * Checks that each signer's signature matches the content, with the public key of the certificate
 * embedded in the file. What it does NOT do: build a chain to a trusted root (the EU trusted lists),
 * check revocation, or judge whether the certificate was qualified. So 'valid' means "not altered
 * since this certificate's key signed it", not "signed by someone you trust".
 */
import { createHash, createPublicKey, constants, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { isContext, isUniversal, readInteger, readOid, UNIVERSAL } from './asn1';
import type { ParsedSignedData, ParsedSignerInfo } from './cms';
import { OID, SIGNATURES, digestName } from './oids';

export type SignatureStatus = 'valid' | 'invalid' | 'unsupported';

export interface SignerVerification {
	status: SignatureStatus;
	/** why it is invalid or unsupported; absent when valid */
	reason?: string;
	/** the certificate's validity period covers the signing time (or now, without a signing time) */
	certificateValidAtSigningTime?: boolean;
}

export interface P7mVerification {
	/** 'valid' only when every signer is valid; 'invalid' when any is invalid */
	status: SignatureStatus;
	signers: SignerVerification[];
	/** always false: no chain to a trusted root, no revocation check */
	trustChecked: false;
}

export function verifySignedData(parsed: ParsedSignedData, now: Date = new Date()): P7mVerification {
	if (parsed.signers.length === 0) {
		return { status: 'invalid', signers: [], trustChecked: false };
	}
	// co-signers usually share a digest algorithm: the content is hashed once per algorithm
	const digests = new Map<string, Buffer>();
	const signers = parsed.signers.map((s) => verifySigner(parsed, s, now, digests));
	const status: SignatureStatus = signers.some((s) => s.status === 'invalid')
		? 'invalid'
		: signers.every((s) => s.status === 'valid')
			? 'valid'
			: 'unsupported';
	return { status, signers, trustChecked: false };
}

function verifySigner(parsed: ParsedSignedData, signer: ParsedSignerInfo, now: Date, digests: Map<string, Buffer>): SignerVerification {
	const certificate = signer.certificate;
	const when = signer.signingTime ?? now;
	const period = certificate ? when >= certificate.notBefore && when <= certificate.notAfter : undefined;
	const result = (status: SignatureStatus, reason?: string): SignerVerification => ({
		status,
		...(reason ? { reason } : {}),
		...(period === undefined ? {} : { certificateValidAtSigningTime: period }),
	});
	if (!parsed.content) return result('unsupported', 'detached signature: the file does not contain the signed content');
	if (!certificate) return result('unsupported', "the signer's certificate is not embedded in the file");
	const digest = digestName(signer.digestAlgorithm);
	if (!digest) return result('unsupported', `digest algorithm ${signer.digestAlgorithm} is not supported`);
	const algorithm = SIGNATURES[signer.signatureAlgorithm];
	if (!algorithm) return result('unsupported', `signature algorithm ${signer.signatureAlgorithm} is not supported`);
	let key: KeyObject;
	try {
		key = createPublicKey({ key: certificate.spki, format: 'der', type: 'spki' });
	} catch (e) {
		return result('unsupported', `the certificate's public key cannot be loaded (${(e as Error).message})`);
	}
	let contentDigest = digests.get(digest);
	if (!contentDigest) digests.set(digest, (contentDigest = createHash(digest).update(parsed.content).digest()));
	let signedBytes: Buffer;
	if (signer.signedAttrs) {
		if (!signer.messageDigest) return result('invalid', 'the signed attributes have no messageDigest');
		if (!signer.messageDigest.equals(contentDigest)) return result('invalid', 'the content was altered after signing (its digest does not match the signed messageDigest)');
		if (signer.contentType && signer.contentType !== parsed.eContentType) return result('invalid', 'the signed contentType attribute does not match the content type');
		signedBytes = signer.signedAttrs;
	} else {
		signedBytes = parsed.content;
	}
	try {
		const ok = verifyWith(algorithm, digest, key, signer, signedBytes);
		if (typeof ok === 'string') return result('unsupported', ok);
		return ok ? result('valid') : result('invalid', 'the signature does not match the signed data and the certificate key');
	} catch (e) {
		return result('invalid', `the signature could not be checked (${(e as Error).message})`);
	}
}

/** true/false, or a reason string when the parameters are outside what node:crypto can check */
function verifyWith(algorithm: (typeof SIGNATURES)[string], digest: string, key: KeyObject, signer: ParsedSignerInfo, data: Buffer): boolean | string {
	const hash = algorithm.hash ?? digest;
	switch (algorithm.key) {
		case 'rsa':
			return cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signer.signature);
		case 'ec':
			return cryptoVerify(hash, data, { key, dsaEncoding: 'der' }, signer.signature);
		case 'ed25519':
			return cryptoVerify(null, data, key, signer.signature);
		case 'rsa-pss': {
			const pss = pssParameters(signer);
			if (typeof pss === 'string') return pss;
			return cryptoVerify(pss.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signer.signature);
		}
	}
}

function pssParameters(signer: ParsedSignerInfo): { hash: string; saltLength: number } | string {
	let hash = 'sha1';
	let mgfHash = 'sha1';
	let saltLength = 20;
	const p = signer.signatureParameters;
	if (p && isUniversal(p.node, UNIVERSAL.sequence)) {
		for (const field of p.node.children) {
			const inner = field.children[0];
			if (isContext(field, 0) && inner) hash = digestName(readOid(p.bytes, inner.children[0], 'RSASSA-PSS hash')) ?? 'unknown';
			if (isContext(field, 1) && inner) {
				if (readOid(p.bytes, inner.children[0], 'RSASSA-PSS mask generation') !== OID.mgf1) return 'RSASSA-PSS with a mask generation other than MGF1';
				const mgfParams = inner.children[1];
				mgfHash = mgfParams ? (digestName(readOid(p.bytes, mgfParams.children[0], 'MGF1 hash')) ?? 'unknown') : 'sha1';
			}
			if (isContext(field, 2) && inner) saltLength = Number(readInteger(p.bytes, inner, 'RSASSA-PSS salt length'));
		}
	}
	if (hash === 'unknown' || mgfHash !== hash) return 'RSASSA-PSS parameters node:crypto cannot check (unknown hash or MGF1 hash differing from the message hash)';
	return { hash, saltLength };
}
