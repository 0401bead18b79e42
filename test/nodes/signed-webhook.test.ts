/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Signed Webhook trigger through n8n-core's WebhookContext: forged, tampered, replayed, stale
 * and oversized calls are refused and never start the workflow; valid ones do.
 */
import type { IDataObject } from 'n8n-workflow';
import { resolveWebhookDescriptionField } from 'n8n-workflow';

import { signedHeaders } from '../../lib/webhook/signature';
import { SIGNED_WEBHOOK_FIELDS, SignedWebhookTrigger } from '../../nodes/SignedWebhook/SignedWebhookTrigger.node';
import { webhookDescriptionFields } from '../../nodes/shared/webhookDescription';
import { prepare } from '../harness/n8n';
import { triggerHarness } from '../harness/triggers';

const SECRET = 'a-shared-secret-of-at-least-16-chars';
const STANDARD_SECRET = 'whsec_' + Buffer.from('another-secret-for-standard-webhooks').toString('base64');
const body = Buffer.from('{"order":"A-1001","status":"paid","amount":122.00}');

async function trigger(parameters: IDataObject = {}, staticData: IDataObject = {}, secret = SECRET) {
	return await triggerHarness(
		{
			name: 'Signed',
			type: 'signedWebhookTrigger',
			parameters: { path: 'order-paid', format: 'hex', header: 'x-signature', algorithm: 'sha256', options: {}, ...parameters } as never,
			credentials: { signedWebhookApi: { id: '1', name: 's' } },
		},
		{ signedWebhookApi: { secret } },
		{ staticData },
	);
}

const json = { 'content-type': 'application/json' };
const hex = (raw: Buffer, secret = SECRET, algorithm: 'sha256' | 'sha1' | 'sha512' = 'sha256') => signedHeaders(raw, { format: 'hex', secret, header: 'x-signature', algorithm });
const now = () => Math.floor(Date.now() / 1000);

describe('accepted', () => {
	test('a correctly signed call starts the workflow with the body, headers (no signature) and the verification', async () => {
		const t = await trigger();
		const { result } = await t.deliver({ headers: { ...json, ...hex(body) }, rawBody: body });
		const item = result.workflowData![0][0].json as IDataObject;
		expect(item.body).toEqual({ order: 'A-1001', status: 'paid', amount: 122 });
		expect(item.headers).not.toHaveProperty('x-signature');
		expect(item.verified).toMatchObject({ format: 'hex' });
	});

	test.each(['base64', 'stripe', 'standard'] as const)('%s format', async (format) => {
		const secret = format === 'standard' ? STANDARD_SECRET : SECRET;
		const header = format === 'stripe' ? 'stripe-signature' : 'x-signature';
		const t = await trigger({ format, header }, {}, secret);
		const { result } = await t.deliver({ headers: { ...json, ...signedHeaders(body, { format, secret, header, id: 'msg_1' }) }, rawBody: body });
		expect(result.workflowData).toBeDefined();
	});
});

