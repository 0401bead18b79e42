/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Runs the Aruba Fatturazione Elettronica emulator for the demo and the e2e suite:
 *   node -r ts-node/register/transpile-only test/emulators/aruba/cli.ts --auth-port 4020 --ws-port 4021 [--seed demo|empty] [--sdi-delay-ms 60000]
 * Prints one JSON line with both URLs and the demo users (emulator values, not secrets).
 */
import { runEmulatorCli } from '../common/cli';
import { startArubaEmulator } from './index';

void runEmulatorCli(
	'aruba',
	async (args) => await startArubaEmulator({ authPort: args.number('auth-port', 0), wsPort: args.number('ws-port', 0), seed: args.seed, sdiDelayMs: args.number('sdi-delay-ms') }),
	(emulator) => ({
		authUrl: emulator.authUrl,
		wsUrl: emulator.wsUrl,
		users: emulator.users,
		company: emulator.company,
		multicedenti: emulator.multicedenti.map((m) => ({ id: m.id, vatCode: m.vatCode, status: m.status })),
	}),
);
