/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The demo set-up, one definition for `npm run demo` (scripts/demo.ts) and the browser suite
 * (test/browser): the loopback emulators, an SMTP sink, a real n8n with the package installed,
 * an owner account, emulator-pointed credentials and every example workflow of workflows/.
 *
 * The n8n user folder is deleted at every start, so the example workflows are re-imported
 * pristine each time: whatever a previous visitor changed in the editor (n8n autosaves) is gone.
 *
 * Demo values below (owner password, signing secret, emulator token) are throwaway values for a
 * local demo, not secrets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startN8n, type N8nCredential, type N8nInstance, type N8nWorkflow } from '../test/e2e/n8n';
import { startSmtpSink, type SmtpSink } from '../test/e2e/smtpSink';
import { arubaCredentialData, startArubaEmulator, type ArubaEmulator } from '../test/emulators/aruba';
import { startFicEmulator, type FicEmulator } from '../test/emulators/fattureincloud';
import { demoSystems } from './demo-systems';
import type { StartedDemoSystem } from './demo-systems/types';

export const REPO = path.resolve(__dirname, '..');
export const DEMO_SIGNING_SECRET = 'demo-order-paid-signing-secret';
export const DEMO_OWNER = { email: 'demo@example.com', password: 'Demo-n8n-2026' };
export const DEMO_ARUBA_RESEND_KEY = 'demo-aruba-resend-key';
/** Published at start: their production webhooks answer right away. */
export const DEMO_PUBLISHED = ['giExOrderPaid001', 'giExArubaFixRes1'];

export interface DemoSetup {
	n8n: N8nInstance;
	fic: FicEmulator;
	aruba: ArubaEmulator;
	smtp: SmtpSink;
	/** The systems of scripts/demo-systems/, started. */
	systems: Array<StartedDemoSystem & { name: string }>;
	workflows: N8nWorkflow[];
	credentials: N8nCredential[];
	stop(): Promise<void>;
}

export interface DemoOptions {
	/** The demo asks for the usual ports (n8n 5678, FIC 4010, Aruba 4020/4021, SMTP 2525); tests take free ones. */
	fixedPorts?: boolean;
	/** The n8n user folder; deleted and recreated at every start. */
	userFolder?: string;
	log?: (line: string) => void;
}

/** The example workflows exactly as the repository holds them. */
export function exampleWorkflows(): N8nWorkflow[] {
	return fs
		.readdirSync(path.join(REPO, 'workflows'))
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(REPO, 'workflows', f), 'utf8')));
}

/** The credentials the examples reference, pointed at the running emulators. */
export function demoCredentials(fic: FicEmulator, aruba: ArubaEmulator, smtp: SmtpSink): N8nCredential[] {
	return [
		{ id: 'gi-demo-fic-token', name: 'Fatture in Cloud (demo emulator)', type: 'fattureInCloudApi', data: { accessToken: fic.manualToken, baseUrl: fic.url } },
		{
			id: 'gi-demo-fic-oauth2',
			name: 'Fatture in Cloud OAuth2',
			type: 'fattureInCloudOAuth2Api',
			data: { baseUrl: fic.url, clientId: fic.oauthClient.clientId, clientSecret: fic.oauthClient.clientSecret, scope: 'entity.clients:a issued_documents.invoices:a' },
		},
		{ id: 'gi-demo-order-secret', name: 'Order paid signing secret', type: 'signedWebhookApi', data: { secret: DEMO_SIGNING_SECRET } },
		{ id: 'gi-demo-smtp', name: 'SMTP', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
		{
			id: 'gi-demo-aruba',
			name: 'Aruba Fatturazione Elettronica (demo emulator)',
			type: 'arubaFatturazioneApi',
			data: arubaCredentialData(aruba),
		},
		{ id: 'gi-demo-aruba-resend-key', name: 'Aruba fix-and-resend key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: DEMO_ARUBA_RESEND_KEY } },
	];
}

export async function startDemo(options: DemoOptions = {}): Promise<DemoSetup> {
	const fixed = options.fixedPorts ?? false;
	const [fic, aruba, smtp] = await Promise.all([
		fixed ? startFicEmulator({ seed: 'demo', port: 4010 }).catch(() => startFicEmulator({ seed: 'demo' })) : startFicEmulator({ seed: 'demo' }),
		fixed ? startArubaEmulator({ seed: 'demo', authPort: 4020, wsPort: 4021 }).catch(() => startArubaEmulator({ seed: 'demo' })) : startArubaEmulator({ seed: 'demo' }),
		fixed ? startSmtpSink(2525).catch(() => startSmtpSink()) : startSmtpSink(),
	]);
	const systems: Array<StartedDemoSystem & { name: string }> = [];
	const closeEmulators = async () => {
		await fic.close();
		await aruba.close();
		await smtp.close();
		for (const system of systems) await system.close();
	};
	try {
		for (const system of demoSystems()) systems.push({ name: system.name, ...(await system.start({ fixedPorts: fixed })) });
	} catch (error) {
		await closeEmulators();
		throw error;
	}
	const workflows = exampleWorkflows();
	const credentials = [...demoCredentials(fic, aruba, smtp), ...systems.flatMap((system) => system.credentials)];
	const userFolder = options.userFolder ?? path.join(REPO, '.tmp', 'demo-n8n');
	// pristine examples at every start: nothing a previous session autosaved survives
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({ port: fixed ? 5678 : undefined, userFolder, owner: DEMO_OWNER, credentials, workflows, publish: [...DEMO_PUBLISHED, ...systems.flatMap((system) => system.publish ?? [])], log: options.log });
	} catch (error) {
		await closeEmulators();
		throw error;
	}
	return {
		n8n,
		fic,
		aruba,
		smtp,
		systems,
		workflows,
		credentials,
		async stop() {
			await n8n.stop();
			await closeEmulators();
		},
	};
}
