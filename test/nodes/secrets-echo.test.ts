/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Secrets redacted by value. A loopback server echoes each request (method, path, every header,
 * the body) into its error answers, as JSON and as plain text, and into a response header. Every
 * node using each credential type runs against it through real n8n-core, with and without
 * Continue On Fail, and every secret of the credential, in every form it takes on the wire, is
 * looked for in what n8n keeps and shows: the thrown error serialised whole (message,
 * description, messages, cause, context, stack), the execution's run data and output, and every
 * logged line. The count must be 0; a control check proves each scenario did echo a secret.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { ArubaFatturazioneApi } from '../../credentials/ArubaFatturazioneApi.credentials';
import { signedHeaders } from '../../lib/webhook/signature';
import { demoSentInvoice } from '../emulators/aruba/seed';
import { startFicEmulator } from '../emulators/fattureincloud';
import { capturedLogs, chain, runWorkflow, type RunResult } from '../harness/n8n';
import { triggerHarness } from '../harness/triggers';
import { startScriptedServer, type Answer, type RecordedRequest, type ScriptedServer } from '../helpers/scriptedServer';

// Recognisable values with the characters that change under URL, form, JSON and base64 encoding.
const FIC_TOKEN = 'ficManual.T0ken+/="q"&%-7c1e';
const OAUTH_ACCESS = 'oauthAccess.Old+/="a"-51f2';
const OAUTH_REFRESH = 'oauthRefresh.R1+/="r"&-9d04';
const OAUTH_CLIENT_SECRET = 'clientSecret S3+/&"c"=%-e6b8';
const OAUTH_ACCESS_NEW = 'oauthAccess.N3w+/="n"-08aa';
const OAUTH_REFRESH_NEW = 'oauthRefresh.N3w+/="m"-4b21';
const ARUBA_USER = 'mario.rossi@example.it';
const ARUBA_PASSWORD = 'Aruba Pa$$w0rd/"q"+&=%è-31';
const ARUBA_ACCESS = 'arubaAccess.A1+/="t"-77e0';
const ARUBA_REFRESH = 'arubaRefresh.R1+/="u"-c3d9';
const ARUBA_ACCESS_NEW = 'arubaAccess.N2+/="v"-1f5b';
const ARUBA_REFRESH_NEW = 'arubaRefresh.N2+/="w"-a0e4';
const WEBHOOK_SECRET = 'webhook Signing.S3cret+/="k"&-5e19';

/** The forms a secret takes in an echoed request, computed here independently of lib/. */
function formsOf(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ x: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
		JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
		Buffer.from(secret).toString('base64'),
	];
}

interface Secret {
	name: string;
	forms: string[];
}

const secret = (name: string, value: string): Secret => ({ name, forms: formsOf(value) });
const basic = (user: string, password: string): Secret => ({ name: 'basic user:password', forms: [Buffer.from(`${user}:${password}`).toString('base64')] });

const FIC_SECRETS = [secret('manual token', FIC_TOKEN)];
const OAUTH_SECRETS = [
	secret('access token', OAUTH_ACCESS),
	secret('refresh token', OAUTH_REFRESH),
	secret('client secret', OAUTH_CLIENT_SECRET),
	secret('new access token', OAUTH_ACCESS_NEW),
	secret('new refresh token', OAUTH_REFRESH_NEW),
	basic('client-id-1', OAUTH_CLIENT_SECRET),
];
const ARUBA_SECRETS = [
	secret('password', ARUBA_PASSWORD),
	secret('access token', ARUBA_ACCESS),
	secret('refresh token', ARUBA_REFRESH),
	secret('new access token', ARUBA_ACCESS_NEW),
	secret('new refresh token', ARUBA_REFRESH_NEW),
	basic(ARUBA_USER, ARUBA_PASSWORD),
];

