/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The Fattura24 lenient reply reader on adversarial inputs of growing size, beside fast-xml-parser
 * (the peer, in the same run, on the same inputs). A linear reader takes about 4x the time for 4x
 * the input: the "x4 ratio" column shows it. No assertions: a benchmark prints.
 *
 *   TS_NODE_PROJECT=tsconfig.test.json node -r ts-node/register/transpile-only bench/fattura24-reader.ts
 */
import { XMLParser } from 'fast-xml-parser';

import { readF24Xml } from '../lib/fattura24/reply';

const patterns: Record<string, (n: number) => string> = {
	'real reply x n': (n) => `<root>${'<prodotto><id>1</id><descrizione><![CDATA[P &egrave; 1]]></descrizione><importo>0.0</importo></prodotto>'.repeat(Math.ceil(n / 95))}</root>`.slice(0, n),
	"'<a' repeated (unfinished tags)": (n) => '<a'.repeat(n / 2),
	'unterminated quotes': (n) => '<a b="'.repeat(n / 6),
	"'&' without ';'": (n) => '&aaaaaaaaa'.repeat(n / 10),
	'unclosed CDATA': (n) => '<![CDATA['.repeat(n / 9),
	'stray end tags': (n) => `<root>${'</x>'.repeat(n / 4)}</root>`,
};

function time(f: () => void): number {
	const runs = 3;
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const t = process.hrtime.bigint();
		f();
		best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
	}
	return best;
}

const peer = new XMLParser({ ignoreAttributes: true, processEntities: true });
const sizes = [100_000, 400_000, 1_600_000];
console.log('pattern | size | ours ms | ours x4 ratio | fast-xml-parser ms | peer x4 ratio');
for (const [name, make] of Object.entries(patterns)) {
	let prevOurs = 0;
	let prevPeer = 0;
	for (const size of sizes) {
		const input = make(size);
		const ours = time(() => {
			try {
				readF24Xml(input, { maxDepth: 64, maxElements: 10_000_000 });
			} catch {
				/* its own errors count as answers */
			}
		});
		const theirs = time(() => {
			try {
				peer.parse(input);
			} catch {
				/* a refusal is an answer too */
			}
		});
		const r = (a: number, b: number) => (b ? (a / b).toFixed(1) : '-');
		console.log(`${name} | ${input.length} | ${ours.toFixed(1)} | ${r(ours, prevOurs)} | ${theirs.toFixed(1)} | ${r(theirs, prevPeer)}`);
		prevOurs = ours;
		prevPeer = theirs;
	}
}
