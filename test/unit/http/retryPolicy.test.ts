/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { DEFAULT_RETRY_POLICY, backoffDelay, decideRetry, parseRetryAfter, requestMayHaveBeenSent } from '../../../lib/http/retryPolicy';

const policy = DEFAULT_RETRY_POLICY;

describe('retry policy (docs/error-contract.md)', () => {
	test('429 backs off exponentially from 1 s: 1 s, 2 s, 4 s', () => {
		const delays = [1, 2, 3].map((attempt) => decideRetry(policy, { kind: 'response', status: 429 }, attempt, 'POST'));
		expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([1000, 2000, 4000]);
	});

	test('429 waits at least Retry-After when it is longer than the back-off', () => {
		const decision = decideRetry(policy, { kind: 'response', status: 429, headers: { 'Retry-After': '7' } }, 1, 'GET');
		expect(decision).toMatchObject({ retry: true, delayMs: 7000 });
	});

	test('Retry-After as an HTTP date is honoured', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	test('429 gives up after the configured attempts', () => {
		expect(decideRetry({ ...policy, maxAttempts: 3 }, { kind: 'response', status: 429 }, 3, 'GET').retry).toBe(false);
	});

	test('5xx is retried 3 times, then given up', () => {
		const outcome = { kind: 'response' as const, status: 503 };
		expect([1, 2, 3].map((n) => decideRetry(policy, outcome, n, 'GET', n).retry)).toEqual([true, true, true]);
		expect(decideRetry(policy, outcome, 4, 'GET', 4)).toMatchObject({ retry: false });
	});

	test('4xx other than 429 is final', () => {
		for (const status of [400, 401, 403, 404, 409, 422]) {
			expect(decideRetry(policy, { kind: 'response', status }, 1, 'GET').retry).toBe(false);
		}
	});

	test('a POST that may have reached the server is marked uncertain: re-sent only after a look-up', () => {
		expect(decideRetry(policy, { kind: 'network', code: 'ECONNRESET', requestSent: true }, 1, 'POST')).toMatchObject({ uncertain: { settled: true } });
	});

	test('a POST answered 5xx is uncertain, whatever the status: the server may have saved before failing', () => {
		for (const status of [500, 502, 503]) {
			expect(decideRetry(policy, { kind: 'response', status }, 1, 'POST', 1)).toMatchObject({ uncertain: { settled: true } });
		}
	});

	test('a timeout or a 504 leaves the server possibly still applying the write: not settled', () => {
		for (const code of ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']) {
			expect(decideRetry(policy, { kind: 'network', code, requestSent: true }, 1, 'POST')).toMatchObject({ uncertain: { settled: false } });
		}
		expect(decideRetry(policy, { kind: 'response', status: 504 }, 1, 'POST', 1)).toMatchObject({ uncertain: { settled: false } });
	});

	test('a POST marked idempotent (it only computes) and every GET are plain retries', () => {
		expect(decideRetry(policy, { kind: 'response', status: 503 }, 1, 'POST', 1, true)).not.toHaveProperty('uncertain');
		expect(decideRetry(policy, { kind: 'response', status: 503 }, 1, 'GET', 1)).not.toHaveProperty('uncertain');
	});

	test('a POST answered 429 was refused, not applied: a plain retry', () => {
		expect(decideRetry(policy, { kind: 'response', status: 429 }, 1, 'POST')).not.toHaveProperty('uncertain');
	});

	test('a POST that never left this machine (refused connection) is a plain retry', () => {
		expect(decideRetry(policy, { kind: 'network', code: 'ECONNREFUSED', requestSent: false }, 1, 'POST')).toEqual(expect.objectContaining({ retry: true }));
		expect(decideRetry(policy, { kind: 'network', code: 'ECONNREFUSED', requestSent: false }, 1, 'POST')).not.toHaveProperty('uncertain');
	});

	test('a GET after a connection reset is retried', () => {
		expect(decideRetry(policy, { kind: 'network', code: 'ECONNRESET', requestSent: true }, 1, 'GET').retry).toBe(true);
	});

	test('a refused connection never carried the request', () => {
		expect(requestMayHaveBeenSent('ECONNREFUSED')).toBe(false);
		expect(requestMayHaveBeenSent('ECONNRESET')).toBe(true);
		expect(requestMayHaveBeenSent(undefined)).toBe(true);
	});

	test('back-off is capped', () => {
		expect(backoffDelay({ ...policy, maxDelayMs: 5000 }, 10)).toBe(5000);
	});
});
