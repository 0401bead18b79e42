/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Easyfatt products push: a 50,000-product EasyfattProducts file streamed through our reader,
 * beside the same at 5,000 products (linear time, bounded memory) and beside a peer that reads
 * the whole file into memory (fast-xml-parser, in the same run).
 *
 *   npm run bench:danea            (or: TS_NODE_PROJECT=tsconfig.test.json node -r ts-node/register/transpile-only bench/danea.ts [products])
 *
 * Each contender reads each file in its own child process, so peak memory (maxRSS) is its own.
 *   ours-stream   fs.createReadStream (64 KiB chunks) -> streamEasyfattProducts: one product at a time
 *   ours-whole    readFileSync -> parseEasyfattProducts: every product in memory (the model)
 *   fxp-whole     readFileSync -> fast-xml-parser XMLParser.parse: its tree of the whole file
 * No assertions: a benchmark prints.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { streamEasyfattDocuments, buildEasyfattProducts, parseEasyfattProducts, streamEasyfattProducts, type EasyfattProduct } from '../lib/danea';

type Contender = 'ours-stream' | 'ours-whole' | 'fxp-whole';

const euro = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function product(i: number): EasyfattProduct {
	return {
		Code: `ART${String(i).padStart(6, '0')}`,
		Barcode: `800${String(i).padStart(10, '0')}`,
		Description: `Acqua minerale naturale "Fonte ${i % 97}" 1,5 l x 6 – PET & vetro`,
		DescriptionHTML: `<p>Confezione da <b>6</b> bottiglie, lotto ${i}</p>`,
		Category: `Categoria ${i % 40}`,
		Subcategory: `Sottocategoria ${i % 300}`,
		Um: 'CF',
		NetPrice1: euro(100 + (i % 5000)),
		GrossPrice1: euro(Math.round((100 + (i % 5000)) * 1.22)),
		NetPrice2: euro(100 + (i % 4000)),
		Vat: { Code: '22', Perc: '22', Class: 'Imponibile', Description: 'Imponibile 22%' },
		ManageWarehouse: true,
		AvailableQty: String(i % 250),
		OrderedQty: String(i % 7),
		SupplierName: 'Fornitore S.p.A.',
		SupplierProductCode: `F-${i}`,
		Notes: i % 10 === 0 ? 'Nota con àccenti, € e <caratteri> speciali' : undefined,
		...(i % 20 === 0 ? { Variants: [{ Size: 'M', Color: 'Rosso', AvailableQty: '3' }, { Size: 'L', Color: 'Blu', AvailableQty: '0' }] } : {}),
	};
}

/** Writes the file product by product (our writer, in slices of 1,000), so generating it stays small too. */
function generate(file: string, count: number): number {
	const fd = fs.openSync(file, 'w');
	fs.writeSync(fd, '<?xml version="1.0" encoding="UTF-8"?>\n<EasyfattProducts AppVersion="3" Mode="full" Warehouse="Magazzino">\n  <Products>\n');
	for (let start = 0; start < count; start += 1000) {
		const slice = Array.from({ length: Math.min(1000, count - start) }, (_, k) => product(start + k));
		const xml = buildEasyfattProducts({ AppVersion: '3', Mode: 'full', Products: slice });
		const body = xml.slice(xml.indexOf('<Products>') + '<Products>'.length, xml.lastIndexOf('</Products>'));
		fs.writeSync(fd, body.replace(/^\n/, ''));
	}
	fs.writeSync(fd, '  </Products>\n</EasyfattProducts>\n');
	fs.closeSync(fd);
	return fs.statSync(file).size;
}

async function readOnce(contender: Contender, file: string, sample: (final?: boolean) => void): Promise<{ products: number; stock: number }> {
	let products = 0;
	let stock = 0;
	if (contender === 'ours-stream') {
		for await (const item of streamEasyfattProducts(fs.createReadStream(file, { highWaterMark: 64 * 1024 }))) {
			if (item.type !== 'product') continue;
			products++;
			stock += Number(item.product.AvailableQty ?? 0);
			if (products % 2500 === 0) sample();
		}
		sample(true);
	} else if (contender === 'ours-whole') {
		const parsed = parseEasyfattProducts(fs.readFileSync(file));
		sample(true);
		for (const p of parsed.Products ?? []) {
			products++;
			stock += Number(p.AvailableQty ?? 0);
		}
	} else {
		const tree = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(fs.readFileSync(file, 'utf8'));
		sample(true);
		for (const p of [].concat(tree.EasyfattProducts.Products.Product)) {
			products++;
			stock += Number((p as any).AvailableQty ?? 0);
		}
	}
	return { products, stock };
}

async function run(contender: Contender, file: string, warmup: string): Promise<void> {
	const gc = global.gc ?? (() => undefined);
	// warm-up on the small file, so both sizes are timed with the code already optimised
	await readOnce(contender, warmup, () => undefined);
	gc();
	const startRss = process.memoryUsage().rss;
	const startHeap = process.memoryUsage().heapUsed;
	let peakRss = startRss;
	let liveHeap = 0;
	const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
	let timedOut = 0n;
	// live heap: after a forced GC at fixed points, what the reader still holds (GC time is not counted)
	const sample = (): void => {
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
		const t = process.hrtime.bigint();
		gc();
		liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - startHeap);
		timedOut += process.hrtime.bigint() - t;
	};
	const started = process.hrtime.bigint();
	const { products, stock } = await readOnce(contender, file, sample);
	const seconds = Number(process.hrtime.bigint() - started - timedOut) / 1e9;
	clearInterval(timer);
	console.log(JSON.stringify({ contender, products, stock, seconds, startRssMb: startRss / 2 ** 20, peakRssMb: peakRss / 2 ** 20, growthMb: (peakRss - startRss) / 2 ** 20, liveHeapMb: liveHeap / 2 ** 20 }));
}

