/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Every operationId of the official spec reaches the right method and path on the emulator
 * through the built node run by n8n-core. The list of operations is read from the spec itself,
 * not from our generated table, so an operation missing from the node fails here. The emulator
 * runs with the spec validator on: the spec's own request examples must pass it (but for the
 * listed spec artefacts), and every answer it gives must match the spec's response schema.
 */
import { FIC_OPERATIONS } from '../../nodes/FattureInCloud/generated/operations';
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { specRequestValidator, specResponseValidator } from '../emulators/fattureincloud/specValidator';
import { describeWithSpec, specPath } from '../helpers/specs';
import { inputFor, nodeOperation, pathPattern, rawParameters, requestExamples, runFic, specOperations } from './ficDrive';

describeWithSpec('fattureincloud/openapi.yaml', 'Fatture in Cloud node covers the whole spec', () => {
	let emulator: FicEmulator;

	beforeAll(async () => {
		const spec = specPath('fattureincloud', 'openapi.yaml');
		emulator = await startFicEmulator({ seed: 'demo', validateRequest: specRequestValidator(spec), validateResponse: specResponseValidator(spec) });
	});
	afterAll(async () => {
		await emulator.close();
	});

	const operations = specOperations();
	const examples = requestExamples();

	test('the spec has 123 operations and the node table has each of them once', () => {
		expect(operations).toHaveLength(123);
		const table = FIC_OPERATIONS.map((op) => op.operationId).sort();
		expect(table).toEqual(operations.map((op) => op.operationId).sort());
	});

	// 1001 is the first record of each seeded collection, so reads and writes meet a real record
	test.each(operations.map((op) => [op.operationId, op] as const))('%s reaches its method and path; request and answer match the spec', async (_id, specOp) => {
		const op = nodeOperation(specOp.operationId);
		const before = emulator.requests.length;
		const violationsBefore = emulator.schemaViolations.length;
		const answersBefore = emulator.responseViolations.length;
		await runFic(rawParameters(op, examples, String(emulator.companyId), '1001'), emulator.url, emulator.manualToken, inputFor(op));
		const sent = emulator.requests.slice(before).filter((r) => r.method === specOp.method && pathPattern(specOp.path).test(r.path));
		expect(sent.length).toBeGreaterThanOrEqual(1);
		expect({ requests: emulator.schemaViolations.slice(violationsBefore), answers: emulator.responseViolations.slice(answersBefore) }).toEqual({ requests: [], answers: [] });
	});
});
