/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Runs the Fatture in Cloud emulator for the demo and the e2e suite:
 *   node -r ts-node/register/transpile-only test/emulators/fattureincloud/cli.ts --port 4010 [--seed demo|empty]
 * Prints one JSON line with the URL and the test credentials (emulator values, not secrets).
 */
import { runEmulatorCli } from '../common/cli';
import { startFicEmulator } from './index';

void runEmulatorCli(
	'fattureincloud',
	async (args) => await startFicEmulator({ port: args.number('port', 0), seed: args.seed }),
	(emulator) => ({ url: emulator.url, companyId: emulator.companyId, manualToken: emulator.manualToken, oauthClient: emulator.oauthClient }),
);
