/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Runs the Fatture in Cloud emulator for the demo and the e2e suite:
 *   node -r ts-node/register/transpile-only test/emulators/fattureincloud/cli.ts --port 4010 [--seed demo|empty]
 * Prints one JSON line with the URL and the test credentials (emulator values, not secrets).
 */
import { startFicEmulator } from './index';

function arg(name: string, fallback?: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
	const seed = arg('seed', 'demo') as 'demo' | 'empty';
	const emulator = await startFicEmulator({ port: Number(arg('port', '0')), seed });
	process.stdout.write(
		`${JSON.stringify({ system: 'fattureincloud', url: emulator.url, companyId: emulator.companyId, manualToken: emulator.manualToken, oauthClient: emulator.oauthClient })}\n`,
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
