/**
 * One client factory for every system, from its profile: which credential, the base URL it
 * gives, how the system's errors read, how its lists page and which rate limiter its calls pass.
 * Every request goes through the shared apiCall (n8n's request helpers, retry policy, error
 * contract, write safety, secret scrubbing); paths are filled by the one strict filler.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fillPath, type PathValues } from '../../../lib/http/path';
import { apiCall, type ApiRequest, type ApiResponse, type CallOptions, type RequestContext, type SystemProfile } from '../transport';

/** How a system's lists page. */
export type Paging =
	/** `?page=1&per_page=100`, the answer `{data: [...], current_page, last_page}` (Fatture in Cloud). */
	| { style: 'page'; firstPage?: number; pageParam?: string; sizeParam?: string; size: number; items?: (body: IDataObject) => IDataObject[]; isLast?: (body: IDataObject, page: number, items: IDataObject[]) => boolean }
	/** Spring pages: `?page=0&size=100`, the answer `{content: [...], last, totalPages}` (Aruba). */
	| { style: 'spring'; size: number }
	/** `?offset=0&limit=100`, the answer an array or `{items|data|value: [...]}` (most ERPs). */
	| { style: 'offset'; offsetParam?: string; limitParam?: string; size: number; items?: (body: unknown) => IDataObject[] };

export interface RateLimiter {
	/** Waits until a call of `bucket` may start for `account`. */
	acquire(account: string, bucket: string): Promise<void>;
}

export interface ClientProfile {
	/** The credential type, or how to pick it from the node's parameters (e.g. OAuth2 or token). */
	credentialType: string | ((ctx: RequestContext) => string);
	/** The base URL from the credential (no trailing slash); throw an Error naming the field when it cannot. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	errors: SystemProfile;
	paging?: Paging;
	limiter?: RateLimiter;
	/** The account a rate limit counts against (default: the base URL). */
	account?(credentials: ICredentialDataDecryptedObject): string;
	/** Headers every request of this system carries (API version, accept). */
	headers?: IDataObject;
}

export interface ClientRequest extends Omit<ApiRequest, 'url'> {
	/** A path template: `/c/{company_id}/issued_documents/{document_id}`. */
	path: string;
	/** Values of the template's placeholders; a missing one is an error naming it. */
	pathValues?: PathValues;
	/** Field names the user sees for placeholders, for the error. */
	pathLabels?: Record<string, string>;
	/** Another base URL of the same credential (e.g. Aruba's sign-in host). */
	baseUrl?: string;
	/** The rate-limit bucket of this call. */
	bucket?: string;
}

export interface ListOptions extends CallOptions {
	/** Stop after this many items (all when undefined). */
	limit?: number;
	/** Items per page, at most the profile's page size. */
	pageSize?: number;
}

export interface Client {
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	baseUrl: string;
	request<T = IDataObject>(req: ClientRequest, options?: CallOptions): Promise<ApiResponse<T> | undefined>;
	/** Every item of a paged list, or up to `limit`; `responses` for response metadata. */
	list(req: ClientRequest, options?: ListOptions): Promise<{ items: IDataObject[]; responses: ApiResponse[] }>;
}

/** Most pages any list reads before it stops (a server that never says "last"). */
export const MAX_PAGES = 10_000;

function arrayIn(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		for (const key of ['items', 'data', 'value', 'content', 'results']) {
			const value = (body as IDataObject)[key];
			if (Array.isArray(value)) return value as IDataObject[];
		}
	}
	return [];
}

export async function createClient(ctx: RequestContext, profile: ClientProfile): Promise<Client> {
	const credentialType = typeof profile.credentialType === 'function' ? profile.credentialType(ctx) : profile.credentialType;
	const credentials = await ctx.getCredentials(credentialType);
	let baseUrl: string;
	try {
		baseUrl = profile.baseUrl(credentials).replace(/\/+$/, '');
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${profile.errors.system} credential: ${(error as Error).message}`);
	}
	const account = profile.account?.(credentials) ?? baseUrl;

	const request = async <T = IDataObject>(req: ClientRequest, options: CallOptions = {}): Promise<ApiResponse<T> | undefined> => {
		const { path, pathValues, pathLabels, baseUrl: otherBase, bucket, headers, ...rest } = req;
		const filled = fillPath(path, pathValues ?? {}, pathLabels);
		if (bucket && profile.limiter) await profile.limiter.acquire(account, bucket);
		const url = `${(otherBase ?? baseUrl).replace(/\/+$/, '')}${filled}`;
		return await apiCall<T>(ctx, credentialType, profile.errors, { ...rest, headers: { ...(profile.headers ?? {}), ...(headers ?? {}) }, url }, options);
	};

	const list: Client['list'] = async (req, options = {}) => {
		const paging = profile.paging ?? { style: 'page', size: 100 };
		const limit = options.limit;
		const size = Math.max(1, Math.min(paging.size, options.pageSize ?? paging.size, limit ?? Infinity));
		const items: IDataObject[] = [];
		const responses: ApiResponse[] = [];
		for (let index = 0; index < MAX_PAGES; index++) {
			let qs: IDataObject;
			if (paging.style === 'page') qs = { [paging.pageParam ?? 'page']: (paging.firstPage ?? 1) + index, [paging.sizeParam ?? 'per_page']: size };
			else if (paging.style === 'spring') qs = { page: index, size };
			else qs = { [paging.offsetParam ?? 'offset']: items.length, [paging.limitParam ?? 'limit']: size };
			const response = await request<IDataObject>({ ...req, qs: { ...(req.qs ?? {}), ...qs } }, options);
			if (!response) break;
			responses.push(response);
			const body = (response.body ?? {}) as IDataObject;
			let page: IDataObject[];
			let last: boolean;
			if (paging.style === 'page') {
				page = paging.items ? paging.items(body) : ((body.data ?? []) as IDataObject[]);
				const current = Number(body.current_page ?? (paging.firstPage ?? 1) + index);
				last = paging.isLast ? paging.isLast(body, current, page) : current >= Number(body.last_page ?? current);
			} else if (paging.style === 'spring') {
				page = arrayIn(body);
				const totalPages = Number(body.totalPages);
				last = body.last === true || (Number.isFinite(totalPages) && index + 1 >= totalPages);
			} else {
				page = paging.items ? paging.items(response.body) : arrayIn(response.body);
				last = page.length < size;
			}
			items.push(...page);
			if (limit !== undefined && items.length >= limit) return { items: items.slice(0, limit), responses };
			if (!page.length || last) break;
		}
		return { items, responses };
	};

	return { credentialType, credentials, baseUrl, request, list };
}