/** Every string reachable from a value, non-enumerable Error properties (message, stack) included. */
function allText(value: unknown, out: string[] = [], seen = new WeakSet<object>(), depth = 0): string[] {
	if (typeof value === 'string') out.push(value);
	else if (typeof value === 'number' || typeof value === 'boolean') return out;
	else if (value && typeof value === 'object' && !seen.has(value) && depth < 40) {
		seen.add(value);
		if (Buffer.isBuffer(value)) out.push(value.toString('utf8'));
		else
			for (const key of Object.getOwnPropertyNames(value)) {
				out.push(key);
				let entry: unknown;
				try {
					entry = (value as Record<string, unknown>)[key];
				} catch {
					continue;
				}
				allText(entry, out, seen, depth + 1);
			}
	}
	return out;
}

function serialised(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, entry) => {
			if (entry && typeof entry === 'object') {
				if (seen.has(entry)) return '[circular]';
				seen.add(entry);
			}
			return entry;
		});
	} catch {
		return '';
	}
}

/** Everything n8n keeps of an error or a run: its JSON and every string inside it. */
function exposed(value: unknown): string {
	return `${serialised(value)}\n${allText(value).join('\n')}`;
}

function hits(text: string, secrets: Secret[]): string[] {
	const found: string[] = [];
	for (const s of secrets) for (const form of s.forms) if (text.includes(form)) found.push(`${s.name} as ${JSON.stringify(form)}`);
	return [...new Set(found)];
}

/** The request, as a naive server quotes it back. */
function echoText(req: RecordedRequest): string {
	const query = req.query.toString();
	const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
	return `${req.method} ${req.path}${query ? `?${query}` : ''}\n${headers.join('\n')}\n\n${req.body}`;
}

type Kind = 'json' | 'text';

/** An error answer quoting the request in every field the error readers look at. */
function echo(req: RecordedRequest, status: number, kind: Kind, extra: IDataObject = {}): Answer {
	const text = echoText(req);
	const headers = { 'x-echo-authorization': String(req.headers.authorization ?? 'none'), 'retry-after': '0' };
	if (kind === 'text') return { status, headers, body: `Error ${status}: ${text}` };
	return {
		status,
		headers,
		body: {
			message: `echo: ${text}`,
			error: { message: `echo: ${text}`, validation_result: { authorization: [String(req.headers.authorization)], body: [req.body] } },
			error_description: text,
			errors: [text],
			extra: { headers: req.headers },
			request: { headers: req.headers, body: req.body },
			...extra,
		},
	};
}

let server: ScriptedServer | undefined;
/** Every body and header the server answered, for the control check. */
let answered: string[] = [];
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function startEcho(handler: (req: RecordedRequest, index: number) => Answer): Promise<ScriptedServer> {
	answered = [];
	capturedLogs.length = 0;
	server = await startScriptedServer((req, index) => {
		const answer = handler(req, index);
		answered.push(serialised(answer));
		return answer;
	});
	return server;
}

/** The run's error and output, every logged line: no form of any secret. The server did echo one. */
function expectNoSecret(where: { result?: RunResult; thrown?: unknown }, secrets: Secret[]) {
	expect(hits(answered.join('\n'), secrets).length).toBeGreaterThan(0);
	const parts: Record<string, string> = { logs: exposed(capturedLogs) };
	if (where.thrown !== undefined) parts.thrown = exposed(where.thrown);
	if (where.result) {
		parts.run = exposed(where.result.run);
		const error = where.result.error();
		if (error) parts.error = `${error.message}\n${(error as { description?: string }).description}\n${error.stack}\n${exposed(error)}`;
	}
	const leaks = Object.entries(parts).flatMap(([name, text]) => hits(text, secrets).map((hit) => `${name}: ${hit}`));
	expect(leaks).toEqual([]);
}

/** The run failed (or, with Continue On Fail, gave an error item): the scenario exercised an error path. */
function expectFailed(result: RunResult, nodeName: string, continueOnFail: boolean) {
	if (continueOnFail) {
		const items = result.output(nodeName);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((item) => typeof item.json.error === 'string')).toBe(true);
	} else {
		expect(result.error()).toBeDefined();
	}
}

