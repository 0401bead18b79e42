/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Stoplight Prism as a second oracle of what the node sends to Fatture in Cloud. One `prism mock`
 * of the official spec runs on a loopback port for this file: a request that breaks the spec is
 * answered 422 (the spec's error answer) with its violations in the sl-violations header. Without
 * --errors on purpose: with it, Prism turns the spec's own response examples that break the spec's
 * response schemas (pagination links, several list examples) into 500s, which the node retries and
 * which hide the answer; without it those flaws only appear in the header, as response violations,
 * and are not counted (they are Prism's answer, not our request). A small
 * recording proxy in front of it keeps each answer's violations. All 123 operations are run through
 * the built node against it, in raw-JSON mode (the spec's own request examples) and in friendly
 * mode (every field of the operations that have fields); no violation may remain but the listed
 * spec artefacts (specArtefacts.ts, the same list the emulator's validator uses). Then the emulator,
 * with the spec validator on, is checked to refuse what Prism refuses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { SPEC_ARTEFACTS, isSpecArtefact, type ViolationCode } from '../emulators/fattureincloud/specArtefacts';
import { specRequestValidator, specResponseValidator } from '../emulators/fattureincloud/specValidator';
import { describeWithSpec, specPath } from '../helpers/specs';
import { friendlyParameters, friendlyUpsertParameters, inputFor, nodeOperation, pathPattern, rawParameters, requestExamples, runFic, specOperations } from './ficDrive';

interface PrismViolation {
	location: string[];
	severity: string;
	code: string | number;
	message: string;
}

interface Recorded {
	method: string;
	path: string;
	status: number;
	violations: PrismViolation[];
}

const CODES: Record<string, ViolationCode> = { required: 'required', type: 'type', enum: 'enum', format: 'format', minimum: 'minimum', maximum: 'maximum', additionalProperties: 'unknown' };

/** A Prism violation as our validator names it: 'data.entity.name' or '?type', and its rule. */
export function normalise(violation: PrismViolation): { path: string; code: string } {
	const [, where, ...rest] = violation.location;
	const segments = rest.map((s) => (/^\d+$/.test(s) ? `[${s}]` : s));
	if (violation.code === 'required') {
		const missing = /required property '([^']+)'/.exec(violation.message)?.[1];
		if (missing) segments.push(missing);
	}
	const joined = segments.reduce((acc, s) => (s.startsWith('[') ? `${acc}${s}` : acc ? `${acc}.${s}` : s), '');
	const prefix = where === 'query' ? '?' : where === 'body' ? '' : `${where}:`;
	return { path: `${prefix}${joined}`, code: CODES[String(violation.code)] ?? String(violation.code) };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = http.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function startPrism(spec: string): Promise<{ child: ChildProcess; url: string }> {
	const port = await freePort();
	const bin = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'prism');
	const child = spawn(bin, ['mock', '-p', String(port), '--host', '127.0.0.1', spec], { stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Prism did not start in 90 s:\n${log.slice(-2000)}`)), 90_000);
		const onData = (chunk: Buffer) => {
			log += chunk.toString();
			if (log.includes('Prism is listening')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Prism exited (${code}):\n${log.slice(-2000)}`));
		});
	});
	// keep draining its log so the pipe never fills
	child.stdout!.resume();
	child.stderr!.resume();
	return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * The sl-violations header: a JSON list, or "Too many violations! [...]" with a list Prism may
 * have cut short; then each complete violation object is read on its own.
 */
