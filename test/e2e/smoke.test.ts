/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Real n8n 2.41.1 with the packed package installed in ~/.n8n/nodes as a user would: every node
 * and credential listed in package.json's `n8n` field is registered, and workflows imported with
 * `n8n import:workflow` run with `n8n execute` against the Fatture in Cloud emulator.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { arubaCredentialData, startArubaEmulator, type ArubaEmulator } from '../emulators/aruba';
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { REPO, startN8n, type N8nCredential, type N8nInstance, type N8nWorkflow } from './n8n';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const FIC_NODE_ENTRY = 'dist/nodes/FattureInCloud/FattureInCloud.node.js';
const ficListed = (pkg.n8n?.nodes ?? []).includes(FIC_NODE_ENTRY);
if (!ficListed) {
	if (process.env.CI) throw new Error(`${FIC_NODE_ENTRY} is not listed in package.json's n8n.nodes: the smoke run cannot be skipped under CI`);
	console.warn(`[smoke] skipping the Fatture in Cloud runs: ${FIC_NODE_ENTRY} is not yet listed in package.json's n8n.nodes`);
}

/** What n8n itself reads from each built entry: the class instances' names. */
function declaredTypes(entries: string[]): Array<{ entry: string; name: string; usableAsTool: boolean }> {
	return entries.flatMap((entry) => {
		const exported = require(path.join(REPO, entry)) as Record<string, new () => any>;
		return Object.values(exported)
			.filter((value) => typeof value === 'function')
			.map((Type) => new Type())
			.map((instance) => ({ entry, name: instance.description?.name ?? instance.name, usableAsTool: !!instance.description?.usableAsTool }));
	});
}

const nodes = declaredTypes(pkg.n8n?.nodes ?? []);
const credentials = declaredTypes(pkg.n8n?.credentials ?? []);

