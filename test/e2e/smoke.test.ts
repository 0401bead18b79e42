/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Real n8n 2.41.1 with the packed package installed in ~/.n8n/nodes: every node and credential
 * of package.json's `n8n` field is registered, and a one-node workflow imported with
 * `n8n import:workflow` runs with `n8n execute` against the Fatture in Cloud emulator.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { REPO, startN8n, type N8nInstance } from './n8n';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
let n8n: N8nInstance;
let emulator: FicEmulator;

beforeAll(async () => {
	emulator = await startFicEmulator({ seed: 'demo' });
	n8n = await startN8n({
		credentials: [{ id: 'gie2eficToken01', name: 'FIC emulator token', type: 'fattureInCloudApi', data: { accessToken: emulator.manualToken, baseUrl: emulator.url } }],
		workflows: [
			{
				id: 'gie2eSmoke00001',
				name: 'Smoke: Fatture in Cloud user info',
				nodes: [
					{ parameters: {}, id: 's1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
					{
						parameters: { authentication: 'accessToken', resource: 'client', operation: 'getAll', companyId: String(emulator.companyId), returnAll: true, options: {} },
						id: 's2',
						name: 'FIC',
						type: 'n8n-nodes-gestionali-italiani.fattureInCloud',
						typeVersion: 1,
						position: [200, 0],
						credentials: { fattureInCloudApi: { id: 'gie2eficToken01', name: 'FIC emulator token' } },
					},
				],
				connections: { Start: { main: [[{ node: 'FIC', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			},
		],
	});
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
});

test('every node and credential of the package is registered in n8n', async () => {
	const headers = { cookie: n8n.cookie };
	const nodes = (await axios.get(`${n8n.url}/types/nodes.json`, { headers })).data as Array<{ name: string }>;
	const credentials = (await axios.get(`${n8n.url}/types/credentials.json`, { headers })).data as Array<{ name: string }>;
	const nodeNames = new Set(nodes.map((n) => n.name));
	const credentialNames = new Set(credentials.map((c) => c.name));
	for (const entry of pkg.n8n.nodes as string[]) {
		const code = fs.readFileSync(path.join(REPO, entry), 'utf8');
		const name = /name: "([A-Za-z0-9]+)",\s*icon/.exec(code)?.[1] ?? /name: "([A-Za-z0-9]+)"/.exec(code)![1];
		expect(nodeNames).toContain(`${pkg.name}.${name}`);
	}
	expect(credentialNames).toEqual(expect.objectContaining({}));
	for (const name of ['fattureInCloudApi', 'fattureInCloudOAuth2Api', 'signedWebhookApi']) expect(credentialNames.has(name)).toBe(true);
	// the action node is also offered to AI agents as a tool
	expect(nodeNames).toContain(`${pkg.name}.fattureInCloudTool`);
});

test('a workflow imported with the CLI runs the Fatture in Cloud node against the emulator', async () => {
	const before = emulator.requests.length;
	const run = await n8n.execute('gie2eSmoke00001');
	expect(run.status).toBe('success');
	const items = run.data.resultData.runData.FIC[0].data.main[0];
	expect(items).toHaveLength(emulator.rows('entities/clients').length);
	expect(items[0].json).toMatchObject({ name: emulator.rows('entities/clients')[0].name });
	expect(emulator.requests.slice(before).some((r) => r.path === `/c/${emulator.companyId}/entities/clients`)).toBe(true);
});
