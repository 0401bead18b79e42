import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ARUBA_HOSTS, hostsOf } from '../lib/aruba/environment';
import { headerValue, parseRetryAfter } from '../lib/http/retryPolicy';
import { createScrubber, secretsOfCredential, type SecretScrubber } from '../lib/http/secrets';
import { readHttpFailure } from '../lib/http/httpError';
import { describeSignInRefusal, planToken, signInWait, stateFromAnswer, type TokenAnswer, type TokenState } from '../lib/aruba/token';

const TOKEN_FIELDS = ['accessToken', 'refreshToken', 'accessTokenExpiresAt', 'refreshTokenExpiresAt', 'signedInAt'] as const;

/** What a failed sign-in answered: read as every transport reads HTTP failures. */
function failureOf(error: unknown): { status?: number; body?: unknown; retryAfterMs?: number } {
	const failure = readHttpFailure(error);
	return { status: failure.status, body: failure.body, retryAfterMs: parseRetryAfter(headerValue(failure.headers, 'retry-after')) };
}

/**
 * A refused sign-in, shaped as an HTTP answer: always 400, so that n8n does not take it for an
 * expired token (401) and sign in again, nor for a 429 to back off from. The node's transport reads
 * the message from the body; n8n's credential test shows the status text.
 */
function signInError(failure: ReturnType<typeof failureOf>, fallback: unknown, secrets: SecretScrubber): Error {
	// a server that quotes the request back would put the password or refresh token in the message
	const message = secrets.scrub(failure.status !== undefined ? describeSignInRefusal(failure.status, failure.body) : `Aruba sign-in failed: ${(fallback as Error)?.message ?? String(fallback)}`);
	return Object.assign(new Error(message), { response: { status: 400, statusText: message, data: { message }, headers: {} } });
}

/**
 * Aruba Fatturazione Elettronica account (API access needs a Premium account or a delegation from
 * one). Tokens are kept in this credential by n8n (encrypted, in its database): one password
 * sign-in serves every execution and process until the refresh token ends, and refreshing comes
 * first because Aruba allows one sign-in a minute.
 */
export class ArubaFatturazioneApi implements ICredentialType {
	name = 'arubaFatturazioneApi';

	displayName = 'Aruba Fatturazione Elettronica API';

	icon = { light: 'file:../nodes/ArubaFatturazione/aruba.svg', dark: 'file:../nodes/ArubaFatturazione/aruba.dark.svg' } as const;

	documentationUrl = 'https://fatturazioneelettronica.aruba.it/apidoc/docs.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The username of the Aruba Fatturazione Elettronica account (Premium, or delegated by a Premium account)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: ARUBA_HOSTS.production.ws },
				{ name: 'Demo', value: 'demo', description: ARUBA_HOSTS.demo.ws },
				{ name: 'Custom', value: 'custom', description: 'Your own base URLs, e.g. the local emulator' },
			],
			default: 'production',
		},
		{
			displayName: 'Auth Base URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4020',
			description: "Custom environment only: the base URL of Aruba's sign-in service (an emulator, or a proxy in front of Aruba)",
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Web Service Base URL',
			name: 'wsUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4021',
			description: "Custom environment only: the base URL of Aruba's e-invoicing web service (invoice upload, search, notifications)",
			displayOptions: { show: { environment: ['custom'] } },
		},
		{ displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
		{ displayName: 'Refresh Token', name: 'refreshToken', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Access Token Expires At', name: 'accessTokenExpiresAt', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Refresh Token Expires At', name: 'refreshTokenExpiresAt', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Signed In At', name: 'signedInAt', type: 'hidden', default: '' },
	];

	/** Called by n8n when there is no access token yet, or when Aruba answered 401 with the stored one. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const hosts = hostsOf(credentials);
		const secrets = createScrubber(secretsOfCredential(credentials));
		const previous: TokenState = {};
		for (const field of TOKEN_FIELDS) if (credentials[field]) previous[field] = String(credentials[field]);
		const post = async (form: Record<string, string>) =>
			(await this.helpers.httpRequest({
				method: 'POST',
				url: `${hosts.auth}/auth/signin`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
				body: new URLSearchParams(form).toString(),
				json: true,
				timeout: 30_000,
			})) as TokenAnswer;

		const plan = planToken(previous, Date.now());
		if (plan.kind === 'refresh') {
			try {
				return { ...stateFromAnswer(await post({ grant_type: 'refresh_token', refresh_token: plan.refreshToken }), Date.now(), previous, 'refresh') };
			} catch (error) {
				const failure = failureOf(error);
				// a refused refresh token (expired, rotated by another process) falls back to a sign-in
				if (failure.status !== 400 && failure.status !== 401) throw signInError(failure, error, secrets);
			}
		}
		for (let attempt = 1; ; attempt++) {
			// one sign-in a minute; waiting in steps re-reads the clock
			for (let wait = signInWait(previous, Date.now()); wait > 0; wait = signInWait(previous, Date.now())) await sleep(Math.min(wait, 1000));
			try {
				const answer = await post({ grant_type: 'password', username: String(credentials.username ?? ''), password: String(credentials.password ?? '') });
				return { ...stateFromAnswer(answer, Date.now(), previous, 'signIn') };
			} catch (error) {
				const failure = failureOf(error);
				if (failure.status === 429 && attempt < 3) {
					await sleep(Math.min(65_000, Math.max(failure.retryAfterMs ?? 0, 5_000)));
					continue;
				}
				throw signInError(failure, error, secrets);
			}
		}
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? $credentials.authUrl.replace(/\\/+$/, "") : $credentials.environment === "demo" ? "${ARUBA_HOSTS.demo.auth}" : "${ARUBA_HOSTS.production.auth}"}}`,
			url: '/auth/userInfo',
		},
	};
}
