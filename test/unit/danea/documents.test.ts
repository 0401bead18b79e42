/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import {
	buildEasyfattDocuments,
	checkEasyfattDocuments,
	DaneaFormatError,
	DOCUMENT_FIELDS,
	DOCUMENT_TYPE_LETTERS,
	parseEasyfattDocuments,
	ROW_FIELDS,
	streamEasyfattDocuments,
	type EasyfattDocument,
	type EasyfattDocumentsFile,
} from '../../../lib/danea';
import { parseXml, type XmlElement } from '../../../lib/xml';
import { describeWithSpec, specPath } from '../../helpers/specs';

const SAMPLE = 'danea/sample-easyfatt-documents-export.DefXml';

function errorOf(fn: () => unknown): DaneaFormatError {
	try {
		fn();
	} catch (e) {
		if (e instanceof DaneaFormatError) return e;
		throw new Error(`expected a DaneaFormatError, got ${String(e)}`);
	}
	throw new Error('expected a DaneaFormatError, nothing was thrown');
}

async function streamAll(chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>): Promise<EasyfattDocumentsFile> {
	const file: EasyfattDocumentsFile = { Documents: [] };
	for await (const item of streamEasyfattDocuments(chunks)) {
		if (item.type === 'header') {
			const { type, ...rest } = item;
			Object.assign(file, rest);
		} else if (item.type === 'company') file.Company = item.company;
		else file.Documents.push(item.document);
	}
	return file;
}

function chunked(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
	const out: Uint8Array[] = [];
	let k = 0;
	for (let i = 0; k < bytes.length; i++) {
		const n = Math.max(1, sizes[i % sizes.length]);
		out.push(bytes.subarray(k, k + n));
		k += n;
	}
	return out;
}

