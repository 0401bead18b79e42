/**
 * The retry and back-off policy of the error contract (docs/error-contract.md), shared by every system's
 * transport. Pure: it decides, the transport waits and re-sends.
 *
 * - 429: back off 1 s, 2 s, 4 s, ... honouring Retry-After (seconds or HTTP date), capped.
 * - 5xx: the same back-off, at most `maxServerErrorRetries` (3) retries, then give up.
 * - A non-idempotent request (create, send, upload) whose answer was a 5xx, a reset after sending
 *   or a timeout may have been applied: the decision is marked `uncertain`, and the caller must
 *   look the write up before anything is sent again (and re-sends only when the look-up shows it
 *   was not applied). `settled: false` says the server may still be applying it (a timeout, a
 *   504 from a gateway), so a look-up that finds nothing proves nothing yet.
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

/** The write may have been applied; `settled` when the server has finished with the request. */
export interface Uncertain {
	settled: boolean;
}

export type RetryDecision =
	| { retry: true; delayMs: number; reason: string; uncertain?: Uncertain }
	| { retry: false; reason: string; uncertain?: Uncertain };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotent(method: string): boolean {
	return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Network errors that happen before a byte of the request left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function requestMayHaveBeenSent(code: string | undefined): boolean {
	return !code || !NOT_SENT_CODES.has(code);
}

/** Failures after which the server may still be working on the request: this side gave up waiting. */
const STILL_RUNNING_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'ERR_CANCELED']);

/** Whether the server has surely finished with a request that failed this way (answered, or closed on us). */
export function serverHasFinished(outcome: AttemptOutcome): boolean {
	if (outcome.kind === 'response') return outcome.status !== 504;
	return !STILL_RUNNING_CODES.has(outcome.code ?? '');
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
 * @param idempotent whether the request may be sent twice (default: from the method)
 *
 * For a non-idempotent request that may have reached the server the decision carries
 * `uncertain`: `retry: true` then means "re-send after `delayMs` if, and only if, a look-up
 * shows the first one was not applied", never "re-send".
 */
export function decideRetry(
	policy: RetryPolicy,
	outcome: AttemptOutcome,
	attempt: number,
	method: string,
	serverErrorsSoFar = 0,
	idempotent = isIdempotent(method),
): RetryDecision {
	const decision = decideAsIfIdempotent(policy, outcome, attempt, serverErrorsSoFar);
	const mayHaveBeenApplied =
		!idempotent && (outcome.kind === 'network' ? outcome.requestSent : outcome.status >= 500 && outcome.status <= 599);
	return mayHaveBeenApplied ? { ...decision, uncertain: { settled: serverHasFinished(outcome) } } : decision;
}

function decideAsIfIdempotent(policy: RetryPolicy, outcome: AttemptOutcome, attempt: number, serverErrorsSoFar: number): RetryDecision {
	if (outcome.kind === 'network') {
		if (attempt >= policy.maxAttempts) return { retry: false, reason: 'network error, attempts exhausted' };
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
