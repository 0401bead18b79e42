/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The error contract of docs/error-contract.md, row by row, through the built Fatture in Cloud node run by
 * n8n-core against a scripted loopback server.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { capturedLogs, chain, runWorkflow } from '../harness/n8n';
import { startScriptedServer, type Answer, type Handler, type ScriptedServer } from '../helpers/scriptedServer';

const FAST = { retryInitialDelayMs: 1 };

function ficNode(parameters: Record<string, unknown>, name = 'FIC', extra: Partial<INode> = {}) {
	return {
		name,
		type: 'fattureInCloud',
		parameters: { authentication: 'accessToken', companyId: '1', options: FAST, ...parameters } as never,
		credentials: { fattureInCloudApi: { id: '1', name: 'fic' }, fattureInCloudOAuth2Api: { id: '2', name: 'fic oauth' } },
		...extra,
	};
}

let server: ScriptedServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function run(handler: Handler, nodes: ReturnType<typeof ficNode>[], input = [{ json: {} }], oauthTokenData?: Record<string, unknown>) {
	server = await startScriptedServer(handler);
	const credentials = {
		fattureInCloudApi: { accessToken: 'manual-token-1', baseUrl: server.url },
		fattureInCloudOAuth2Api: {
			baseUrl: server.url,
			grantType: 'authorizationCode',
			authUrl: `${server.url}/oauth/authorize`,
			accessTokenUrl: `${server.url}/oauth/token`,
			clientId: 'client-id',
			clientSecret: 'client-secret',
			scope: 'entity.clients:a',
			authentication: 'body',
			authQueryParameters: '',
			oauthTokenData: (oauthTokenData ?? { access_token: 'old-access', refresh_token: 'refresh-1', token_type: 'Bearer' }) as IDataObject,
		},
	};
	const result = await runWorkflow(chain(...nodes), credentials, input);
	return { result, requests: server.requests };
}

const ok = (data: unknown): Answer => ({ status: 200, body: { data } });

describe('400 and 422: the API validation errors, field by field', () => {
	test('each validation_result entry is shown with its field, and the body sent with secrets redacted', async () => {
		const { result } = await run(
			() => ({ status: 422, body: { error: { message: 'Dati non validi', validation_result: { name: ['Il campo nome è obbligatorio.'], 'entity.vat_number': ['Partita IVA non valida'] } } } }),
			[ficNode({ resource: 'client', operation: 'create', inputMode: 'json', jsonData: JSON.stringify({ code: 'C1', api_key: 'should-not-leak' }) })],
		);
		const error = result.error() as Error & { description?: string; httpCode?: string };
		expect(error.message).toContain('Fatture in Cloud rejected the request (422): Dati non validi');
		expect(error.description).toContain('name: Il campo nome è obbligatorio.');
		expect(error.description).toContain('entity.vat_number: Partita IVA non valida');
		expect(error.description).toContain('"code":"C1"');
		expect(error.description).not.toContain('should-not-leak');
		expect(error.httpCode).toBe('422');
	});
});

