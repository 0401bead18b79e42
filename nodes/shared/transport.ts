/**
 * The one HTTP path of every node: n8n's `httpRequestWithAuthentication` (so n8n applies the
 * credential, refreshes OAuth2 tokens once on 401, honours proxies) wrapped with the shared retry
 * policy and call log from lib/http, and the error contract of docs/error-contract.md:
 *   400/422 -> the API's own validation errors, field by field, and the body sent (redacted)
 *   401     -> n8n refreshed once already; fail with "re-authorise the credential"
 *   403     -> name the scope the operation needs
 *   404     -> fail, or return nothing when the caller asked for that
 *   429/5xx -> exponential back-off honouring Retry-After, then a NodeApiError the Error Trigger sees
 * A non-idempotent request that may have reached the server (5xx, reset after sending, timeout) is
 * never re-sent until the caller's `writeGuard` look-up shows it was not applied; without a look-up,
 * or when the look-up cannot tell, it fails with "may have been created: check <what>".
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { callLogEntry, formatCallLog } from '../../lib/http/callLog';
import { redact } from '../../lib/http/redact';
import {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	decideRetry,
	headerValue,
	isIdempotent,
	requestMayHaveBeenSent,
	type RetryPolicy,
} from '../../lib/http/retryPolicy';
import { readHttpFailure, type HttpFailure } from '../../lib/http/httpError';
import { CallSecrets } from './secrets';

export type { HttpFailure };

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	/** 'json' (default) parses JSON; 'text' and 'binary' return the raw answer. */
	responseFormat?: 'json' | 'text' | 'binary';
	timeoutMs?: number;
	/** Overrides the method's idempotency, e.g. a POST that only computes totals. */
	idempotent?: boolean;
}

export interface ApiResponse<T = unknown> {
	body: T;
	status: number;
	headers: Record<string, string>;
	latencyMs: number;
	attempts: number;
}

/** What differs between systems: how their errors read and which scope an operation needs. */
export interface SystemProfile {
	system: string;
	/** The API's own message and, when present, its validation errors as `field: message` lines. */
	describeBody(body: unknown): { message?: string; details: string[] };
	/** Text added to a 401 failure (e.g. how to re-authorise this credential type). */
	reauthoriseHint: string;
}

export interface CallOptions {
	policy?: Partial<RetryPolicy>;
	/** How long to wait for an answer when the request does not say (default 60 s). */
	timeoutMs?: number;
	itemIndex?: number;
	/** Scope or permission the operation needs, named in a 403 failure. */
	requiredScope?: string;
	/** 'empty' returns undefined for a 404 instead of failing. */
	notFound?: 'fail' | 'empty';
	/**
	 * For a non-idempotent request: how to tell whether an attempt that may have reached the server
	 * was applied. Without it such a request is never sent twice.
	 */
	writeGuard?: WriteGuard;
	/** What a successful write did, for its failures: "created" (default), "sent", "uploaded". */
	writeVerb?: string;
	/**
	 * Answers the caller reads itself instead of failing (e.g. a business error code in a 400 body
	 * that decides what to do next). Checked before any retry.
	 */
	passThrough?: (failure: HttpFailure) => boolean;
}

/** What a look-up after an uncertain attempt found. */
export type LookUpResult =
	/** The write happened: `body` stands for the answer that was lost. */
	| { applied: true; body: unknown }
	/** Nothing new that matches: the write did not happen (if the server has finished with it). */
	| { applied: false }
	/** It cannot tell (e.g. several new records match): `check` says what the user should look at. */
	| { applied: 'unknown'; check: string };

export interface WriteGuard {
	/**
	 * Looks for the record of this request among what is new since before its first attempt (the
	 * caller takes the candidate ids before sending), never an older identical one.
	 */
	lookUp(): Promise<LookUpResult>;
	/** What the user should check when the node cannot tell, e.g. "the invoices newer than id 1203". */
	check: string;
	/** The verb of the message, default "created" ("sent", "uploaded"). */
	verb?: string;
}

/**
 * The error of a write whose outcome is stated: `created: false` when the node knows nothing was
 * written, 'unknown' when it may have been. Under Continue On Fail the message says so.
 */
export function writeOutcomeOf(error: unknown): false | 'unknown' | undefined {
	const outcome = (error as { writeOutcome?: unknown })?.writeOutcome;
	return outcome === false || outcome === 'unknown' ? outcome : undefined;
}

function flattenHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && value !== null) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

function logCall(ctx: RequestContext, system: string, req: ApiRequest, status: number | string, startedAt: number, attempt: number) {
	const entry = callLogEntry(system, req.method, req.url, status, startedAt, attempt);
	const level = typeof status === 'number' && status < 400 ? 'debug' : 'warn';
	ctx.logger[level](formatCallLog(entry), { ...entry });
}

