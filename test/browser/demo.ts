/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** What globalSetup started, for the tests (they run in their own module registry). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO_FILE = path.resolve(__dirname, '..', '..', '.tmp', 'browser', 'demo.json');

export interface DemoInfo {
	url: string;
	owner: { email: string; password: string };
	ficUrl: string;
	ficToken: string;
	aruba: { authUrl: string; wsUrl: string; premium: { username: string; password: string } };
	workflows: Array<{ id: string; name: string }>;
	startedInMs: number;
}

export function demoInfo(): DemoInfo {
	return JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8'));
}