const STATUSES = [400, 401, 403, 404, 422, 429, 500];
const KINDS: Kind[] = ['json', 'text'];
const COF = [false, true];
const cross = <A, B, C>(as: A[], bs: B[], cs: C[]) => as.flatMap((a) => bs.flatMap((b) => cs.map((c) => [a, b, c] as [A, B, C])));

// ---------------------------------------------------------------- Fatture in Cloud

const FAST = { retryInitialDelayMs: 1, maxAttempts: 3 };

function ficNode(parameters: Record<string, unknown>, extra: Partial<INode> = {}) {
	return {
		name: 'FIC',
		type: 'fattureInCloud',
		parameters: { authentication: 'accessToken', companyId: '1', options: FAST, ...parameters } as never,
		credentials: { fattureInCloudApi: { id: '1', name: 'fic' }, fattureInCloudOAuth2Api: { id: '2', name: 'fic oauth' } },
		...extra,
	};
}

function ficCredentials(url: string): Record<string, ICredentialDataDecryptedObject> {
	return {
		fattureInCloudApi: { accessToken: FIC_TOKEN, baseUrl: url },
		fattureInCloudOAuth2Api: {
			baseUrl: url,
			grantType: 'authorizationCode',
			authUrl: `${url}/oauth/authorize`,
			accessTokenUrl: `${url}/oauth/token`,
			clientId: 'client-id-1',
			clientSecret: OAUTH_CLIENT_SECRET,
			scope: 'entity.clients:a',
			authentication: 'body',
			authQueryParameters: '',
			oauthTokenData: { access_token: OAUTH_ACCESS, refresh_token: OAUTH_REFRESH, token_type: 'Bearer' },
		},
	};
}

const FIC_OPERATIONS: Array<[string, Record<string, unknown>]> = [
	['user getInfo (GET)', { resource: 'user', operation: 'getInfo' }],
	['client create (POST)', { resource: 'client', operation: 'create', inputMode: 'json', jsonData: JSON.stringify({ name: 'Rossi Srl', code: 'C1' }) }],
];

describe('Fatture in Cloud, manual token: the token is in no error, log or output', () => {
	test.each(cross(STATUSES, KINDS, COF).flatMap(([status, kind, cof]) => FIC_OPERATIONS.map(([name, params]) => [name, status, kind, cof, params] as const)))(
		'%s answered %d (%s echo), continue on fail %s',
		async (_name, status, kind, continueOnFail, params) => {
			const echoServer = await startEcho((req) => echo(req, status, kind));
			const result = await runWorkflow(chain(ficNode(params, { continueOnFail })), ficCredentials(echoServer.url));
			expectFailed(result, 'FIC', continueOnFail);
			expectNoSecret({ result }, FIC_SECRETS);
		},
	);

	test.each(cross(KINDS, ['accessToken', 'oAuth2'], [0]))('polling trigger: a poll answered 403 (%s echo), %s credential', async (kind, authentication) => {
		const echoServer = await startEcho((req) => echo(req, 403, kind));
		const trigger = await triggerHarness(
			{
				name: 'FIC Poll',
				type: 'fattureInCloudPollingTrigger',
				parameters: { authentication, companyId: '1', watch: 'clients', kinds: ['new', 'changed'], options: {} } as never,
				credentials: { fattureInCloudApi: { id: '1', name: 'fic' }, fattureInCloudOAuth2Api: { id: '2', name: 'fic oauth' } },
			},
			ficCredentials(echoServer.url),
		);
		const thrown = await trigger.poll().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(thrown).toBeDefined();
		expectNoSecret({ thrown }, authentication === 'oAuth2' ? OAUTH_SECRETS : FIC_SECRETS);
	}, 30_000);

	test.each(cross([422, 403], KINDS, ['accessToken', 'oAuth2']))('instant trigger: activation answered %d (%s echo), %s credential', async (status, kind, authentication) => {
		const echoServer = await startEcho((req) => echo(req, status, kind));
		const trigger = await triggerHarness(
			{
				name: 'FIC Trigger',
				type: 'fattureInCloudTrigger',
				parameters: { authentication, companyId: '1', events: ['it.fattureincloud.webhooks.entities.clients.create'], enrich: true, options: {} } as never,
				credentials: { fattureInCloudApi: { id: '1', name: 'fic' }, fattureInCloudOAuth2Api: { id: '2', name: 'fic oauth' } },
			},
			ficCredentials(echoServer.url),
		);
		const thrown = await trigger.activate().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(thrown).toBeDefined();
		expectNoSecret({ thrown }, authentication === 'oAuth2' ? OAUTH_SECRETS : FIC_SECRETS);
	});
});

