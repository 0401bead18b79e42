/**
 * ES256 JWT verification with node:crypto (no library): the algorithm is pinned to ES256 so
 * `alg: none` and HS256-with-the-public-key confusion are refused before any signature check.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface JwtExpectations {
	/** PEM (SPKI) or a JWK object of a P-256 public key. */
	publicKey: string | KeyObject | Record<string, unknown>;
	issuer?: string | string[];
	/** The token's aud (string or array) must contain this. */
	audience?: string;
	/** When given, the jti claim must equal it (FIC: the CloudEvents ce-id). */
	jti?: string;
	/** Seconds of clock skew tolerated on exp, nbf and iat. */
	leewaySeconds?: number;
	now?: number;
}

export type JwtResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	let value: unknown;
	try {
		value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function keyOf(publicKey: JwtExpectations['publicKey']): KeyObject {
	if (typeof publicKey === 'string') return createPublicKey(publicKey.includes('BEGIN') ? publicKey : Buffer.from(publicKey, 'base64').toString('utf8'));
	if ('asymmetricKeyType' in (publicKey as object)) return publicKey as KeyObject;
	return createPublicKey({ key: publicKey as never, format: 'jwk' });
}

export function verifyEs256Jwt(token: string | undefined, expected: JwtExpectations): JwtResult {
	if (!token) return { ok: false, reason: 'missing token' };
	const parts = token.split('.');
	if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return { ok: false, reason: 'malformed token' };
	const header = decodeSegment(parts[0]);
	if (!header) return { ok: false, reason: 'header is not base64url JSON' };
	const claims = decodeSegment(parts[1]);
	if (!claims) return { ok: false, reason: 'payload is not base64url JSON' };
	if (header.alg !== 'ES256') return { ok: false, reason: `algorithm ${typeof header.alg === 'string' ? header.alg.slice(0, 20) : typeof header.alg} refused (ES256 only)` };
	// RFC 7515 4.1.11: a critical extension this verifier does not understand makes the token invalid.
	if (header.crit !== undefined) return { ok: false, reason: 'crit header refused (no extensions supported)' };
	const signature = Buffer.from(parts[2], 'base64url');
	if (signature.length !== 64) return { ok: false, reason: 'bad signature' };
	let key: KeyObject;
	try {
		key = keyOf(expected.publicKey);
	} catch {
		return { ok: false, reason: 'the verification key is not a valid public key' };
	}
	if (key.asymmetricKeyType !== 'ec') return { ok: false, reason: 'the verification key is not an EC key' };
	const valid = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
	if (!valid) return { ok: false, reason: 'bad signature' };

	const now = expected.now ?? Math.floor(Date.now() / 1000);
	const leeway = expected.leewaySeconds ?? 60;
	// A time claim of the wrong type is refused, never skipped: `"nbf": "2099-01-01"` must not
	// read as "no nbf". JSON numbers such as 1e400 parse to Infinity, which is refused too.
	if (claims.exp === undefined) return { ok: false, reason: 'exp claim missing' };
	for (const name of ['exp', 'nbf', 'iat'] as const) {
		const value = claims[name];
		if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return { ok: false, reason: `${name} claim is not a number of seconds` };
	}
	if ((claims.exp as number) + leeway < now) return { ok: false, reason: 'token expired' };
	if (claims.nbf !== undefined && (claims.nbf as number) - leeway > now) return { ok: false, reason: 'token not yet valid' };
	if (claims.iat !== undefined && (claims.iat as number) - leeway > now) return { ok: false, reason: 'token issued in the future' };
	if (expected.issuer !== undefined) {
		const issuers = Array.isArray(expected.issuer) ? expected.issuer : [expected.issuer];
		if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss)) return { ok: false, reason: 'wrong issuer' };
	}
	if (expected.audience !== undefined) {
		const audience = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
		if (!audience.some((entry) => entry === expected.audience)) return { ok: false, reason: 'wrong audience' };
	}
	if (expected.jti !== undefined && claims.jti !== expected.jti) return { ok: false, reason: 'jti does not match the event id' };
	return { ok: true, claims };
}