describe('refused, never starting the workflow', () => {
	const stripeOld = () => signedHeaders(body, { format: 'stripe', secret: SECRET, header: 'stripe-signature', now: now() - 3600 });
	const cases: Array<[string, IDataObject, () => { headers: Record<string, string>; rawBody: Buffer }, number]> = [
		['no signature header', {}, () => ({ headers: json, rawBody: body }), 401],
		['an empty signature', {}, () => ({ headers: { ...json, 'x-signature': '' }, rawBody: body }), 401],
		['a signature with another secret', {}, () => ({ headers: { ...json, ...hex(body, 'another-secret-entirely!!') }, rawBody: body }), 401],
		['a whitespace-only body change', {}, () => ({ headers: { ...json, ...hex(body) }, rawBody: Buffer.from('{"order": "A-1001","status":"paid","amount":122.00}') }), 401],
		['a trailing newline added', {}, () => ({ headers: { ...json, ...hex(body) }, rawBody: Buffer.concat([body, Buffer.from('\n')]) }), 401],
		['the amount changed', {}, () => ({ headers: { ...json, ...hex(body) }, rawBody: Buffer.from(body.toString().replace('122.00', '1.00')) }), 401],
		['a truncated signature', {}, () => ({ headers: { ...json, 'x-signature': hex(body)['x-signature'].slice(0, 40) }, rawBody: body }), 401],
		['a non-hex signature', {}, () => ({ headers: { ...json, 'x-signature': 'sha256=zzzz' }, rawBody: body }), 401],
		['the signature of an empty body', {}, () => ({ headers: { ...json, ...hex(Buffer.alloc(0)) }, rawBody: body }), 401],
		['an SHA-1 signature when SHA-256 is configured', {}, () => ({ headers: { ...json, ...hex(body, SECRET, 'sha1') }, rawBody: body }), 401],
		['the signature in another header', {}, () => ({ headers: { ...json, 'x-hub-signature-256': hex(body)['x-signature'] }, rawBody: body }), 401],
		['a stale Stripe timestamp', { format: 'stripe', header: 'stripe-signature' }, () => ({ headers: { ...json, ...stripeOld() }, rawBody: body }), 401],
		['a Stripe timestamp from the future', { format: 'stripe', header: 'stripe-signature' }, () => ({ headers: { ...json, ...signedHeaders(body, { format: 'stripe', secret: SECRET, header: 'stripe-signature', now: now() + 3600 }) }, rawBody: body }), 401],
		['a Stripe header without v1', { format: 'stripe', header: 'stripe-signature' }, () => ({ headers: { ...json, 'stripe-signature': `t=${now()}` }, rawBody: body }), 401],
		['a re-timestamped Stripe signature', { format: 'stripe', header: 'stripe-signature' }, () => {
			const old = stripeOld()['stripe-signature'];
			return { headers: { ...json, 'stripe-signature': old.replace(/t=\d+/, `t=${now()}`) }, rawBody: body };
		}, 401],
		['a Standard Webhooks call without webhook-id', { format: 'standard' }, () => {
			const { 'webhook-id': _id, ...rest } = signedHeaders(body, { format: 'standard', secret: SECRET, id: 'm1' });
			return { headers: { ...json, ...rest }, rawBody: body };
		}, 401],
		['a Standard Webhooks id swapped after signing', { format: 'standard' }, () => ({ headers: { ...json, ...signedHeaders(body, { format: 'standard', secret: SECRET, id: 'm1' }), 'webhook-id': 'm2' }, rawBody: body }), 401],
		['a body over the size cap', { options: { maxBodyKb: 1 } }, () => {
			const big = Buffer.from(JSON.stringify({ blob: 'x'.repeat(2048) }));
			return { headers: { ...json, ...hex(big) }, rawBody: big };
		}, 413],
		['a declared content-length over the cap', { options: { maxBodyKb: 1 } }, () => ({ headers: { ...json, ...hex(body), 'content-length': String(10 * 1024 * 1024) }, rawBody: body }), 413],
		['a payload failing the JSON schema', { options: { jsonSchema: JSON.stringify({ type: 'object', required: ['order', 'status'], properties: { status: { enum: ['paid', 'refunded'] } } }) } }, () => {
			const wrong = Buffer.from('{"order":"A-1","status":"pending"}');
			return { headers: { ...json, ...hex(wrong) }, rawBody: wrong };
		}, 400],
		['a signed but malformed JSON body', {}, () => {
			const broken = Buffer.from('{"order":');
			return { headers: { ...json, ...hex(broken) }, rawBody: broken };
		}, 400],
		['a body nested 10,000 levels deep', {}, () => {
			const deep = Buffer.from('{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}');
			return { headers: { ...json, ...hex(deep) }, rawBody: deep };
		}, 400],
		['a body of invalid UTF-8', {}, () => {
			const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]);
			return { headers: { ...json, ...hex(bad) }, rawBody: bad };
		}, 400],
		['an e-mail failing the schema format', { options: { jsonSchema: JSON.stringify({ type: 'object', properties: { email: { type: 'string', format: 'email' } } }) } }, () => {
			const wrong = Buffer.from('{"email":"not-an-address"}');
			return { headers: { ...json, ...hex(wrong) }, rawBody: wrong };
		}, 400],
		['a payload matching both branches of a oneOf', { options: { jsonSchema: JSON.stringify({ oneOf: [{ required: ['iban'] }, { required: ['card'] }] }) } }, () => {
			const wrong = Buffer.from('{"iban":"x","card":"y"}');
			return { headers: { ...json, ...hex(wrong) }, rawBody: wrong };
		}, 400],
		['any call while the schema uses a keyword the node does not enforce', { options: { jsonSchema: JSON.stringify({ type: 'object', requried: ['order'] }) } }, () => ({ headers: { ...json, ...hex(body) }, rawBody: body }), 500],
		['a delivery id longer than 200 characters', { options: { replayHeader: 'x-request-id' } }, () => ({ headers: { ...json, ...hex(body), 'x-request-id': 'x'.repeat(201) }, rawBody: body }), 400],
		["Respond 'Using Respond to Webhook Node' with no such node", { responseMode: 'responseNode' }, () => ({ headers: { ...json, ...hex(body) }, rawBody: body }), 500],
		['a missing replay id when one is required', { options: { replayHeader: 'x-request-id' } }, () => ({ headers: { ...json, ...hex(body) }, rawBody: body }), 400],
	];

	test.each(cases)('%s', async (_name, parameters, make, status) => {
		const t = await trigger(parameters);
		const { result, response } = await t.deliver(make());
		expect(response.statusCode).toBe(status);
		expect(result.workflowData).toBeUndefined();
		expect(JSON.stringify(response.body)).not.toContain(SECRET);
	});

	test(`at least 20 refusal cases are covered (${cases.length + 2})`, () => {
		expect(cases.length + 2).toBeGreaterThanOrEqual(20);
	});

	test('a replayed delivery id is refused the second time', async () => {
		const staticData: IDataObject = {};
		const t = await trigger({ options: { replayHeader: 'x-request-id' } }, staticData);
		const call = { headers: { ...json, ...hex(body), 'x-request-id': 'delivery-77' }, rawBody: body };
		expect((await t.deliver(call)).result.workflowData).toBeDefined();
		const again = await t.deliver(call);
		expect(again.response.statusCode).toBe(409);
		expect(again.result.workflowData).toBeUndefined();
	});

	test('a replayed Standard Webhooks message is refused by its webhook-id', async () => {
		const staticData: IDataObject = {};
		const t = await trigger({ format: 'standard' }, staticData, STANDARD_SECRET);
		const call = { headers: { ...json, ...signedHeaders(body, { format: 'standard', secret: STANDARD_SECRET, id: 'msg_9' }) }, rawBody: body };
		expect((await t.deliver(call)).result.workflowData).toBeDefined();
		expect((await t.deliver(call)).response.statusCode).toBe(409);
	});
});

