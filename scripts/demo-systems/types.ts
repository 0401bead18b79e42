/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * One file per system in scripts/demo-systems/ (besides this one) exporting `demoSystem`: the
 * demo (scripts/demoSetup.ts) finds them by reading the folder, so adding a system adds a file
 * and edits nothing shared. Fatture in Cloud and Aruba, the first two, are wired in demoSetup.ts.
 */
import type { N8nCredential, N8nInstance } from '../../test/e2e/n8n';

export interface StartedDemoSystem {
	/** Credentials pointed at the emulator, referenced by id from the system's example workflows. */
	credentials: N8nCredential[];
	/** Lines for the banner `npm run demo` prints (addresses, demo logins, what to try). */
	banner: string[];
	/** Ids of the system's example workflows to publish at start (production webhooks answer). */
	publish?: string[];
	/** For `npm run demo -- --check`: what is wrong once n8n runs (empty: all well). */
	check?(n8n: N8nInstance): Promise<string[]>;
	close(): Promise<void>;
}

export interface DemoSystem {
	name: string;
	/** Starts the system's emulator; `fixedPorts` asks for the port its banner documents (falling back to a free one). */
	start(options: { fixedPorts: boolean }): Promise<StartedDemoSystem>;
}