describe('Fatture in Cloud instant trigger: a delivery whose enrichment fails', () => {
	test.each(cross([403, 422], KINDS, [0]))('the record look-up answered %d (%s echo)', async (status, kind) => {
		// the emulator only signs the delivery JWT; every API call goes to the echo server
		const signer = await startFicEmulator({ seed: 'empty' });
		try {
			const echoServer = await startEcho((req) => echo(req, status, kind));
			const trigger = await triggerHarness(
				{
					name: 'FIC Trigger',
					type: 'fattureInCloudTrigger',
					parameters: { authentication: 'accessToken', companyId: '1', events: ['it.fattureincloud.webhooks.entities.clients.create'], enrich: true, options: { publicKey: signer.webhookPublicKey } } as never,
					credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
				},
				ficCredentials(echoServer.url),
			);
			const ceId = `1:${Math.random().toString(16).slice(2)}`;
			const jwt = signer.signWebhookJwt({ iss: echoServer.url, sub: 'company:1', aud: [trigger.webhookUrl()], jti: ceId });
			const headers = { authorization: `Bearer ${jwt}`, 'ce-id': ceId, 'ce-type': 'it.fattureincloud.webhooks.entities.clients.create', 'ce-subject': 'company:1', 'ce-time': '2026-11-24T10:00:00Z', 'ce-source': echoServer.url, 'ce-specversion': '1.0' };
			const thrown = await trigger.deliver({ headers, body: { data: { ids: [7] } } }).then(
				(answer) => answer,
				(error: unknown) => error,
			);
			expect(echoServer.requests.some((r) => r.path === '/c/1/entities/clients/7')).toBe(true);
			expectNoSecret({ thrown }, FIC_SECRETS);
		} finally {
			await signer.close();
		}
	}, 30_000);
});

describe('Fatture in Cloud, OAuth2: access and refresh tokens and the client secret are in no error, log or output', () => {
	const oauth = (cof: boolean) => ficNode({ authentication: 'oAuth2', resource: 'user', operation: 'getInfo' }, { continueOnFail: cof });

	test.each(cross(KINDS, COF, [0]))('the refresh itself is refused with an echo (%s), continue on fail %s', async (kind, continueOnFail) => {
		const echoServer = await startEcho((req) => echo(req, 401, kind));
		const result = await runWorkflow(chain(oauth(continueOnFail)), ficCredentials(echoServer.url));
		expectFailed(result, 'FIC', continueOnFail);
		expect(echoServer.requests.some((r) => r.path === '/oauth/token')).toBe(true);
		expectNoSecret({ result }, OAUTH_SECRETS);
	});

	test.each(cross([500, 422, 403], KINDS, COF))('after a refresh the API answers %d echoing the new token (%s), continue on fail %s', async (status, kind, continueOnFail) => {
		const echoServer = await startEcho((req) => {
			if (req.path === '/oauth/token') return { status: 200, body: { access_token: OAUTH_ACCESS_NEW, refresh_token: OAUTH_REFRESH_NEW, token_type: 'Bearer', expires_in: 3600 } };
			return req.headers.authorization === `Bearer ${OAUTH_ACCESS}` ? echo(req, 401, kind) : echo(req, status, kind);
		});
		const result = await runWorkflow(chain(oauth(continueOnFail)), ficCredentials(echoServer.url));
		expectFailed(result, 'FIC', continueOnFail);
		expect(echoServer.requests.some((r) => r.headers.authorization === `Bearer ${OAUTH_ACCESS_NEW}`)).toBe(true);
		expectNoSecret({ result }, OAUTH_SECRETS);
	});

	test.each(cross([400, 404, 429], KINDS, COF))('the API answers %d echoing the stored token (%s), continue on fail %s', async (status, kind, continueOnFail) => {
		const echoServer = await startEcho((req) => echo(req, status, kind));
		const result = await runWorkflow(chain(oauth(continueOnFail)), ficCredentials(echoServer.url));
		expectFailed(result, 'FIC', continueOnFail);
		expectNoSecret({ result }, OAUTH_SECRETS);
	});
});

