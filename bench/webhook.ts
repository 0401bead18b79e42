/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/* eslint-disable no-console */
/**
 * `npm run bench:webhook`: requests per second and p50/p99 latency through a real n8n 2.41.1 for
 * the Signed Webhook trigger (HMAC-SHA256 verified over the raw body) beside n8n's own Webhook
 * node on the same instance, in the same run: without authentication (the target peer) and with
 * Header Auth (a peer that also reads a credential on every call). All three workflows are set
 * up alike: respond immediately, no saved data for successful executions, static parameters.
 * The load alternates between the three in rounds, so a slower or busier moment of a shared
 * machine falls on all of them. The per-IP rate limit is switched off (all load is 127.0.0.1).
 * BENCH_EXPRESSION_ENGINE sets N8N_EXPRESSION_ENGINE of the n8n under test (findings: docs/webhook-performance.md).
 */
import * as http from 'node:http';
import { printSummary } from './summary';

import { signedHeaders } from '../lib/webhook/signature';
import { startN8n } from '../test/e2e/n8n';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const SECRET = 'bench-signing-secret-not-a-secret';
const HEADER_VALUE = 'bench-header-value-not-a-secret';

function workflow(id: string, name: string, node: Record<string, unknown>) {
	return { id, name, nodes: [{ id: `${id}-n`, position: [0, 0], typeVersion: 1, webhookId: `${id}-hook`, ...node }], connections: {}, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' } };
}

interface Target {
	label: string;
	url: string;
	headers: Record<string, string>;
	latencies: number[];
	seconds: number;
	requests: number;
	statuses: Map<number, number>;
}

/** `count` POSTs at `CONCURRENCY` in flight; latencies and statuses go into the target. */
async function load(target: Target, body: Buffer, count: number, record: boolean) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	let next = 0;
	const one = () =>
		new Promise<void>((resolve) => {
			const started = process.hrtime.bigint();
			const req = http.request(target.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...target.headers } }, (res) => {
				res.resume();
				res.on('end', () => {
					if (record) {
						target.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
						target.statuses.set(res.statusCode ?? 0, (target.statuses.get(res.statusCode ?? 0) ?? 0) + 1);
					}
					resolve();
				});
			});
			req.on('error', () => {
				if (record) target.statuses.set(0, (target.statuses.get(0) ?? 0) + 1);
				resolve();
			});
			req.end(body);
		});
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < count) {
				next++;
				await one();
			}
		}),
	);
	if (record) {
		target.seconds += (performance.now() - started) / 1000;
		target.requests += count;
	}
	agent.destroy();
}

function figures(target: Target) {
	const sorted = [...target.latencies].sort((a, b) => a - b);
	const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
	const non200 = [...target.statuses].filter(([status]) => status !== 200);
	return { rps: target.requests / target.seconds, p50: pct(50), p99: pct(99), non200: non200.reduce((n, [, count]) => n + count, 0), detail: non200.map(([s, n]) => `${s || 'error'}: ${n}`).join(', ') };
}

