/*
 * Build: type-check with tsc, then bundle every node and credential listed in package.json's
 * `n8n` field with esbuild. Bundling inlines xmlbuilder2 and the lib/ core, so the published
 * package has zero runtime dependencies (n8n's verification rule); only n8n-workflow, the peer
 * dependency, stays external. Icons and codex files are copied beside each bundle.
 */
const { series, src, dest } = require('gulp');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const pkg = require('./package.json');

function clean(done) {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	done();
}

function typecheck(done) {
	if (process.env.SKIP_TYPECHECK === '1') return done();
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], {
		stdio: 'inherit',
	});
	done();
}

function entryPoints() {
	const outputs = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	return outputs.map((out) => {
		const source = out.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		if (!fs.existsSync(source)) throw new Error(`package.json n8n field lists ${out}, but ${source} does not exist`);
		return { in: source, out: out.replace(/^dist\//, '').replace(/\.js$/, '') };
	});
}

async function bundle() {
	const entries = entryPoints();
	if (entries.length === 0) return;
	await esbuild.build({
		entryPoints: entries,
		outdir: 'dist',
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		external: ['n8n-workflow'],
		sourcemap: false,
		minify: false,
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

function assets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.typecheck = typecheck;
exports.bundle = series(bundle, assets);
exports.build = series(clean, typecheck, bundle, assets);
exports.default = exports.build;
