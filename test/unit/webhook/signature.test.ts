/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { signedHeaders, verifySignature, type SignatureCheck } from '../../../lib/webhook/signature';

const secret = 'whsec_' + Buffer.from('a-test-secret-of-some-length').toString('base64');
const body = Buffer.from('{"event":"order.paid","amount":12.5}');
const now = 1_800_000_000;

describe.each<SignatureCheck['format']>(['hex', 'base64', 'stripe', 'standard'])('%s signatures', (format) => {
	const check: SignatureCheck = { format, secret, now, header: format === 'stripe' ? undefined : format === 'standard' ? undefined : 'x-signature' };
	const headers = signedHeaders(body, { ...check, id: 'msg_1' });

	test('a correct signature over the raw body is accepted', () => {
		expect(verifySignature(body, headers, check).ok).toBe(true);
	});

	test('a body changed only in whitespace is refused', () => {
		expect(verifySignature(Buffer.from('{"event": "order.paid","amount":12.5}'), headers, check)).toMatchObject({ ok: false, status: 401 });
	});

	test('another secret is refused', () => {
		expect(verifySignature(body, headers, { ...check, secret: 'whsec_' + Buffer.from('other').toString('base64') })).toMatchObject({ ok: false });
	});

	test('a missing signature header is refused naming the header', () => {
		expect(verifySignature(body, {}, check)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/missing/) });
	});

	test('the reason never contains the secret or the expected signature', () => {
		const tampered = Buffer.from('tampered');
		const result = JSON.stringify(verifySignature(tampered, headers, check));
		expect(result).not.toContain(secret);
		const wouldBeValid = signedHeaders(tampered, { ...check, id: 'msg_1' });
		for (const value of Object.values(wouldBeValid)) {
			const digest = value.replace(/^(sha\d+=|t=\d+,v1=|v1,)/, '');
			if (digest.length >= 16) expect(result).not.toContain(digest.slice(0, 16));
		}
	});
});

describe('timestamps', () => {
	test('a Stripe signature older than the tolerance is refused as stale', () => {
		const headers = signedHeaders(body, { format: 'stripe', secret, now: now - 301 });
		expect(verifySignature(body, headers, { format: 'stripe', secret, now })).toMatchObject({ ok: false, reason: 'signature timestamp outside the tolerance' });
	});

	test('a Standard Webhooks signature from the future beyond the tolerance is refused', () => {
		const headers = signedHeaders(body, { format: 'standard', secret, now: now + 600 });
		expect(verifySignature(body, headers, { format: 'standard', secret, now })).toMatchObject({ ok: false });
	});

	test('Standard Webhooks gives the message id for replay protection', () => {
		const headers = signedHeaders(body, { format: 'standard', secret, now, id: 'msg_42' });
		expect(verifySignature(body, headers, { format: 'standard', secret, now })).toEqual({ ok: true, id: 'msg_42', timestamp: now });
	});

	test('Stripe accepts any of several v1 signatures (secret rotation)', () => {
		const good = signedHeaders(body, { format: 'stripe', secret, now })['stripe-signature'];
		const rotated = good.replace(/v1=/, 'v1=00ff,v1=');
		expect(verifySignature(body, { 'stripe-signature': rotated }, { format: 'stripe', secret, now }).ok).toBe(true);
	});
});

describe('algorithms', () => {
	test.each(['sha1', 'sha512'] as const)('%s works when chosen on both sides', (algorithm) => {
		const headers = signedHeaders(body, { format: 'hex', secret: 's', algorithm, header: 'x-hub-signature' });
		expect(verifySignature(body, headers, { format: 'hex', secret: 's', algorithm, header: 'x-hub-signature' }).ok).toBe(true);
		expect(verifySignature(body, headers, { format: 'hex', secret: 's', algorithm: 'sha256', header: 'x-hub-signature' }).ok).toBe(false);
	});
});

describe('hostile headers and configuration (found by the fuzz)', () => {
	test('a header value that is an object whose toString is not a function is "missing", not a TypeError', () => {
		expect(verifySignature(body, { 'x-signature': { toString: 1, valueOf: 1 } }, { format: 'hex', secret: 's' })).toEqual({ ok: false, status: 401, reason: 'missing x-signature header' });
	});

	test('a header named __proto__ reads the own header, never Object.prototype', () => {
		expect(verifySignature(body, {}, { format: 'hex', secret: 's', header: '__proto__' })).toEqual({ ok: false, status: 401, reason: 'missing __proto__ header' });
	});

	test('a whsec_ secret that is not strict base64 is refused, not decoded leniently into another key', () => {
		const key = 'whsec_' + Buffer.from('0123456789abcdef').toString('base64');
		const headers = signedHeaders(body, { format: 'standard', secret: key, now, id: 'm1' });
		expect(verifySignature(body, headers, { format: 'standard', secret: key, now }).ok).toBe(true);
		// Buffer.from(…, 'base64') ignores the stray "x": the same key bytes
		expect(verifySignature(body, headers, { format: 'standard', secret: key + 'x', now })).toEqual({ ok: false, status: 403, reason: 'the whsec_ secret is not valid base64 after the prefix' });
	});

	test('an unknown algorithm or format is refused with a clear reason', () => {
		expect(verifySignature(body, {}, { format: 'hex', secret: 's', algorithm: 'md5' as never })).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining('algorithm: expected sha256, sha1 or sha512') });
		expect(verifySignature(body, {}, { format: 'HEX' as never, secret: 's' })).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining('signature format: expected hex, base64, stripe or standard') });
	});

	test('a Stripe t= that is not plain digits is malformed (Number() would read "1.8e9")', () => {
		const header = signedHeaders(body, { format: 'stripe', secret: 's', now })['stripe-signature'].replace(/^t=\d+/, 't=1.8e9');
		expect(verifySignature(body, { 'stripe-signature': header }, { format: 'stripe', secret: 's', now })).toEqual({ ok: false, status: 401, reason: 'malformed stripe-signature header' });
	});
});
