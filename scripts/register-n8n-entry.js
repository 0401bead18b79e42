#!/usr/bin/env node
// Adds a dist/ entry to package.json's `n8n.nodes` or `n8n.credentials` (idempotent, keeps them sorted).
// Usage: node scripts/register-n8n-entry.js nodes|credentials dist/path/to/file.js
const fs = require('node:fs');
const path = require('node:path');

const [kind, entry] = process.argv.slice(2);
if (!['nodes', 'credentials'].includes(kind) || !entry || !entry.startsWith('dist/')) {
	console.error('usage: register-n8n-entry.js nodes|credentials dist/<path>.js');
	process.exit(2);
}
const file = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const list = new Set(pkg.n8n[kind]);
list.add(entry);
pkg.n8n[kind] = [...list].sort();
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
console.log(`${kind}: ${pkg.n8n[kind].length} entries`);
