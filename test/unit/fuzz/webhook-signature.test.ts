/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the webhook signature checks (hex, base64, Stripe, Standard Webhooks): any
 * header values, any body, any configuration value never throw; a forged header is never
 * accepted; a genuine signature is accepted and stops being accepted when one body byte changes.
 * Seed: FUZZ_SEED (printed), fixed by default so CI runs are reproducible.
 */
import fc from 'fast-check';

import { signedHeaders, verifySignature, type SignatureFormat } from '../../../lib/webhook/signature';

const SEED = Number(process.env.FUZZ_SEED) || 20261201;
const RUNS = Number(process.env.FUZZ_RUNS) || 400;
const settings = { seed: SEED, numRuns: RUNS };
beforeAll(() => console.log(`webhook-signature fuzz: seed ${SEED}, ${RUNS} runs per property (FUZZ_SEED / FUZZ_RUNS to change)`));

const FORMATS: SignatureFormat[] = ['hex', 'base64', 'stripe', 'standard'];
const ALGORITHMS = ['sha256', 'sha1', 'sha512'] as const;
const NOW = 1_800_000_000;

const headerText = fc.oneof(
	fc.string({ maxLength: 120 }),
	fc.string({ unit: 'binary', maxLength: 120 }),
	fc.stringMatching(/^(sha(1|256|512)=)?[0-9a-fA-F]{0,140}$/),
	fc.stringMatching(/^[A-Za-z0-9+/_-]{0,100}={0,3}$/),
	fc.stringMatching(/^t=[0-9a-z.e+-]{0,14}(,v[0-9]=[0-9a-f]{0,70}){0,4}$/),
	fc.stringMatching(/^(v[0-9],[A-Za-z0-9+/=]{0,90} ?){0,4}$/),
	fc.constantFrom('', ' ', ',', '=', 't=', 'v1=', 'v1,', 't=1e9,v1=00', 't= 1800000000,v1=', '__proto__', 'constructor'),
);
const headerValue = fc.oneof(headerText, fc.array(headerText, { maxLength: 3 }), fc.constantFrom(undefined, null, 0, 1e400, {}, [], { toString: 1 }));
const HEADER_NAMES = ['x-signature', 'stripe-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-hub-signature-256', '__proto__', 'constructor'];
const headers = fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 6 });
const body = fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes));
const secret = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.base64String({ minLength: 4, maxLength: 40 }).map((b) => `whsec_${b}`));
const config = fc.record({
	format: fc.oneof(fc.constantFrom(...FORMATS), fc.constantFrom('' as SignatureFormat, 'HEX' as SignatureFormat, '__proto__' as SignatureFormat)),
	algorithm: fc.oneof(fc.constantFrom(...ALGORITHMS), fc.constantFrom('md5', 'sha256)|(', '', 'constructor') as fc.Arbitrary<never>),
	header: fc.constantFrom(undefined, 'x-signature', 'stripe-signature', '__proto__'),
	toleranceSeconds: fc.constantFrom(undefined, 0, 300, -1, Number.NaN, 1e12),
});

function shapeOk(result: ReturnType<typeof verifySignature>): void {
	if (result.ok) return;
	expect([401, 403]).toContain(result.status);
	expect(typeof result.reason).toBe('string');
}

describe('verifySignature', () => {
	test('never throws on any headers, body and configuration; a forged header is never accepted', () => {
		fc.assert(
			fc.property(body, headers, secret, config, (raw, given, key, check) => {
				const result = verifySignature(raw, given as Record<string, unknown>, { ...check, secret: key, now: NOW });
				shapeOk(result);
				// random header values carry no valid MAC (a 2^-160 chance at worst)
				expect(result.ok).toBe(false);
			}),
			settings,
		);
	});

	test('a genuine signature is accepted; a changed body byte, a changed signature character or another secret is refused', () => {
		fc.assert(
			fc.property(
				body.filter((b) => b.length > 0),
				secret,
				fc.constantFrom(...FORMATS),
				fc.constantFrom(...ALGORITHMS),
				fc.nat(),
				fc.string({ minLength: 1, maxLength: 30 }).filter((id) => !/[\s,]/.test(id)),
				(raw, key, format, algorithm, at, id) => {
					const check = { format, algorithm: format === 'standard' ? ('sha256' as const) : algorithm, secret: key, now: NOW };
					const signed = signedHeaders(raw, { ...check, id });
					expect(verifySignature(raw, signed, check)).toMatchObject({ ok: true });
					const tampered = Buffer.from(raw);
					tampered[at % raw.length] ^= 0x01;
					expect(verifySignature(tampered, signed, check).ok).toBe(false);
					expect(verifySignature(raw, signed, { ...check, secret: key + 'x' }).ok).toBe(false);
					const name = Object.keys(signed).find((h) => h !== 'webhook-id' && h !== 'webhook-timestamp')!;
					const value = signed[name];
					const i = value.length - 1 - (at % 8);
					const flipped = value.slice(0, i) + (value[i] === '0' ? '1' : '0') + value.slice(i + 1);
					const result = verifySignature(raw, { ...signed, [name]: flipped }, check);
					shapeOk(result);
					// base64 can carry unused low bits in its last character: accepted only if the bytes are the same
					if (result.ok) expect(format === 'base64' || format === 'standard').toBe(true);
				},
			),
			settings,
		);
	});

	test('a Stripe or Standard Webhooks timestamp written other than as plain digits is refused', () => {
		fc.assert(
			fc.property(body, fc.constantFrom('1.8e9', '0x6b49d200', '+1800000000', '1800000000.0', '18e8', ''), (raw, t) => {
				const key = 'a-secret-for-the-timestamp-test';
				const stripeMac = signedHeaders(raw, { format: 'stripe', secret: key, now: NOW })['stripe-signature'].replace(/^t=\d+/, `t=${t}`);
				expect(verifySignature(raw, { 'stripe-signature': stripeMac }, { format: 'stripe', secret: key, now: NOW }).ok).toBe(false);
				const standard = signedHeaders(raw, { format: 'standard', secret: key, now: NOW, id: 'm1' });
				expect(verifySignature(raw, { ...standard, 'webhook-timestamp': t }, { format: 'standard', secret: key, now: NOW }).ok).toBe(false);
			}),
			{ ...settings, numRuns: Math.min(RUNS, 100) },
		);
	});
});
