/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';

import { createScrubber, encodingsOf, MIN_SECRET_LENGTH, secretForms, secretsOfCredential, type CredentialSecrets } from '../../../lib/http/secrets';

const only = (...values: string[]): CredentialSecrets => ({ values, pairs: [] });

/** The forms a secret takes in an echoed request, computed here independently of lib/. */
function independentForms(secret: string): string[] {
	const out = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64')];
	try {
		out.push(encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2));
	} catch {
		// a lone surrogate has no URI form
	}
	return out;
}

/** Oracle: every occurrence of every form (overlaps included), merged where they overlap, each run replaced once. */
function naiveScrub(text: string, forms: string[], marker: string): string {
	const spans: Array<[number, number]> = [];
	for (const form of forms) for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) spans.push([at, at + form.length]);
	spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	const merged: Array<[number, number]> = [];
	for (const [start, end] of spans) {
		const last = merged[merged.length - 1];
		if (last && start < last[1]) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	let out = '';
	let at = 0;
	for (const [start, end] of merged) {
		out += text.slice(at, start) + marker;
		at = end;
	}
	return out + text.slice(at);
}

const secretArb = fc.oneof(
	fc.string({ minLength: MIN_SECRET_LENGTH, maxLength: 24 }),
	fc.string({ minLength: MIN_SECRET_LENGTH, maxLength: 24, unit: 'binary' }),
	// values that overlap the marker itself
	fc.constantFrom('redacted', 'acte', '[red', 'ted]', 'a]b[c', 'dact'),
);
/** Secrets that share pieces (one inside another, one overlapping another's end), where matching is hardest. */
const relatedArb = fc
	.tuple(fc.string({ minLength: 8, maxLength: 20, unit: fc.constantFrom('a', 'b', 'c', '/', '=') }), fc.nat(), fc.nat())
	.map(([base, i, j]) => {
		const start = i % (base.length - MIN_SECRET_LENGTH + 1);
		const inner = base.slice(start, start + MIN_SECRET_LENGTH + (j % (base.length - start - MIN_SECRET_LENGTH + 1)));
		return [base, inner, base.slice(-MIN_SECRET_LENGTH) + 'zz'];
	});
const secretsArb = fc.oneof(fc.array(secretArb, { minLength: 1, maxLength: 4 }), relatedArb);

/** Text made of noise and the forms of the secrets, in any order. */
const textArb = (secrets: string[]) =>
	fc
		.array(
			fc.oneof(
				fc.string({ maxLength: 12, unit: 'binary' }),
				fc.constantFrom(...secrets.flatMap(independentForms)),
				fc.constantFrom(...secrets.flatMap(encodingsOf)),
				// a started form that breaks off: the matcher must fall back, not lose what it saw
				fc.tuple(fc.constantFrom(...secrets.flatMap(encodingsOf)), fc.nat()).map(([form, n]) => form.slice(0, n % (form.length + 1))),
			),
			{ maxLength: 12 },
		)
		.map((parts) => parts.join(''));