describeWithSpec(SAMPLE, 'the real Easyfatt 2023 export', () => {
	const bytes = fs.readFileSync(specPath(SAMPLE));

	it('parses completely: every element of the file is in the model, with its value', () => {
		const file = parseEasyfattDocuments(bytes);
		expect(file.AppVersion).toBe('2');
		expect(file.Creator).toBe('Danea Easyfatt Enterprise  2023.54b');
		expect(file.Company).toMatchObject({ Name: 'ACME Inc.', Postcode: '00173', City: 'Roma', VatCode: '00000000000', HomePage: 'https://example.com/' });
		expect(file.Documents).toHaveLength(1);
		const doc = file.Documents[0];
		expect(doc).toMatchObject({ DocumentType: 'C', Date: '2023-01-30', Number: '725', CustomerFiscalCode: 'PDFDNR38H51B374Q', CustomField1: '7:00>>18:00', PricesIncludeVat: true, PriceList: 'Dom. OFFERTA' });
		// money in integer cents
		expect(doc).toMatchObject({ TotalWithoutTax: 9221, VatAmount: 2029, Total: 11250, WithholdingTaxAmount: 0 });
		expect(doc.Rows).toEqual([
			{
				Code: '000029',
				Description: 'ACQUA EGERIA LT.1,5X6 PET EFFERVESCENTE NATURALE PLASTICA',
				Qty: '30',
				Um: 'CF',
				Price: '3.75',
				Discounts: null,
				VatCode: { Code: '22', Perc: '22', Class: 'Imponibile', Description: 'Imponibile 22%' },
				Total: 11250,
				Stock: true,
				Notes: null,
			},
		]);
		// an empty tag is kept as null (it clears the value on import), distinct from an absent one
		expect(doc.Numbering).toBeNull();
		expect(doc.CostAmount).toBeNull();
		expect('CustomerVatCode' in doc).toBe(false);
		// completeness: every leaf of the file's <Document> is a known field, none went to extraFields
		const tree = parseXml(bytes).root;
		const docEl = tree.children.find((c) => c.local === 'Documents')!.children[0];
		const leaves = docEl.children.filter((c) => c.children.length === 0).map((c) => c.local);
		expect(leaves.length).toBe(60);
		for (const tag of leaves) expect(Object.keys(DOCUMENT_FIELDS)).toContain(tag);
		expect(Object.keys(doc).filter((k) => k !== 'Rows').sort()).toEqual([...leaves].sort());
		expect(doc.extraFields).toBeUndefined();
	});

	it('round-trips: parse -> build -> parse gives the same items, and our structure check finds nothing', () => {
		const first = parseEasyfattDocuments(bytes);
		const xml = buildEasyfattDocuments(first);
		expect(checkEasyfattDocuments(xml)).toEqual([]);
		expect(parseEasyfattDocuments(xml)).toEqual(first);
		// Easyfatt's own empty tags stay empty tags
		expect(xml).toContain('<Numbering></Numbering>');
		expect(xml).toContain('<VatCode Perc="22" Class="Imponibile" Description="Imponibile 22%">22</VatCode>');
		expect(xml).toContain('<CustomField1>7:00&gt;&gt;18:00</CustomField1>');
	});

	it('reads the same as a stream, whatever the chunk boundaries', async () => {
		const whole = parseEasyfattDocuments(bytes);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
				expect(await streamAll(chunked(bytes, sizes))).toEqual(whole);
			}),
			{ numRuns: 60 },
		);
	});

	it('reads from a file stream (fs.createReadStream) as from the whole file', async () => {
		expect(await streamAll(fs.createReadStream(specPath(SAMPLE), { highWaterMark: 512 }) as AsyncIterable<Uint8Array>)).toEqual(parseEasyfattDocuments(bytes));
	});

	it('reads Windows line ends and a BOM the same way', () => {
		const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))]);
		expect(parseEasyfattDocuments(crlf)).toEqual(parseEasyfattDocuments(bytes));
	});

	it('never throws anything but its own error on a damaged file (fuzz)', () => {
		const text = bytes.toString('utf8');
		fc.assert(
			fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 0, max: 20 }), fc.string({ maxLength: 6 }), (at, del, ins) => {
				const damaged = text.slice(0, at) + ins + text.slice(at + del);
				try {
					parseEasyfattDocuments(damaged);
				} catch (e) {
					expect(e).toBeInstanceOf(DaneaFormatError);
					expect((e as DaneaFormatError).message).toMatch(/\S/);
				}
			}),
			{ numRuns: 400 },
		);
	});
});

const company = { Name: 'Alfa S.r.l.', Address: 'Via Roma 1', Postcode: '20100', City: 'Milano', Province: 'MI', Country: 'Italia', VatCode: '01234567897' };

function sampleDocument(type: string, i: number): EasyfattDocument {
	return {
		DocumentType: type as EasyfattDocument['DocumentType'],
		Date: '2025-03-14',
		Number: String(100 + i),
		Numbering: '/A',
		CustomerCode: `C${i}`,
		CustomerName: 'Rossi & Figli <S.n.c.>',
		CustomerVatCode: '01234567897',
		CustomerCountry: 'Italia',
		PricesIncludeVat: false,
		TotalWithoutTax: 10000,
		VatAmount: 2200,
		Total: 12200,
		WithholdingTaxPerc: '20',
		TransportedWeight: '12.5',
		DelayedVat: false,
		ExpectedConclusionDate: '2025-04-01',
		InternalComment: 'riga 1\nriga 2 "virgolette" à è ì ò ù €',
		Rows: [
			{ Code: 'P1', Description: 'Prodotto', Qty: '2', Um: 'pz', Price: '50', Discounts: '10+5', VatCode: { Code: '22', Perc: '22', Class: 'Imponibile', Description: 'Imponibile 22%' }, Total: 10000, Stock: true },
			{ Description: 'Riga descrittiva' },
		],
		Payments: [
			{ Advance: false, Date: '2025-04-14', Amount: 6100, Paid: false },
			{ Advance: false, Date: '2025-05-14', Amount: 6100, Paid: true },
		],
	};
}