async function main() {
	// N8N_EXPRESSION_ENGINE of the n8n under test (default: n8n's own default, 'vm' in 2.41)
	const engine = process.env.BENCH_EXPRESSION_ENGINE;
	const n8n = await startN8n({
		env: engine ? { N8N_EXPRESSION_ENGINE: engine } : {},
		credentials: [
			{ id: 'benchSigningSec1', name: 'Bench secret', type: 'signedWebhookApi', data: { secret: SECRET } },
			{ id: 'benchHeaderAuth1', name: 'Bench header', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: HEADER_VALUE } },
		],
		workflows: [
			workflow('benchSignedHook1', 'Bench: Signed Webhook', {
				name: 'Signed',
				type: 'n8n-nodes-gestionali-italiani.signedWebhookTrigger',
				typeVersion: 1.1,
				parameters: { path: 'bench-signed', format: 'hex', header: 'x-signature', algorithm: 'sha256', responseMode: 'onReceived', options: { rateLimit: 0 } },
				credentials: { signedWebhookApi: { id: 'benchSigningSec1', name: 'Bench secret' } },
			}),
			workflow('benchPlainHook01', 'Bench: n8n Webhook', {
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: { httpMethod: 'POST', path: 'bench-plain', responseMode: 'onReceived', options: {} },
			}),
			workflow('benchHeaderHook1', 'Bench: n8n Webhook, Header Auth', {
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: { httpMethod: 'POST', path: 'bench-header', authentication: 'headerAuth', responseMode: 'onReceived', options: {} },
				credentials: { httpHeaderAuth: { id: 'benchHeaderAuth1', name: 'Bench header' } },
			}),
		],
		publish: ['benchSignedHook1', 'benchPlainHook01', 'benchHeaderHook1'],
	});
	try {
		const body = Buffer.from(JSON.stringify({ order: 'A-1001', status: 'paid', amount: 122.5, customer: { name: 'Rossi Impianti Srl', vat_number: '01234567890' } }));
		const target = (label: string, path: string, headers: Record<string, string>): Target => ({ label, url: `${n8n.url}/webhook/${path}`, headers, latencies: [], seconds: 0, requests: 0, statuses: new Map() });
		const signed = target('Signed Webhook trigger (HMAC-SHA256 verified)', 'bench-signed', signedHeaders(body, { format: 'hex', secret: SECRET, header: 'x-signature' }));
		const plain = target("n8n Webhook node, no authentication (peer)", 'bench-plain', {});
		const header = target('n8n Webhook node, Header Auth', 'bench-header', { 'x-api-key': HEADER_VALUE });
		const targets = [signed, plain, header];
		for (const t of targets) await load(t, body, 50, false); // warm-up
		const perRound = Math.ceil(REQUESTS / ROUNDS);
		for (let round = 0; round < ROUNDS; round++) {
			// rotate the order so none always runs first or last
			for (let i = 0; i < targets.length; i++) await load(targets[(i + round) % targets.length], body, perRound, true);
		}
		const f = new Map(targets.map((t) => [t, figures(t)]));
		console.log(`\nWebhook throughput through a real n8n 2.41.1 (${perRound * ROUNDS} POSTs each in ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}, expression engine ${engine ?? 'default'}, loopback, 2-core machine)`);
		for (const t of targets) {
			const x = f.get(t)!;
			console.log(`${t.label.padEnd(48)} ${x.rps.toFixed(1).padStart(6)} req/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, non-200 ${x.non200}${x.detail ? ` (${x.detail})` : ''}`);
		}
		const s = f.get(signed)!;
		for (const peer of [plain, header]) {
			const p = f.get(peer)!;
			console.log(`ratio signed / ${peer === plain ? 'no-auth Webhook' : 'Header Auth Webhook'}: throughput ${(s.rps / p.rps).toFixed(2)}x, p50 ${(s.p50 / p.p50).toFixed(2)}x, p99 ${(s.p99 / p.p99).toFixed(2)}x`);
		}
		const target99 = s.p99 <= f.get(plain)!.p99 * 1.1;
		const p = f.get(plain)!;
		const h = f.get(header)!;
		printSummary({ measure: `Signed Webhook req/s (engine ${engine ?? 'default'})`, ours: `${s.rps.toFixed(1)} req/s`, peer: `n8n Webhook no auth ${p.rps.toFixed(1)} req/s (Header Auth ${h.rps.toFixed(1)})`, ratio: s.rps / p.rps, target: '>= 0.95x', met: s.rps / p.rps >= 0.95 });
		printSummary({ measure: `Signed Webhook p99 (engine ${engine ?? 'default'}, lower is better)`, ours: `${s.p99.toFixed(0)} ms`, peer: `n8n Webhook no auth ${p.p99.toFixed(0)} ms (Header Auth ${h.p99.toFixed(0)})`, ratio: s.p99 / p.p99, target: '<= 1.1x', met: target99 });
		console.log(`target (throughput >= 0.95x and p99 within 10% of the no-auth Webhook): ${s.rps / f.get(plain)!.rps >= 0.95 && target99 ? 'met' : 'not met'}`);
	} finally {
		await n8n.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
