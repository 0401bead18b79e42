/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The package in n8n's queue mode: PostgreSQL 17, Redis, a main process, 2 workers and a webhook
 * processor, each with the package installed in its own ~/.n8n/nodes. The "order paid" example runs
 * as users deploy it there: signed deliveries reach the webhook processor, executions run on the
 * workers, and every accepted delivery is exactly one execution (counted in PostgreSQL) with one
 * client, one invoice and one e-mail; a refused delivery starts none.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { isValidPartitaIva } from '../../lib/italian';
import { signedHeaders } from '../../lib/webhook/signature';
import { arubaCredentialData, startArubaEmulator, type ArubaEmulator } from '../emulators/aruba';
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { REPO } from './n8n';
import { startQueueCluster, type QueueCluster } from './queue';
import { startSmtpSink, type SmtpSink } from './smtpSink';

const SIGNING_SECRET = 'queue-order-paid-signing-secret';
const ORDER_PAID = JSON.parse(fs.readFileSync(path.join(REPO, 'workflows', 'order-paid-to-einvoice.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const TOLERANCE_SECONDS = 20;

/** A Standard Webhooks signed webhook (id and timestamp in the signature) with a short tolerance, then nothing. */
const STAMPED = {
	id: 'giQueueStamped01',
	name: 'Queue: Standard Webhooks signed webhook',
	nodes: [
		{
			// the load test sends all its deliveries from one IP: the per-IP limit (default 100 a minute) is raised for it
			parameters: { path: 'stamped', format: 'standard', options: { toleranceSeconds: TOLERANCE_SECONDS, rateLimit: 10_000 } },
			id: 'q-stamped-trigger',
			name: 'Stamped',
			type: `${pkg.name}.signedWebhookTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '5f0b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b',
			credentials: { signedWebhookApi: { id: 'gi-demo-order-secret', name: 'Order paid signing secret' } },
		},
		{ parameters: {}, id: 'q-stamped-noop', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0] },
	],
	connections: { Stamped: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** A webhook that lists one received invoice at Aruba: each call is one Aruba search on some worker. */
const ARUBA_SEARCH = {
	id: 'giQueueArubaSrch',
	name: 'Queue: Aruba search per call',
	nodes: [
		{
			parameters: { httpMethod: 'POST', path: 'aruba-search', responseMode: 'onReceived', options: {} },
			id: 'q-aruba-hook',
			name: 'Hook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
		},
		{
			parameters: { resource: 'receivedInvoice', operation: 'getMany', apiVersion: 'v2', returnAll: false, limit: 1, filters: {} },
			id: 'q-aruba-search',
			name: 'Aruba',
			type: `${pkg.name}.arubaFatturazione`,
			typeVersion: 1,
			position: [200, 0],
			credentials: { arubaFatturazioneApi: { id: 'gi-queue-aruba', name: 'Aruba (queue emulator)' } },
		},
	],
	connections: { Hook: { main: [[{ node: 'Aruba', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let cluster: QueueCluster;
let aruba: ArubaEmulator;
let emulator: FicEmulator;
let smtp: SmtpSink;

beforeAll(async () => {
	emulator = await startFicEmulator({ seed: 'empty' });
	smtp = await startSmtpSink();
	aruba = await startArubaEmulator({ seed: 'demo' });
	cluster = await startQueueCluster({
		credentials: [
			{ id: 'gi-demo-fic-token', name: 'Fatture in Cloud (demo emulator)', type: 'fattureInCloudApi', data: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
			{ id: 'gi-demo-order-secret', name: 'Order paid signing secret', type: 'signedWebhookApi', data: { secret: SIGNING_SECRET } },
			{
				id: 'gi-queue-aruba',
				name: 'Aruba (queue emulator)',
				type: 'arubaFatturazioneApi',
				data: arubaCredentialData(aruba),
			},
			{ id: 'gi-demo-smtp', name: 'SMTP', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
		],
		workflows: [ORDER_PAID, STAMPED, ARUBA_SEARCH],
		publish: [ORDER_PAID.id, STAMPED.id, ARUBA_SEARCH.id],
		workers: 2,
		webhookProcessors: 2,
	});
	// a webhook processor answers /healthz before it has registered the published webhooks
	for (const processor of [0, 1]) {
		for (const webhookPath of ['order-paid', 'stamped', 'aruba-search']) {
			const deadline = Date.now() + 60_000;
			while ((await cluster.webhook(webhookPath, { data: '{}', headers: { 'content-type': 'application/json' }, processor })).status === 404 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}, 900_000);

afterAll(async () => {
	await cluster?.stop();
	await emulator?.close();
	await aruba?.close();
	await smtp?.close();
}, 120_000);

/** A partita IVA with a right check digit: 7 digits of n, office code 001 (Agenzia delle Entrate). */
function partitaIva(n: number): string {
	const base = String(1_000_000 + n).padStart(7, '0').slice(-7) + '001';
	for (let check = 0; check <= 9; check++) if (isValidPartitaIva(base + check)) return base + check;
	throw new Error(`no check digit for ${base}`);
}

function order(n: number) {
	return {
		order: `Q-${n}`,
		paid_at: '2026-11-20',
		payment_method: 'MP08',
		total: 366,
		customer: { name: `Cliente Coda ${n} Srl`, vat_number: partitaIva(n), tax_code: '', email: `cliente${n}@example.com`, pec: `cliente${n}@pec.example`, codice_destinatario: 'ABC1234', address: 'Via Roma 1', postal_code: '20100', city: 'Milano', province: 'MI', country: 'IT' },
		lines: [{ description: 'Consulenza automazione', qty: 2, unit_price: 150, vat_rate: 22 }],
	};
}

const signed = (body: Buffer, requestId: string) => ({ 'content-type': 'application/json', 'x-request-id': requestId, ...signedHeaders(body, { format: 'hex', secret: SIGNING_SECRET, header: 'x-signature' }) });

async function until<T>(what: string, read: () => T, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs / 1000} s (last: ${JSON.stringify(value).slice(0, 500)})`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

test('the main process registers every node of the package', async () => {
	const registered = await axios.get<Array<{ name: string }>>(`${cluster.main.url}/types/nodes.json`, { headers: { cookie: cluster.main.cookie } });
	const names = new Set(registered.data.map((n) => n.name));
	for (const entry of pkg.n8n.nodes as string[]) {
		const exported = require(path.join(REPO, entry)) as Record<string, new () => { description: { name: string } }>;
		for (const Type of Object.values(exported).filter((value) => typeof value === 'function')) expect(names).toContain(`${pkg.name}.${new Type().description.name}`);
	}
});

test('signed deliveries through the webhook processor run on the workers: one execution, one invoice and one e-mail each; a forged one starts nothing', async () => {
	const forgedBody = Buffer.from(JSON.stringify(order(0)));
	const forged = await cluster.webhook('order-paid', { data: forgedBody, headers: { 'content-type': 'application/json', 'x-request-id': 'q-forged', 'x-signature': 'sha256=' + '0'.repeat(64) } });
	expect(forged.status).toBe(401);

	const deliveries = 6;
	const answers = await Promise.all(
		Array.from({ length: deliveries }, async (_, i) => {
			const body = Buffer.from(JSON.stringify(order(i + 1)));
			return (await cluster.webhook('order-paid', { data: body, headers: signed(body, `q-order-${i + 1}`) })).status;
		}),
	);
	expect(answers).toEqual(Array(deliveries).fill(200));

	const executions = await until('6 finished executions in PostgreSQL', () => cluster.executions(ORDER_PAID.id), (rows) => rows.filter((r) => r.status !== 'running' && r.status !== 'new').length >= deliveries);
	const failed = executions.filter((e) => e.status !== 'success');
	expect(failed.map((e) => ({ id: e.id, status: e.status, errors: cluster.executionErrors(e.id) }))).toEqual([]);
	expect(executions.every((e) => e.mode === 'webhook')).toBe(true);
	await until('6 e-mails', () => smtp.messages.length, (n) => n >= deliveries, 60_000);
	expect(emulator.rows('issued_documents')).toHaveLength(deliveries);
	expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(deliveries);

	// the executions ran on the workers, not on main or the webhook processor
	const ranOnWorkers = executions.filter((e) => cluster.workers.some((w) => new RegExp(`execution[^\\n]*\\b${e.id}\\b`, 'i').test(w.logs())));
	expect(ranOnWorkers).toHaveLength(deliveries);
	for (const processor of cluster.webhookProcessors) expect(processor.logs()).not.toMatch(/Workflow execution finished successfully/i);
}, 300_000);

test('a repeated delivery to the same webhook processor is refused as a replay and starts no execution', async () => {
	const body = Buffer.from(JSON.stringify(order(1)));
	const before = cluster.executions(ORDER_PAID.id).length;
	const replay = await cluster.webhook('order-paid', { data: body, headers: signed(body, 'q-order-1') });
	expect(replay.status).toBe(409);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	expect(cluster.executions(ORDER_PAID.id)).toHaveLength(before);
	expect(emulator.rows('issued_documents')).toHaveLength(6);
}, 120_000);

test(`replays across webhook processors: a signed timestamp older than the tolerance (${TOLERANCE_SECONDS} s) is refused by every process; within it, the process that saw the delivery refuses it and another may not`, async () => {
	const body = Buffer.from(JSON.stringify({ event: 'payment.succeeded', id: 'evt_queue_1' }));
	const headers = { 'content-type': 'application/json', ...signedHeaders(body, { format: 'standard', secret: SIGNING_SECRET, id: 'msg_queue_1' }) };
	expect((await cluster.webhook('stamped', { data: body, headers, processor: 0 })).status).toBe(200);
	expect((await cluster.webhook('stamped', { data: body, headers, processor: 0 })).status).toBe(409);
	// what the README states: the replay cache is per process (n8n offers community nodes no store
	// that every process sees and that a webhook call may write), so the other processor takes it
	expect((await cluster.webhook('stamped', { data: body, headers, processor: 1 })).status).toBe(200);
	await until('2 executions', () => cluster.executions(STAMPED.id), (rows) => rows.filter((r) => r.status === 'success').length >= 2, 60_000);

	await new Promise((resolve) => setTimeout(resolve, (TOLERANCE_SECONDS + 2) * 1000));
	for (const processor of [0, 1]) expect((await cluster.webhook('stamped', { data: body, headers, processor })).status).toBe(401);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	expect(cluster.executions(STAMPED.id)).toHaveLength(2);
}, 180_000);

/** The q-th quantile of sorted values (nearest rank). */
function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

test('load through both webhook processors: every accepted signed delivery is exactly one execution in PostgreSQL, every forged one none; throughput, p50 and p99 printed', async () => {
	const accepted = 160;
	const forged = 40;
	const concurrency = 8;
	const before = cluster.executions(STAMPED.id).length;
	const jobs = Array.from({ length: accepted + forged }, (_, i) => i);
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	const started = Date.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			for (let i = next++; i < jobs.length; i = next++) {
				const body = Buffer.from(JSON.stringify({ event: 'payment.succeeded', id: `evt_load_${i}` }));
				const headers: Record<string, string> = { 'content-type': 'application/json', ...signedHeaders(body, { format: 'standard', secret: SIGNING_SECRET, id: `msg_load_${i}` }) };
				// every fifth delivery is forged: signed with another secret
				if (i % 5 === 4) Object.assign(headers, signedHeaders(body, { format: 'standard', secret: 'not-the-signing-secret', id: `msg_load_${i}` }));
				const t0 = Date.now();
				const answer = await cluster.webhook('stamped', { data: body, headers, processor: i % 2 });
				latencies.push(Date.now() - t0);
				statuses.set(i, answer.status);
			}
		}),
	);
	const elapsedS = (Date.now() - started) / 1000;
	const histogram: Record<number, number> = {};
	for (const status of statuses.values()) histogram[status] = (histogram[status] ?? 0) + 1;
	expect(histogram).toEqual({ 200: accepted, 401: forged });
	const ok = [...statuses.entries()].filter(([, status]) => status === 200).map(([i]) => i);
	const refused = [...statuses.entries()].filter(([, status]) => status === 401).map(([i]) => i);
	expect(ok).toHaveLength(accepted);
	expect(refused).toHaveLength(forged);
	expect(refused.every((i) => i % 5 === 4)).toBe(true);

	const rows = await until(`${accepted} more finished executions`, () => cluster.executions(STAMPED.id), (r) => r.filter((e) => e.status !== 'running' && e.status !== 'new').length >= before + accepted, 300_000);
	// a little longer, so a late extra execution would be counted too
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const after = cluster.executions(STAMPED.id);
	expect(after).toHaveLength(before + accepted);
	expect(rows.slice(before).every((e) => e.status === 'success')).toBe(true);
	// each accepted delivery's id is in exactly one execution's data
	const data = cluster.postgres.query(
		`SELECT d.data FROM execution_data d JOIN execution_entity e ON e.id = d."executionId" WHERE e."workflowId" = '${STAMPED.id}'`,
	);
	for (const i of ok) expect(data.split(`"evt_load_${i}"`).length - 1).toBe(1);
	for (const i of refused) expect(data).not.toContain(`"evt_load_${i}"`);

	const sorted = [...latencies].sort((a, b) => a - b);
	console.log(
		`[queue load] ${accepted + forged} deliveries (${forged} forged) at concurrency ${concurrency} over 2 webhook processors and 2 workers: ` +
			`${(jobs.length / elapsedS).toFixed(1)} req/s, p50 ${quantile(sorted, 0.5)} ms, p99 ${quantile(sorted, 0.99)} ms; ` +
			`executions in PostgreSQL: ${after.length - before} for ${accepted} accepted, 0 for ${forged} forged`,
	);
}, 600_000);

test('no secret of any credential in the logs of every process, the execution data and the static data saved in PostgreSQL', () => {
	const secrets = { 'signing secret': SIGNING_SECRET, 'FIC token': emulator.manualToken };
	const places: Record<string, string> = {
		'main log': cluster.main.logs(),
		...Object.fromEntries(cluster.workers.map((w) => [`${w.name} log`, w.logs()])),
		...Object.fromEntries(cluster.webhookProcessors.map((w) => [`${w.name} log`, w.logs()])),
		'execution data': cluster.postgres.query('SELECT data FROM execution_data'),
		'static data': cluster.postgres.query('SELECT "staticData" FROM workflow_entity'),
		'e-mails': smtp.messages.map((m) => JSON.stringify(m)).join('\n'),
	};
	expect(places['execution data'].length).toBeGreaterThan(1000);
	const hits: string[] = [];
	for (const [secretName, value] of Object.entries(secrets)) {
		expect(value.length).toBeGreaterThanOrEqual(16);
		for (const [place, text] of Object.entries(places)) if (text.includes(value)) hits.push(`${secretName} in ${place}`);
	}
	console.log(`[queue secrets] ${Object.keys(secrets).length} secrets searched in ${Object.keys(places).length} places (${Object.values(places).reduce((n, t) => n + t.length, 0)} characters): ${hits.length} hits`);
	expect(hits).toEqual([]);
});

test('Aruba across the workers: one sign-in for every execution (the token lives in the credential, in PostgreSQL), and more searches in a minute than Aruba allows all succeed, Aruba\'s 429 honoured', async () => {
	// the webhook-registration probe of beforeAll started an execution per processor: let them finish first
	const probes = await until('the probe executions to finish', () => cluster.executions(ARUBA_SEARCH.id), (r) => r.every((e) => e.status !== 'running' && e.status !== 'new'), 120_000);
	const before = probes.length;
	const signInsBefore = aruba.stats.signIns;
	const searchesBefore = aruba.stats.byBucket.search;
	// the first call alone: it signs in and stores the token in the credential
	expect((await cluster.webhook('aruba-search', { data: {}, processor: 0 })).status).toBe(200);
	await until('the first Aruba execution', () => cluster.executions(ARUBA_SEARCH.id).slice(before), (rows) => rows.some((r) => r.status !== 'running' && r.status !== 'new'), 120_000);
	// the probes signed in once (or this call did, if no probe ran)
	expect(aruba.stats.signIns).toBe(Math.max(1, signInsBefore));
	const signIns = aruba.stats.signIns;
	// then 13 more at once, spread over both webhook processors and so over both workers: 14 searches where Aruba allows 12 a minute
	const calls = 13;
	const answers = await Promise.all(Array.from({ length: calls }, async (_, i) => (await cluster.webhook('aruba-search', { data: {}, processor: i % 2 })).status));
	expect(answers).toEqual(Array(calls).fill(200));
	const rows = await until(`${calls + 1} finished Aruba executions`, () => cluster.executions(ARUBA_SEARCH.id).slice(before), (r) => r.filter((e) => e.status !== 'running' && e.status !== 'new').length >= calls + 1, 300_000);
	expect(rows).toHaveLength(calls + 1);
	expect(rows.filter((e) => e.status !== 'success').map((e) => ({ id: e.id, status: e.status, errors: cluster.executionErrors(e.id) }))).toEqual([]);
	expect(aruba.stats.signIns).toBe(signIns);
	expect(signIns).toBe(1);
	// every search was answered once: refused ones (429) were sent again after the wait, none was lost
	expect(aruba.stats.byBucket.search - searchesBefore).toBe(calls + 1);
	const onWorkers = cluster.workers.map((w) => rows.filter((e) => new RegExp(`execution[^\\n]*\\b${e.id}\\b`, 'i').test(w.logs())).length);
	console.log(`[queue aruba] ${calls + 1} executions (named in the logs of worker 1, 2: ${onWorkers.join(', ')}), sign-ins ${aruba.stats.signIns}, searches answered ${aruba.stats.byBucket.search - searchesBefore}, refused with 429 ${aruba.stats.limited.search}`);
	expect(onWorkers.filter((n) => n > 0).length).toBe(2);
}, 420_000);
