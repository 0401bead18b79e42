/**
 * TSE WebAPI authentication (tse.docs.teamsystem.cloud, "authentication"): a form-encoded
 * `POST {webapi_base_url}/auth/token` with grant_type=token, username admin_<cid>, the api key
 * written as "Bearer <api_key>" in the `token` field, and a scope. It is not OAuth2 client
 * credentials. The answer is a JWT living about 8 hours, sent as `Authorization: Bearer`.
 * Pure rules: the credential's preAuthentication does the HTTP and n8n keeps the state in the
 * credential, so one token serves every execution and process until it nears its end.
 */
import { TeamSystemInputError, TeamSystemResponseError } from './errors';

export interface TseCredentials {
	/** the customer id TeamSystem assigns (MySupport ticket) */
	cid: string;
	apiKey: string;
	/** default admin_<cid> */
	username?: string;
	/** the environment scope, e.g. webapi_admin or webapixxxx1_alywebapixxxx1 */
	scope: string;
	/** default https://{cid}.teamsystem.io (the token host) */
	webApiBaseUrl?: string;
	/** default https://api{cid}.teamsystem.io (the API gateway) */
	apiGatewayBaseUrl?: string;
}

export interface TseBaseUrls {
	webApi: string;
	apiGateway: string;
}

export interface FormRequest {
	method: 'POST';
	url: string;
	headers: Record<string, string>;
	/** application/x-www-form-urlencoded text */
	body: string;
}

const CID = /^[A-Za-z0-9-]{1,63}$/;
const SCOPE = /^[A-Za-z0-9_.-]{1,200}$/;
/** The documented typical life, used when an answer says nothing about it. */
export const DEFAULT_TOKEN_SECONDS = 8 * 3600;
/** A token this close to its end is replaced before use, so no call starts with a dying token. */
export const TOKEN_SAFETY_MARGIN_MS = 5 * 60_000;
const MAX_TOKEN_MS = 366 * 24 * 3600_000;

export function requireCid(cid: unknown): string {
	const value = typeof cid === 'string' ? cid.trim() : typeof cid === 'number' ? String(cid) : '';
	if (!CID.test(value)) throw new TeamSystemInputError('cid', 'expected the TeamSystem customer id (letters, digits or dashes) from the enablement ticket');
	return value;
}

function urlOrUndefined(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

export function requireHttpUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const url = urlOrUndefined(text);
	if (!url) throw new TeamSystemInputError(field, 'expected an http(s) URL like https://example.teamsystem.io');
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TeamSystemInputError(field, 'expected an http(s) URL');
	if (url.search || url.hash || url.username || url.password) throw new TeamSystemInputError(field, 'expected a base URL without query, fragment or user info');
	return text.replace(/\/+$/, '');
}

/** The two hosts a TSE tenant has, from the cid unless the credential overrides them (on-premise tse_webapi). */
export function tseBaseUrls(c: Pick<TseCredentials, 'cid' | 'webApiBaseUrl' | 'apiGatewayBaseUrl'>): TseBaseUrls {
	const needCid = !c.webApiBaseUrl || !c.apiGatewayBaseUrl;
	const cid = needCid ? requireCid(c.cid) : '';
	return {
		webApi: c.webApiBaseUrl ? requireHttpUrl(c.webApiBaseUrl, 'webApiBaseUrl') : `https://${cid}.teamsystem.io`,
		apiGateway: c.apiGatewayBaseUrl ? requireHttpUrl(c.apiGatewayBaseUrl, 'apiGatewayBaseUrl') : `https://api${cid}.teamsystem.io`,
	};
}

