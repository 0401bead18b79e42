#!/usr/bin/env node
/**
 * `npm run scan`: n8n's own community-package scanner (@n8n/scan-community-package) on this
 * repository, offline. The published scanner downloads the package and its attested source from
 * the registry and GitHub; here the same two legs run locally with its exported analyzer:
 *   - the source leg: its full rule set on package.json and nodes/ + credentials/ sources;
 *   - the artifact leg: the packed tarball's compiled .js and package.json (what n8n installs,
 *     bundled libraries included).
 * The provenance check needs a published version and is done by the publish workflow.
 * Exits 1 on any finding, printing them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-'));
try {
	if (!fs.existsSync(path.join(repo, 'dist'))) execFileSync('npx', ['gulp', 'build'], { cwd: repo, stdio: 'inherit' });
	execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts', '--loglevel=error'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = fs.readdirSync(work).find((file) => file.endsWith('.tgz'));
	const packageDir = path.join(work, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', packageDir, '--strip-components=1']);
	const legs = [
		['source (package.json, nodes/, credentials/)', await analyzePackage(repo, SOURCE_FILE_PATTERNS)],
		[`packed tarball ${tarball} (compiled .js, package.json)`, await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
	];
	let failed = false;
	for (const [leg, result] of legs) {
		console.log(`[scan] ${result.passed ? 'passed' : 'FAILED'}: ${leg}${result.message ? ` (${result.message})` : ''}`);
		if (!result.passed) {
			failed = true;
			if (result.details) console.log(result.details);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