function child(contender: Contender, file: string, warmup: string): any {
	const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, `--run=${contender}`, file, warmup], {
		env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' },
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	return JSON.parse(out.trim().split('\n').pop()!);
}

/** One document carrying a PDF of `mib` MiB (base64), streamed in 16 KiB chunks: a single large record must cost linear time too. */
async function bigDocument(mib: number): Promise<number> {
	const pdf = Buffer.alloc(mib * 2 ** 20, 7).toString('base64');
	const xml = Buffer.from(`<EasyfattDocuments AppVersion="2"><Documents><Document><DocumentType>I</DocumentType><Pdf FileName="f.pdf">${pdf}</Pdf></Document></Documents></EasyfattDocuments>`);
	function* chunks(): Generator<Uint8Array> {
		for (let k = 0; k < xml.length; k += 16 * 1024) yield xml.subarray(k, k + 16 * 1024);
	}
	const started = process.hrtime.bigint();
	let seen = 0;
	for await (const item of streamEasyfattDocuments(chunks(), { maxElementBytes: 64 * 2 ** 20 })) if (item.type === 'document' && item.document.Pdf) seen += item.document.Pdf.base64.length;
	if (seen !== pdf.length) throw new Error('the PDF was not read whole');
	return Number(process.hrtime.bigint() - started) / 1e9;
}

function main(): void {
	const arg = process.argv[2];
	if (arg === '--big-document') {
		void (async () => {
			await bigDocument(4);
			const a = await bigDocument(8);
			const b = await bigDocument(32);
			console.log(`one document with an 8 MiB / 32 MiB PDF in 16 KiB chunks: ${a.toFixed(2)} s / ${b.toFixed(2)} s, time x${(b / a).toFixed(1)} for x4 bytes`);
		})();
		return;
	}
	if (arg && arg.startsWith('--run=')) {
		void run(arg.slice(6) as Contender, process.argv[3], process.argv[4]);
		return;
	}
	const large = Number(arg ?? 50000);
	const small = Math.round(large / 10);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-danea-'));
	try {
		const files = { small: path.join(dir, `products-${small}.xml`), large: path.join(dir, `products-${large}.xml`) };
		const sizes = { small: generate(files.small, small), large: generate(files.large, large) };
		console.log(`Easyfatt products push benchmark, node ${process.version}: ${small} products (${(sizes.small / 2 ** 20).toFixed(1)} MiB) and ${large} products (${(sizes.large / 2 ** 20).toFixed(1)} MiB)`);
		const r: Record<string, any> = {};
		for (const c of ['ours-stream', 'ours-whole', 'fxp-whole'] as Contender[]) for (const s of ['small', 'large'] as const) r[`${c}-${s}`] = child(c, files[s], files.small);
		for (const c of ['ours-stream', 'ours-whole', 'fxp-whole'] as Contender[]) {
			const a = r[`${c}-small`];
			const b = r[`${c}-large`];
			if (a.products !== small || b.products !== large) throw new Error(`${c} read ${a.products}/${b.products} products, expected ${small}/${large}`);
			console.log(
				`${c.padEnd(12)} ${String(large).padStart(6)}: ${b.seconds.toFixed(2).padStart(6)} s ${(large / b.seconds).toFixed(0).padStart(7)} products/s, peak RSS ${b.peakRssMb.toFixed(0).padStart(4)} MB (+${b.growthMb.toFixed(0)} MB), live heap ${b.liveHeapMb.toFixed(1)} MB` +
					` | ${small}: ${a.seconds.toFixed(2)} s, +${a.growthMb.toFixed(0)} MB RSS, live heap ${a.liveHeapMb.toFixed(1)} MB | time x${(b.seconds / a.seconds).toFixed(1)} for x${(large / small).toFixed(0)} products, live heap x${(b.liveHeapMb / Math.max(a.liveHeapMb, 0.1)).toFixed(1)}`,
			);
		}
		const ours = r['ours-stream-large'];
		const peer = r['fxp-whole-large'];
		console.log(
			`ours-stream vs fast-xml-parser whole-file at ${large}: time ${(ours.seconds / peer.seconds).toFixed(2)}x theirs, peak RSS growth ${ours.growthMb.toFixed(0)} MB vs ${peer.growthMb.toFixed(0)} MB, live heap ${ours.liveHeapMb.toFixed(1)} MB vs ${peer.liveHeapMb.toFixed(1)} MB`,
		);
		console.log(
			execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--big-document'], { env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' }, encoding: 'utf8' }).trim(),
		);
		console.log('bounded memory: ours-stream live heap stays flat from the small to the large file; linear time: its time ratio is near the product ratio (the machine is shared: times are noisy)');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main();
