/**
 * The request options every node offers the same way, with the same names, defaults and words:
 * Include Response Metadata, Max Attempts When Rate Limited, Retry Initial Delay, Timeout and
 * (for single-record reads) Return Nothing If Not Found. An operation adds its own options after
 * these in one "Options" collection.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { rateLimitHeaders, type ApiResponse, type CallOptions } from '../transport';

export interface RequestOptionValues extends IDataObject {
	includeResponseMetadata?: boolean;
	maxAttempts?: number;
	retryInitialDelayMs?: number;
	timeoutMs?: number;
	returnNothingIfNotFound?: boolean;
}

export const INCLUDE_RESPONSE_METADATA: INodeProperties = {
	displayName: 'Include Response Metadata',
	name: 'includeResponseMetadata',
	type: 'boolean',
	default: false,
	description: 'Whether to add the HTTP status, latency and RateLimit headers to the output under _response',
};

export const MAX_ATTEMPTS: INodeProperties = {
	displayName: 'Max Attempts When Rate Limited',
	name: 'maxAttempts',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 6,
	description: 'Answers 429 are retried with exponential back-off (1 s, 2 s, 4 s, ...) honouring Retry-After',
};

export const RETRY_INITIAL_DELAY: INodeProperties = {
	displayName: 'Retry Initial Delay (Ms)',
	name: 'retryInitialDelayMs',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description: 'First back-off delay; it doubles at each retry of a 429 or 5xx answer',
};

export const TIMEOUT: INodeProperties = {
	displayName: 'Timeout (Ms)',
	name: 'timeoutMs',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 60000,
	description: 'How long to wait for each answer. A write whose answer does not come in time is looked up, never sent blindly again.',
};

export const RETURN_NOTHING_IF_NOT_FOUND: INodeProperties = {
	displayName: 'Return Nothing If Not Found',
	name: 'returnNothingIfNotFound',
	type: 'boolean',
	default: false,
	description: 'Whether a 404 answer gives no item instead of an error',
};

/**
 * The "Options" collection: the shared request options, then `extra` (an operation's own),
 * sorted by display name as n8n's linter wants.
 */
export function requestOptions(extra: INodeProperties[] = [], opts: { notFound?: boolean } = {}): INodeProperties {
	const shared = [INCLUDE_RESPONSE_METADATA, MAX_ATTEMPTS, RETRY_INITIAL_DELAY, TIMEOUT, ...(opts.notFound ? [RETURN_NOTHING_IF_NOT_FOUND] : [])];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...shared, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en')),
	};
}

export function requestOptionValues(ctx: IExecuteFunctions, itemIndex: number): RequestOptionValues {
	return (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as RequestOptionValues;
}

/** The transport's options from the node's: attempts, first delay, timeout, 404 handling. */
export function callOptionsFrom(options: RequestOptionValues, itemIndex: number, extra: CallOptions = {}): CallOptions {
	return {
		itemIndex,
		timeoutMs: options.timeoutMs || undefined,
		notFound: options.returnNothingIfNotFound ? 'empty' : 'fail',
		...extra,
		policy: {
			maxAttempts: options.maxAttempts ?? 6,
			baseDelayMs: options.retryInitialDelayMs ?? 1000,
			...(extra.policy ?? {}),
		},
	};
}

/** The item's JSON with `_response` (status, latency, attempts, RateLimit headers) when asked for. */
export function withMetadata(json: IDataObject, response: ApiResponse | undefined, options: RequestOptionValues): IDataObject {
	if (!options.includeResponseMetadata || !response) return json;
	return {
		...json,
		_response: { status: response.status, latencyMs: response.latencyMs, attempts: response.attempts, rateLimit: rateLimitHeaders(response.headers) },
	};
}