// ---------------------------------------------------------------- Aruba

function arubaCredentials(url: string, tokens: 'none' | 'valid' | 'expired'): Record<string, ICredentialDataDecryptedObject> {
	const now = Date.now();
	const later = (ms: number) => new Date(now + ms).toISOString();
	const tokenFields =
		tokens === 'none'
			? { accessToken: '', refreshToken: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '' }
			: // n8n signs in again when the access token field is empty (or on a 401): 'expired' leaves only the refresh token
				{ accessToken: tokens === 'valid' ? ARUBA_ACCESS : '', refreshToken: ARUBA_REFRESH, accessTokenExpiresAt: later(tokens === 'valid' ? 1_500_000 : -60_000), refreshTokenExpiresAt: later(3_000_000) };
	return { arubaFatturazioneApi: { username: ARUBA_USER, password: ARUBA_PASSWORD, environment: 'custom', authUrl: `${url}/a`, wsUrl: `${url}/w`, signedInAt: '', ...tokenFields } };
}

function arubaNode(parameters: IDataObject, continueOnFail: boolean) {
	return { name: 'Aruba', type: 'arubaFatturazione', parameters: parameters as never, credentials: { arubaFatturazioneApi: { id: 'aruba-1', name: 'Aruba' } }, continueOnFail };
}

const SIGNED_IN = { status: 200, body: { access_token: ARUBA_ACCESS_NEW, refresh_token: ARUBA_REFRESH_NEW, token_type: 'bearer', expires_in: 1800 } };
const INVOICE_XML = demoSentInvoice({ numero: 'FT-9', data: '2026-11-30' });

const ARUBA_OPERATIONS: Array<[string, IDataObject]> = [
	['account getInfo (auth host)', { resource: 'account', operation: 'getInfo' }],
	['sent invoices getMany (ws host)', { resource: 'sentInvoice', operation: 'getMany', returnAll: false, limit: 5, filters: {} }],
	['upload (ws host, POST)', { resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: INVOICE_XML, uploadOptions: { validate: false } }],
];