describe('scrubbing secret values', () => {
	test('a token in a message, a Basic header, a form body and a JSON body is replaced everywhere', () => {
		const scrubber = createScrubber({ values: ['tok-0123456789', 'Pa$$ w0rd/"x"'], pairs: [['mario', 'Pa$$ w0rd/"x"']] });
		const text = [
			'Authorization: Bearer tok-0123456789',
			`Authorization: Basic ${Buffer.from('mario:Pa$$ w0rd/"x"').toString('base64')}`,
			`grant_type=password&password=${new URLSearchParams({ p: 'Pa$$ w0rd/"x"' }).toString().slice(2)}`,
			JSON.stringify({ password: 'Pa$$ w0rd/"x"' }),
			`x=${encodeURIComponent('Pa$$ w0rd/"x"')}`,
		].join('\n');
		expect(scrubber.scrub(text)).toBe(
			['Authorization: Bearer [redacted]', 'Authorization: Basic [redacted]', 'grant_type=password&password=[redacted]', '{"password":"[redacted]"}', 'x=[redacted]'].join('\n'),
		);
	});

	test('a secret inside a partial match of a longer one is found (the matcher falls back)', () => {
		for (const table of [true, false]) {
			const scrubber = createScrubber(only('abcdefgh', 'bcde'), { table });
			expect(scrubber.scrub('abcdeZ')).toBe('a[redacted]Z');
			expect(scrubber.scrub('abcdefgabcdefgh')).toBe('a[redacted]fg[redacted]');
		}
	});

	test('a PHP-escaped (json_encode) and an HTML-escaped echo are found too', () => {
		const scrubber = createScrubber(only('a/b"càt<1>'));
		expect(scrubber.scrub('{"echo":"a\\/b\\"c\\u00e0t<1>"}')).toBe('{"echo":"[redacted]"}');
		expect(scrubber.scrub('<p>a/b&quot;càt&lt;1&gt;</p>')).toBe('<p>[redacted]</p>');
	});

	test('a secret inside a longer base64 text (Basic with any user name) is cut out at every alignment', () => {
		const password = 'correct horse battery';
		const scrubber = createScrubber(only(password));
		for (const user of ['a', 'ab', 'abc', 'someone@example.it']) {
			const encoded = Buffer.from(`${user}:${password}`).toString('base64');
			const out = scrubber.scrub(`Basic ${encoded}`);
			expect(out).not.toContain(encoded);
			// what is left of the base64 decodes to the user name and at most one byte of the password
			expect(out).toMatch(/^Basic [A-Za-z0-9+/=]*\[redacted\][A-Za-z0-9+/=]{0,4}$/);
		}
	});

	test(`values shorter than ${MIN_SECRET_LENGTH} characters are not scrubbed (policy: they cannot be told from ordinary text)`, () => {
		const scrubber = createScrubber(only('abc'));
		expect(scrubber.empty).toBe(true);
		expect(scrubber.scrub('abc abcabc')).toBe('abc abcabc');
		expect(createScrubber(only('abcd')).scrub('xabcdx')).toBe('x[redacted]x');
	});

	test('when a secret holds a bracket or a piece of the word "redacted", another marker is used so no secret can reappear', () => {
		for (const value of ['[secret]', 'redacted', 'dact']) {
			const scrubber = createScrubber(only(value));
			expect(scrubber.marker).not.toBe('[redacted]');
			const out = scrubber.scrub(`x${value}y${value}${value}z`);
			expect(out).not.toContain(value);
			expect(out.startsWith('x') && out.endsWith('z')).toBe(true);
		}
	});

	test('property: the output holds no form of any secret, and no independently computed form either', () => {
		fc.assert(
			fc.property(
				secretsArb.chain((secrets) => fc.tuple(fc.constant(secrets), textArb(secrets))),
				([secrets, text]) => {
					const scrubber = createScrubber(only(...secrets));
					const out = scrubber.scrub(text);
					for (const form of [...secretForms(only(...secrets)), ...secrets.flatMap(independentForms).filter((f) => f.length >= MIN_SECRET_LENGTH)]) {
						expect(out.includes(form)).toBe(false);
					}
				},
			),
			{ numRuns: 400 },
		);
	});

	test('property: the result equals a naive scrub (every occurrence, overlaps merged); text without a secret is unchanged', () => {
		fc.assert(
			fc.property(
				secretsArb.chain((secrets) => fc.tuple(fc.constant(secrets), fc.oneof(textArb(secrets), fc.string({ maxLength: 60 })))),
				([secrets, text]) => {
					const scrubber = createScrubber(only(...secrets));
					const forms = secretForms(only(...secrets));
					expect(scrubber.scrub(text)).toBe(naiveScrub(text, forms, scrubber.marker));
					// the sparse automaton (used when the table would be too large) answers the same
					expect(createScrubber(only(...secrets), { table: false }).scrub(text)).toBe(scrubber.scrub(text));
					if (!forms.some((form) => text.includes(form))) expect(scrubber.scrub(text)).toBe(text);
				},
			),
			{ numRuns: 400 },
		);
	});

	test('property: text around the secrets is kept exactly, one marker per secret', () => {
		// noise shares no character with the secrets or any of their encodings
		const noise = fc.string({ maxLength: 10, unit: fc.constantFrom(' ', ',', ';', ':', '!', '?', '(', ')', '{', '}', '<', '>', '\n', '\t', '@', '#', '*', '~', '^', '|', '€', 'à') });
		const secret = fc.stringMatching(/^[a-z0-9]{4,20}$/);
		fc.assert(
			fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), fc.array(noise, { minLength: 4, maxLength: 4 }), (secrets, gaps) => {
				const scrubber = createScrubber(only(...secrets));
				const placed = secrets.slice(0, 3);
				const text = gaps[0] + placed.map((s, i) => s + gaps[i + 1]).join('');
				const expected = gaps[0] + placed.map((_s, i) => scrubber.marker + gaps[i + 1]).join('');
				expect(scrubber.scrub(text)).toBe(expected);
				expect(scrubber.scrub(gaps.join(''))).toBe(gaps.join(''));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('scrubbing objects and errors', () => {
	const scrubber = createScrubber(only('s3cret-token-value'));

	test('nested objects and arrays are copied with every string scrubbed; the input is untouched; other values stay', () => {
		const input = { a: 'Bearer s3cret-token-value', n: 1, ok: true, none: null, list: [{ deep: ['x s3cret-token-value y'] }], date: new Date(0), buf: Buffer.from('echo s3cret-token-value') };
		const out = scrubber.scrubDeep(input);
		expect(out).toEqual({ a: 'Bearer [redacted]', n: 1, ok: true, none: null, list: [{ deep: ['x [redacted] y'] }], date: new Date(0), buf: Buffer.from('echo [redacted]') });
		expect(input.a).toBe('Bearer s3cret-token-value');
	});

	test('keys holding a secret are scrubbed too, and cycles do not loop', () => {
		const cyclic: Record<string, unknown> = { 's3cret-token-value': 1 };
		cyclic.self = cyclic;
		const out = scrubber.scrubDeep(cyclic) as Record<string, unknown>;
		expect(Object.keys(out)).toEqual(['[redacted]', 'self']);
		expect(out.self).toBe(out);
	});

	test('an error keeps its class; message, stack, description, messages, cause and context are scrubbed', () => {
		class ApiError extends Error {
			description = 'sent Authorization: Bearer s3cret-token-value';
			messages = ['first: s3cret-token-value'];
			context = { data: { echo: 's3cret-token-value' } };
		}
		const error = new ApiError('failed: s3cret-token-value');
		(error as { cause?: unknown }).cause = Object.assign(new Error('inner s3cret-token-value'), { response: { data: 'echo s3cret-token-value' } });
		const same = scrubber.scrubError(error);
		expect(same).toBe(error);
		expect(same).toBeInstanceOf(ApiError);
		const everything = [error.message, error.stack, error.description, ...error.messages, JSON.stringify(error.context), ((error as { cause?: Error }).cause as Error).message, ((error as { cause?: Error }).cause as Error).stack, JSON.stringify((error as { cause?: Error }).cause)].join('\n');
		expect(everything).not.toContain('s3cret-token-value');
		expect(error.message).toBe('failed: [redacted]');
	});
});

describe('the secrets of a credential', () => {
	test('tokens, passwords, client and webhook secrets, nested OAuth token data; not URLs, expiries, types, scopes or user names', () => {
		const found = secretsOfCredential({
			username: 'mario',
			password: 'pw-123456',
			accessToken: 'access-1',
			refreshToken: 'refresh-1',
			accessTokenExpiresAt: '2026-12-01T10:00:00.000Z',
			signedInAt: '2026-12-01T09:00:00.000Z',
			accessTokenUrl: 'https://x.it/oauth/token',
			clientId: 'client-1',
			clientSecret: 'client-secret-1',
			secret: 'whsec_abc',
			scope: 'entity.clients:a',
			oauthTokenData: { access_token: 'oauth-access', refresh_token: 'oauth-refresh', token_type: 'Bearer', expires_in: 3600 },
			short: 'abc',
			token: 'abc',
		});
		expect(found.values.sort()).toEqual(['access-1', 'client-secret-1', 'oauth-access', 'oauth-refresh', 'pw-123456', 'refresh-1', 'whsec_abc'].sort());
		expect(found.pairs).toEqual([
			['mario', 'pw-123456'],
			['client-1', 'client-secret-1'],
		]);
	});

	test('an empty credential gives an empty scrubber that changes nothing', () => {
		const scrubber = createScrubber(secretsOfCredential({ baseUrl: 'http://x', accessToken: '' }));
		expect(scrubber.empty).toBe(true);
		const value = { a: 'text' };
		expect(scrubber.scrubDeep(value)).toBe(value);
	});
});
