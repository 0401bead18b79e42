/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';

import { verifyEs256Jwt } from '../../../lib/jwt/es256';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const now = 1_800_000_000;
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function token(claims: Record<string, unknown>, options: { alg?: string; key?: typeof privateKey } = {}): string {
	const head = b64({ alg: options.alg ?? 'ES256', typ: 'JWT' });
	const body = b64({ iss: 'https://api-v2.fattureincloud.it', aud: ['https://n8n.example.com/webhook/x'], exp: now + 3600, iat: now, jti: 'ce-1', ...claims });
	const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key: options.key ?? privateKey, dsaEncoding: 'ieee-p1363' });
	return `${head}.${body}.${signature.toString('base64url')}`;
}

const expected = { publicKey: pem, issuer: 'https://api-v2.fattureincloud.it', audience: 'https://n8n.example.com/webhook/x', jti: 'ce-1', now };

describe('ES256 JWT verification', () => {
	test('a token signed by the key with the right claims is accepted', () => {
		expect(verifyEs256Jwt(token({}), expected)).toMatchObject({ ok: true, claims: { jti: 'ce-1' } });
	});

	test('a JWK public key works as well as PEM', () => {
		expect(verifyEs256Jwt(token({}), { ...expected, publicKey: publicKey.export({ format: 'jwk' }) as Record<string, unknown> }).ok).toBe(true);
	});

	test.each([
		['signed by another key', token({}, { key: other.privateKey }), 'bad signature'],
		['wrong audience', token({ aud: ['https://evil.example.com/'] }), 'wrong audience'],
		['wrong issuer', token({ iss: 'https://evil.example.com' }), 'wrong issuer'],
		['expired', token({ exp: now - 3600 }), 'token expired'],
		['jti other than the event id', token({ jti: 'ce-2' }), 'jti does not match the event id'],
		['no exp', token({ exp: undefined }), 'exp claim missing'],
	])('%s is refused', (_name, jwt, reason) => {
		expect(verifyEs256Jwt(jwt, expected)).toEqual({ ok: false, reason });
	});

	test('alg none is refused before any signature check', () => {
		const unsigned = `${b64({ alg: 'none' })}.${b64({ exp: now + 10 })}.`;
		expect(verifyEs256Jwt(unsigned, expected)).toEqual({ ok: false, reason: 'algorithm none refused (ES256 only)' });
	});

	test('HS256 signed with the public key as a secret (key confusion) is refused', () => {
		const head = b64({ alg: 'HS256' });
		const body = b64({ exp: now + 10 });
		const mac = createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url');
		expect(verifyEs256Jwt(`${head}.${body}.${mac}`, expected)).toEqual({ ok: false, reason: 'algorithm HS256 refused (ES256 only)' });
	});

	test('a tampered payload fails the signature', () => {
		const [h, , s] = token({}).split('.');
		expect(verifyEs256Jwt(`${h}.${b64({ exp: now + 10, jti: 'ce-1', aud: expected.audience, iss: expected.issuer })}.${s}`, expected)).toEqual({ ok: false, reason: 'bad signature' });
	});

	test('garbage and missing tokens get a reason, not an exception', () => {
		expect(verifyEs256Jwt(undefined, expected)).toEqual({ ok: false, reason: 'missing token' });
		expect(verifyEs256Jwt('a.b', expected)).toEqual({ ok: false, reason: 'malformed token' });
		expect(verifyEs256Jwt('e30.e30.@@', expected)).toEqual({ ok: false, reason: 'malformed token' });
	});
});

/** A token over a payload given as JSON text (for numbers such as 1e400 that JSON.stringify cannot write). */
function rawToken(payloadJson: string, header: Record<string, unknown> = { alg: 'ES256', typ: 'JWT' }): string {
	const head = b64(header);
	const body = b64(payloadJson);
	const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
	return `${head}.${body}.${signature.toString('base64url')}`;
}

const claimsJson = (extra: string) => `{"iss":"https://api-v2.fattureincloud.it","aud":"https://n8n.example.com/webhook/x","exp":${now + 3600},"jti":"ce-1"${extra}}`;

describe('claims of the wrong type are refused, not skipped', () => {
	test.each([
		['nbf as a date string', token({ nbf: '2099-01-01' }), 'nbf claim is not a number of seconds'],
		['nbf as null', token({ nbf: null }), 'nbf claim is not a number of seconds'],
		['nbf as an object', token({ nbf: { at: now + 9999 } }), 'nbf claim is not a number of seconds'],
		['iat as a string', token({ iat: String(now + 9999) }), 'iat claim is not a number of seconds'],
		['iat as an array', token({ iat: [now] }), 'iat claim is not a number of seconds'],
		['iat as a boolean', token({ iat: true }), 'iat claim is not a number of seconds'],
		['exp as a string', token({ exp: String(now + 3600) }), 'exp claim is not a number of seconds'],
		['exp as null', token({ exp: null }), 'exp claim is not a number of seconds'],
		['exp of 1e400 (Infinity: never expiring)', rawToken(claimsJson('').replace(/"exp":\d+/, '"exp":1e400')), 'exp claim is not a number of seconds'],
		['nbf of -1e400', rawToken(claimsJson(',"nbf":-1e400')), 'nbf claim is not a number of seconds'],
	])('%s', (_name, jwt, reason) => {
		expect(verifyEs256Jwt(jwt, expected)).toEqual({ ok: false, reason });
	});

	test('numeric nbf and iat in range still pass', () => {
		expect(verifyEs256Jwt(token({ nbf: now - 10, iat: now - 10 }), expected).ok).toBe(true);
	});

	test('a numeric nbf in the future is refused', () => {
		expect(verifyEs256Jwt(token({ nbf: now + 3600 }), expected)).toEqual({ ok: false, reason: 'token not yet valid' });
	});

	test.each([
		['iss as an object whose toString is not a function', rawToken(claimsJson('').replace('"iss":"https://api-v2.fattureincloud.it"', '"iss":{"toString":1,"valueOf":1}')), 'wrong issuer'],
		['aud holding such an object', rawToken(claimsJson('').replace('"aud":"https://n8n.example.com/webhook/x"', '"aud":[{"toString":1,"valueOf":1}]')), 'wrong audience'],
		['aud as a number', token({ aud: 42 }), 'wrong audience'],
	])('%s is refused without throwing', (_name, jwt, reason) => {
		expect(verifyEs256Jwt(jwt, expected)).toEqual({ ok: false, reason });
	});

	test('an alg that is an object is refused without throwing', () => {
		expect(verifyEs256Jwt(rawToken(claimsJson(''), { alg: { toString: 1, valueOf: 1 } }), expected)).toEqual({ ok: false, reason: 'algorithm object refused (ES256 only)' });
	});

	test('a critical header extension is refused (RFC 7515 4.1.11)', () => {
		expect(verifyEs256Jwt(rawToken(claimsJson(''), { alg: 'ES256', crit: ['exp'], exp: now }), expected)).toEqual({ ok: false, reason: 'crit header refused (no extensions supported)' });
	});
});
