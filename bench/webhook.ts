/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/* eslint-disable no-console */
/**
 * `npm run bench:webhook`: signed requests per second and p50/p99 latency through a real n8n
 * 2.41.1 for the Signed Webhook trigger (HMAC-SHA256 verified over the raw body) beside n8n's
 * own Webhook node (no verification) on the same instance, in the same run, as a ratio.
 * The per-IP rate limit is switched off for the run (all load comes from 127.0.0.1).
 */
import * as http from 'node:http';

import { signedHeaders } from '../lib/webhook/signature';
import { startN8n } from '../test/e2e/n8n';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECRET = 'bench-signing-secret-not-a-secret';

function workflow(id: string, name: string, node: Record<string, unknown>) {
	return { id, name, nodes: [{ id: `${id}-n`, position: [0, 0], typeVersion: 1, webhookId: `${id}-hook`, ...node }], connections: {}, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' } };
}

async function load(url: string, body: Buffer, headers: Record<string, string>) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	const latencies: number[] = [];
	let failures = 0;
	let next = 0;
	const one = () =>
		new Promise<void>((resolve) => {
			const started = process.hrtime.bigint();
			const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers } }, (res) => {
				res.resume();
				res.on('end', () => {
					if (res.statusCode !== 200) failures++;
					latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
					resolve();
				});
			});
			req.on('error', () => {
				failures++;
				resolve();
			});
			req.end(body);
		});
	const worker = async () => {
		while (next < REQUESTS) {
			next++;
			await one();
		}
	};
	// warm-up
	for (let i = 0; i < 50; i++) await one();
	latencies.length = 0;
	failures = 0;
	next = 0;
	const started = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const seconds = (performance.now() - started) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
	return { rps: REQUESTS / seconds, p50: pct(50), p99: pct(99), failures };
}

async function main() {
	const n8n = await startN8n({
		credentials: [{ id: 'benchSigningSec1', name: 'Bench secret', type: 'signedWebhookApi', data: { secret: SECRET } }],
		workflows: [
			workflow('benchSignedHook1', 'Bench: Signed Webhook', {
				name: 'Signed',
				type: 'n8n-nodes-gestionali-italiani.signedWebhookTrigger',
				parameters: { path: 'bench-signed', format: 'hex', header: 'x-signature', algorithm: 'sha256', options: { rateLimit: 0 } },
				credentials: { signedWebhookApi: { id: 'benchSigningSec1', name: 'Bench secret' } },
			}),
			workflow('benchPlainHook01', 'Bench: n8n Webhook', {
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: { httpMethod: 'POST', path: 'bench-plain', responseMode: 'onReceived', options: {} },
			}),
		],
		publish: ['benchSignedHook1', 'benchPlainHook01'],
	});
	try {
		const body = Buffer.from(JSON.stringify({ order: 'A-1001', status: 'paid', amount: 122.5, customer: { name: 'Rossi Impianti Srl', vat_number: '01234567890' } }));
		const signed = await load(`${n8n.url}/webhook/bench-signed`, body, signedHeaders(body, { format: 'hex', secret: SECRET, header: 'x-signature' }));
		const plain = await load(`${n8n.url}/webhook/bench-plain`, body, {});
		console.log(`\nWebhook throughput through a real n8n 2.41.1 (${REQUESTS} POSTs, concurrency ${CONCURRENCY}, loopback, 2-core machine)`);
		console.log(`Signed Webhook trigger (HMAC-SHA256 verified): ${signed.rps.toFixed(0)} req/s, p50 ${signed.p50.toFixed(1)} ms, p99 ${signed.p99.toFixed(1)} ms, non-200 ${signed.failures}`);
		console.log(`n8n Webhook node (no verification):           ${plain.rps.toFixed(0)} req/s, p50 ${plain.p50.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms, non-200 ${plain.failures}`);
		console.log(`ratio signed/plain: throughput ${(signed.rps / plain.rps).toFixed(2)}x, p50 ${(signed.p50 / plain.p50).toFixed(2)}x, p99 ${(signed.p99 / plain.p99).toFixed(2)}x`);
	} finally {
		await n8n.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