/** The exact token request of the vendor's docs. */
export function tokenRequest(c: TseCredentials): FormRequest {
	if (typeof c.apiKey !== 'string' || c.apiKey.trim() === '') throw new TeamSystemInputError('apiKey', 'the api_key from the enablement ticket is required');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(c.apiKey)) throw new TeamSystemInputError('apiKey', 'contains control characters; paste the key again');
	const scope = typeof c.scope === 'string' ? c.scope.trim() : '';
	if (!SCOPE.test(scope)) throw new TeamSystemInputError('scope', 'expected the environment scope (e.g. webapi_admin), letters, digits, _ . or -');
	const username = c.username?.trim() ? c.username.trim() : `admin_${requireCid(c.cid)}`;
	const form = new URLSearchParams();
	form.set('grant_type', 'token');
	form.set('username', username);
	form.set('token', `Bearer ${c.apiKey.trim()}`);
	form.set('scope', scope);
	return {
		method: 'POST',
		url: `${tseBaseUrls(c).webApi}/auth/token`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form.toString(),
	};
}

export interface TseTokenState {
	accessToken?: string;
	/** ISO-8601 instant */
	expiresAt?: string;
}

function jwtExpiry(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
		return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The state after a token answer. The docs say "JWT with expires_in"; the field holding the JWT
 * is our assumption (`access_token`, as the common token answer, or `token`); the life comes
 * from expires_in, else the JWT's own exp claim, else the documented 8 hours.
 */
export function tokenStateFromAnswer(answer: unknown, now: number): TseTokenState {
	const record = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
	const raw = typeof answer === 'string' ? answer : typeof record.access_token === 'string' ? record.access_token : typeof record.token === 'string' ? record.token : '';
	const token = raw.trim();
	if (!token) throw new TeamSystemResponseError('TeamSystem answered the token request without a token (no access_token in the answer)');
	const seconds = typeof record.expires_in === 'number' || typeof record.expires_in === 'string' ? Number(record.expires_in) : NaN;
	// a life beyond a year is not a TSE token life: ignore it rather than trust it
	const plausible = (ms: number | undefined) => (ms !== undefined && ms > now && ms - now <= MAX_TOKEN_MS ? ms : undefined);
	const expiresMs = plausible(Number.isFinite(seconds) ? now + seconds * 1000 : undefined) ?? plausible(jwtExpiry(token)) ?? now + DEFAULT_TOKEN_SECONDS * 1000;
	return { accessToken: token, expiresAt: new Date(expiresMs).toISOString() };
}

/** True when the kept token can serve a call started now (it has more than the safety margin left). */
export function tokenIsUsable(state: TseTokenState | undefined, now: number, marginMs = TOKEN_SAFETY_MARGIN_MS): boolean {
	if (!state?.accessToken || !state.expiresAt) return false;
	const ends = Date.parse(state.expiresAt);
	return !Number.isNaN(ends) && ends - marginMs > now;
}

export type UnauthorizedDecision = { action: 'new-token-and-retry' } | { action: 'fail'; message: string };

/**
 * A 401 means the token was revoked or expired early: get a new one and retry the same request
 * once. A 401 on the retry (a fresh token refused) is a credential problem, not a token one.
 * Retrying is safe for writes too: a 401 means the gateway refused the request before running it.
 */
export function onUnauthorized(alreadyRetried: boolean): UnauthorizedDecision {
	if (!alreadyRetried) return { action: 'new-token-and-retry' };
	return {
		action: 'fail',
		message: 'TeamSystem refused a freshly issued token (401): check that the api_key, user and scope of the credential belong to the same environment and that licence module 4520 "Web API" is active',
	};
}

/** A readable sentence for a refused token request, with the api key scrubbed if the server echoed it. */
export function describeTokenRefusal(status: number | undefined, body: unknown, apiKey: string): string {
	const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const said = [record.error_description, record.error, record.message, record.Message, typeof body === 'string' ? body : undefined].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
	let text = said ? said.slice(0, 300) : '';
	if (apiKey) text = text.split(apiKey).join('***');
	const hint =
		status === 400 || status === 401 || status === 403
			? ' Check the api_key, the user (admin_<cid>) and the scope given with the enablement ticket.'
			: '';
	return `TeamSystem token request failed${status ? ` (${status})` : ''}${text ? `: ${text}` : ''}.${hint}`;
}
