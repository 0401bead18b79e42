/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import {
	buildEasyfattCsv,
	buildEasyfattProducts,
	CONTACT_CAPTIONS,
	customerFieldsFromCsv,
	DaneaFormatError,
	parseEasyfattCsv,
	parseEasyfattProducts,
	PRODUCT_CAPTIONS,
	productFromCsv,
	VARIANT_CAPTIONS,
} from '../../../lib/danea';
import { describeWithSpec, specPath } from '../../helpers/specs';

const CAPTIONS_FILE = 'danea/csv-columns.json';

function errorOf(fn: () => unknown): DaneaFormatError {
	try {
		fn();
	} catch (e) {
		if (e instanceof DaneaFormatError) return e;
		throw e;
	}
	throw new Error('expected a DaneaFormatError');
}

describeWithSpec(CAPTIONS_FILE, 'the published captions', () => {
	const published = JSON.parse(fs.readFileSync(specPath(CAPTIONS_FILE), 'utf8'));

	it('are the captions this library reads and writes', () => {
		expect([...CONTACT_CAPTIONS]).toEqual(published.anagrafiche_clienti_fornitori);
		expect([...VARIANT_CAPTIONS]).toEqual(published.prodotti_varianti_taglie_colori);
		const products = published.prodotti.map((c: string) => c.replace(/^<Listino (\d) caption.*>$/, 'Listino $1'));
		expect([...PRODUCT_CAPTIONS]).toEqual(products);
	});

	it('a contacts file with every published caption parses, each cell under its caption', () => {
		const captions: string[] = published.anagrafiche_clienti_fornitori;
		const values = captions.map((c, i) => (c === 'Denominazione' ? '"Rossi; Bianchi & C. ""srl"""' : `v${i}`));
		const text = `\uFEFF${captions.join(';')}\r\n${values.join(';')}\r\n`;
		const csv = parseEasyfattCsv(text);
		expect(csv.kind).toBe('contacts');
		expect(csv.delimiter).toBe(';');
		expect(csv.columns).toEqual(captions);
		expect(csv.unknownColumns).toEqual([]);
		expect(csv.rows[0].Denominazione).toBe('Rossi; Bianchi & C. "srl"');
		expect(csv.rows[0]['Città']).toBe(`v${captions.indexOf('Città')}`);
	});

	it('a products file with every published caption parses (listino captions as Easyfatt names them)', () => {
		const captions: string[] = published.prodotti.map((c: string) => c.replace(/^<Listino (\d) caption.*>$/, 'Listino $1 (ivato)'));
		const csv = parseEasyfattCsv(`${captions.join(',')}\n${captions.map(() => '1').join(',')}\n`);
		expect(csv.kind).toBe('products');
		expect(csv.delimiter).toBe(',');
		expect(csv.unknownColumns).toEqual([]);
		expect(Object.keys(csv.rows[0])).toEqual(captions);
	});
});

describe('parseEasyfattCsv edge cases', () => {
	it('reads quoted separators, quoted line ends, doubled quotes, CRLF and a BOM (bytes)', () => {
		const text = '\uFEFFCod.;Denominazione;Indirizzo;Note\r\n"001";"Alfa; Beta";"Via Roma, 1";"riga 1\r\nriga 2 ""citata"""\r\n002;Gamma;;\r\n';
		const csv = parseEasyfattCsv(Buffer.from(text, 'utf8'));
		expect(csv.columns).toEqual(['Cod.', 'Denominazione', 'Indirizzo', 'Note']);
		expect(csv.rows).toEqual([
			{ 'Cod.': '001', Denominazione: 'Alfa; Beta', Indirizzo: 'Via Roma, 1', Note: 'riga 1\r\nriga 2 "citata"' },
			{ 'Cod.': '002', Denominazione: 'Gamma', Indirizzo: '', Note: '' },
		]);
	});

	it('reads a windows-1252 file (Easyfatt on Windows, "ANSI") and matches captions loosely (case, spaces)', () => {
		const bytes = Buffer.from('cod.;DENOMINAZIONE;Citt\xe0;Prov.\nA1;Caff\xe8 \x80uro;Forl\xec;FC\n', 'latin1');
		const csv = parseEasyfattCsv(bytes);
		expect(csv.columns).toEqual(['Cod.', 'Denominazione', 'Città', 'Prov.']);
		expect(csv.rows[0]).toEqual({ 'Cod.': 'A1', Denominazione: 'Caffè €uro', 'Città': 'Forlì', 'Prov.': 'FC' });
	});

	it('reads tab-separated files and keeps unknown captions as found', () => {
		const csv = parseEasyfattCsv('Cod.\tDescrizione\tColonna mia\nX\tY\tZ\n');
		expect(csv).toMatchObject({ kind: 'products', delimiter: '\t', unknownColumns: ['Colonna mia'], rows: [{ 'Cod.': 'X', Descrizione: 'Y', 'Colonna mia': 'Z' }] });
	});

	it('tells variants from products', () => {
		expect(parseEasyfattCsv('Cod.;Descrizione;Colore;Taglia;Cod. a barre;Q.tà giacenza\nA;B;Rosso;M;123;4\n').kind).toBe('variants');
	});

	it('names the line of a malformed record', () => {
		const err = errorOf(() => parseEasyfattCsv('Cod.;Denominazione\n1;Alfa\n2;Beta;extra\n'));
		expect(err.findings[0].path).toBe('CSV line 3');
		expect(err.message).toMatch(/not a well-formed CSV with separator ";"/);
		expect(errorOf(() => parseEasyfattCsv('Cod.;Denominazione\n1;"Alfa\n')).message).toMatch(/CSV/);
	});

	it('refuses a file without Easyfatt captions, an empty one, and a duplicate caption', () => {
		expect(errorOf(() => parseEasyfattCsv('name;email\nx;y\n')).message).toMatch(/CSV line 1: the header has no Easyfatt caption/);
		expect(errorOf(() => parseEasyfattCsv('')).message).toMatch(/the file is empty/);
		expect(errorOf(() => parseEasyfattCsv('Cod.;Denominazione;cod.\n')).message).toMatch(/"Cod." appears twice/);
	});

	it('never throws anything but its own error (fuzz)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (tail) => {
				try {
					parseEasyfattCsv(`Cod.;Denominazione\n${tail}`);
				} catch (e) {
					expect(e).toBeInstanceOf(DaneaFormatError);
				}
			}),
			{ numRuns: 300 },
		);
	});
});