describe('Aruba: password, access and refresh tokens are in no error, log or output', () => {
	test.each(cross(KINDS, COF, [0]).flatMap(([kind, cof]) => ARUBA_OPERATIONS.map(([name, params]) => [name, kind, cof, params] as const)))(
		'%s: the password sign-in is refused with an echo (%s), continue on fail %s',
		async (_name, kind, continueOnFail, params) => {
			const echoServer = await startEcho((req) => echo(req, 400, kind));
			const result = await runWorkflow(chain(arubaNode(params, continueOnFail)), arubaCredentials(echoServer.url, 'none'));
			expectFailed(result, 'Aruba', continueOnFail);
			expect(echoServer.requests.some((r) => r.path === '/a/auth/signin' && r.body.includes('grant_type=password'))).toBe(true);
			expectNoSecret({ result }, ARUBA_SECRETS);
		},
	);

	test.each(cross([400, 403, 404], KINDS, COF).flatMap(([status, kind, cof]) => ARUBA_OPERATIONS.map(([name, params]) => [name, status, kind, cof, params] as const)))(
		'%s answered %d echoing the stored token (%s), continue on fail %s',
		async (_name, status, kind, continueOnFail, params) => {
			const echoServer = await startEcho((req) => echo(req, status, kind, req.path.includes('upload') ? { errorCode: '0012', errorDescription: echoText(req) } : {}));
			const result = await runWorkflow(chain(arubaNode(params, continueOnFail)), arubaCredentials(echoServer.url, 'valid'));
			expectFailed(result, 'Aruba', continueOnFail);
			expectNoSecret({ result }, ARUBA_SECRETS);
		},
	);

	test.each(cross(['upload', 'sendOutcome'], COF, [0]))('%s answered 200 with a refusal code whose description quotes the request, continue on fail %s', async (operation, continueOnFail) => {
		const echoServer = await startEcho((req) => ({ status: 200, body: { errorCode: '0012', errorDescription: echoText(req), uploadFileName: null } }));
		const params: IDataObject =
			operation === 'upload' ? ARUBA_OPERATIONS[2][1] : { resource: 'receivedInvoice', operation: 'sendOutcome', filename: 'IT01234567890_00001.xml', sdiId: '123456', esito: 'EC01', descrizione: '' };
		const result = await runWorkflow(chain(arubaNode(params, continueOnFail)), arubaCredentials(echoServer.url, 'valid'));
		expectFailed(result, 'Aruba', continueOnFail);
		expectNoSecret({ result }, ARUBA_SECRETS);
	});

	test.each(cross(KINDS, COF, [0]))('an expired token: the refresh is answered 500 with an echo (%s), continue on fail %s', async (kind, continueOnFail) => {
		const echoServer = await startEcho((req) => echo(req, 500, kind));
		const result = await runWorkflow(chain(arubaNode(ARUBA_OPERATIONS[0][1], continueOnFail)), arubaCredentials(echoServer.url, 'expired'));
		expectFailed(result, 'Aruba', continueOnFail);
		expect(echoServer.requests.some((r) => r.body.includes('grant_type=refresh_token'))).toBe(true);
		expectNoSecret({ result }, ARUBA_SECRETS);
	});

	test.each(cross(KINDS, COF, [0]))('a 401 makes n8n sign in again; the refused refresh and sign-in are echoed (%s), continue on fail %s', async (kind, continueOnFail) => {
		const echoServer = await startEcho((req) => echo(req, req.path === '/a/auth/signin' ? 400 : 401, kind));
		const result = await runWorkflow(chain(arubaNode(ARUBA_OPERATIONS[1][1], continueOnFail)), arubaCredentials(echoServer.url, 'valid'));
		expectFailed(result, 'Aruba', continueOnFail);
		expect(echoServer.requests.some((r) => r.body.includes('grant_type=password'))).toBe(true);
		expectNoSecret({ result }, ARUBA_SECRETS);
	});

	test.each(cross([403, 404], KINDS, COF))('a new sign-in succeeds, then the API answers %d echoing the new token (%s), continue on fail %s', async (status, kind, continueOnFail) => {
		const echoServer = await startEcho((req) => (req.path === '/a/auth/signin' ? SIGNED_IN : echo(req, status, kind)));
		const result = await runWorkflow(chain(arubaNode(ARUBA_OPERATIONS[1][1], continueOnFail)), arubaCredentials(echoServer.url, 'none'));
		expectFailed(result, 'Aruba', continueOnFail);
		expect(echoServer.requests.some((r) => r.headers.authorization === `Bearer ${ARUBA_ACCESS_NEW}`)).toBe(true);
		expectNoSecret({ result }, ARUBA_SECRETS);
	});

	test('a server error after the retries (500, json echo)', async () => {
		const echoServer = await startEcho((req) => echo(req, 500, 'json'));
		const result = await runWorkflow(chain(arubaNode(ARUBA_OPERATIONS[0][1], false)), arubaCredentials(echoServer.url, 'valid'));
		expectFailed(result, 'Aruba', false);
		expect(echoServer.requests.length).toBe(4);
		expectNoSecret({ result }, ARUBA_SECRETS);
	}, 30_000);

	test.each(cross([400, 401, 500], KINDS, [0]))("the credential's own sign-in error (what n8n's credential test shows) after a %d echo (%s)", async (status, kind) => {
		const credential = new ArubaFatturazioneApi();
		const sent: string[] = [];
		const helpers = {
			httpRequest: async (options: { url: string; body: string; headers: Record<string, string> }) => {
				sent.push(options.body);
				const text = `POST ${options.url}\n${JSON.stringify(options.headers)}\n\n${options.body}`;
				throw Object.assign(new Error(`Request failed with status code ${status}`), { response: { status, headers: {}, data: kind === 'json' ? { error: 'invalid_grant', error_description: text } : text } });
			},
		};
		answered = sent;
		capturedLogs.length = 0;
		for (const tokens of ['none', 'expired'] as const) {
			const data = arubaCredentials('http://127.0.0.1:9', tokens).arubaFatturazioneApi;
			const thrown = await credential.preAuthentication.call({ helpers } as never, data).then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(thrown).toBeDefined();
			expectNoSecret({ thrown }, ARUBA_SECRETS);
		}
	});

	test.each(KINDS)('trigger: a poll answered 403 (%s echo)', async (kind) => {
		const echoServer = await startEcho((req) => echo(req, 403, kind));
		const trigger = await triggerHarness(
			{
				name: 'Aruba Trigger',
				type: 'arubaFatturazioneTrigger',
				parameters: { events: ['receivedInvoice', 'sentNotification'], options: {} } as never,
				credentials: { arubaFatturazioneApi: { id: 'aruba-1', name: 'Aruba' } },
			},
			arubaCredentials(echoServer.url, 'valid'),
		);
		const thrown = await trigger.poll().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(thrown).toBeDefined();
		expectNoSecret({ thrown }, ARUBA_SECRETS);
	});
});

