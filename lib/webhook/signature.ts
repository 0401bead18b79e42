/**
 * HMAC signatures over the RAW request body, in the formats senders use. The comparison is
 * constant-time (timingSafeEqual on equal-length digests); a failure reason never contains the
 * secret or the expected signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha256' | 'sha1' | 'sha512';

export type SignatureFormat =
	/** header holds the hex digest, optionally prefixed "sha256=" */
	| 'hex'
	/** header holds the base64 digest, optionally prefixed "sha256=" */
	| 'base64'
	/** Stripe: `t=<unix>,v1=<hex>[,v1=<hex>]`, signed payload `${t}.${body}` */
	| 'stripe'
	/** Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature `v1,<base64> ...`, signed `${id}.${ts}.${body}` */
	| 'standard';

export interface SignatureCheck {
	format: SignatureFormat;
	algorithm?: HmacAlgorithm;
	secret: string;
	/** Header carrying the signature for hex/base64 (lower case). Stripe: stripe-signature. */
	header?: string;
	/** Seconds a signed timestamp may differ from now (stripe, standard). 0 disables the check. */
	toleranceSeconds?: number;
	now?: number;
}

export type SignatureResult =
	| { ok: true; id?: string; timestamp?: number }
	| { ok: false; status: 401 | 403; reason: string };

export function hmac(algorithm: HmacAlgorithm, secret: string | Buffer, payload: Buffer | string): Buffer {
	return createHmac(algorithm, secret).update(payload).digest();
}

function sameDigest(expected: Buffer, given: Buffer): boolean {
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A header's text: own properties only (a header named `__proto__` is not Object.prototype), strings only. */
function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
	const key = name.toLowerCase();
	if (!Object.prototype.hasOwnProperty.call(headers, key)) return undefined;
	const value = Array.isArray(headers[key]) ? (headers[key] as unknown[])[0] : headers[key];
	return typeof value === 'string' ? value : undefined;
}

function decode(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
	const clean = text.trim();
	if (encoding === 'hex') return /^[0-9a-fA-F]+$/.test(clean) && clean.length % 2 === 0 ? Buffer.from(clean, 'hex') : undefined;
	return /^[A-Za-z0-9+/_-]+={0,2}$/.test(clean) ? Buffer.from(clean, 'base64') : undefined;
}

