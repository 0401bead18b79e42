/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the ES256 JWT verifier (Fatture in Cloud webhook deliveries): arbitrary
 * strings, three-segment tokens of arbitrary JSON, genuinely signed tokens with claims of any
 * type (compared against an independent acceptance rule written here), and tokens mutated one
 * character at a time. Nothing throws; only the rule's tokens are accepted.
 * Seed: FUZZ_SEED (printed), fixed by default so CI runs are reproducible.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

import fc from 'fast-check';

import { verifyEs256Jwt, type JwtExpectations } from '../../../lib/jwt/es256';

const SEED = Number(process.env.FUZZ_SEED) || 20261201;
const RUNS = Number(process.env.FUZZ_RUNS) || 400;
const settings = { seed: SEED, numRuns: RUNS };
beforeAll(() => console.log(`webhook-jwt fuzz: seed ${SEED}, ${RUNS} runs per property (FUZZ_SEED / FUZZ_RUNS to change)`));

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const NOW = 1_800_000_000;
const ISSUER = 'https://api-v2.fattureincloud.it';
const AUDIENCE = 'https://n8n.example.com/webhook/x';
const expected: JwtExpectations = { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: ISSUER, audience: AUDIENCE, jti: 'ce-1', now: NOW, leewaySeconds: 60 };

const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** JSON text with "__INF__" / "__NINF__" turned into numbers JSON.parse reads as ±Infinity. */
const toJson = (value: unknown) => JSON.stringify(value).replace(/"__INF__"/g, '1e400').replace(/"__NINF__"/g, '-1e400');
const fromMarker = (value: unknown) => (value === '__INF__' ? Infinity : value === '__NINF__' ? -Infinity : value);

function signed(header: unknown, claims: unknown): string {
	const head = b64(toJson(header));
	const body = b64(toJson(claims));
	const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
	return `${head}.${body}.${signature.toString('base64url')}`;
}

const hostile = fc.constantFrom<unknown>(null, true, '', '0', [], {}, { toString: 1, valueOf: 1 }, '__INF__', '__NINF__', '__proto__', [AUDIENCE, { toString: 1 }]);
/** Mostly valid values (so accepted tokens occur often), the rest of any type. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: other, weight: 1 });
const time = fc.oneof(fc.integer({ min: NOW - 200, max: NOW + 200 }), fc.integer().map((n) => NOW + n), fc.double({ noNaN: true }), fc.constant(String(NOW + 100)), hostile);
const claimsArb = fc.record(
	{
		exp: mostly(fc.integer({ min: NOW - 100, max: NOW + 3600 }), time),
		nbf: mostly(fc.constant(undefined), time),
		iat: mostly(fc.integer({ min: NOW - 3600, max: NOW + 100 }), time),
		iss: mostly(fc.constant(ISSUER), fc.oneof(fc.string({ maxLength: 10 }), hostile)),
		aud: mostly(fc.constantFrom<unknown>(AUDIENCE, [AUDIENCE], ['other', AUDIENCE]), fc.oneof(fc.string({ maxLength: 10 }), hostile)),
		jti: mostly(fc.constant('ce-1'), fc.oneof(fc.string({ maxLength: 5 }), hostile)),
		extra: fc.jsonValue({ maxDepth: 3 }),
	},
	{ requiredKeys: [] },
);
const headerArb = mostly(
	fc.record({ alg: fc.constant('ES256'), typ: fc.constantFrom('JWT', undefined), kid: fc.string({ maxLength: 5 }) }, { requiredKeys: ['alg'] }),
	fc.oneof(
		fc.record({ alg: fc.oneof(fc.constantFrom('none', 'HS256', 'es256', 'ES384'), hostile) }),
		fc.record({ alg: fc.constant('ES256'), crit: fc.constantFrom(['exp'], [], 'b64') }),
		fc.jsonValue({ maxDepth: 2 }),
	),
);
/** Accepted tokens counted, so the run shows the rule was exercised both ways. */
let accepted = 0;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** The acceptance rule, written independently of the verifier: RFC 7519 claims, FIC's issuer/audience/jti. */
function shouldAccept(header: unknown, rawClaims: Record<string, unknown>): boolean {
	if (!header || typeof header !== 'object' || Array.isArray(header)) return false;
	const h = header as Record<string, unknown>;
	if (h.alg !== 'ES256' || 'crit' in h) return false;
	const c = Object.fromEntries(Object.entries(rawClaims).filter(([, v]) => v !== undefined).map(([k, v]) => [k, fromMarker(v)]));
	if (!isTime(c.exp) || c.exp + 60 < NOW) return false;
	for (const name of ['nbf', 'iat']) if (name in c && (!isTime(c[name]) || (c[name] as number) - 60 > NOW)) return false;
	if (c.iss !== ISSUER) return false;
	if (!(c.aud === AUDIENCE || (Array.isArray(c.aud) && c.aud.includes(AUDIENCE)))) return false;
	return c.jti === 'ce-1';
}

describe('verifyEs256Jwt', () => {
	test('any string is refused with a reason, never a throw', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,90}$/)), (token) => {
				const result = verifyEs256Jwt(token, expected);
				expect(result.ok).toBe(false);
				if (!result.ok) expect(typeof result.reason).toBe('string');
			}),
			settings,
		);
	});

	test('unsigned tokens of arbitrary JSON segments are refused without throwing', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), fc.uint8Array({ maxLength: 70 }), (header, claims, signature) => {
				const token = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}.${Buffer.from(signature).toString('base64url')}`;
				expect(verifyEs256Jwt(token, expected).ok).toBe(false);
			}),
			settings,
		);
	});

	test('genuinely signed tokens with claims of any type are accepted exactly when the rule says so', () => {
		fc.assert(
			fc.property(headerArb, claimsArb, (header, claims) => {
				const result = verifyEs256Jwt(signed(header, claims), expected);
				expect(result.ok).toBe(shouldAccept(header, claims));
				if (result.ok) accepted++;
			}),
			{ ...settings, numRuns: RUNS * 2 },
		);
		console.log(`signed tokens: ${accepted} of ${RUNS * 2} accepted`);
		expect(accepted).toBeGreaterThan(0);
		expect(accepted).toBeLessThan(RUNS * 2);
	});

	test('a valid token with one character changed never throws and is accepted only if its bytes are unchanged', () => {
		const token = signed({ alg: 'ES256', typ: 'JWT' }, { exp: NOW + 600, iat: NOW, iss: ISSUER, aud: [AUDIENCE], jti: 'ce-1' });
		expect(verifyEs256Jwt(token, expected).ok).toBe(true);
		fc.assert(
			fc.property(fc.nat(token.length - 1), fc.constantFrom(...'AZaz09-_.=+/ '.split('')), (at, c) => {
				const mutated = token.slice(0, at) + c + token.slice(at + 1);
				const result = verifyEs256Jwt(mutated, expected);
				if (result.ok) {
					const same = mutated.split('.').every((segment, i) => Buffer.from(segment, 'base64url').equals(Buffer.from(token.split('.')[i], 'base64url')));
					expect(same).toBe(true);
				}
			}),
			settings,
		);
	});
});
