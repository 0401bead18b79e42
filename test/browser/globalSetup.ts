/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** Starts the demo set-up once for the whole browser suite; the tests read .tmp/browser/demo.json. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startDemo } from '../../scripts/demoSetup';
import { DEMO_FILE, type DemoInfo } from './demo';

export default async function globalSetup(): Promise<void> {
	// developing a test: `GI_BROWSER_REUSE=1` runs against a set-up already started (npx ts-node test/browser/serve.ts)
	if (process.env.GI_BROWSER_REUSE === '1' && fs.existsSync(DEMO_FILE)) return;
	const started = Date.now();
	const demo = await startDemo({ userFolder: path.join(path.dirname(DEMO_FILE), 'n8n') });
	(globalThis as { __giDemo?: unknown }).__giDemo = demo;
	const info: DemoInfo = {
		url: demo.n8n.url,
		owner: demo.n8n.owner,
		ficUrl: demo.fic.url,
		aruba: { authUrl: demo.aruba.authUrl, wsUrl: demo.aruba.wsUrl, premium: demo.aruba.users.premium },
		ficToken: demo.fic.manualToken,
		workflows: demo.workflows.map((w) => ({ id: w.id, name: w.name })),
		startedInMs: Date.now() - started,
	};
	fs.mkdirSync(path.dirname(DEMO_FILE), { recursive: true });
	fs.writeFileSync(DEMO_FILE, JSON.stringify(info, null, 2));
	console.log(`\n[browser suite] demo set-up ready in ${info.startedInMs} ms: ${info.url}`);
}
