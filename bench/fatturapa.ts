/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * FatturaPA throughput beside @digitalia/fatturapa, on the same invoices in the same run.
 *
 *   TS_NODE_PROJECT=tsconfig.test.json node -r ts-node/register/transpile-only bench/fatturapa.ts [seconds]
 *
 * Invoices: every valid ordinaria sample under ../shared/specs/fatturapa/samples/valid that both
 * libraries read. Each contender runs in its own child process so peak memory (maxRSS) is its own.
 *   parse+validate  ours: safe parse, model, XSD-equivalent structure check, SdI rules
 *                   theirs: fpa2js with its XML pre-validation, then fpaValidate (yup schema)
 *   build+validate  ours: model -> XML, then the structure check of that XML and the SdI rules
 *                   theirs: fpa2xml, then fpaValidate
 * No assertions: a benchmark prints.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseXml } from '../lib/xml';
import { parseFatturaPA, runSdiRules, serializeFatturaPA, validateStructure } from '../lib/fatturapa';
import { printSummary } from './summary';

// a fixed receipt day keeps the SdI date checks (00403) the same from one run to the next
const SDI_OPTIONS = { receivedOn: '2026-01-15' };
import { specPath } from '../test/helpers/specs';

const digitalia = require('@digitalia/fatturapa');

type Contender = 'ours-parse' | 'theirs-parse' | 'ours-build' | 'theirs-build';

function corpus(): string[] {
	const dirs = ['ade-official', 'derived', 'fatturaelettronicaphp', 'gobl-fatturapa', 'oca-l10n-italy'];
	const all = dirs.flatMap((d) => {
		const dir = specPath('fatturapa', 'samples', 'valid', d);
		return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.xml$/i.test(f)).map((f) => path.join(dir, f)) : [];
	});
	const texts: string[] = [];
	for (const f of all) {
		const xml = fs.readFileSync(f).toString('utf8').replace(/^\uFEFF/, '');
		try {
			const theirs = digitalia.fpa2js(xml, { validate: true, valuesOnly: true });
			digitalia.fpa2xml({ 'p:FatturaElettronica': theirs });
			parseFatturaPA(xml);
			texts.push(xml);
		} catch {
			// only invoices both libraries read are compared
		}
	}
	return texts;
}

// Their API as it works in 1.3.1: fpa2js returns nothing unless valuesOnly is set, and
// fpaValidate needs the schema passed in and answers with a promise (yup).
const theirsRead = (xml: string) => digitalia.fpa2js(xml, { validate: true, valuesOnly: true });
const theirsValidate = (values: unknown): Promise<boolean> =>
	digitalia.fpaValidate(values, digitalia.FPAYupSchema).then(
		() => true,
		() => false,
	);

async function run(contender: Contender, seconds: number): Promise<void> {
	const invoices = corpus();
	const prepared =
		contender === 'ours-build'
			? invoices.map((x) => parseFatturaPA(x))
			: contender === 'theirs-build'
				? invoices.map((x) => theirsRead(x))
				: invoices;
	let theirsAccepted = 0;
	const once = async (i: number): Promise<void> => {
		const item = prepared[i % prepared.length];
		switch (contender) {
			case 'ours-parse': {
				const doc = parseXml(item as string);
				const model = parseFatturaPA(doc);
				if (validateStructure(doc).length) throw new Error('a valid sample was found invalid');
				runSdiRules(model, SDI_OPTIONS);
				return;
			}
			case 'theirs-parse':
				if (await theirsValidate(theirsRead(item as string))) theirsAccepted++;
				return;
			case 'ours-build': {
				const model = item as ReturnType<typeof parseFatturaPA>;
				const xml = serializeFatturaPA(model);
				if (validateStructure(xml).length) throw new Error('a serialised sample was found invalid');
				runSdiRules(model, SDI_OPTIONS);
				return;
			}
			case 'theirs-build':
				digitalia.fpa2xml({ 'p:FatturaElettronica': item });
				if (await theirsValidate(item)) theirsAccepted++;
				return;
		}
	};
	for (let i = 0; i < prepared.length * 3; i++) await once(i); // warm-up
	const acceptedInWarmup = theirsAccepted;
	let n = 0;
	const started = process.hrtime.bigint();
	const deadline = started + BigInt(Math.round(seconds * 1e9));
	while (process.hrtime.bigint() < deadline) for (let k = 0; k < prepared.length; k++) await once(n++);
	const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
	const bytes = invoices.reduce((s, x) => s + Buffer.byteLength(x), 0);
	console.log(JSON.stringify({ contender, invoices: invoices.length, perSecond: n / elapsed, mbPerSecond: (n / prepared.length) * (bytes / 1e6) / elapsed, maxRssMb: process.resourceUsage().maxRSS / 1024, theirsAcceptedOf: contender.startsWith('theirs') ? `${acceptedInWarmup / 3}/${prepared.length}` : undefined }));
}

function main(): void {
	const arg = process.argv[2];
	if (arg && arg.startsWith('--run=')) {
		void run(arg.slice(6) as Contender, Number(process.argv[3] ?? 3));
		return;
	}
	const seconds = Number(arg ?? 3);
	const child = (c: Contender) =>
		JSON.parse(
			execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, `--run=${c}`, String(seconds)], {
				env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' },
				encoding: 'utf8',
			})
				.trim()
				.split('\n')
				.pop()!,
		);
	const r: Record<Contender, any> = {} as any;
	for (const c of ['ours-parse', 'theirs-parse', 'ours-build', 'theirs-build'] as Contender[]) r[c] = child(c);
	const row = (label: string, ours: any, theirs: any) =>
		console.log(
			`${label.padEnd(16)} ours ${ours.perSecond.toFixed(0).padStart(7)} inv/s ${ours.maxRssMb.toFixed(0).padStart(4)} MB peak | @digitalia/fatturapa ${theirs.perSecond.toFixed(0).padStart(7)} inv/s ${theirs.maxRssMb.toFixed(0).padStart(4)} MB peak | ratio ${(ours.perSecond / theirs.perSecond).toFixed(2)}x`,
		);
	console.log(`FatturaPA benchmark: ${r['ours-parse'].invoices} sample invoices read by both libraries, ${seconds} s per contender, node ${process.version}`);
	row('parse+validate', r['ours-parse'], r['theirs-parse']);
	row('build+validate', r['ours-build'], r['theirs-build']);
	for (const [label, ours, theirs] of [['parse+validate', r['ours-parse'], r['theirs-parse']], ['build+validate', r['ours-build'], r['theirs-build']]] as const) {
		const ratio = ours.perSecond / theirs.perSecond;
		printSummary({ measure: `FatturaPA ${label}, invoices/s`, ours: `${ours.perSecond.toFixed(0)} inv/s`, peer: `@digitalia/fatturapa ${theirs.perSecond.toFixed(0)} inv/s`, ratio, ...(label === 'parse+validate' ? { target: '>= 3x', met: ratio >= 3 } : {}) });
	}
	console.log(`their yup schema accepted ${r['theirs-parse'].theirsAcceptedOf} of the samples (all pass the official XSD)`);
	console.log('validation depth: ours = every XSD v1.2.3 rule (order, cardinality, facets, namespaces) and the SdI rules; theirs = well-formedness + its yup schema');
}

main();