describe('replay ids that are Object.prototype names', () => {
	test.each(['constructor', '__proto__', 'toString', 'valueOf'])('x-request-id %s is accepted the first time and refused the second', async (id) => {
		const staticData: IDataObject = {};
		const t = await trigger({ options: { replayHeader: 'x-request-id' } }, staticData);
		const call = { headers: { ...json, ...hex(body), 'x-request-id': id }, rawBody: body };
		const first = await t.deliver(call);
		expect(first.result.workflowData).toBeDefined();
		expect(first.result.webhookResponse).toEqual({ received: true, id });
		expect((await t.deliver(call)).response.statusCode).toBe(409);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
		expect((staticData['node:Signed'] as IDataObject).replay).toEqual([[id, expect.any(Number)]]);
	});

	test('replay ids persisted by the earlier object form are still honoured', async () => {
		const staticData: IDataObject = { 'node:Signed': { replay: JSON.parse(`{"seen":{"__proto__":${Date.now()}}}`) } };
		const t = await trigger({ options: { replayHeader: 'x-request-id' } }, staticData);
		expect((await t.deliver({ headers: { ...json, ...hex(body), 'x-request-id': '__proto__' }, rawBody: body })).response.statusCode).toBe(409);
	});

	test('a refused call does not use up its delivery id: the corrected call with the same id is accepted', async () => {
		const t = await trigger({ options: { replayHeader: 'x-request-id', jsonSchema: JSON.stringify({ type: 'object', required: ['order'] }) } });
		const wrong = Buffer.from('{"status":"paid"}');
		expect((await t.deliver({ headers: { ...json, ...hex(wrong), 'x-request-id': 'd-1' }, rawBody: wrong })).response.statusCode).toBe(400);
		expect((await t.deliver({ headers: { ...json, ...hex(body), 'x-request-id': 'd-1' }, rawBody: body })).result.workflowData).toBeDefined();
	});
});

