/**
 * The retry and back-off policy of the error contract (DOMAIN.md), shared by every system's
 * transport. Pure: it decides, the transport waits and re-sends.
 *
 * - 429: back off 1 s, 2 s, 4 s, ... honouring Retry-After (seconds or HTTP date), capped.
 * - 5xx: the same back-off, at most `maxServerErrorRetries` (3) retries, then give up.
 * - A network failure where the request may have reached the server (reset after sending,
 *   timeout) is retried only for idempotent requests; for the others the caller must first check
 *   whether the write happened.
 */
export interface RetryPolicy {
	/** Total attempts allowed for 429 answers (the first attempt included). */
	maxAttempts: number;
	/** Retries allowed after a 5xx answer. */
	maxServerErrorRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	maxServerErrorRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 60_000,
};

export type AttemptOutcome =
	| { kind: 'response'; status: number; headers?: Record<string, unknown> }
	| { kind: 'network'; code?: string; requestSent: boolean };

export type RetryDecision =
	| { retry: true; delayMs: number; reason: string }
	| { retry: false; reason: string };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotent(method: string): boolean {
	return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Network errors that happen before a byte of the request left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function requestMayHaveBeenSent(code: string | undefined): boolean {
	return !code || !NOT_SENT_CODES.has(code);
}

export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) {
			if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
			return value === undefined || value === null ? undefined : String(value);
		}
	}
	return undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

export function backoffDelay(policy: RetryPolicy, retryNumber: number): number {
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
}

/**
 * @param attempt the attempt that just finished, starting at 1
 * @param serverErrorsSoFar 5xx answers seen so far, this one included
 */
export function decideRetry(
	policy: RetryPolicy,
	outcome: AttemptOutcome,
	attempt: number,
	method: string,
	serverErrorsSoFar = 0,
): RetryDecision {
	if (outcome.kind === 'network') {
		if (attempt >= policy.maxAttempts) return { retry: false, reason: 'network error, attempts exhausted' };
		if (outcome.requestSent && !isIdempotent(method)) {
			return { retry: false, reason: 'the request may have reached the server and is not idempotent' };
		}
		return { retry: true, delayMs: backoffDelay(policy, attempt), reason: `network error ${outcome.code ?? ''}`.trim() };
	}
	const { status } = outcome;
	if (status === 429) {
		if (attempt >= policy.maxAttempts) return { retry: false, reason: 'rate limited, attempts exhausted' };
		const retryAfter = parseRetryAfter(headerValue(outcome.headers, 'retry-after'));
		const delayMs = Math.min(policy.maxDelayMs, Math.max(retryAfter ?? 0, backoffDelay(policy, attempt)));
		return { retry: true, delayMs, reason: 'rate limited (429)' };
	}
	if (status >= 500 && status <= 599) {
		if (serverErrorsSoFar > policy.maxServerErrorRetries) {
			return { retry: false, reason: `server error ${status} after ${policy.maxServerErrorRetries} retries` };
		}
		const retryAfter = parseRetryAfter(headerValue(outcome.headers, 'retry-after'));
		const delayMs = Math.min(policy.maxDelayMs, Math.max(retryAfter ?? 0, backoffDelay(policy, serverErrorsSoFar)));
		return { retry: true, delayMs, reason: `server error (${status})` };
	}
	return { retry: false, reason: `status ${status} is final` };
}
