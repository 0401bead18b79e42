/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import type { DemoSetup } from '../../scripts/demoSetup';

export default async function globalTeardown(): Promise<void> {
	const demo = (globalThis as { __giDemo?: DemoSetup }).__giDemo;
	await demo?.stop();
}
