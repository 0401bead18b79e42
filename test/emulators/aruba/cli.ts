/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Runs the Aruba Fatturazione Elettronica emulator for the demo and the e2e suite:
 *   node -r ts-node/register/transpile-only test/emulators/aruba/cli.ts --auth-port 4020 --ws-port 4021 [--seed demo|empty] [--sdi-delay-ms 60000]
 * Prints one JSON line with both URLs and the demo users (emulator values, not secrets).
 */
import { startArubaEmulator } from './index';

function arg(name: string, fallback?: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
	const seed = arg('seed', 'demo') as 'demo' | 'empty';
	const emulator = await startArubaEmulator({
		authPort: Number(arg('auth-port', '0')),
		wsPort: Number(arg('ws-port', '0')),
		seed,
		sdiDelayMs: arg('sdi-delay-ms') === undefined ? undefined : Number(arg('sdi-delay-ms')),
	});
	process.stdout.write(
		`${JSON.stringify({ system: 'aruba', authUrl: emulator.authUrl, wsUrl: emulator.wsUrl, users: emulator.users, company: emulator.company, multicedenti: emulator.multicedenti.map((m) => ({ id: m.id, vatCode: m.vatCode, status: m.status })) })}\n`,
	);
	const stop = async () => {
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
