/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Fatture in Cloud Trigger (instant): subscription lifecycle against the emulator, the
 * verification handshake, ES256 JWT checks on every delivery, redeliveries dropped, enrichment.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { triggerHarness, type TriggerHarness } from '../harness/triggers';

const EVENT = 'it.fattureincloud.webhooks.entities.clients.create';

let emulator: FicEmulator;
let trigger: TriggerHarness;

beforeEach(async () => {
	emulator = await startFicEmulator({ seed: 'demo' });
	trigger = await triggerHarness(
		{
			name: 'FIC Trigger',
			type: 'fattureInCloudTrigger',
			parameters: { authentication: 'accessToken', companyId: String(emulator.companyId), events: [EVENT], enrich: true, options: { publicKey: emulator.webhookPublicKey } } as never,
			credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
		},
		{ fattureInCloudApi: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
	);
});
afterEach(async () => emulator.close());

function delivery(overrides: { ceId?: string; ids?: number[]; jwtClaims?: Record<string, unknown>; jwt?: string } = {}) {
	const ceId = overrides.ceId ?? `1:${Math.random().toString(16).slice(2)}`;
	const jwt = overrides.jwt ?? emulator.signWebhookJwt({ sub: `company:${emulator.companyId}`, aud: [trigger.webhookUrl()], jti: ceId, ...overrides.jwtClaims });
	return {
		headers: {
			authorization: `Bearer ${jwt}`,
			'ce-id': ceId,
			'ce-type': EVENT,
			'ce-subject': `company:${emulator.companyId}`,
			'ce-time': '2026-11-24T10:00:00Z',
			'ce-source': emulator.url,
			'ce-specversion': '1.0',
		},
		body: { data: { ids: overrides.ids ?? [emulator.rows('entities/clients')[0].id] } },
	};
}

const nodeState = () => trigger.staticData['node:FIC Trigger'] as Record<string, unknown>;

describe('subscription lifecycle', () => {
	test('activation subscribes the production URL to the chosen events; deactivation deletes it', async () => {
		expect(await trigger.checkExists()).toBe(false);
		expect(await trigger.activate()).toBe(true);
		const [subscription] = emulator.rows('subscriptions');
		expect(subscription).toMatchObject({ sink: trigger.webhookUrl(), types: [EVENT], config: { mapping: 'binary' } });
		expect(nodeState().subscriptionId).toBe(subscription.id);
		expect(await trigger.checkExists()).toBe(true);
		expect(await trigger.deactivate()).toBe(true);
		expect(emulator.rows('subscriptions')).toEqual([]);
		expect(nodeState().subscriptionId).toBeUndefined();
	});

	test('a subscription deleted on the Fatture in Cloud side is recreated on the next activation', async () => {
		await trigger.activate();
		emulator.rows('subscriptions').length = 0;
		expect(await trigger.checkExists()).toBe(false);
		await trigger.activate();
		expect(emulator.rows('subscriptions')).toHaveLength(1);
	});

	test('deactivating when the subscription is already gone does not fail', async () => {
		await trigger.activate();
		emulator.rows('subscriptions').length = 0;
		await expect(trigger.deactivate()).resolves.toBe(true);
	});
});

describe('verification handshake', () => {
	test('the challenge in the header is echoed as {"verification": ...} without starting the workflow', async () => {
		const jwt = emulator.signWebhookJwt({ aud: [trigger.webhookUrl()], jti: 'v1' });
		const { result, response } = await trigger.deliver({ name: 'setup', method: 'GET', headers: { 'x-fic-verification-challenge': 'abc123', authorization: `Bearer ${jwt}` } });
		expect(response).toMatchObject({ statusCode: 200, body: { verification: 'abc123' } });
		expect(result.workflowData).toBeUndefined();
	});

	test('the challenge in the query string works too', async () => {
		const jwt = emulator.signWebhookJwt({ aud: [trigger.webhookUrl()], jti: 'v2' });
		const { response } = await trigger.deliver({ name: 'setup', method: 'GET', query: { 'x-fic-verification-challenge': 'q-777' }, headers: { authorization: `Bearer ${jwt}` } });
		expect(response.body).toEqual({ verification: 'q-777' });
	});

	test('a handshake without a valid JWT is refused', async () => {
		const { response } = await trigger.deliver({ name: 'setup', method: 'GET', headers: { 'x-fic-verification-challenge': 'abc' } });
		expect(response.statusCode).toBe(401);
	});
});

describe('deliveries', () => {
	test('a signed event starts the workflow with the client fetched by id', async () => {
		const client = emulator.rows('entities/clients')[0];
		const { result, response } = await trigger.deliver(delivery({ ids: [client.id] }));
		expect(response.ended).toBe(false);
		const items = result.workflowData![0];
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ eventType: EVENT, companyId: emulator.companyId, id: client.id, resource: { id: client.id, name: client.name } });
	});

	test('without enrichment the ids are emitted as they came', async () => {
		trigger.node.parameters.enrich = false;
		const { result } = await trigger.deliver(delivery({ ids: [7, 8] }));
		expect(result.workflowData![0].map((i) => i.json.id)).toEqual([7, 8]);
	});

	test('the same ce-id delivered twice starts the workflow once', async () => {
		const first = await trigger.deliver(delivery({ ceId: 'dup-1' }));
		const second = await trigger.deliver(delivery({ ceId: 'dup-1' }));
		expect(first.result.workflowData).toBeDefined();
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response).toMatchObject({ statusCode: 200, body: { duplicate: true } });
	});

	test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a first delivery with ce-id %s starts the workflow; its redelivery does not', async (ceId) => {
		const first = await trigger.deliver(delivery({ ceId }));
		expect(first.result.workflowData).toBeDefined();
		const again = await trigger.deliver(delivery({ ceId }));
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response.body).toEqual({ duplicate: true });
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	});

	test('the seen ce-ids persist in static data as [id, ms] entries, never as object keys', async () => {
		await trigger.deliver(delivery({ ceId: '__proto__' }));
		const seen = nodeState().seen as unknown[];
		expect(Array.isArray(seen)).toBe(true);
		expect(seen).toEqual([['__proto__', expect.any(Number)]]);
	});

	test('a structured-mode CloudEvent is read from the body', async () => {
		const ceId = 'structured-1';
		const jwt = emulator.signWebhookJwt({ aud: [trigger.webhookUrl()], jti: ceId });
		const { result } = await trigger.deliver({
			headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/cloudevents+json' },
			body: { specversion: '1.0', id: ceId, type: EVENT, subject: `company:${emulator.companyId}`, source: emulator.url, data: { ids: [emulator.rows('entities/clients')[1].id] } },
		});
		expect(result.workflowData![0][0].json).toMatchObject({ eventId: ceId, resource: { id: emulator.rows('entities/clients')[1].id } });
	});

	const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const forged = (claims: Record<string, unknown>, alg = 'ES256') => {
		const head = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
		const body = Buffer.from(JSON.stringify({ iss: emulator.url, exp: Math.floor(Date.now() / 1000) + 600, ...claims })).toString('base64url');
		const signature = alg === 'none' ? '' : sign('sha256', Buffer.from(`${head}.${body}`), { key: other.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
		return `${head}.${body}.${signature}`;
	};

	test.each([
		[
			'a bad signature',
			() => {
				// flip a character inside the signature (the last one carries unused padding bits)
				const [h, p, sig] = emulator.signWebhookJwt({ aud: [trigger.webhookUrl()], jti: 'x' }).split('.');
				return delivery({ jwt: `${h}.${p}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`, ceId: 'x' });
			},
		],
		['a wrong audience', () => delivery({ jwtClaims: { aud: ['https://someone-else.example.com/webhook'] } })],
		['an expired token', () => delivery({ jwtClaims: { exp: Math.floor(Date.now() / 1000) - 3600 } })],
		['alg none', () => delivery({ ceId: 'n1', jwt: forged({ aud: [trigger.webhookUrl()], jti: 'n1' }, 'none') })],
		['another key', () => delivery({ ceId: 'k1', jwt: forged({ aud: [trigger.webhookUrl()], jti: 'k1' }) })],
		['a jti that is not the ce-id', () => delivery({ jwtClaims: { jti: 'something-else' } })],
		['no token at all', () => ({ ...delivery(), headers: { ...delivery().headers, authorization: '' } })],
	])('%s is refused with 401 and never starts the workflow', async (_name, make) => {
		const { result, response } = await trigger.deliver(make());
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(JSON.stringify(response.body)).not.toContain('BEGIN');
	});
});
