/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasSpec, specPath } from '../../helpers/specs';

/** The official XSDs are the oracle: libxml2's xmllint validates with them offline. */
export const XSD_ORDINARIA = 'fatturapa/xsd/Schema_VFPR12_v1.2.3.xsd';
export const XSD_SEMPLIFICATA = 'fatturapa/xsd/Schema_VFSM10_v1.0.2.xsd';

export function xmllintAvailable(): boolean {
	return spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * `describe` when xmllint and the XSD are present. Missing under CI: a failing test naming what
 * is missing; elsewhere: skipped with the reason printed.
 */
export function describeWithXmllint(xsdRelative: string, name: string, body: () => void): void {
	const missing = !xmllintAvailable() ? 'xmllint (apt-get install -y libxml2-utils)' : !hasSpec(xsdRelative) ? `../shared/specs/${xsdRelative}` : undefined;
	if (!missing) {
		describe(name, body);
		return;
	}
	const reason = `${name}: needs ${missing}, which is missing`;
	if (process.env.CI) describe(name, () => it('has the XSD oracle it compares with', () => { throw new Error(reason); }));
	else {
		console.warn(`SKIPPED ${reason}`);
		describe.skip(name, body);
	}
}

/** A scratch directory removed by the caller's afterAll. */
export function scratchDir(tag: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `fatturapa-${tag}-`));
}

/**
 * xmllint's verdict for many files in as few processes as possible (it loads the XSD once per
 * call). Returns file -> true when "validates".
 */
export function xmllintVerdicts(files: string[], xsdRelative: string, cwd: string): Map<string, boolean> {
	const verdicts = new Map<string, boolean>();
	const xsd = specPath(xsdRelative);
	for (let i = 0; i < files.length; i += 400) {
		const batch = files.slice(i, i + 400);
		let stderr: string;
		try {
			execFileSync('xmllint', ['--nonet', '--noout', '--schema', xsd, ...batch], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
			stderr = '';
			for (const f of batch) verdicts.set(f, true);
			continue;
		} catch (e: any) {
			stderr = String(e.stderr ?? '');
		}
		const valid = new Set<string>();
		for (const line of stderr.split('\n')) if (line.endsWith(' validates')) valid.add(line.slice(0, -' validates'.length));
		for (const f of batch) verdicts.set(f, valid.has(f));
	}
	return verdicts;
}