// ---------------------------------------------------------------- Signed Webhook

describe('Signed Webhook: the signing secret is in no answer or output', () => {
	const SECRETS = [secret('webhook secret', WEBHOOK_SECRET)];
	const body = Buffer.from('{"order":"A-1001","status":"paid"}');

	async function trigger(format: 'hex' | 'stripe' | 'standard') {
		return await triggerHarness(
			{
				name: 'Signed',
				type: 'signedWebhookTrigger',
				parameters: { path: 'p', format, header: format === 'stripe' ? 'stripe-signature' : 'x-signature', algorithm: 'sha256', options: {} } as never,
				credentials: { signedWebhookApi: { id: '1', name: 's' } },
			},
			{ signedWebhookApi: { secret: WEBHOOK_SECRET } },
		);
	}

	test.each(['hex', 'stripe', 'standard'] as const)('%s: refused and accepted deliveries', async (format) => {
		capturedLogs.length = 0;
		const t = await trigger(format);
		const header = format === 'stripe' ? 'stripe-signature' : 'x-signature';
		const good = signedHeaders(body, { format, secret: WEBHOOK_SECRET, header, id: 'msg_1' });
		const forged = signedHeaders(body, { format, secret: 'another secret entirely, long enough', header, id: 'msg_2' });
		const deliveries = [
			{ headers: { 'content-type': 'application/json' }, rawBody: body },
			{ headers: { 'content-type': 'application/json', ...forged }, rawBody: body },
			{ headers: { 'content-type': 'application/json', ...good }, rawBody: Buffer.from('{"order":"A-1002","status":"paid"}') },
			{ headers: { 'content-type': 'application/json', ...good }, rawBody: body },
			// a sender that sends the secret itself too, as a token header and in the payload
			(() => {
				const carrying = Buffer.from(JSON.stringify({ order: 'A-1003', token: WEBHOOK_SECRET }));
				return { headers: { 'content-type': 'application/json', 'x-webhook-token': WEBHOOK_SECRET, ...signedHeaders(carrying, { format, secret: WEBHOOK_SECRET, header, id: 'msg_3' }) }, rawBody: carrying };
			})(),
		];
		const seen: string[] = [];
		const statuses: number[] = [];
		for (const delivery of deliveries) {
			const { result, response } = await t.deliver(delivery);
			statuses.push(response.statusCode);
			seen.push(exposed(response), exposed(result));
		}
		expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
		expect(statuses.slice(3)).toEqual([200, 200]);
		seen.push(exposed(capturedLogs));
		expect(hits(seen.join('\n'), SECRETS)).toEqual([]);
	});
});
