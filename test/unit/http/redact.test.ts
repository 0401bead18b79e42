/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { redact, redactUrl } from '../../../lib/http/redact';

describe('redaction of secrets in logs and errors', () => {
	test('secret-looking keys are replaced at any depth', () => {
		const out = redact({ data: { name: 'Rossi', password: 'p', nested: [{ access_token: 't', value: 1 }] }, Authorization: 'Bearer x' });
		expect(out).toEqual({ data: { name: 'Rossi', password: '[redacted]', nested: [{ access_token: '[redacted]', value: 1 }] }, Authorization: '[redacted]' });
	});

	test('the input is not modified', () => {
		const input = { client_secret: 's' };
		redact(input);
		expect(input.client_secret).toBe('s');
	});

	test('query-string secrets are removed from URLs', () => {
		expect(redactUrl('https://x.it/a?access_token=abc&page=2&api_key=k')).toBe('https://x.it/a?access_token=[redacted]&page=2&api_key=[redacted]');
	});

	test('cycles do not loop', () => {
		const a: Record<string, unknown> = { name: 'a' };
		a.self = a;
		expect(redact(a)).toEqual({ name: 'a', self: '[circular]' });
	});
});
