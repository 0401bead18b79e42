/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import {
	buildEasyfattProducts,
	checkEasyfattProducts,
	DaneaFormatError,
	parseEasyfattProducts,
	streamEasyfattProducts,
	type EasyfattProduct,
	type EasyfattProductsFile,
	type ProductsStreamItem,
} from '../../../lib/danea';

const product = (i: number): EasyfattProduct => ({
	Code: `ART${String(i).padStart(5, '0')}`,
	Barcode: `80012345${String(i).padStart(5, '0')}`,
	Description: `Prodotto "${i}" & <co>`,
	Category: 'Bevande',
	Subcategory: 'Acque',
	Um: 'pz',
	NetPrice1: '3.07377',
	GrossPrice1: '3.75',
	NetPrice2: '2.5',
	Vat: { Code: '22', Perc: '22', Class: 'Imponibile', Description: 'Imponibile 22%' },
	ManageWarehouse: true,
	AvailableQty: String(i % 17),
	MinStock: '0',
	Notes: 'riga 1\nriga 2',
	CustomField1: 'àèìòù',
});

async function collect(source: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>): Promise<ProductsStreamItem[]> {
	const out: ProductsStreamItem[] = [];
	for await (const item of streamEasyfattProducts(source)) out.push(item);
	return out;
}

function errorOf(fn: () => unknown): DaneaFormatError {
	try {
		fn();
	} catch (e) {
		if (e instanceof DaneaFormatError) return e;
		throw e;
	}
	throw new Error('expected a DaneaFormatError');
}

describe('EasyfattProducts full', () => {
	const file: EasyfattProductsFile = { AppVersion: '2', Mode: 'full', Warehouse: 'Magazzino principale', Products: [product(1), product(2), { Code: 'EMPTY', Notes: null }] };

	it('builds a push that passes our structure check and parses back to the same products', () => {
		const xml = buildEasyfattProducts(file);
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<EasyfattProducts AppVersion="2" Mode="full" Warehouse="Magazzino principale">/);
		expect(checkEasyfattProducts(xml)).toEqual([]);
		expect(parseEasyfattProducts(xml)).toEqual(file);
	});

	it('streams one product at a time, the same whatever the chunk boundaries', async () => {
		const bytes = Buffer.from(buildEasyfattProducts(file));
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 700 }), async (size) => {
				const chunks: Uint8Array[] = [];
				for (let k = 0; k < bytes.length; k += size) chunks.push(bytes.subarray(k, k + size));
				const items = await collect(chunks);
				expect(items[0]).toEqual({ type: 'header', AppVersion: '2', Mode: 'full', Warehouse: 'Magazzino principale' });
				expect(items.slice(1)).toEqual(file.Products!.map((p, i) => ({ type: 'product', list: 'Products', index: i + 1, product: p })));
			}),
			{ numRuns: 50 },
		);
	});

	it('a multi-byte character split across chunks is read whole', async () => {
		const xml = Buffer.from('<EasyfattProducts Mode="full"><Products><Product><Code>€è</Code></Product></Products></EasyfattProducts>');
		const at = xml.indexOf(Buffer.from('€')) + 1;
		const items = await collect([xml.subarray(0, at), xml.subarray(at, at + 2), xml.subarray(at + 2)]);
		expect(items[1]).toMatchObject({ product: { Code: '€è' } });
	});
});