function apiError(
	ctx: RequestContext,
	failure: HttpFailure,
	message: string,
	details: string[],
	options: CallOptions,
): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: failure.message, httpCode: String(failure.status ?? '') } as JsonObject, {
		message,
		description: details.filter(Boolean).join('\n') || undefined,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex: options.itemIndex,
	});
}

function failureFor(
	ctx: RequestContext,
	profile: SystemProfile,
	req: ApiRequest,
	failure: HttpFailure,
	attempts: number,
	options: CallOptions,
): NodeApiError {
	const { system } = profile;
	const described = failure.body !== undefined ? profile.describeBody(failure.body) : { details: [] };
	const apiMessage = described.message ? `: ${described.message}` : '';
	const status = failure.status;
	if (status === 400 || status === 422) {
		const sent = req.body !== undefined && !Buffer.isBuffer(req.body) ? JSON.stringify(redact(req.body)) : undefined;
		return apiError(
			ctx,
			failure,
			`${system} rejected the request (${status})${apiMessage}`,
			[...described.details, sent ? `Body sent: ${sent.length > 4000 ? sent.slice(0, 4000) + '…' : sent}` : ''],
			options,
		);
	}
	if (status === 401) {
		return apiError(
			ctx,
			failure,
			`${system} refused the credential (401): re-authorise the credential`,
			[profile.reauthoriseHint, described.message ?? ''],
			options,
		);
	}
	if (status === 403) {
		const scope = options.requiredScope ? ` This operation needs the scope "${options.requiredScope}".` : '';
		return apiError(
			ctx,
			failure,
			`${system} denied access (403): the credential lacks a permission${apiMessage}`,
			[`${scope.trim()} Add it to the credential's scopes (or the app's permissions) and re-authorise.`.trim()],
			options,
		);
	}
	if (status === 404) {
		return apiError(ctx, failure, `${system}: not found (404)${apiMessage}`, [
			`Check the ID used in ${req.method} ${req.url}. To get no item instead of an error, enable "Return Nothing if Not Found".`,
		], options);
	}
	if (status === 429) {
		return apiError(ctx, failure, `${system} kept rate-limiting the requests (429) after ${attempts} attempts`, [
			'Lower the workflow frequency or the batch size, or raise the attempts in the node options.',
		], options);
	}
	if (status !== undefined && status >= 500) {
		return apiError(ctx, failure, `${system} server error (${status}) after ${attempts} attempts${apiMessage}`, [
			'The service is failing; n8n\'s Error Trigger can alert on this execution.',
		], options);
	}
	if (status !== undefined) {
		return apiError(ctx, failure, `${system} answered ${status}${apiMessage}`, described.details, options);
	}
	// for a write, apiCall adds whether it was applied
	return apiError(ctx, failure, `${system} could not be reached: ${failure.code ?? failure.message}`, [], options);
}

