/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * `npm run bench`: runs every benchmark (each `bench:*` script of package.json, one after the
 * other, so they do not compete for the CPU), shows their output as it comes, and ends with one
 * table of their headline figures (the BENCH-SUMMARY lines of bench/summary.ts): measure, ours,
 * peer, ratio, target, met. The table is also written to .tmp/bench-summary.md with the date and
 * the machine, for the README. `npm run bench -- fic parse` runs only bench:fic and bench:parse.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { SUMMARY_PREFIX, type SummaryRow } from '../bench/summary';

const REPO = path.resolve(__dirname, '..');

function run(script: string): Promise<{ code: number; rows: SummaryRow[] }> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '-s', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
		const rows: SummaryRow[] = [];
		let pending = '';
		child.stdout.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			pending += chunk.toString('utf8');
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) if (line.startsWith(SUMMARY_PREFIX)) rows.push(JSON.parse(line.slice(SUMMARY_PREFIX.length)) as SummaryRow);
		});
		child.on('close', (code) => resolve({ code: code ?? 1, rows }));
	});
}

async function main() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
	const wanted = process.argv.slice(2);
	const scripts = Object.keys(pkg.scripts)
		.filter((name) => name.startsWith('bench:'))
		.filter((name) => !wanted.length || wanted.includes(name.slice('bench:'.length)))
		.sort();
	const table: Array<SummaryRow & { bench: string }> = [];
	const failed: string[] = [];
	const without: string[] = [];
	for (const script of scripts) {
		console.log(`\n===== npm run ${script}`);
		const { code, rows } = await run(script);
		if (code !== 0) failed.push(script);
		if (!rows.length) without.push(script);
		table.push(...rows.map((row) => ({ ...row, bench: script })));
	}
	const cpu = os.cpus();
	const header = `${new Date().toISOString().slice(0, 10)}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}`;
	const lines = [
		`Benchmarks of ${header}`,
		'',
		'| benchmark | measure | ours | peer | ratio | target | met |',
		'|---|---|---|---|---|---|---|',
		...table.map((r) => `| ${r.bench} | ${r.measure} | ${r.ours} | ${r.peer} | ${r.ratio.toFixed(2)}x | ${r.target ?? '-'} | ${r.met === undefined ? '-' : r.met ? 'yes' : 'no'} |`),
	];
	if (without.length) lines.push('', `No headline figure (detail above): ${without.join(', ')}`);
	if (failed.length) lines.push('', `Failed: ${failed.join(', ')}`);
	fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
	fs.writeFileSync(path.join(REPO, '.tmp', 'bench-summary.md'), `${lines.join('\n')}\n`);
	console.log(`\n${lines.join('\n')}\n\n(written to .tmp/bench-summary.md)`);
	process.exit(failed.length ? 1 : 0);
}

void main();