describe('buildEasyfattDocuments', () => {
	it('builds a document of every DocumentType letter that passes our structure check and round-trips', () => {
		expect(DOCUMENT_TYPE_LETTERS).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S']);
		const file: EasyfattDocumentsFile = { Company: company, Documents: DOCUMENT_TYPE_LETTERS.map((t, i) => sampleDocument(t, i)) };
		const xml = buildEasyfattDocuments(file);
		expect(checkEasyfattDocuments(xml)).toEqual([]);
		const back = parseEasyfattDocuments(xml);
		expect(back.Documents.map((d) => d.DocumentType)).toEqual(DOCUMENT_TYPE_LETTERS);
		expect(back.Company).toEqual(company);
		expect(back.Documents).toEqual(file.Documents);
		expect(back.AppVersion).toBe('2');
	});

	it('omits undefined and empty-string values (Easyfatt keeps its default) and writes null as an empty tag (clears it)', () => {
		const xml = buildEasyfattDocuments({ Documents: [{ DocumentType: 'I', CustomerEmail: '', CustomerPec: null, Number: undefined, Rows: [{ Description: 'x', Notes: '' }] }] });
		expect(xml).not.toContain('CustomerEmail');
		expect(xml).not.toContain('<Number');
		expect(xml).not.toContain('<Notes');
		expect(xml).toContain('<CustomerPec></CustomerPec>');
		const doc = parseEasyfattDocuments(xml).Documents[0];
		expect(doc.CustomerPec).toBeNull();
		expect('CustomerEmail' in doc).toBe(false);
		// asked to clear: an empty string becomes an empty tag
		const clearing = buildEasyfattDocuments({ Documents: [{ CustomerEmail: '' }] }, { emptyStrings: 'clear' });
		expect(clearing).toContain('<CustomerEmail></CustomerEmail>');
	});

	it('keeps cents exact through build -> parse (property)', () => {
		const cents = fc.integer({ min: -99_999_999_999, max: 99_999_999_999 });
		fc.assert(
			fc.property(cents, cents, cents, fc.array(cents, { maxLength: 4 }), (total, vat, net, rowTotals) => {
				const doc: EasyfattDocument = { Total: total, VatAmount: vat, TotalWithoutTax: net, Rows: rowTotals.map((t) => ({ Total: t })), Payments: rowTotals.map((t) => ({ Amount: t })) };
				const back = parseEasyfattDocuments(buildEasyfattDocuments({ Documents: [doc] })).Documents[0];
				expect(back.Total).toBe(total);
				expect(back.VatAmount).toBe(vat);
				expect(back.TotalWithoutTax).toBe(net);
				expect((back.Rows ?? []).map((r) => r.Total)).toEqual(rowTotals);
				expect((back.Payments ?? []).map((p) => p.Amount)).toEqual(rowTotals);
			}),
			{ numRuns: 200 },
		);
	});

	it('keeps tags it does not know in extraFields, through parse and build', () => {
		const xml = '<EasyfattDocuments AppVersion="2"><Documents><Document><DocumentType>I</DocumentType><NewField2030>x</NewField2030><Rows><Row><Description>a</Description><RowExtra></RowExtra></Row></Rows></Document></Documents></EasyfattDocuments>';
		const file = parseEasyfattDocuments(xml);
		expect(file.Documents[0].extraFields).toEqual({ NewField2030: 'x' });
		expect(file.Documents[0].Rows![0].extraFields).toEqual({ RowExtra: null });
		expect(parseEasyfattDocuments(buildEasyfattDocuments(file))).toEqual({ ...file, Creator: 'n8n-nodes-gestionali-italiani' });
	});

	it('refuses bad values at once, each naming its path and what was expected', () => {
		const err = errorOf(() =>
			buildEasyfattDocuments({
				Documents: [
					{ DocumentType: 'K' as never, Date: '30/01/2023', Total: 112.5, Rows: [{ Price: 'tre' }, { Qty: '1,5', Stock: 'yes' as never }] },
					{ CustomerName: 'a\u0001b', Unknown: 1 } as never,
				],
			}),
		);
		const paths = err.findings.map((f) => f.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				'Documents/Document[1]/DocumentType',
				'Documents/Document[1]/Date',
				'Documents/Document[1]/Total',
				'Documents/Document[1]/Rows/Row[1]/Price',
				'Documents/Document[1]/Rows/Row[2]/Qty',
				'Documents/Document[1]/Rows/Row[2]/Stock',
				'Documents/Document[2]/CustomerName',
				'Documents/Document[2]/Unknown',
			]),
		);
		expect(err.findings.find((f) => f.path.endsWith('/Total'))!.message).toMatch(/integer cents/);
		expect(err.findings.find((f) => f.path.endsWith('Row[1]/Price'))!.message).toMatch(/decimal number/);
		expect(err.findings.find((f) => f.path.endsWith('/DocumentType'))!.message).toMatch(/one letter of A, B, C/);
	});
});