function staleness(timestamp: number, check: SignatureCheck): SignatureResult | undefined {
	const tolerance = check.toleranceSeconds ?? 300;
	if (!tolerance) return undefined;
	const now = check.now ?? Math.floor(Date.now() / 1000);
	if (!Number.isFinite(timestamp)) return { ok: false, status: 401, reason: 'invalid signature timestamp' };
	if (Math.abs(now - timestamp) > tolerance) return { ok: false, status: 401, reason: 'signature timestamp outside the tolerance' };
	return undefined;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard Webhooks secrets look like `whsec_<base64>`; the key is the decoded bytes. Base64 is
 * read strictly: Buffer.from would drop stray characters, so two different secrets would give
 * the same key. Undefined when the text after the prefix is not base64.
 */
function standardKey(secret: string): Buffer | undefined {
	if (!secret.startsWith('whsec_')) return Buffer.from(secret, 'utf8');
	const encoded = secret.slice(6);
	return encoded && STRICT_BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
}

const ALGORITHMS: readonly string[] = ['sha256', 'sha1', 'sha512'];
const FORMATS: readonly string[] = ['hex', 'base64', 'stripe', 'standard'];
/** Unix seconds as senders write them: digits only (Number() would also take "1e9", " 0x10 "). */
const UNIX_SECONDS = /^\d{1,12}$/;

export function verifySignature(rawBody: Buffer, headers: Record<string, unknown>, check: SignatureCheck): SignatureResult {
	const algorithm = check.algorithm ?? 'sha256';
	if (!check.secret) return { ok: false, status: 403, reason: 'no secret configured' };
	if (!ALGORITHMS.includes(algorithm)) return { ok: false, status: 403, reason: `algorithm: expected sha256, sha1 or sha512, got ${JSON.stringify(String(algorithm)).slice(0, 40)}` };

	if (!FORMATS.includes(check.format)) return { ok: false, status: 403, reason: `signature format: expected hex, base64, stripe or standard, got ${JSON.stringify(String(check.format)).slice(0, 40)}` };

	if (check.format === 'hex' || check.format === 'base64') {
		const headerName = check.header ?? 'x-signature';
		const value = headerOf(headers, headerName);
		if (!value) return { ok: false, status: 401, reason: `missing ${headerName} header` };
		const withoutPrefix = value.replace(/^(sha1|sha256|sha512)=/i, '');
		const given = decode(withoutPrefix, check.format);
		if (!given) return { ok: false, status: 401, reason: `malformed ${headerName} header` };
		return sameDigest(hmac(algorithm, check.secret, rawBody), given) ? { ok: true } : { ok: false, status: 401, reason: 'signature mismatch' };
	}

	if (check.format === 'stripe') {
		const headerName = check.header ?? 'stripe-signature';
		const value = headerOf(headers, headerName);
		if (!value) return { ok: false, status: 401, reason: `missing ${headerName} header` };
		const pairs = value.split(',').map((part) => part.trim().split('='));
		const timestampText = pairs.find(([k]) => k === 't')?.[1] ?? '';
		const candidates = pairs.filter(([k]) => k === 'v1').map(([, v]) => decode(v ?? '', 'hex')).filter((b): b is Buffer => !!b);
		if (!UNIX_SECONDS.test(timestampText) || !candidates.length) return { ok: false, status: 401, reason: `malformed ${headerName} header` };
		const timestamp = Number(timestampText);
		const stale = staleness(timestamp, check);
		if (stale) return stale;
		const expected = hmac(algorithm, check.secret, Buffer.concat([Buffer.from(`${timestampText}.`), rawBody]));
		return candidates.some((candidate) => sameDigest(expected, candidate)) ? { ok: true, timestamp } : { ok: false, status: 401, reason: 'signature mismatch' };
	}

	const id = headerOf(headers, 'webhook-id');
	const timestampText = headerOf(headers, 'webhook-timestamp');
	const signatures = headerOf(headers, 'webhook-signature');
	if (!id || !timestampText || !signatures) return { ok: false, status: 401, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
	if (!UNIX_SECONDS.test(timestampText)) return { ok: false, status: 401, reason: 'malformed webhook-timestamp header' };
	const timestamp = Number(timestampText);
	const stale = staleness(timestamp, check);
	if (stale) return stale;
	const key = standardKey(check.secret);
	if (!key) return { ok: false, status: 403, reason: 'the whsec_ secret is not valid base64 after the prefix' };
	const expected = hmac('sha256', key, Buffer.concat([Buffer.from(`${id}.${timestampText}.`), rawBody]));
	const candidates = signatures
		.split(' ')
		.map((entry) => entry.split(','))
		.filter(([version]) => version === 'v1')
		.map(([, value]) => decode(value ?? '', 'base64'))
		.filter((b): b is Buffer => !!b);
	return candidates.some((candidate) => sameDigest(expected, candidate)) ? { ok: true, id, timestamp } : { ok: false, status: 401, reason: 'signature mismatch' };
}

/** Headers a sender would add, for tests, the demo and the benchmark. */
export function signedHeaders(rawBody: Buffer | string, check: Omit<SignatureCheck, 'toleranceSeconds'> & { id?: string }): Record<string, string> {
	const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody);
	const algorithm = check.algorithm ?? 'sha256';
	const now = check.now ?? Math.floor(Date.now() / 1000);
	switch (check.format) {
		case 'hex':
			return { [check.header ?? 'x-signature']: `${algorithm}=${hmac(algorithm, check.secret, body).toString('hex')}` };
		case 'base64':
			return { [check.header ?? 'x-signature']: hmac(algorithm, check.secret, body).toString('base64') };
		case 'stripe':
			return { [check.header ?? 'stripe-signature']: `t=${now},v1=${hmac(algorithm, check.secret, Buffer.concat([Buffer.from(`${now}.`), body])).toString('hex')}` };
		case 'standard': {
			const id = check.id ?? `msg_${now}`;
			const key = standardKey(check.secret);
			if (!key) throw new Error('secret: the text after whsec_ must be base64');
			const signature = hmac('sha256', key, Buffer.concat([Buffer.from(`${id}.${now}.`), body])).toString('base64');
			return { 'webhook-id': id, 'webhook-timestamp': String(now), 'webhook-signature': `v1,${signature}` };
		}
	}
}