function ficWorkflow(id: string, name: string, parameters: Record<string, unknown>): N8nWorkflow {
	return {
		id,
		name,
		nodes: [
			{ parameters: {}, id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { authentication: 'accessToken', options: {}, ...parameters },
				id: `${id}-fic`,
				name: 'FIC',
				type: `${pkg.name}.fattureInCloud`,
				typeVersion: 1,
				position: [200, 0],
				credentials: { fattureInCloudApi: { id: 'gie2eficToken01', name: 'FIC emulator token' } },
			},
		],
		connections: { Start: { main: [[{ node: 'FIC', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

let n8n: N8nInstance;
let emulator: FicEmulator | undefined;
let aruba: ArubaEmulator;

const arubaCredential = (id: string, user: { username: string; password: string }): N8nCredential => ({
	id,
	name: `Aruba ${user.username}`,
	type: 'arubaFatturazioneApi',
	data: arubaCredentialData(aruba, user),
});

function arubaAccountWorkflow(id: string, credentialId: string): N8nWorkflow {
	return {
		id,
		name: `Smoke: Aruba account (${credentialId})`,
		nodes: [
			{ parameters: {}, id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { resource: 'account', operation: 'getInfo' },
				id: `${id}-aruba`,
				name: 'Aruba',
				type: `${pkg.name}.arubaFatturazione`,
				typeVersion: 1,
				position: [200, 0],
				credentials: { arubaFatturazioneApi: { id: credentialId, name: `Aruba ${credentialId}` } },
			},
		],
		connections: { Start: { main: [[{ node: 'Aruba', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	const fixtures: { credentials: N8nCredential[]; workflows: N8nWorkflow[] } = { credentials: [], workflows: [] };
	if (ficListed) {
		emulator = await startFicEmulator({ seed: 'demo' });
		fixtures.credentials.push({ id: 'gie2eficToken01', name: 'FIC emulator token', type: 'fattureInCloudApi', data: { accessToken: emulator.manualToken, baseUrl: emulator.url } });
		fixtures.workflows.push(
			ficWorkflow('gie2eSmokeUser1', 'Smoke: Fatture in Cloud user info', { resource: 'user', operation: 'getInfo' }),
			ficWorkflow('gie2eSmokeList1', 'Smoke: Fatture in Cloud clients', { resource: 'client', operation: 'getAll', companyId: String(emulator.companyId), returnAll: true }),
		);
	}
	aruba = await startArubaEmulator({ seed: 'demo' });
	fixtures.credentials.push(arubaCredential('gie2eArubaPrem1', aruba.users.premium), arubaCredential('gie2eArubaBasic', aruba.users.basic));
	fixtures.workflows.push(arubaAccountWorkflow('gie2eSmokeAruba1', 'gie2eArubaPrem1'));
	n8n = await startN8n(fixtures);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
	await aruba?.close();
});

test('package.json lists at least one node and one credential', () => {
	expect(nodes.length).toBeGreaterThan(0);
	expect(credentials.length).toBeGreaterThan(0);
});

test('every node of the package is registered in n8n under the package name', async () => {
	const registered = await axios.get<Array<{ name: string }>>(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
	expect(registered.status).toBe(200);
	const names = new Set(registered.data.map((n) => n.name));
	for (const node of nodes) {
		expect(names).toContain(`${pkg.name}.${node.name}`);
		// n8n offers nodes marked usableAsTool to AI agents under a "Tool" suffix
		if (node.usableAsTool) expect(names).toContain(`${pkg.name}.${node.name}Tool`);
	}
});

test('every credential type of the package is registered in n8n', async () => {
	const registered = await axios.get<Array<{ name: string }>>(`${n8n.url}/types/credentials.json`, { headers: { cookie: n8n.cookie } });
	expect(registered.status).toBe(200);
	const names = new Set(registered.data.map((c) => c.name));
	for (const credential of credentials) expect(names).toContain(credential.name);
});

const ficTest = ficListed ? test : test.skip;

ficTest('a CLI-imported Manual Trigger -> Fatture in Cloud (user, getInfo) workflow runs with n8n execute against the emulator', async () => {
	const before = emulator!.requests.length;
	const run = await n8n.execute('gie2eSmokeUser1');
	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	const items = run.data.resultData.runData.FIC[0].data.main[0];
	expect(items).toHaveLength(1);
	expect(JSON.stringify(items[0].json)).toContain('mario.rossi@example.com');
	const calls = emulator!.requests.slice(before).filter((r) => r.path === '/user/info');
	expect(calls).toHaveLength(1);
	// the emulator answers only the right token and logs it redacted
	expect(calls[0].status).toBe(200);
	expect(calls[0].authorization).toMatch(/^Bearer /);
});

ficTest('a CLI-imported workflow listing clients returns every client of the emulator', async () => {
	const run = await n8n.execute('gie2eSmokeList1');
	expect(run.status).toBe('success');
	const items = run.data.resultData.runData.FIC[0].data.main[0];
	const clients = emulator!.rows('entities/clients');
	expect(items.map((i: { json: { id: number } }) => i.json.id).sort()).toEqual(clients.map((c) => c.id).sort());
});

test('Aruba: two separate `n8n execute` processes sign in once: the token is kept in the credential in the database', async () => {
	for (let run = 0; run < 2; run++) {
		const result = await n8n.execute('gie2eSmokeAruba1');
		expect(result.data.resultData.error).toBeUndefined();
		expect(result.data.resultData.runData.Aruba[0].data.main[0][0].json.username).toBe(aruba.users.premium.username);
	}
	expect(aruba.stats.signIns).toBe(1);
	expect(aruba.ws.requests.filter((r) => r.path === '/auth/userInfo').length + aruba.auth.requests.filter((r) => r.path === '/auth/userInfo').length).toBe(2);
});

test("Aruba: n8n's credential test of a non-Premium account explains that the API needs a Premium account", async () => {
	const user = aruba.users.basic;
	// the emulator allows one sign-in a minute per user: nothing else signs in as this user
	const response = await n8n.rest('POST', 'credentials/test', {
		credentials: { id: 'gie2eArubaBasic', name: 'Aruba basic', type: 'arubaFatturazioneApi', data: arubaCredential('gie2eArubaBasic', user).data },
	});
	expect(response.status).toBe(200);
	const result = response.data.data ?? response.data;
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/Premium/);
	expect(JSON.stringify(response.data)).not.toContain(user.password);
});
