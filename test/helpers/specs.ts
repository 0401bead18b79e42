/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Access to the third-party specs and samples in ../shared/specs. They are never copied into
 * this repository: tests read them in place. When they are missing, a test that needs them
 * fails under CI (CI is set) and is skipped with a printed reason otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SPECS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'specs');

export function specPath(...parts: string[]): string {
	return path.join(SPECS_DIR, ...parts);
}

export function hasSpec(...parts: string[]): boolean {
	return fs.existsSync(specPath(...parts));
}

/**
 * `describe` when the spec file or folder exists; otherwise, under CI a failing test that names
 * what is missing, and outside CI a skipped block with the reason printed once.
 */
export function describeWithSpec(relative: string, name: string, body: () => void): void {
	if (hasSpec(relative)) {
		describe(name, body);
		return;
	}
	const reason = `${name}: needs ../shared/specs/${relative}, which is missing`;
	if (process.env.CI) {
		describe(name, () => {
			it('has the third-party spec it reads', () => {
				throw new Error(reason);
			});
		});
	} else {
		// eslint-disable-next-line no-console
		console.warn(`SKIPPED ${reason}`);
		describe.skip(name, body);
	}
}
