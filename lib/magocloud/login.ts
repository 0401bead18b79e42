/**
 * MagoCloud login and logoff, both variants of the Microarea samples (mago-cloud-api):
 *  - v1 "gwam": POST https://{gwam}/gwam_login/api/login {accountName, password, subscriptionKey,
 *    appId:"MagoAPI", overwrite:false} with Producer-Info -> {Result, Message, JwtToken};
 *    logoff POST https://{gwam}/gwam_login/api/logoff {token} with Producer-Info and Authorization.
 *  - v2 "account-manager": POST {root}/account-manager/login {AccountName, Password, AppId:"M4",
 *    subscriptionkey} -> {ResultCode, Message, JwtToken}; logoff POST {root}/account-manager/logoff/ {token}.
 * A login takes a licence seat, so every login is paired with a logoff (see withSession).
 */
import { MagoCloudError, MagoInputError, shown } from './errors';
import { failedResultCode } from './failure';
import { authorizationHeader, producerInfoHeader, requireHeaderValue, type ProducerKeys } from './headers';

export interface JsonRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: Record<string, string>;
	body?: Record<string, unknown>;
}

export interface MagoCloudCredentials extends ProducerKeys {
	/** v1: the gateway host (default gwam.mago.cloud) or URL; v2: the root URL, e.g. https://x.mago.cloud/be */
	gatewayUrl: string;
	accountName: string;
	password: string;
	subscriptionKey: string;
	variant?: 'gwam' | 'account-manager';
}

export const DEFAULT_GWAM_HOST = 'gwam.mago.cloud';
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

function urlOrUndefined(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** A base URL without trailing slash; a bare host (as the v1 sample takes) becomes https://host. */
export function baseUrlOf(value: unknown, field = 'gatewayUrl'): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new MagoInputError(field, 'is required');
	const withScheme = HOST.test(text) ? `https://${text}` : text;
	const url = urlOrUndefined(withScheme);
	if (!url) throw new MagoInputError(field, `expected a host like gwam.mago.cloud or an http(s) URL, got ${shown(value)}`);
	if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password)
		throw new MagoInputError(field, `expected an http(s) base URL without query, fragment or user info, got ${shown(value)}`);
	return withScheme.replace(/\/+$/, '');
}

function requireText(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw new MagoInputError(field, 'is required');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(value)) throw new MagoInputError(field, 'contains control characters');
	return value;
}

export function loginRequest(c: MagoCloudCredentials): JsonRequest {
	const base = baseUrlOf(c.gatewayUrl);
	const accountName = requireText(c.accountName, 'accountName').trim();
	const password = requireText(c.password, 'password');
	const subscriptionKey = requireHeaderValue(c.subscriptionKey, 'subscriptionKey');
	if ((c.variant ?? 'gwam') === 'gwam') {
		return {
			method: 'POST',
			url: `${base}/gwam_login/api/login`,
			headers: { 'Content-Type': 'application/json', ...producerInfoHeader(c) },
			body: { accountName, appId: 'MagoAPI', overwrite: false, password, subscriptionKey },
		};
	}
	if (c.variant !== 'account-manager') throw new MagoInputError('variant', `expected gwam or account-manager, got ${shown(c.variant)}`);
	return {
		method: 'POST',
		url: `${base}/account-manager/login`,
		headers: { 'Content-Type': 'application/json' },
		body: { AccountName: accountName, Password: password, AppId: 'M4', subscriptionkey: subscriptionKey },
	};
}

export interface MagoSession {
	token: string;
	variant: 'gwam' | 'account-manager';
}

/** The token of a login answer, or a MagoCloudError with the vendor's message (Result false, ResultCode not 0). */
export function readLoginAnswer(answer: unknown, variant: 'gwam' | 'account-manager' = 'gwam'): MagoSession {
	const a = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
	const message = typeof a.Message === 'string' ? a.Message : typeof a.message === 'string' ? a.message : '';
	const code = failedResultCode(a.ResultCode);
	const refused = a.Result === false || a.result === false || code !== undefined || a.success === false;
	const token = typeof a.JwtToken === 'string' ? a.JwtToken.trim() : '';
	if (refused || !token) {
		throw new MagoCloudError(
			`MagoCloud refused the login${code !== undefined ? ` (ResultCode ${code})` : ''}${message ? `: ${message}` : token ? '' : ': the answer has no JwtToken'}. Check the account name, password and subscription key${variant === 'gwam' ? ', and the producer and app keys' : ''}.`,
			message,
			code,
		);
	}
	return { token, variant };
}

export function logoffRequest(c: Pick<MagoCloudCredentials, 'gatewayUrl' | 'producerKey' | 'appKey' | 'variant'>, token: string): JsonRequest {
	const base = baseUrlOf(c.gatewayUrl);
	const t = requireHeaderValue(token, 'token');
	if ((c.variant ?? 'gwam') === 'gwam')
		return { method: 'POST', url: `${base}/gwam_login/api/logoff`, headers: { 'Content-Type': 'application/json', ...producerInfoHeader(c), ...authorizationHeader(t) }, body: { token: t } };
	return { method: 'POST', url: `${base}/account-manager/logoff/`, headers: { 'Content-Type': 'application/json' }, body: { token: t } };
}

/** GET https://{gwam}/gwam_mapper/api/services/url/{subscription}/{service}: the base URL of TBSERVER and the other services. */
export function serviceUrlRequest(c: Pick<MagoCloudCredentials, 'gatewayUrl' | 'producerKey' | 'appKey' | 'subscriptionKey'>, token: string, service = 'TBSERVER'): JsonRequest {
	const base = baseUrlOf(c.gatewayUrl);
	if (!/^[A-Z0-9_]{1,40}$/i.test(service)) throw new MagoInputError('service', `expected a service name like TBSERVER, got ${shown(service)}`);
	return {
		method: 'GET',
		url: `${base}/gwam_mapper/api/services/url/${encodeURIComponent(requireHeaderValue(c.subscriptionKey, 'subscriptionKey'))}/${service}`,
		headers: { ...producerInfoHeader(c), ...authorizationHeader(token) },
	};
}

/** The service URL in a mapper answer (`Content`), kept with its trailing slash: the samples append "tbserver/..." to it. */
export function readServiceUrl(answer: unknown): string {
	const content = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).Content : undefined;
	if (typeof content !== 'string' || content.trim() === '') throw new MagoCloudError('MagoCloud did not give the service URL (no Content in the answer)', '');
	const url = baseUrlOf(content, 'Content');
	return `${url}/`;
}