describe('EasyfattProducts incremental and variants', () => {
	const file: EasyfattProductsFile = {
		AppVersion: '3',
		Mode: 'incremental',
		UpdatedProducts: [
			{
				...product(7),
				ExtraBarcodes: [{ Barcode: '8000000000017', PackageQty: '6' }, { Barcode: '8000000000024' }],
				Variants: [
					{ Size: 'M', Color: 'Rosso', Barcode: '8000000000031', AvailableQty: '3' },
					{ Size: 'L', Color: 'Blu', AvailableQty: '0' },
				],
			},
		],
		DeletedProducts: [{ Code: 'OLD1' }, { Code: 'OLD2' }],
	};

	it('round-trips UpdatedProducts, DeletedProducts, extra barcodes and variants', () => {
		const xml = buildEasyfattProducts(file);
		expect(checkEasyfattProducts(xml)).toEqual([]);
		expect(parseEasyfattProducts(xml)).toEqual(file);
		expect(xml).toContain('<Barcode PackageQty="6">8000000000017</Barcode>');
	});

	it('defaults Mode from the lists and AppVersion 3 when there are variants', () => {
		const { AppVersion, Mode, ...rest } = file;
		expect(buildEasyfattProducts(rest)).toContain('<EasyfattProducts AppVersion="3" Mode="incremental">');
		expect(buildEasyfattProducts({ Products: [{ Code: 'A' }] })).toContain('<EasyfattProducts AppVersion="2" Mode="full">');
	});

	it('refuses what Easyfatt would not send: mixed modes, a deleted product with fields, a product without Code', () => {
		const err = errorOf(() => buildEasyfattProducts({ Mode: 'full', Products: [{ Description: 'no code' }], UpdatedProducts: [], DeletedProducts: [{ Code: 'X', Description: 'y' }] }));
		expect(err.findings.map((f) => f.path)).toEqual(expect.arrayContaining(['UpdatedProducts', 'Products/Product[1]/Code', 'DeletedProducts/Product[1]']));
		expect(err.message).toMatch(/a deleted product carries only its Code; remove Description/);
	});
});

describe('parseEasyfattProducts: errors and limits', () => {
	it('names product, field and line', () => {
		const xml = '<EasyfattProducts Mode="full">\n<Products>\n<Product><Code>A</Code></Product>\n<Product>\n<Code>B</Code>\n<NetPrice3>1,50</NetPrice3>\n</Product>\n</Products>\n</EasyfattProducts>';
		expect(errorOf(() => parseEasyfattProducts(xml)).message).toBe(
			'Products/Product[2]/NetPrice3: expected a decimal number with a dot and at most 8 decimals (e.g. 3.75), got "1,50" (line 6)',
		);
	});

	it('refuses a Mode other than full or incremental', () => {
		expect(errorOf(() => parseEasyfattProducts('<EasyfattProducts Mode="partial"/>')).message).toMatch(/@Mode: expected full or incremental/);
	});

	it('never throws anything but its own error on damaged input (fuzz)', () => {
		const text = buildEasyfattProducts({ Products: [product(1), product(2)] });
		fc.assert(
			fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom('<', '>', '&', '"', '</Product>', '<Product>', '<!--', ']]>', '\u0000', ''), (at, del, ins) => {
				const damaged = text.slice(0, at) + ins + text.slice(at + del);
				try {
					parseEasyfattProducts(damaged);
				} catch (e) {
					expect(e).toBeInstanceOf(DaneaFormatError);
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('holds only one product in memory: a product larger than maxElementBytes is refused, a long file of small ones is not', async () => {
		function* many(n: number): Generator<string> {
			yield '<EasyfattProducts Mode="full"><Products>';
			for (let i = 0; i < n; i++) yield `<Product><Code>P${i}</Code><Description>${'d'.repeat(200)}</Description></Product>`;
			yield '</Products></EasyfattProducts>';
		}
		let count = 0;
		for await (const item of streamEasyfattProducts(many(3000), { maxElementBytes: 1024 })) if (item.type === 'product') count++;
		expect(count).toBe(3000);
		const big = ['<EasyfattProducts Mode="full"><Products><Product><Code>P</Code><Description>', 'x'.repeat(2048), '</Description></Product></Products></EasyfattProducts>'];
		await expect(collect((async function* () { yield* big; })())).resolves.toHaveLength(2);
		const limited = streamEasyfattProducts(big, { maxElementBytes: 1024 });
		await expect((async () => { for await (const _ of limited) { /* drain */ } })()).rejects.toThrow(/Products\/Product\[1\].*larger than 1024 bytes/);
	});
});
