/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The repository's own contract lives in docs/: every document a file cites exists, and nothing cites
 * the session briefs that stay outside the repository (DOMAIN.md, ARCHITECTURE.md).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
	.split('\n')
	.filter((f) => /\.(ts|js|mjs|md|json|sh)$/.test(f) && !f.startsWith('node_modules/') && f !== 'package-lock.json' && fs.existsSync(path.join(REPO, f)));

test('no file cites a brief the repository does not have', () => {
	const citing = files.filter((f) => f !== 'test/unit/docs-references.test.ts' && /\b(DOMAIN|ARCHITECTURE)\.md\b/.test(fs.readFileSync(path.join(REPO, f), 'utf8')));
	expect(citing).toEqual([]);
});

test('every docs/… document a file cites exists', () => {
	const missing: string[] = [];
	for (const file of files) {
		const text = fs.readFileSync(path.join(REPO, file), 'utf8');
		for (const match of text.matchAll(/\bdocs\/[A-Za-z0-9_./-]+\.md\b/g)) if (!fs.existsSync(path.join(REPO, match[0]))) missing.push(`${file}: ${match[0]}`);
	}
	expect(missing).toEqual([]);
});

test('the docs/ contract is there: architecture, error contract, adding a system, the Italian guide', () => {
	for (const doc of ['architecture.md', 'error-contract.md', 'adding-a-system.md', 'it/README.md']) expect(fs.existsSync(path.join(REPO, 'docs', doc))).toBe(true);
});
