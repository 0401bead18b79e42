/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The one command line of every emulator:
 *   node -r ts-node/register/transpile-only test/emulators/<system>/cli.ts [--port N] [--seed demo|empty] [--<option> value]
 * A system's cli.ts calls `runEmulatorCli` with how to start it and what to print; the CLI prints
 * one JSON line (`system` plus the URLs and the emulator's test credentials, which are emulator
 * values, not secrets) and stops the emulator on SIGINT/SIGTERM.
 */
export interface CliArgs {
	/** `--name value`, or `fallback`. */
	get(name: string, fallback?: string): string | undefined;
	/** `--name N` as a number (0 = a free port), or `fallback`. */
	number(name: string, fallback?: number): number | undefined;
	seed: 'demo' | 'empty';
}

export function cliArgs(argv: string[] = process.argv): CliArgs {
	const get = (name: string, fallback?: string) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 && index + 1 < argv.length ? argv[index + 1] : fallback;
	};
	const seed = get('seed', 'demo');
	if (seed !== 'demo' && seed !== 'empty') throw new Error(`--seed: expected demo or empty, got "${seed}"`);
	return {
		get,
		number(name, fallback) {
			const raw = get(name);
			if (raw === undefined) return fallback;
			const value = Number(raw);
			if (!Number.isInteger(value) || value < 0) throw new Error(`--${name}: expected a whole number, got "${raw}"`);
			return value;
		},
		seed,
	};
}

export async function runEmulatorCli<E extends { close(): Promise<void> }>(
	system: string,
	start: (args: CliArgs) => Promise<E>,
	describe: (emulator: E) => Record<string, unknown>,
): Promise<void> {
	try {
		const emulator = await start(cliArgs());
		process.stdout.write(`${JSON.stringify({ system, ...describe(emulator) })}\n`);
		const stop = async () => {
			await emulator.close();
			process.exit(0);
		};
		process.on('SIGINT', () => void stop());
		process.on('SIGTERM', () => void stop());
	} catch (error) {
		console.error(`[${system} emulator] ${(error as Error).message}`);
		process.exit(1);
	}
}