describe('parseEasyfattDocuments: clear errors', () => {
	const wrap = (doc: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<EasyfattDocuments AppVersion="2">\n<Documents>\n<Document><DocumentType>I</DocumentType></Document>\n<Document>\n<Rows>\n<Row><Price>1</Price></Row>\n<Row>\n${doc}\n</Row>\n</Rows>\n</Document>\n</Documents>\n</EasyfattDocuments>`;

	it('names document, row, field and line of a bad value', () => {
		const err = errorOf(() => parseEasyfattDocuments(wrap('<Price>3,75</Price>')));
		expect(err.findings[0]).toMatchObject({ path: 'Documents/Document[2]/Rows/Row[2]/Price', line: 9 });
		expect(err.message).toBe('Documents/Document[2]/Rows/Row[2]/Price: expected a decimal number with a dot and at most 8 decimals (e.g. 3.75), got "3,75" (line 9)');
	});

	it.each([
		['<Total>1.234</Total>', /Total: expected an amount with a dot and at most 2 decimals/],
		['<Stock>si</Stock>', /Stock: expected true or false/],
		['<ExpiryDate>2023-02-30</ExpiryDate>', /ExpiryDate: expected an ISO date/],
		['<Notes>a</Notes><Notes>b</Notes>', /Notes: appears twice/],
		['<VatCode Perc="ventidue">22</VatCode>', /VatCode: attribute Perc: expected a VAT rate/],
		['<Foo><Bar/></Foo>', /Foo: unknown element with child elements/],
	])('%s', (row, message) => {
		expect(errorOf(() => parseEasyfattDocuments(wrap(row))).message).toMatch(message);
	});

	it.each([
		['<Other/>', /expected <EasyfattDocuments>/],
		['<EasyfattDocuments><Documents><Document>', /ends inside <Document>/],
		['<EasyfattDocuments><Documents><Row/></Documents></EasyfattDocuments>', /Documents\/Row: unexpected element <Row> in <Documents>; expected <Document>/],
		['<EasyfattDocuments><Stuff/></EasyfattDocuments>', /unexpected element <Stuff>/],
		['<!DOCTYPE x [<!ENTITY a "b">]><EasyfattDocuments/>', /DOCTYPE/],
		['<EasyfattDocuments><Documents><Document><Number>&xxe;</Number></Document></Documents></EasyfattDocuments>', /entity &xxe; is not defined/],
		['<EasyfattDocuments>text</EasyfattDocuments>', /unexpected text "text"/],
		['<EasyfattDocuments/><EasyfattDocuments/>', /second root/],
		['', /no <EasyfattDocuments> element/],
	])('refuses %s', (xml, message) => {
		expect(errorOf(() => parseEasyfattDocuments(xml)).message).toMatch(message);
	});

	it('checkEasyfattDocuments lists every bad field at once instead of stopping at the first', () => {
		const findings = checkEasyfattDocuments(wrap('<Price>3,75</Price><Stock>si</Stock>').replace('<DocumentType>I</DocumentType>', '<DocumentType>Z</DocumentType>'));
		expect(findings.map((f) => [f.path, f.line])).toEqual([
			['Documents/Document[1]/DocumentType', 4],
			['Documents/Document[2]/Rows/Row[2]/Price', 9],
			['Documents/Document[2]/Rows/Row[2]/Stock', 9],
		]);
		expect(checkEasyfattDocuments('<EasyfattDocuments><Documents>')).toEqual([{ path: 'Documents', line: 1, message: expect.stringMatching(/ends inside <Documents>/) }]);
	});

	it('refuses a record larger than maxElementBytes instead of buffering it', async () => {
		const big = `<EasyfattDocuments><Documents><Document><InternalComment>${'x'.repeat(5000)}</InternalComment></Document></Documents></EasyfattDocuments>`;
		await expect(streamAll(chunked(Buffer.from(big), [256]))).resolves.toBeDefined();
		const it = streamEasyfattDocuments(chunked(Buffer.from(big), [256]), { maxElementBytes: 1000 });
		await expect((async () => { for await (const _ of it) { /* drain */ } })()).rejects.toThrow(/Documents\/Document\[1\]: a single element or markup token is larger than 1000 bytes/);
	});

	it('streams comments, CDATA, processing instructions and ">" inside attributes split at any byte', async () => {
		const xml = Buffer.from(
			'<?xml version="1.0" encoding="UTF-8"?>\n<!-- top level -->\n<EasyfattDocuments AppVersion="2" Creator="a > b">\n<?pi some > data?>\n<Documents>\n<!-- between <Document> -->\n' +
				'<Document><CustomerName><![CDATA[Rossi </Document> & <Figli>]]></CustomerName><!-- </Document> --><Rows><Row><VatCode Perc="22" Description="x > y &amp; z">22</VatCode></Row></Rows></Document>\n' +
				'<Document ><DocumentType >I</DocumentType ></Document >\n</Documents>\n</EasyfattDocuments>\n',
		);
		const whole = parseEasyfattDocuments(xml);
		expect(whole.Creator).toBe('a > b');
		expect(whole.Documents[0].CustomerName).toBe('Rossi </Document> & <Figli>');
		expect(whole.Documents[0].Rows![0].VatCode).toEqual({ Code: '22', Perc: '22', Description: 'x > y & z' });
		expect(whole.Documents[1].DocumentType).toBe('I');
		await fc.assert(
			fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
				expect(await streamAll(chunked(xml, sizes))).toEqual(whole);
			}),
			{ numRuns: 100 },
		);
	});

	it('reads a file another program saved as windows-1252 (whole-file read)', () => {
		const text = '<?xml version="1.0" encoding="windows-1252"?><EasyfattDocuments><Documents><Document><CustomerCity>Città €</CustomerCity></Document></Documents></EasyfattDocuments>';
		const latin = Buffer.from(text.replace('€', '\x80'), 'latin1');
		expect(parseEasyfattDocuments(latin).Documents[0].CustomerCity).toBe('Città €');
	});

	it('keeps the PDF attachment', () => {
		const file: EasyfattDocumentsFile = { Documents: [{ DocumentType: 'I', Pdf: { FileName: 'fattura.pdf', base64: Buffer.from('%PDF-1.4').toString('base64') } }] };
		expect(parseEasyfattDocuments(buildEasyfattDocuments(file)).Documents).toEqual(file.Documents);
	});
});

it('ROW_FIELDS covers the row fields Danea documents', () => {
	const documented = ['Code', 'SupplierCode', 'Description', 'Qty', 'Um', 'Size', 'Color', 'Lot', 'ExpiryDate', 'Serial', 'Price', 'Discounts', 'EcoFee', 'VatCode', 'Total', 'WithholdingTax', 'Stock', 'Notes', 'CommissionPerc'];
	expect(Object.keys(ROW_FIELDS)).toEqual(documented);
});

export type { XmlElement };
