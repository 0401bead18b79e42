import {
	DEFAULT_TOKEN_SECONDS,
	describeTokenRefusal,
	onUnauthorized,
	tokenIsUsable,
	tokenRequest,
	tokenStateFromAnswer,
	tseBaseUrls,
	TeamSystemInputError,
	TeamSystemResponseError,
} from '../../../lib/teamsystem';
import { describeWithSpec } from '../../helpers/specs';
import { TSE_FACTS_FILE, tseFacts } from './facts';

const credentials = { cid: 'acme01', apiKey: 'k3y-Secret+/=', scope: 'webapi_admin' };

describeWithSpec(TSE_FACTS_FILE, 'TSE token request: exactly as the vendor documents it', () => {
	const facts = tseFacts().TSE_in_Cloud_WebAPI;
	const documented = facts.auth.tokenRequest;

	test('method, URL and content type are the documented ones, on the host derived from the cid', () => {
		const req = tokenRequest(credentials);
		const webApi = facts.baseUrls.webapi_base_url.replace('{cid}', 'acme01');
		expect(req.method).toBe(documented.method);
		expect(req.url).toBe(documented.url.replace('{webapi_base_url}', webApi));
		expect(req.headers['Content-Type']).toBe(documented.contentType);
	});

	test('the form has exactly the documented fields: grant_type=token, admin_<cid>, "Bearer <api_key>" and the scope', () => {
		const form = new URLSearchParams(tokenRequest(credentials).body);
		expect([...form.keys()].sort()).toEqual(Object.keys(documented.form).sort());
		expect(form.get('grant_type')).toBe(documented.form.grant_type);
		expect(form.get('username')).toBe(documented.form.username.replace('{cid}', 'acme01'));
		expect(form.get('token')).toBe(documented.form.token.replace('{api_key}', credentials.apiKey));
		expect(form.get('scope')).toBe('webapi_admin');
		expect(documented.form.scope).toContain('webapi_admin');
	});

	test('the api gateway host is the documented api{cid} host', () => {
		expect(tseBaseUrls({ cid: 'acme01' }).apiGateway).toBe(facts.baseUrls.apigwt_base_url.split(' ')[0].replace('{cid}', 'acme01'));
	});

	test('a token answer without expires_in lives the documented typical 8 hours', () => {
		expect(facts.auth.tokenResponse).toMatch(/8 hours/);
		const now = Date.parse('2026-12-01T10:00:00Z');
		expect(tokenStateFromAnswer({ access_token: 'opaque' }, now).expiresAt).toBe(new Date(now + DEFAULT_TOKEN_SECONDS * 1000).toISOString());
		expect(DEFAULT_TOKEN_SECONDS).toBe(8 * 3600);
	});
});

describe('TSE token request: bad credentials are named', () => {
	test('an explicit user replaces admin_<cid>; the base URL can be overridden for on-premise tse_webapi', () => {
		const req = tokenRequest({ ...credentials, username: 'integrator', webApiBaseUrl: 'https://tse.example.it/' });
		expect(req.url).toBe('https://tse.example.it/auth/token');
		expect(new URLSearchParams(req.body).get('username')).toBe('integrator');
	});
	test.each([
		[{ ...credentials, apiKey: '' }, 'apiKey'],
		[{ ...credentials, apiKey: 'a\nb' }, 'apiKey'],
		[{ ...credentials, scope: '' }, 'scope'],
		[{ ...credentials, scope: 'a b' }, 'scope'],
		[{ ...credentials, cid: '' }, 'cid'],
		[{ ...credentials, cid: 'x/../y' }, 'cid'],
		[{ ...credentials, webApiBaseUrl: 'ftp://x' }, 'webApiBaseUrl'],
	])('%j fails naming %s', (c, field) => {
		try {
			tokenRequest(c);
			throw new Error('no error');
		} catch (e) {
			expect(e).toBeInstanceOf(TeamSystemInputError);
			expect((e as TeamSystemInputError).field).toBe(field);
			expect((e as Error).message.startsWith(`${field}: `)).toBe(true);
		}
	});
});

describe('TSE token lifetime', () => {
	const now = Date.parse('2026-12-01T10:00:00Z');
	test('expires_in sets the end', () => {
		expect(tokenStateFromAnswer({ access_token: 't', expires_in: 28800 }, now)).toEqual({ accessToken: 't', expiresAt: '2026-12-01T18:00:00.000Z' });
	});
	test("without expires_in the JWT's own exp claim is used", () => {
		const payload = Buffer.from(JSON.stringify({ exp: now / 1000 + 3600 })).toString('base64url');
		const jwt = `eyJhbGciOiJSUzI1NiJ9.${payload}.sig`;
		expect(tokenStateFromAnswer({ access_token: jwt }, now).expiresAt).toBe('2026-12-01T11:00:00.000Z');
	});
	test('an answer without a token is a clear error', () => {
		expect(() => tokenStateFromAnswer({ expires_in: 10 }, now)).toThrow(TeamSystemResponseError);
		expect(() => tokenStateFromAnswer(null, now)).toThrow('without a token');
	});
	test('a kept token serves calls until 5 minutes before its end, then a new one is fetched', () => {
		const state = { accessToken: 't', expiresAt: '2026-12-01T18:00:00.000Z' };
		expect(tokenIsUsable(state, Date.parse('2026-12-01T17:54:59Z'))).toBe(true);
		expect(tokenIsUsable(state, Date.parse('2026-12-01T17:55:00Z'))).toBe(false);
		expect(tokenIsUsable({}, now)).toBe(false);
		expect(tokenIsUsable({ accessToken: 't', expiresAt: 'garbage' }, now)).toBe(false);
		expect(tokenIsUsable(undefined, now)).toBe(false);
	});
	test('a 401 gets one new token and one retry; a second 401 fails naming the credential fields', () => {
		expect(onUnauthorized(false)).toEqual({ action: 'new-token-and-retry' });
		const second = onUnauthorized(true);
		expect(second.action).toBe('fail');
		expect(second.action === 'fail' && second.message).toMatch(/api_key.*scope/);
	});
	test('a refused token request never repeats the api key, even when the server echoes it', () => {
		const message = describeTokenRefusal(400, { error: 'invalid_grant', error_description: `bad token Bearer ${credentials.apiKey}` }, credentials.apiKey);
		expect(message).not.toContain(credentials.apiKey);
		expect(message).toContain('(400)');
		expect(message).toContain('admin_<cid>');
	});
});