function readViolations(header: string): PrismViolation[] {
	const text = header.replace(/^Too many violations!\s*/, '');
	try {
		return JSON.parse(text) as PrismViolation[];
	} catch {
		const found = [...text.matchAll(/\{"location":\[[^\]]*\],"severity":"[A-Za-z]+","code":("[^"]*"|\d+),"message":"(?:[^"\\]|\\.)*"\}/g)].map((m) => JSON.parse(m[0]) as PrismViolation);
		const cut = text.includes('"location":["request"') && !found.some((v) => v.location[0] === 'request');
		return cut ? [...found, { location: ['request', 'unreadable'], severity: 'Error', code: 'unreadable', message: header.slice(0, 500) }] : found;
	}
}

/** Forwards to Prism and records each answer's sl-violations. */
function startRecorder(target: string): Promise<{ server: http.Server; url: string; recorded: Recorded[] }> {
	const recorded: Recorded[] = [];
	const upstream = new URL(target);
	const server = http.createServer((req, res) => {
		const forward = http.request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
			(answer) => {
				const header = answer.headers['sl-violations'];
				const violations = header ? readViolations(String(header)) : [];
				recorded.push({ method: String(req.method), path: String(req.url), status: answer.statusCode ?? 0, violations });
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', (error) => {
			res.writeHead(502);
			res.end(String(error));
		});
		req.pipe(forward);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, recorded })));
}

/**
 * Prism also reports the flaws of its own mock answers (the spec's response examples that break
 * the spec's response schemas): those say nothing about our request and are not counted.
 */
function requestViolations(violations: PrismViolation[]): PrismViolation[] {
	return violations.filter((v) => v.severity === 'Error' && v.location[0] === 'request');
}

/** Artefacts Prism actually reported, "operationId path (code)": an entry never met is stale. */
const metArtefacts = new Set<string>();

/** The Error-level violations of the requests to one operation, the spec artefacts left out. */
function violationsOf(recorded: Recorded[], operationId: string, method: string, template: string): string[] {
	const pattern = pathPattern(template);
	return recorded
		.filter((r) => r.method === method && pattern.test(r.path))
		.flatMap((r) => requestViolations(r.violations))
		.map(normalise)
		.filter((v) => {
			if (!isSpecArtefact(operationId, 'request', v.path, v.code as ViolationCode)) return true;
			metArtefacts.add(`${operationId} ${v.path.replace(/\[\d+\]/g, '[]')} (${v.code})`);
			return false;
		})
		.map((v) => `${v.path} (${v.code})`);
}

