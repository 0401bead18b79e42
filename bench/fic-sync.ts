/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/* eslint-disable no-console */
/**
 * `npm run bench:fic`: a 10,000-document sync (list every issued invoice) against the loopback
 * emulator, done by our node run through n8n-core and by the official TypeScript SDK in the same
 * run. Each contender runs in its own child process so peak memory is its own. Prints requests
 * made against the lower bound ceil(N/100), items per second, peak RSS and heap, and ratios.
 * No assertion: a benchmark prints figures.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as path from 'node:path';
import { printSummary } from './summary';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 10_000);

interface ContenderResult {
	contender: string;
	items: number;
	ms: number;
	peakRssMb: number;
	peakHeapMb: number;
}

function sampler() {
	let peakRss = process.memoryUsage().rss;
	let peakHeap = process.memoryUsage().heapUsed;
	const timer = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	}, 5);
	return () => {
		clearInterval(timer);
		const usage = process.memoryUsage();
		return { peakRssMb: Math.max(peakRss, usage.rss) / 1e6, peakHeapMb: Math.max(peakHeap, usage.heapUsed) / 1e6 };
	};
}

async function runNode(url: string, token: string, companyId: number): Promise<ContenderResult> {
	const { chain, runWorkflow, loadPackage } = await import('../test/harness/n8n');
	await loadPackage();
	const stop = sampler();
	const started = performance.now();
	const result = await runWorkflow(
		chain({
			name: 'FIC',
			type: 'fattureInCloud',
			parameters: {
				authentication: 'accessToken',
				resource: 'issuedDocument',
				operation: 'getAll',
				companyId: String(companyId),
				type: 'invoice',
				returnAll: true,
				options: {},
			},
			credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
		}),
		{ fattureInCloudApi: { accessToken: token, baseUrl: url } },
	);
	const items = result.output('FIC').length;
	const ms = performance.now() - started;
	return { contender: 'n8n-nodes-gestionali-italiani (node via n8n-core)', items, ms, ...stop() };
}

async function runSdk(url: string, token: string, companyId: number): Promise<ContenderResult> {
	const { Configuration, IssuedDocumentsApi } = await import('@fattureincloud/fattureincloud-ts-sdk');
	const api = new IssuedDocumentsApi(new Configuration({ accessToken: token, basePath: url }));
	const stop = sampler();
	const started = performance.now();
	const all: unknown[] = [];
	for (let page = 1; ; page++) {
		const response = await api.listIssuedDocuments(companyId, 'invoice', undefined, undefined, undefined, page, 100);
		const body = response.data;
		all.push(...(body.data ?? []));
		if (!body.data?.length || (body.current_page ?? page) >= (body.last_page ?? page)) break;
	}
	const ms = performance.now() - started;
	return { contender: '@fattureincloud/fattureincloud-ts-sdk (official SDK)', items: all.length, ms, ...stop() };
}

async function child(): Promise<void> {
	const [, , , contender, url, token, companyId] = process.argv;
	const run = contender === 'node' ? runNode : runSdk;
	const result = await run(url, token, Number(companyId));
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
	process.exit(0);
}

async function main(): Promise<void> {
	const { startFicEmulator } = await import('../test/emulators/fattureincloud');
	const emulator = await startFicEmulator({ seed: { issuedDocuments: DOCUMENTS } });
	const lowerBound = Math.ceil(DOCUMENTS / 100);
	const rows: Array<ContenderResult & { requests: number }> = [];
	try {
		for (const contender of ['node', 'sdk']) {
			const before = emulator.requests.length;
			// asynchronously: the emulator lives in this process and must keep answering
			const { stdout: output } = await promisify(execFile)(
				process.execPath,
				['-r', 'ts-node/register/transpile-only', __filename, '--child', contender, emulator.url, emulator.manualToken, String(emulator.companyId)],
				{ cwd: path.resolve(__dirname, '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' } },
			);
			const line = output.split('\n').find((l) => l.startsWith('RESULT '));
			if (!line) throw new Error(`${contender} printed no result:\n${output}`);
			const result = JSON.parse(line.slice(7)) as ContenderResult;
			const requests = emulator.requests.slice(before).filter((r) => r.method === 'GET' && r.path.includes('/issued_documents')).length;
			rows.push({ ...result, requests });
		}
	} finally {
		await emulator.close();
	}
	console.log(`\nFatture in Cloud sync of ${DOCUMENTS} issued documents (emulator on loopback, 2-core machine)`);
	console.log(`lower bound of list requests: ceil(${DOCUMENTS}/100) = ${lowerBound}\n`);
	for (const row of rows) {
		console.log(
			`${row.contender}\n  items ${row.items}, requests ${row.requests} (${(row.requests / lowerBound).toFixed(2)}x lower bound), ` +
				`${(row.items / (row.ms / 1000)).toFixed(0)} items/s (${row.ms.toFixed(0)} ms), peak RSS ${row.peakRssMb.toFixed(1)} MB, peak heap ${row.peakHeapMb.toFixed(1)} MB`,
		);
	}
	const [ours, sdk] = rows;
	console.log(
		`\nratio ours/sdk: throughput ${((ours.items / ours.ms) / (sdk.items / sdk.ms)).toFixed(2)}x, ` +
			`requests ${(ours.requests / sdk.requests).toFixed(2)}x, peak RSS ${(ours.peakRssMb / sdk.peakRssMb).toFixed(2)}x`,
	);
	console.log('(the node figure includes n8n-core running the workflow and building n8n items; the SDK only fetches)');
	const throughput = (ours.items / ours.ms) / (sdk.items / sdk.ms);
	const rss = ours.peakRssMb / sdk.peakRssMb;
	printSummary({ measure: `FIC sync of ${DOCUMENTS} documents, items/s`, ours: `${(ours.items / (ours.ms / 1000)).toFixed(0)} items/s`, peer: `official SDK ${(sdk.items / (sdk.ms / 1000)).toFixed(0)} items/s`, ratio: throughput, target: '>= 1.0x', met: throughput >= 1 });
	printSummary({ measure: 'FIC sync peak RSS (lower is better)', ours: `${ours.peakRssMb.toFixed(0)} MB`, peer: `official SDK ${sdk.peakRssMb.toFixed(0)} MB`, ratio: rss, target: '<= 1.2x', met: rss <= 1.2 });
	printSummary({ measure: 'FIC sync list requests', ours: `${ours.requests}`, peer: `lower bound ${lowerBound}`, ratio: ours.requests / lowerBound, target: '= 1.0x', met: ours.requests === lowerBound });
}

if (process.argv[2] === '--child') {
	void child();
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
