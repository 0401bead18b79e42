/**
 * Aruba transport: the shared apiCall (retry, call log, error contract) plus what is Aruba's own:
 * the two hosts of the credential, the client-side per-minute limits, the error bodies
 * ({message}, {errorCode, errorDescription}, {error, error_description}) and Spring pages.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { hostsOf, type ArubaHosts } from '../../lib/aruba/environment';
import { ARUBA_LIMITS_PER_MINUTE, RollingLimiter, type ArubaBucket } from '../../lib/aruba/rateLimit';
import { describeUploadRefusal } from '../../lib/aruba/upload';
import { apiCall, type ApiRequest, type ApiResponse, type CallOptions, type RequestContext, type SystemProfile } from '../shared/transport';

export const ARUBA_CREDENTIAL = 'arubaFatturazioneApi';

export function describeArubaError(body: unknown): { message?: string; details: string[] } {
	if (!body || typeof body !== 'object') return { message: typeof body === 'string' && body ? body.slice(0, 500) : undefined, details: [] };
	const record = body as Record<string, unknown>;
	if (record.errorCode !== undefined && record.errorCode !== '0000') return { message: describeUploadRefusal(record), details: [] };
	if (typeof record.error === 'string') return { message: [record.error, record.error_description].filter(Boolean).join(': '), details: [] };
	const details: string[] = [];
	for (const key of ['errors', 'violations', 'fieldErrors']) {
		const list = record[key];
		if (Array.isArray(list)) for (const entry of list) details.push(typeof entry === 'string' ? entry : JSON.stringify(entry).slice(0, 300));
	}
	const message = [record.message, record.errorDescription, record.detail, record.title].find((v) => typeof v === 'string' && v) as string | undefined;
	return { message, details };
}

export const ARUBA_PROFILE: SystemProfile = {
	system: 'Aruba Fatturazione Elettronica',
	describeBody: describeArubaError,
	reauthoriseHint:
		'n8n signed in again and Aruba still refused the token: check the username and password in the credential, and that the account is Premium or delegated by a Premium account.',
};

/** One limiter per process: a window of start times per account and bucket. */
const limiter = new RollingLimiter(ARUBA_LIMITS_PER_MINUTE, { now: () => Date.now(), sleep: async (ms) => await sleep(ms) });

export interface ArubaRequest extends Omit<ApiRequest, 'url'> {
	host: keyof ArubaHosts;
	path: string;
	bucket?: ArubaBucket;
}

export interface ArubaClient {
	hosts: ArubaHosts;
	username: string;
	request<T = IDataObject>(req: ArubaRequest, options?: CallOptions): Promise<ApiResponse<T> | undefined>;
	/** Every item of a Spring page listing (page 0, 1, ... until `last`), up to `limit`. */
	all(req: ArubaRequest, options: CallOptions & { limit?: number; pageSize?: number }): Promise<IDataObject[]>;
}

export async function arubaClient(ctx: RequestContext): Promise<ArubaClient> {
	const credentials = await ctx.getCredentials(ARUBA_CREDENTIAL);
	let hosts: ArubaHosts;
	try {
		hosts = hostsOf(credentials);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Aruba credential: ${(error as Error).message}`);
	}
	const username = String(credentials.username ?? '');
	const request = async <T>(req: ArubaRequest, options: CallOptions = {}) => {
		if (req.bucket) await limiter.acquire(`${hosts.ws}|${username}`, req.bucket);
		const { host, path, method, qs, body, headers, responseFormat, timeoutMs, idempotent } = req;
		return await apiCall<T>(ctx, ARUBA_CREDENTIAL, ARUBA_PROFILE, { method, qs, body, headers, responseFormat, timeoutMs, idempotent, url: `${hosts[host]}${path}` }, options);
	};
	return {
		hosts,
		username,
		request,
		async all(req, options) {
			const pageSize = Math.min(100, options.pageSize ?? 100);
			const limit = options.limit ?? Infinity;
			const out: IDataObject[] = [];
			for (let page = 0; out.length < limit; page++) {
				const response = await request<IDataObject>({ ...req, qs: { ...(req.qs ?? {}), page, size: pageSize } }, options);
				const body = response?.body ?? {};
				const content = (Array.isArray(body.content) ? body.content : Array.isArray(body) ? body : []) as IDataObject[];
				out.push(...content.slice(0, limit - out.length));
				const totalPages = Number(body.totalPages);
				if (body.last === true || content.length === 0 || (Number.isFinite(totalPages) && page + 1 >= totalPages)) break;
				if (page >= 10_000) break;
			}
			return out;
		},
	};
}

export function fillPath(path: string, values: Record<string, string>): string {
	return path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(values[key] ?? ''));
}