describeWithSpec('fattureincloud/openapi.yaml', 'Fatture in Cloud node against Prism, the second oracle', () => {
	const spec = specPath('fattureincloud', 'openapi.yaml');
	let prism: { child: ChildProcess; url: string };
	let recorder: { server: http.Server; url: string; recorded: Recorded[] };
	let emulator: FicEmulator;
	const operations = specOperations();
	const examples = requestExamples();
	const TOKEN = 'prism-test-token';

	beforeAll(async () => {
		prism = await startPrism(spec);
		recorder = await startRecorder(prism.url);
		emulator = await startFicEmulator({ seed: 'demo', validateRequest: specRequestValidator(spec), validateResponse: specResponseValidator(spec) });
	}, 120_000);
	afterAll(async () => {
		prism?.child.kill('SIGTERM');
		await new Promise<void>((resolve) => (recorder ? recorder.server.close(() => resolve()) : resolve()));
		await emulator?.close();
	});

	test('the spec has 123 operations', () => {
		expect(operations).toHaveLength(123);
	});

	test.each(operations.map((op) => [op.operationId, op] as const))('%s (raw JSON): Prism finds no violation but the listed spec artefacts', async (operationId, specOp) => {
		const op = nodeOperation(operationId);
		const before = recorder.recorded.length;
		await runFic(rawParameters(op, examples, '12345', '1'), recorder.url, TOKEN, inputFor(op));
		const sent = recorder.recorded.slice(before);
		expect(sent.filter((r) => r.method === specOp.method && pathPattern(specOp.path).test(r.path)).length).toBeGreaterThanOrEqual(1);
		expect(violationsOf(sent, operationId, specOp.method, specOp.path)).toEqual([]);
	});

	test('every request artefact in the list is one Prism reported on the spec\'s own example', () => {
		// Prism does not report unknown properties (the spec leaves its objects open): those
		// entries are checked by the emulator's validator in fic-coverage.test.ts instead
		const stale = SPEC_ARTEFACTS.filter((a) => a.direction !== 'response' && a.code !== 'unknown')
			.filter((a) => !a.paths.some((p) => metArtefacts.has(`${a.operationId} ${p} (${a.code})`)))
			.map((a) => `${a.operationId} ${a.paths.join(', ')} (${a.code})`);
		expect(stale).toEqual([]);
	});

	const friendly = ['createClient', 'modifyClient', 'createSupplier', 'modifySupplier', 'createIssuedDocument'];
	test.each(friendly)('%s (friendly fields): Prism finds no violation in any request the node makes', async (operationId) => {
		const op = nodeOperation(operationId);
		const specOp = operations.find((o) => o.operationId === operationId)!;
		// IDs of Prism's examples: the client, language and payment method the node looks up by ID
		const parameters = friendlyParameters(op, '12345', { recordId: '1', clientId: '16451', paymentMethodId: 12346, paymentAccountId: 111, vatId: 1010, language: 'it' })!;
		const before = recorder.recorded.length;
		const result = await runFic(parameters, recorder.url, TOKEN);
		const sent = recorder.recorded.slice(before);
		expect(result.output('FIC')[0].json.error).toBeUndefined();
		expect(sent.filter((r) => r.method === specOp.method && pathPattern(specOp.path).test(r.path))).toHaveLength(1);
		expect(sent.flatMap((r) => requestViolations(r.violations)).map(normalise)).toEqual([]);
	});

	test.each(['client', 'supplier'] as const)('%s create-or-update (friendly fields): its look-up is what Prism accepts', async (resource) => {
		const before = recorder.recorded.length;
		await runFic(friendlyUpsertParameters(resource, '12345'), recorder.url, TOKEN);
		const sent = recorder.recorded.slice(before);
		// Prism's example list has two records, so the node stops at "several records match":
		// the look-up is what is checked here; the create/update body is the one checked above.
		expect(sent.length).toBeGreaterThanOrEqual(1);
		expect(sent.flatMap((r) => requestViolations(r.violations)).map(normalise)).toEqual([]);
	});

	test('the same friendly operations against the emulator: no request or answer breaks the spec', async () => {
		const clientId = String(emulator.rows('entities/clients')[0].id);
		const supplierId = String(emulator.rows('entities/suppliers')[0].id);
		for (const operationId of friendly) {
			const op = nodeOperation(operationId);
			const parameters = friendlyParameters(op, String(emulator.companyId), { recordId: op.resource === 'supplier' ? supplierId : clientId, clientId, paymentMethodId: 1, paymentAccountId: 1, vatId: 10, language: 'it' })!;
			const result = await runFic(parameters, emulator.url, emulator.manualToken);
			expect({ operationId, error: result.output('FIC')[0].json.error }).toEqual({ operationId, error: undefined });
		}
		for (const resource of ['client', 'supplier'] as const) await runFic(friendlyUpsertParameters(resource, String(emulator.companyId)), emulator.url, emulator.manualToken);
		expect(emulator.schemaViolations).toEqual([]);
		expect(emulator.responseViolations).toEqual([]);
	});

	describe('the emulator refuses what Prism refuses', () => {
		const cases: Array<{ name: string; method: string; path: string; body?: unknown; expected: string[] }> = [
			{ name: 'a missing required property', method: 'POST', path: '/c/12345/entities/clients', body: { data: { code: 'X1' } }, expected: ['data.name (required)'] },
			{ name: 'a wrong type', method: 'POST', path: '/c/12345/entities/clients', body: { data: { name: 'Rossi Srl', code: 5 } }, expected: ['data.code (type)'] },
			{ name: 'a value outside the enum', method: 'POST', path: '/c/12345/entities/clients', body: { data: { name: 'Rossi Srl', type: 'ditta' } }, expected: ['data.type (enum)'] },
			{ name: 'an entity by id only (name is required)', method: 'POST', path: '/c/12345/issued_documents', body: { data: { type: 'invoice', entity: { id: 1001 } } }, expected: ['data.entity.name (required)'] },
			{ name: 'a language by code only', method: 'POST', path: '/c/12345/issued_documents', body: { data: { type: 'invoice', entity: { id: 1001, name: 'Cliente 00001 Srl' }, language: { code: 'it' } } }, expected: ['data.language.name (required)'] },
			{ name: 'a date that is not a date', method: 'POST', path: '/c/12345/issued_documents', body: { data: { type: 'invoice', entity: { name: 'Rossi Srl' }, date: '2026-02-30' } }, expected: ['data.date (format)'] },
			{ name: 'an item line of the wrong type', method: 'POST', path: '/c/12345/issued_documents', body: { data: { type: 'invoice', entity: { name: 'Rossi Srl' }, items_list: [{ name: 'x', qty: 'due' }] } }, expected: ['data.items_list[0].qty (type)'] },
			{ name: 'a query enum', method: 'GET', path: '/c/12345/issued_documents?type=fattura', expected: ['?type (enum)'] },
			{ name: 'a missing required query parameter', method: 'GET', path: '/c/12345/issued_documents', expected: ['?type (required)'] },
			{ name: 'a query parameter of the wrong type', method: 'GET', path: '/c/12345/issued_documents?type=invoice&per_page=many', expected: ['?per_page (type)'] },
		];

		async function send(base: string, c: (typeof cases)[number]) {
			const token = base === emulator.url ? emulator.manualToken : TOKEN;
			const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
			const response = await fetch(`${base}${c.path}`, { method: c.method, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body) });
			return { status: response.status, header: response.headers.get('sl-violations'), body: await response.text() };
		}

		test.each(cases.map((c) => [c.name, c] as const))('%s: both refuse, naming the same field', async (_name, c) => {
			const fromPrism = await send(prism.url, c);
			expect(fromPrism.status).toBe(422);
			expect(requestViolations(JSON.parse(fromPrism.header ?? '[]') as PrismViolation[]).map(normalise).map((v) => `${v.path} (${v.code})`)).toEqual(c.expected);
			const before = emulator.schemaViolations.length;
			const fromEmulator = await send(emulator.url, { ...c, path: c.path });
			expect(fromEmulator.status).toBe(422);
			const paths = emulator.schemaViolations.slice(before).flatMap((v) => v.errors).map((e) => e.split(':')[0]);
			expect(paths).toEqual(c.expected.map((e) => e.split(' (')[0]));
		});

		test('a property the spec does not have: the emulator refuses it, Prism lets it by (the spec does not close its objects)', async () => {
			const c = { name: 'unknown', method: 'POST', path: '/c/12345/entities/clients', body: { data: { name: 'Rossi Srl', partita_iva: '01234567897' } }, expected: [] };
			const fromPrism = await send(prism.url, c);
			expect(fromPrism.status).toBe(200);
			expect(fromPrism.header).toBeNull();
			const fromEmulator = await send(emulator.url, c);
			expect(fromEmulator.status).toBe(422);
			expect(fromEmulator.body).toContain('data.partita_iva: unknown field');
			emulator.schemaViolations.length = 0;
		});

		test('a valid request: both accept', async () => {
			const c = { name: 'valid', method: 'POST', path: '/c/12345/entities/clients', body: { data: { name: 'Rossi Srl', type: 'company', vat_number: '01234567897' } }, expected: [] };
			expect((await send(prism.url, c)).status).toBe(200);
			expect((await send(emulator.url, c)).status).toBe(200);
		});

		test('a listed artefact (cashbook id, assigned by the server): Prism refuses it, the emulator lets it by', async () => {
			const c = { name: 'cashbook', method: 'POST', path: '/c/12345/cashbook', body: { data: { date: '2026-02-10', description: 'Incasso', kind: 'cashbook', type: 'in', amount_in: 10, payment_account_in: { id: 1, name: 'Cassa' } } }, expected: [] };
			const fromPrism = await send(prism.url, c);
			expect(requestViolations(JSON.parse(fromPrism.header ?? '[]') as PrismViolation[]).map(normalise)).toEqual([{ path: 'data.id', code: 'required' }]);
			const before = emulator.schemaViolations.length;
			expect((await send(emulator.url, c)).status).toBe(200);
			expect(emulator.schemaViolations.length).toBe(before);
		});
	});
});
