/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Every operationId of the official spec reaches the right method and path on the emulator
 * through the built node run by n8n-core. The list of operations is read from the spec itself,
 * not from our generated table, so an operation missing from the node fails here.
 */
import * as fs from 'node:fs';
import YAML from 'yaml';

import { FIC_OPERATIONS } from '../../nodes/FattureInCloud/generated/operations';
import { camel } from '../../nodes/FattureInCloud/descriptions/fields';
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { chain, runWorkflow } from '../harness/n8n';
import { describeWithSpec, specPath } from '../helpers/specs';

interface SpecOperation {
	operationId: string;
	method: string;
	path: string;
}

function specOperations(): SpecOperation[] {
	const spec = YAML.parse(fs.readFileSync(specPath('fattureincloud', 'openapi.yaml'), 'utf8')) as {
		paths: Record<string, Record<string, { operationId?: string }>>;
	};
	const out: SpecOperation[] = [];
	for (const [path, item] of Object.entries(spec.paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (op && typeof op === 'object' && op.operationId) out.push({ operationId: op.operationId, method: method.toUpperCase(), path });
		}
	}
	return out;
}

function requestExamples(): Record<string, { examples?: Record<string, unknown> }> {
	const file = specPath('fattureincloud', 'examples', 'request-examples.json');
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as { requests: Record<string, { examples?: Record<string, unknown> }> }).requests;
}

/** The path template as a regular expression: each {param} is one URL segment. */
function pathPattern(template: string): RegExp {
	return new RegExp(`^${template.replace(/\{[a-z_]+\}/g, '[^/?]+')}(\\?.*)?$`);
}

describeWithSpec('fattureincloud/openapi.yaml', 'Fatture in Cloud node covers the whole spec', () => {
	let emulator: FicEmulator;
	const examples = requestExamples();

	beforeAll(async () => {
		emulator = await startFicEmulator({ seed: 'demo' });
	});
	afterAll(async () => {
		await emulator.close();
	});

	const operations = specOperations();

	test('the spec has 123 operations and the node table has each of them once', () => {
		expect(operations).toHaveLength(123);
		const table = FIC_OPERATIONS.map((op) => op.operationId).sort();
		expect(table).toEqual(operations.map((op) => op.operationId).sort());
	});

	test.each(operations.map((op) => [op.operationId, op] as const))('%s reaches its method and path', async (_id, specOp) => {
		const op = FIC_OPERATIONS.find((candidate) => candidate.operationId === specOp.operationId)!;
		const parameters: Record<string, unknown> = {
			authentication: 'accessToken',
			resource: op.resource,
			operation: op.operation,
			companyId: String(emulator.companyId),
			options: {},
		};
		for (const param of op.pathParams.filter((p) => p !== 'company_id')) parameters[camel(param)] = '1';
		for (const param of op.queryParams.filter((p) => p.required)) parameters[camel(param.name)] = param.enum?.[0] ?? (param.type === 'number' ? 1 : '2026-01-01');
		if (op.paginated) {
			parameters.returnAll = false;
			parameters.limit = 1;
		}
		if (op.body === 'json') {
			const example = Object.values(examples[op.operationId]?.examples ?? {})[0] as Record<string, unknown> | undefined;
			parameters.inputMode = 'json';
			parameters.jsonData = JSON.stringify(example ?? { data: {} });
		}
		const input = op.body === 'multipart'
			? [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 test').toString('base64'), mimeType: 'application/pdf', fileName: 'test.pdf' } } }]
			: [{ json: {} }];

		const before = emulator.requests.length;
		await runWorkflow(
			chain({
				name: 'FIC',
				type: 'fattureInCloud',
				parameters: parameters as never,
				credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
				continueOnFail: true,
			}),
			{ fattureInCloudApi: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
			input,
		);
		const sent = emulator.requests.slice(before).filter((r) => r.method === specOp.method && pathPattern(specOp.path).test(r.path));
		expect(sent.length).toBeGreaterThanOrEqual(1);
	});
});