describe('answer to a verified call', () => {
	test('the default answer is a small JSON acknowledgement with the delivery id (no longer the text "firstEntryJson")', async () => {
		const t = await trigger({ options: { replayHeader: 'x-request-id' } });
		const { result } = await t.deliver({ headers: { ...json, ...hex(body), 'x-request-id': 'delivery-5' }, rawBody: body });
		expect(result.webhookResponse).toEqual({ received: true, id: 'delivery-5' });
		const plain = await (await trigger()).deliver({ headers: { ...json, ...hex(body) }, rawBody: body });
		expect(plain.result.webhookResponse).toEqual({ received: true, id: null });
	});

	test('a Standard Webhooks call is acknowledged with its webhook-id', async () => {
		const t = await trigger({ format: 'standard' }, {}, STANDARD_SECRET);
		const { result } = await t.deliver({ headers: { ...json, ...signedHeaders(body, { format: 'standard', secret: STANDARD_SECRET, id: 'msg_42' }) }, rawBody: body });
		expect(result.webhookResponse).toEqual({ received: true, id: 'msg_42' });
	});

	// n8n reads responseMode, responseCode and responseData from the webhook description, evaluated
	// with the node's parameters; in "onReceived" mode a falsy responseData means "send the
	// webhookResponse the node returned" (n8n 2.41 extractWebhookOnReceivedResponse).
	async function described(parameters: IDataObject) {
		const { workflow } = await prepare(
			{
				nodes: [{ id: 'n1', name: 'Signed', type: 'signedWebhookTrigger', typeVersion: 1, position: [0, 0], parameters: { path: 'p', format: 'hex', ...parameters } as never }],
				connections: {},
			},
			{},
		);
		const node = workflow.getNode('Signed')!;
		const description = workflow.nodeTypes.getByNameAndVersion(node.type, 1).description.webhooks![0];
		const value = (field: string, fallback?: unknown) =>
			workflow.expression.getComplexParameterValue(node, (description as unknown as IDataObject)[field] as never, 'trigger', {}, undefined, fallback as never);
		return { mode: value('responseMode', 'onReceived'), code: value('responseCode', 200), data: value('responseData', 'firstEntryJson'), headers: value('responseHeaders'), property: value('responsePropertyName') };
	}

	test.each<[string, IDataObject, Record<string, unknown>]>([
		['defaults: immediately, 200, the acknowledgement', {}, { mode: 'onReceived', code: 200, data: '' }],
		['a custom response code', { responseCode: 202 }, { mode: 'onReceived', code: 202, data: '' }],
		['no response body', { options: { noResponseBody: true } }, { mode: 'onReceived', data: 'noData' }],
		['a custom response text', { options: { responseData: 'ok' } }, { mode: 'onReceived', data: 'ok' }],
		['when the last node finishes', { responseMode: 'lastNode' }, { mode: 'lastNode', data: 'firstEntryJson' }],
		['all entries of the last node', { responseMode: 'lastNode', responseData: 'allEntries' }, { mode: 'lastNode', data: 'allEntries' }],
		['a property of the last node', { responseMode: 'lastNode', options: { responsePropertyName: 'invoice' } }, { mode: 'lastNode', property: 'invoice' }],
		["using 'Respond to Webhook'", { responseMode: 'responseNode' }, { mode: 'responseNode', code: 200 }],
		['response headers', { options: { responseHeaders: { entries: [{ name: 'x-ack', value: '1' }] } } }, { headers: { entries: [{ name: 'x-ack', value: '1' }] } }],
	])('%s', async (_name, parameters, expected) => {
		expect(await described(parameters)).toMatchObject(expected);
	});
});

describe('per-IP rate limit', () => {
	test('an IP of __proto__ is limited like any other', async () => {
		const t = await trigger();
		const call = () => t.deliver({ headers: { ...json, ...hex(body) }, rawBody: body, ip: '__proto__' });
		for (let i = 0; i < 100; i++) expect((await call()).result.workflowData).toBeDefined();
		expect((await call()).response.statusCode).toBe(429);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	});

	test('the 101st request in a minute from one IP gets 429 with Retry-After; another IP is served', async () => {
		const staticData: IDataObject = {};
		const t = await trigger({}, staticData);
		const call = (ip: string) => t.deliver({ headers: { ...json, ...hex(body) }, rawBody: body, ip });
		for (let i = 0; i < 100; i++) expect((await call('203.0.113.7')).result.workflowData).toBeDefined();
		const refused = await call('203.0.113.7');
		expect(refused.response.statusCode).toBe(429);
		expect(Number(refused.response.headers['retry-after'])).toBeGreaterThan(0);
		expect(refused.result.workflowData).toBeUndefined();
		expect((await call('198.51.100.1')).result.workflowData).toBeDefined();
	});
});

describe('lifecycle', () => {
	test('activation starts fresh state; deactivation clears it', async () => {
		const staticData: IDataObject = {};
		const t = await trigger({ options: { replayHeader: 'x-request-id' } }, staticData);
		expect(await t.checkExists()).toBe(false);
		await t.activate();
		expect(await t.checkExists()).toBe(true);
		await t.deliver({ headers: { ...json, ...hex(body), 'x-request-id': 'r1' }, rawBody: body });
		await t.deactivate();
		expect(staticData['node:Signed']).toEqual({});
	});
});

