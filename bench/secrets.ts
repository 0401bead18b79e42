/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Scrubbing secrets by value (lib/http/secrets, one Aho-Corasick automaton over every form of
 * every secret) beside the obvious peer: one RegExp alternation of the same forms, longest first,
 * with String.prototype.replace (V8's irregexp), on the same texts in the same run.
 *
 *   TS_NODE_PROJECT=tsconfig.test.json node -r ts-node/register/transpile-only bench/secrets.ts [seconds]
 *
 * Texts: an echoed error body (headers, a form body, JSON) of 10 KB, 100 KB and 1 MB with the
 * secrets in it; and a hostile one of the same sizes, every secret's form started and broken off
 * over and over (where a backtracking alternation retries each form at each position).
 * No assertions: a benchmark prints.
 */
import { createScrubber, secretForms, type CredentialSecrets } from '../lib/http/secrets';

const seconds = Number(process.argv[2] ?? 1);

const secrets: CredentialSecrets = {
	values: ['oauthAccess.0ld+/="a"-51f2c0ffee', 'oauthRefresh.R1+/="r"&-9d04beef', 'clientSecret S3+/&"c"=%-e6b8', 'Aruba Pa$$w0rd/"q"+&=%è-31', 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3'],
	pairs: [['mario.rossi@example.it', 'Aruba Pa$$w0rd/"q"+&=%è-31']],
};
const forms = secretForms(secrets);

function echoed(size: number): string {
	const chunk = [
		'POST /api/v2/invoices HTTP/1.1',
		`authorization: Bearer ${secrets.values[0]}`,
		'content-type: application/x-www-form-urlencoded',
		`grant_type=refresh_token&refresh_token=${encodeURIComponent(secrets.values[1])}&client_secret=${encodeURIComponent(secrets.values[2])}`,
		JSON.stringify({ message: 'Validation failed', errors: [{ field: 'entity.vat_number', message: 'Partita IVA non valida' }], echo: { password: secrets.values[3] } }),
		'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(8),
	].join('\n');
	return chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size);
}

function hostile(size: number): string {
	const started = forms.map((form) => form.slice(0, Math.max(1, form.length - 1))).join('');
	return started.repeat(Math.ceil(size / started.length)).slice(0, size);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const peer = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
const ours = createScrubber(secrets);

/** Runs per second of fn, for at least `seconds` and 3 runs. */
function measure(fn: () => string): { runsPerSecond: number; out: string } {
	let out = fn();
	const until = Date.now() + seconds * 1000;
	let runs = 0;
	const start = process.hrtime.bigint();
	while (Date.now() < until || runs < 3) {
		out = fn();
		runs++;
	}
	const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
	return { runsPerSecond: runs / elapsed, out };
}

console.log(`secret forms: ${forms.length} (from ${secrets.values.length} values and ${secrets.pairs.length} Basic pair)`);
{
	// paid once per failed call (the credential is read and the automaton built when a call fails)
	const runs = 2000;
	const start = process.hrtime.bigint();
	for (let i = 0; i < runs; i++) createScrubber(secrets);
	console.log(`building the scrubber: ${(Number(process.hrtime.bigint() - start) / 1e3 / runs).toFixed(0)} µs`);
}
console.log('text        size      ours MB/s   peer (RegExp alternation) MB/s   ours/peer   same output');
for (const [name, make] of [['echoed', echoed], ['hostile', hostile]] as const) {
	for (const size of [10_000, 100_000, 1_000_000]) {
		const text = make(size);
		const a = measure(() => ours.scrub(text));
		const b = measure(() => text.replace(peer, ours.marker));
		const mb = size / 1e6;
		const oursRate = a.runsPerSecond * mb;
		const peerRate = b.runsPerSecond * mb;
		console.log(
			`${name.padEnd(10)}  ${String(size).padStart(9)}  ${oursRate.toFixed(1).padStart(10)}  ${peerRate.toFixed(1).padStart(31)}  ${(oursRate / peerRate).toFixed(2).padStart(10)}   ${a.out === b.out ? 'yes' : 'no (peer leaves overlaps)'}`,
		);
	}
}