describe('buildEasyfattCsv', () => {
	it('writes captions in Easyfatt order with ; CRLF and a BOM, quoting what needs it, and parses back', () => {
		const rows = [
			{ Denominazione: 'Alfa; Beta "srl"', 'Cod.': '001', 'Città': 'Forlì', Note: 'a\nb' },
			{ 'Cod.': '002', Denominazione: ' spazi ', 'Partita Iva': '01234567897' },
		];
		const text = buildEasyfattCsv(rows, { kind: 'contacts' });
		expect(text.startsWith('\uFEFFCod.;Denominazione;Città;Codice fiscale'.slice(0, 26))).toBe(true);
		expect(text.split('\r\n')[0]).toBe('\uFEFFCod.;Denominazione;Città;Partita Iva;Note');
		expect(text).toContain('"Alfa; Beta ""srl"""');
		const back = parseEasyfattCsv(text);
		expect(back.rows).toEqual([
			{ 'Cod.': '001', Denominazione: 'Alfa; Beta "srl"', 'Città': 'Forlì', 'Partita Iva': '', Note: 'a\nb' },
			{ 'Cod.': '002', Denominazione: ' spazi ', 'Città': '', 'Partita Iva': '01234567897', Note: '' },
		]);
	});

	it('round-trips any cell text (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 5 }), (cells) => {
				const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g, '');
				const rows = cells.map(([a, b]) => ({ 'Cod.': `K${clean(a)}`, Denominazione: clean(b) }));
				const back = parseEasyfattCsv(buildEasyfattCsv(rows, { kind: 'contacts' })).rows;
				expect(back).toEqual(rows);
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses a caption Easyfatt does not have', () => {
		expect(errorOf(() => buildEasyfattCsv([{ 'Ragione sociale': 'x' }], { kind: 'contacts' })).message).toMatch(/rows\[0\]\.Ragione sociale: not a caption/);
	});
});

describe('CSV rows to the XML models', () => {
	it('a contacts row gives the Customer fields of a document', () => {
		const row = parseEasyfattCsv('Cod.;Denominazione;Indirizzo;Cap;Città;Prov.;Nazione;Partita Iva;Codice fiscale;Cod. destinatario Fatt. elettr.;Pec;e-mail\n9;Alfa srl;Via Po 1;10100;Torino;TO;Italia;01234567897;;ABC1234;alfa@pec.it;info@alfa.it\n').rows[0];
		expect(customerFieldsFromCsv(row)).toEqual({
			CustomerCode: '9',
			CustomerName: 'Alfa srl',
			CustomerAddress: 'Via Po 1',
			CustomerPostcode: '10100',
			CustomerCity: 'Torino',
			CustomerProvince: 'TO',
			CustomerCountry: 'Italia',
			CustomerVatCode: '01234567897',
			CustomerEInvoiceDestCode: 'ABC1234',
			CustomerPec: 'alfa@pec.it',
			CustomerEmail: 'info@alfa.it',
		});
	});

	it('a products row (Italian number format) becomes an EasyfattProduct that goes into a products push', () => {
		const csv = parseEasyfattCsv('Cod.;Descrizione;Cod. Udm;Cod. Iva;Listino 1 (ivato);Listino 2;Q.tà giacenza;Cod. a barre\nA1;Acqua;pz;22;"1.234,50";€ 3,75;12;8001\n');
		const p = productFromCsv(csv.rows[0], 2);
		expect(p).toEqual({ Code: 'A1', Description: 'Acqua', Um: 'pz', Barcode: '8001', Vat: { Code: '22', Perc: '22' }, GrossPrice1: '1234.5', NetPrice2: '3.75', AvailableQty: '12' });
		const xml = buildEasyfattProducts({ Products: [p] });
		expect(parseEasyfattProducts(xml).Products).toEqual([p]);
		expect(errorOf(() => productFromCsv({ 'Cod.': 'X', 'Listino 1': 'tre' }, 7)).message).toMatch(/CSV line 7, Listino 1: expected a number/);
	});
});