// n8n resolves these description fields from the parameters without its expression engine when
// the parameters hold no expression (n8n-workflow resolveWebhookDescriptionField); the editor and
// a parameter written as an expression still go through the template. Both must give one answer.
describe('webhook description resolved without the expression engine', () => {
	const FIELDS = ['path', 'responseMode', 'responseCode', 'responseData', 'responseBinaryPropertyName', 'responseContentType', 'responsePropertyName', 'responseHeaders'];
	const cases: IDataObject[] = [
		{},
		{ responseCode: 202 },
		{ options: { noResponseBody: true } },
		{ options: { responseData: 'ok' } },
		{ responseMode: 'lastNode' },
		{ responseMode: 'lastNode', responseData: 'allEntries' },
		{ responseMode: 'lastNode', responseData: 'firstEntryBinary', responseBinaryPropertyName: 'pdf' },
		{ responseMode: 'lastNode', options: { responsePropertyName: 'invoice', responseContentType: 'application/xml' } },
		{ responseMode: 'responseNode' },
		{ options: { responseHeaders: { entries: [{ name: 'x-ack', value: '1' }] } } },
	];

	async function nodeOf(parameters: IDataObject, typeVersion = 1.1) {
		const { workflow } = await prepare(
			{ nodes: [{ id: 'n1', name: 'Signed', type: 'signedWebhookTrigger', typeVersion, position: [0, 0], parameters: { path: 'order-paid', format: 'hex', ...parameters } as never }], connections: {} },
			{},
		);
		const node = workflow.getNode('Signed')!;
		const description = workflow.nodeTypes.getByNameAndVersion(node.type, typeVersion).description.webhooks![0];
		const engine = (field: string) => workflow.expression.getComplexParameterValue(node, (description as unknown as IDataObject)[field] as never, 'trigger', {}, undefined, undefined);
		return { workflow, node, description, engine };
	}

	test.each(cases)('%j: every field natively, with the value the expression engine gives', async (parameters) => {
		const { node, description, engine } = await nodeOf(parameters);
		for (const field of FIELDS) {
			const native = resolveWebhookDescriptionField(node, description, field);
			expect({ field, resolved: native.resolved }).toEqual({ field, resolved: true });
			expect({ field, value: native.resolved ? native.value : undefined }).toEqual({ field, value: engine(field) });
		}
	});

	test('a parameter written as an expression falls back to the engine, which evaluates it', async () => {
		const { node, description, engine } = await nodeOf({ responseCode: '={{ 200 + 2 }}' });
		expect(resolveWebhookDescriptionField(node, description, 'responseCode').resolved).toBe(false);
		expect(engine('responseCode')).toBe(202);
	});

	test('on an n8n without the native helpers the templates are the same strings', () => {
		const templates = (fields: object) => Object.fromEntries(Object.entries(fields)); // string keys only, not n8n's resolver symbol
		expect(templates(webhookDescriptionFields(SIGNED_WEBHOOK_FIELDS, null))).toEqual(templates(webhookDescriptionFields(SIGNED_WEBHOOK_FIELDS)));
		expect(Object.getOwnPropertySymbols(webhookDescriptionFields(SIGNED_WEBHOOK_FIELDS, null))).toEqual([]);
	});

	test('version 1.1 (the default for new nodes) verifies and refuses as version 1 does', async () => {
		expect(new SignedWebhookTrigger().description.version).toEqual([1, 1.1]);
		for (const typeVersion of [1, 1.1]) {
			const t = await triggerHarness(
				{ name: 'Signed', type: 'signedWebhookTrigger', typeVersion, parameters: { path: 'p', format: 'hex', header: 'x-signature', algorithm: 'sha256', options: {} } as never, credentials: { signedWebhookApi: { id: '1', name: 's' } } },
				{ signedWebhookApi: { secret: SECRET } },
			);
			const octet = Buffer.from([0, 1, 2, 250]);
			const accepted = await t.deliver({ headers: { 'content-type': 'application/octet-stream', ...hex(octet) }, rawBody: octet });
			expect(accepted.result.workflowData).toBeDefined();
			const forged = await t.deliver({ headers: { ...json, ...hex(body, 'another-secret-entirely!!') }, rawBody: body });
			expect(forged.response.statusCode).toBe(401);
			expect(forged.result.workflowData).toBeUndefined();
		}
	});
});