describe('401: refresh once, then "re-authorise the credential"', () => {
	test('a manual token that is refused fails asking to re-authorise', async () => {
		const { result, requests } = await run(() => ({ status: 401, body: { error: { message: 'Unauthenticated' } } }), [ficNode({ resource: 'user', operation: 'getInfo' })]);
		expect(result.error()?.message).toMatch(/re-authorise the credential/);
		// n8n itself re-authenticates once on 401 before giving up; nothing more is sent.
		expect(requests.length).toBeLessThanOrEqual(2);
	});

	test('OAuth2: an expired token is refreshed once and the call succeeds', async () => {
		const { result, requests } = await run(
			(req) => {
				if (req.path === '/oauth/token') return { status: 200, body: { access_token: 'new-access', refresh_token: 'refresh-2', token_type: 'Bearer', expires_in: 3600 } };
				return req.headers.authorization === 'Bearer new-access' ? ok({ user: { id: 7 } }) : { status: 401, body: { error: { message: 'expired' } } };
			},
			[ficNode({ authentication: 'oAuth2', resource: 'user', operation: 'getInfo' })],
		);
		expect(result.error()).toBeUndefined();
		expect(result.output('FIC')[0].json).toEqual({ user: { id: 7 } });
		expect(requests.map((r) => r.path)).toEqual(['/user/info', '/oauth/token', '/user/info']);
		expect(requests[1].body).toContain('grant_type=refresh_token');
		expect(result.credentials.updates.some((u) => (u.data.oauthTokenData as { access_token?: string })?.access_token === 'new-access')).toBe(true);
	});

	test('OAuth2: the second Fatture in Cloud node of the execution uses the refreshed token without refreshing again', async () => {
		const { result, requests } = await run(
			(req) => {
				if (req.path === '/oauth/token') return { status: 200, body: { access_token: 'new-access', refresh_token: 'refresh-2', token_type: 'Bearer', expires_in: 3600 } };
				return req.headers.authorization === 'Bearer new-access' ? ok({ user: { id: 7 } }) : { status: 401, body: { error: { message: 'expired' } } };
			},
			[ficNode({ authentication: 'oAuth2', resource: 'user', operation: 'getInfo' }, 'First'), ficNode({ authentication: 'oAuth2', resource: 'user', operation: 'getInfo' }, 'Second')],
		);
		expect(result.error()).toBeUndefined();
		expect(result.output('Second')[0].json).toEqual({ user: { id: 7 } });
		expect(requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
		expect(requests.map((r) => `${r.path} ${r.headers.authorization ?? ''}`)).toEqual([
			'/user/info Bearer old-access',
			'/oauth/token ',
			'/user/info Bearer new-access',
			'/user/info Bearer new-access',
		]);
	});

	test('OAuth2: still refused after the refresh, the node asks to re-authorise', async () => {
		const { result, requests } = await run(
			(req) => (req.path === '/oauth/token' ? { status: 200, body: { access_token: 'new-access', token_type: 'Bearer', expires_in: 3600 } } : { status: 401, body: { error: { message: 'revoked' } } }),
			[ficNode({ authentication: 'oAuth2', resource: 'user', operation: 'getInfo' })],
		);
		expect(result.error()?.message).toMatch(/re-authorise the credential/);
		expect(requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
	});
});

describe('403: the missing scope is named', () => {
	test('listing clients names entity.clients:r', async () => {
		const { result } = await run(() => ({ status: 403, body: { error: { message: 'Forbidden' } } }), [ficNode({ resource: 'client', operation: 'getAll', returnAll: true })]);
		expect(result.error()?.message).toContain('403');
		expect((result.error() as Error & { description?: string }).description).toContain('entity.clients:r');
	});

	test('creating an invoice names issued_documents.invoices:a', async () => {
		const { result } = await run(() => ({ status: 403, body: { error: { message: 'Forbidden' } } }), [
			ficNode({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: JSON.stringify({ type: 'invoice', entity: { id: 1 } }) }),
		]);
		expect((result.error() as Error & { description?: string }).description).toContain('issued_documents.invoices:a');
	});
});

describe('404: fail, or return nothing when asked', () => {
	test('a missing client fails naming the not-found resource', async () => {
		const { result } = await run(() => ({ status: 404, body: { error: { message: 'Not found' } } }), [ficNode({ resource: 'client', operation: 'get', clientId: '99' })]);
		expect(result.error()?.message).toContain('not found (404)');
	});

	test('with "Return Nothing If Not Found" the node outputs no item and does not fail', async () => {
		const { result } = await run(() => ({ status: 404, body: { error: { message: 'Not found' } } }), [
			ficNode({ resource: 'client', operation: 'get', clientId: '99', options: { ...FAST, returnNothingIfNotFound: true } }),
		]);
		expect(result.error()).toBeUndefined();
		expect(result.output('FIC')).toEqual([]);
	});
});

describe('429: exponential back-off honouring Retry-After', () => {
	test('two 429 answers then success: three requests, one result', async () => {
		const { result, requests } = await run((_req, index) => (index < 2 ? { status: 429, body: { error: { message: 'Too Many Requests' } }, headers: { 'Retry-After': '0' } } : ok({ user: { id: 1 } })), [
			ficNode({ resource: 'user', operation: 'getInfo' }),
		]);
		expect(result.error()).toBeUndefined();
		expect(requests).toHaveLength(3);
	});

	test('still rate limited after the configured attempts, it fails saying so', async () => {
		const { result, requests } = await run(() => ({ status: 429, body: {}, headers: { 'Retry-After': '0' } }), [
			ficNode({ resource: 'user', operation: 'getInfo', options: { ...FAST, maxAttempts: 3 } }),
		]);
		expect(requests).toHaveLength(3);
		expect(result.error()?.message).toContain('rate-limiting the requests (429) after 3 attempts');
	});
});

describe('5xx: three retries, then a failure the Error Trigger sees', () => {
	test('a server that keeps failing is tried 4 times in all', async () => {
		const { result, requests } = await run(() => ({ status: 503, body: { error: { message: 'Service Unavailable' } } }), [ficNode({ resource: 'user', operation: 'getInfo' })]);
		expect(requests).toHaveLength(4);
		expect(result.error()?.message).toContain('server error (503) after 4 attempts');
	});

	test('a server that recovers on the second retry gives the result', async () => {
		const { result, requests } = await run((_req, index) => (index < 2 ? { status: 502, body: 'Bad Gateway' } : ok({ user: { id: 1 } })), [ficNode({ resource: 'user', operation: 'getInfo' })]);
		expect(result.error()).toBeUndefined();
		expect(requests).toHaveLength(3);
	});
});

describe('continue on fail keeps items paired', () => {
	test('the failed item becomes an error item paired with its input, the others go on', async () => {
		const { result } = await run(
			(req) => (req.path.endsWith('/entities/clients/2') ? { status: 404, body: { error: { message: 'Not found' } } } : ok({ id: Number(req.path.split('/').pop()), name: 'ok' })),
			[ficNode({ resource: 'client', operation: 'get', clientId: '={{ $json.id }}' }, 'FIC', { continueOnFail: true })],
			[{ json: { id: 1 } }, { json: { id: 2 } }, { json: { id: 3 } }],
		);
		const output = result.output('FIC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json.error).toContain('not found (404)');
		expect(output[2].json).toEqual({ id: 3, name: 'ok' });
	});
});

describe('response metadata', () => {
	test('"Include Response Metadata" adds status, latency, attempts and the RateLimit headers', async () => {
		const { result } = await run(() => ({ status: 200, body: { data: { user: { id: 1 } } }, headers: { 'RateLimit-HourlyRemaining': '999', 'RateLimit-HourlyLimit': '1000' } }), [
			ficNode({ resource: 'user', operation: 'getInfo', options: { ...FAST, includeResponseMetadata: true } }),
		]);
		const meta = result.output('FIC')[0].json._response as Record<string, unknown>;
		expect(meta).toMatchObject({ status: 200, attempts: 1, rateLimit: { 'ratelimit-hourlyremaining': '999', 'ratelimit-hourlylimit': '1000' } });
		expect(typeof meta.latencyMs).toBe('number');
	});
});

describe('a create whose answer was lost is never made twice', () => {
	const body = { type: 'invoice', entity: { id: 4 }, date: '2026-01-10', items_list: [{ name: 'Consulenza', qty: 1, net_price: 100 }] };

	test('the connection drops after the server created the invoice: the node finds it instead of sending again', async () => {
		const stored: Record<string, unknown>[] = [];
		const { result, requests } = await run(
			(req) => {
				if (req.method === 'POST') {
					stored.push({ id: 500 + stored.length, number: 1, ...(JSON.parse(req.body) as { data: Record<string, unknown> }).data });
					return { reset: true };
				}
				return { status: 200, body: { data: stored, current_page: 1, last_page: 1 } };
			},
			[ficNode({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: JSON.stringify(body) })],
		);
		expect(result.error()).toBeUndefined();
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(stored).toHaveLength(1);
		expect(result.output('FIC')[0].json).toMatchObject({ id: 500, type: 'invoice' });
		const lookup = requests.find((r) => r.method === 'GET')!;
		expect(lookup.query.get('type')).toBe('invoice');
		expect(lookup.query.get('sort')).toBe('-id');
	});

	test('the connection drops before the server created anything: the node sends once more and one invoice exists', async () => {
		const stored: Record<string, unknown>[] = [];
		let posts = 0;
		const { result } = await run(
			(req) => {
				if (req.method === 'POST') {
					posts++;
					if (posts === 1) return { reset: true };
					const created = { id: 600, ...(JSON.parse(req.body) as { data: Record<string, unknown> }).data };
					stored.push(created);
					return ok(created);
				}
				return { status: 200, body: { data: stored, current_page: 1, last_page: 1 } };
			},
			[ficNode({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: JSON.stringify(body) })],
		);
		expect(result.error()).toBeUndefined();
		expect(stored).toHaveLength(1);
		expect(result.output('FIC')[0].json).toMatchObject({ id: 600 });
	});

	test('a write with no way to look it up (an e-mail) answered 503 is never sent again: the error says it may have been sent', async () => {
		const { result, requests } = await run(() => ({ status: 503, body: { error: { message: 'Service Unavailable' } } }), [
			ficNode({ resource: 'issuedDocument', operation: 'scheduleEmail', documentId: '7', inputMode: 'json', jsonData: JSON.stringify({ sender_email: 'a@example.com', recipient_email: 'b@example.com', subject: 'Fattura', body: 'Ciao' }) }),
		]);
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(result.error()?.message).toMatch(/may have been sent: check Fatture in Cloud for the result of POST \S+\/issued_documents\/7\/email/);
	});

	test('a create answered 500 is looked up before anything else: found, it is the result and nothing is sent twice', async () => {
		const stored: Record<string, unknown>[] = [];
		const { result, requests } = await run(
			(req) => {
				if (req.method === 'POST') {
					stored.push({ id: 700 + stored.length, ...(JSON.parse(req.body) as { data: Record<string, unknown> }).data });
					return { status: 500, body: { error: { message: 'Internal Server Error' } } };
				}
				return { status: 200, body: { data: [...stored].reverse(), current_page: 1, last_page: 1 } };
			},
			[ficNode({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: JSON.stringify(body) })],
		);
		expect(result.error()).toBeUndefined();
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(result.output('FIC')[0].json).toMatchObject({ id: 700 });
	});

	test('an idempotent read is simply retried after a reset', async () => {
		const { result, requests } = await run((_req, index) => (index === 0 ? { reset: true } : ok({ user: { id: 1 } })), [ficNode({ resource: 'user', operation: 'getInfo' })]);
		expect(result.error()).toBeUndefined();
		expect(requests).toHaveLength(2);
	});
});

describe('every call is logged', () => {
	test('method, URL, status, latency and attempt are logged, never the token', async () => {
		capturedLogs.length = 0;
		await run((_req, index) => (index === 0 ? { status: 429, body: {}, headers: { 'Retry-After': '0' } } : ok({ user: { id: 1 } })), [ficNode({ resource: 'user', operation: 'getInfo' })]);
		const lines = capturedLogs.filter((l) => l.message.startsWith('[Fatture in Cloud] GET'));
		expect(lines.map((l) => l.message.replace(/\d+ ms/, 'N ms').replace(/127\.0\.0\.1:\d+/, 'host'))).toEqual([
			'[Fatture in Cloud] GET http://host/user/info -> 429 in N ms (attempt 1)',
			'[Fatture in Cloud] GET http://host/user/info -> 200 in N ms (attempt 2)',
		]);
		expect(lines[1].meta).toMatchObject({ method: 'GET', status: 200, attempt: 2 });
		expect(JSON.stringify(capturedLogs)).not.toContain('manual-token-1');
	});
});