/** A network failure in words; n8n would replace a raw code with a generic "connection closed". */
function networkWords(failure: HttpFailure): string {
	const code = failure.code ?? '';
	if (code === 'ECONNRESET') return 'the connection was reset';
	if (['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'ERR_CANCELED'].includes(code)) return 'no answer within the timeout';
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	return code ? `network failure ${code.replace(/^E/, '')}` : failure.message.replace(/\bE[A-Z]{4,}\b/g, 'network failure');
}

/** Adds to a write's failure whether it was applied, in words and as `writeOutcome`. */
function withWriteOutcome(
	error: NodeApiError,
	system: string,
	failure: HttpFailure,
	verb: string,
	outcome: false | { check: string; why: string },
): NodeApiError {
	const base = failure.status === undefined ? `${system} could not be reached: ${networkWords(failure)}` : error.message;
	error.message =
		outcome === false ? `${base}; nothing was ${verb}` : `${base}; it may have been ${verb}: check ${outcome.check} (${outcome.why})`;
	if (outcome !== false) {
		error.description = [error.description, 'The answer was lost, so the node did not send the request again.'].filter(Boolean).join('\n');
	}
	(error as NodeApiError & { writeOutcome?: false | 'unknown' }).writeOutcome = outcome === false ? false : 'unknown';
	return error;
}

/** A look-up that fails (network, 5xx) leaves the write unknown, never a guess. */
async function lookUpSafely(guard: WriteGuard): Promise<LookUpResult> {
	try {
		return await guard.lookUp();
	} catch (error) {
		return { applied: 'unknown', check: `${guard.check}; the look-up itself failed: ${(error as Error).message}` };
	}
}

export async function apiCall<T = unknown>(
	ctx: RequestContext,
	credentialType: string,
	profile: SystemProfile,
	req: ApiRequest,
	options: CallOptions = {},
): Promise<ApiResponse<T> | undefined> {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
	const idempotent = req.idempotent ?? isIdempotent(req.method);
	const guard = options.writeGuard;
	const verb = guard?.verb ?? options.writeVerb ?? 'created';
	let serverErrors = 0;
	// what a failure tells (message, headers, body) and every error thrown hold no secret of the credential, by value
	const secrets = new CallSecrets(ctx, credentialType);
	for (let attempt = 1; ; attempt++) {
		const startedAt = Date.now();
		const httpOptions: IHttpRequestOptions = {
			method: req.method,
			url: req.url,
			qs: req.qs,
			body: req.body as IHttpRequestOptions['body'],
			headers: req.headers,
			json: req.responseFormat === undefined || req.responseFormat === 'json',
			returnFullResponse: true,
			timeout: req.timeoutMs ?? options.timeoutMs ?? 60_000,
		};
		if (req.responseFormat === 'binary') httpOptions.encoding = 'arraybuffer';
		if (req.responseFormat === 'text') httpOptions.encoding = 'text';
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, httpOptions)) as {
				body: T;
				statusCode: number;
				headers: Record<string, unknown>;
			};
			logCall(ctx, profile.system, req, response.statusCode, startedAt, attempt);
			return {
				body: response.body,
				status: response.statusCode,
				headers: flattenHeaders(response.headers),
				latencyMs: Date.now() - startedAt,
				attempts: attempt,
			};
		} catch (error) {
			const failure = (await secrets.load()).failure(readHttpFailure(error));
			logCall(ctx, profile.system, req, failure.status ?? failure.code ?? 'error', startedAt, attempt);
			if (failure.status === 404 && options.notFound === 'empty') return undefined;
			if (failure.status !== undefined && options.passThrough?.(failure)) {
				return { body: failure.body as T, status: failure.status, headers: flattenHeaders(failure.headers), latencyMs: Date.now() - startedAt, attempts: attempt };
			}
			if (failure.status !== undefined && failure.status >= 500) serverErrors++;
			const decision = decideRetry(
				policy,
				failure.status !== undefined
					? { kind: 'response', status: failure.status, headers: failure.headers }
					: { kind: 'network', code: failure.code, requestSent: requestMayHaveBeenSent(failure.code) },
				attempt,
				req.method,
				serverErrors,
				idempotent,
			);
			if (decision.uncertain) {
				const why = `${failure.status !== undefined ? `answer ${failure.status}` : networkWords(failure)} on attempt ${attempt}`;
				if (!guard) throw secrets.error(withWriteOutcome(failureFor(ctx, profile, req, failure, attempt, options), profile.system, failure, verb, { check: `${profile.system} for the result of ${req.method} ${req.url.replace(/\?.*$/, '')} before running the item again`, why }));
				// a server that may still be applying the write gets a few looks before the node gives up
				let found = await lookUpSafely(guard);
				for (let look = 1; !decision.uncertain.settled && found.applied === false && look < 3; look++) {
					await sleep(backoffDelay(policy, look));
					found = await lookUpSafely(guard);
				}
				if (found.applied === true) {
					ctx.logger.warn(`[${profile.system}] ${req.method} ${req.url}: the answer was lost (${why}); the look-up found the write, which is the result`);
					return { body: found.body as T, status: 200, headers: { 'x-recovered-after': String(failure.status ?? failure.code ?? 'error') }, latencyMs: Date.now() - startedAt, attempts: attempt };
				}
				if (found.applied === 'unknown') throw secrets.error(withWriteOutcome(failureFor(ctx, profile, req, failure, attempt, options), profile.system, failure, verb, { check: found.check, why }));
				if (!decision.uncertain.settled) {
					throw secrets.error(withWriteOutcome(failureFor(ctx, profile, req, failure, attempt, options), profile.system, failure, verb, { check: guard.check, why: `${why}; not found yet, but the server may still be applying it` }));
				}
				if (!decision.retry) throw secrets.error(withWriteOutcome(failureFor(ctx, profile, req, failure, attempt, options), profile.system, failure, verb, false));
				ctx.logger.warn(`[${profile.system}] ${req.method} ${req.url}: attempt ${attempt} failed (${why}) and the look-up shows it was not applied; sending it again in ${decision.delayMs} ms`);
				await sleep(decision.delayMs);
				continue;
			}
			if (!decision.retry) {
				const apiFailure = failureFor(ctx, profile, req, failure, attempt, options);
				// a refused write (4xx, 429 exhausted, never sent) wrote nothing; earlier uncertain attempts were looked up
				throw secrets.error(idempotent ? apiFailure : withWriteOutcome(apiFailure, profile.system, failure, verb, false));
			}
			ctx.logger.info(`[${profile.system}] ${decision.reason}; retrying in ${decision.delayMs} ms`);
			await sleep(decision.delayMs);
		}
	}
}

/** RateLimit-* and Retry-After headers of an answer, for "Include Response Metadata". */
export function rateLimitHeaders(headers: Record<string, string>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(headers)) {
		if (/^(x-)?ratelimit/i.test(key) || key === 'retry-after') out[key] = value;
	}
	return out;
}

export { headerValue };
