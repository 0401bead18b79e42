/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** The published package as n8n's verification rules want it (run after the build). */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { loadPackage, PACKAGE_DIR } from '../harness/n8n';

const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as Record<string, any>;

test('no runtime dependencies; n8n-workflow is the only peer dependency', () => {
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.overrides).toBeUndefined();
});

test('the n8n field is strict and lists only built files that exist', () => {
	expect(pkg.n8n.strict).toBe(true);
	expect(pkg.keywords).toContain('n8n-community-node-package');
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		expect(entry).toMatch(/^dist\//);
		expect(fs.existsSync(path.join(PACKAGE_DIR, entry))).toBe(true);
	}
});

test('npm pack holds only dist/, package.json, README and LICENSE', () => {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
	const outside = files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f));
	expect(outside).toEqual([]);
	expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
});

test('bundles need nothing at run time but n8n-workflow and Node built-ins', () => {
	const builtins = new Set(require('node:module').builtinModules as string[]);
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		const code = fs.readFileSync(path.join(PACKAGE_DIR, entry), 'utf8');
		const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
		const foreign = required.filter((name) => name !== 'n8n-workflow' && !builtins.has(name.replace(/^node:/, '')));
		expect({ entry, foreign }).toEqual({ entry, foreign: [] });
	}
});

test('every node and credential loads the way n8n loads the package', async () => {
	const loader = await loadPackage();
	const nodeNames = Object.keys(loader.nodeTypes);
	expect(nodeNames.length).toBe(pkg.n8n.nodes.length);
	for (const name of nodeNames) {
		const description = (loader.nodeTypes[name].type as { description: Record<string, any> }).description;
		expect(description.subtitle ?? description.group?.includes('trigger')).toBeTruthy();
		// n8n turns `file:` icons into served URLs; both must point at files in the package.
		for (const icon of Object.values(description.iconUrl as Record<string, string>)) {
			expect(fs.existsSync(path.join(PACKAGE_DIR, icon.replace(`icons/${pkg.name}/`, '')))).toBe(true);
		}
		expect(Object.keys(description.iconUrl)).toEqual(['light', 'dark']);
	}
	expect(Object.keys(loader.credentialTypes).length).toBe(pkg.n8n.credentials.length);
});
