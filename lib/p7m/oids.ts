/** Object identifiers a CAdES signature uses, by what they mean. */
export const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	envelopedData: '1.2.840.113549.1.7.3',
	contentTypeAttr: '1.2.840.113549.1.9.3',
	messageDigestAttr: '1.2.840.113549.1.9.4',
	signingTimeAttr: '1.2.840.113549.1.9.5',
	subjectKeyIdentifier: '2.5.29.14',
	rsaEncryption: '1.2.840.113549.1.1.1',
	rsassaPss: '1.2.840.113549.1.1.10',
	mgf1: '1.2.840.113549.1.1.8',
	ecPublicKey: '1.2.840.10045.2.1',
	ed25519: '1.3.101.112',
} as const;

/** digest algorithm OID -> node:crypto hash name */
export const DIGESTS: Record<string, string> = {
	'1.3.14.3.2.26': 'sha1',
	'2.16.840.1.101.3.4.2.4': 'sha224',
	'2.16.840.1.101.3.4.2.1': 'sha256',
	'2.16.840.1.101.3.4.2.2': 'sha384',
	'2.16.840.1.101.3.4.2.3': 'sha512',
	'2.16.840.1.101.3.4.2.8': 'sha3-256',
	'2.16.840.1.101.3.4.2.9': 'sha3-384',
	'2.16.840.1.101.3.4.2.10': 'sha3-512',
};

/** signature algorithm OID -> how to verify it (hash undefined = take the SignerInfo's digest) */
export const SIGNATURES: Record<string, { name: string; key: 'rsa' | 'rsa-pss' | 'ec' | 'ed25519'; hash?: string }> = {
	'1.2.840.113549.1.1.1': { name: 'rsaEncryption', key: 'rsa' },
	'1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', key: 'rsa', hash: 'sha1' },
	'1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', key: 'rsa', hash: 'sha224' },
	'1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', key: 'rsa', hash: 'sha256' },
	'1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', key: 'rsa', hash: 'sha384' },
	'1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', key: 'rsa', hash: 'sha512' },
	'1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', key: 'rsa-pss' },
	'1.2.840.10045.2.1': { name: 'ecdsa', key: 'ec' },
	'1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', key: 'ec', hash: 'sha1' },
	'1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', key: 'ec', hash: 'sha224' },
	'1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', key: 'ec', hash: 'sha256' },
	'1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', key: 'ec', hash: 'sha384' },
	'1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', key: 'ec', hash: 'sha512' },
	'1.3.101.112': { name: 'Ed25519', key: 'ed25519' },
};

/** X.520 attribute OIDs that appear in Italian qualified certificates */
export const NAME_ATTRIBUTES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.4': 'SN',
	'2.5.4.5': 'serialNumber',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'ST',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU',
	'2.5.4.12': 'title',
	'2.5.4.42': 'GN',
	'2.5.4.46': 'dnQualifier',
	'2.5.4.97': 'organizationIdentifier',
	'1.2.840.113549.1.9.1': 'emailAddress',
};

export function digestName(oid: string): string | undefined {
	return DIGESTS[oid];
}
