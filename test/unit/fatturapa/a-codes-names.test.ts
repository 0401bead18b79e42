/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import {
	TipoDocumentoCodes,
	NaturaCodes,
	RegimeFiscaleCodes,
	ModalitaPagamentoCodes,
	CausalePagamentoCodes,
	TipoCassaCodes,
	TipoRitenutaCodes,
	isCodeValidOn,
	codeValidity,
	fileName,
	parseFileName,
	nextProgressivo,
	toCents,
	centsToAmount,
	characterProblems,
	fitCharacters,
	buildFatturaPA,
	validateStructure,
} from '../../../lib/fatturapa';

describe('code lists of XSD v1.2.3', () => {
	it('has TipoDocumento TD01-TD06, TD16-TD29 and the semplificata-only codes absent', () => {
		const codes = TipoDocumentoCodes.map((c) => c.code);
		expect(codes).toEqual(['TD01', 'TD02', 'TD03', 'TD04', 'TD05', 'TD06', ...Array.from({ length: 14 }, (_, i) => `TD${16 + i}`)]);
	});

	it('has the detailed Natura codes N2.1-N6.9 and still the generic N2, N3, N6', () => {
		const codes = NaturaCodes.map((c) => c.code);
		expect(codes).toEqual(expect.arrayContaining(['N1', 'N2', 'N2.1', 'N2.2', 'N3', 'N3.1', 'N3.6', 'N4', 'N5', 'N6', 'N6.1', 'N6.9', 'N7']));
		expect(codes).toHaveLength(24);
	});

	it('has RegimeFiscale RF01-RF20 without RF03, MP01-MP23', () => {
		expect(RegimeFiscaleCodes.map((c) => c.code)).toEqual(['RF01', 'RF02', ...Array.from({ length: 17 }, (_, i) => `RF${String(i + 4).padStart(2, '0')}`)]);
		expect(ModalitaPagamentoCodes.map((c) => c.code)).toEqual(Array.from({ length: 23 }, (_, i) => `MP${String(i + 1).padStart(2, '0')}`));
	});

	it('gives every code an Italian label for dropdowns', () => {
		for (const list of [TipoDocumentoCodes, NaturaCodes, RegimeFiscaleCodes, ModalitaPagamentoCodes, CausalePagamentoCodes, TipoCassaCodes, TipoRitenutaCodes])
			for (const c of list) expect(c.label).not.toBe(c.code);
		expect(TipoDocumentoCodes.find((c) => c.code === 'TD01')!.label).toBe('Fattura');
		expect(CausalePagamentoCodes.find((c) => c.code === 'A')!.label).toMatch(/lavoro autonomo/);
	});

	it('dates the codes: generic N2/N3/N6 until 2020-12-31, TD29 and RF20 from 2025-04-01', () => {
		expect(isCodeValidOn('Natura', 'N2', '2020-12-31')).toBe(true);
		expect(isCodeValidOn('Natura', 'N2', '2021-01-01')).toBe(false);
		expect(isCodeValidOn('Natura', 'N2.1', '2021-01-01')).toBe(true);
		expect(isCodeValidOn('TipoDocumento', 'TD29', '2025-03-31')).toBe(false);
		expect(isCodeValidOn('TipoDocumento', 'TD29', '2025-04-01')).toBe(true);
		expect(isCodeValidOn('RegimeFiscale', 'RF20', '2025-04-01')).toBe(true);
		expect(isCodeValidOn('RegimeFiscale', 'RF01', '1999-01-01')).toBe(true);
		expect(codeValidity('Natura', 'N6')!.note).toMatch(/00445/);
	});
});

describe('SdI file names', () => {
	it('writes IT + trasmittente id + _ + progressivo + .xml', () => {
		expect(fileName({ idCodice: '01234567897', progressivo: '0001a' })).toBe('IT01234567897_0001A.xml');
		expect(fileName({ idPaese: 'it', idCodice: 'rssmra80a01h501u', progressivo: '1', extension: 'xml.p7m' })).toBe('ITRSSMRA80A01H501U_1.xml.p7m');
		expect(fileName({ idPaese: 'DE', idCodice: '123456789', progressivo: 'ZZ', extension: 'zip' })).toBe('DE123456789_ZZ.zip');
	});

	it.each([
		[{ idCodice: '123', progressivo: '00001' }, /idCodice: expected the trasmittente's partita IVA/],
		[{ idCodice: '01234567897', progressivo: '000001' }, /progressivo: expected 1 to 5 letters or digits/],
		[{ idCodice: '01234567897', progressivo: '00_01' }, /progressivo/],
		[{ idPaese: 'ITA', idCodice: '01234567897', progressivo: '1' }, /idPaese/],
	])('refuses %j naming the field', (parts, message) => {
		expect(() => fileName(parts)).toThrow(message);
	});

	it('reads a file name back into its parts', () => {
		expect(parseFileName('IT01234567897_0001A.xml.p7m')).toEqual({ idPaese: 'IT', idCodice: '01234567897', progressivo: '0001A', extension: 'xml.p7m' });
		expect(parseFileName('fattura.xml')).toBeUndefined();
	});

	it('counts progressivi in base 36 over five characters', () => {
		expect(nextProgressivo()).toBe('00001');
		expect(nextProgressivo('00009')).toBe('0000A');
		expect(nextProgressivo('0000Z')).toBe('00010');
		expect(nextProgressivo('a')).toBe('0000B');
		expect(() => nextProgressivo('ZZZZZ')).toThrow(/last one/);
	});
});

describe('amount helpers', () => {
	it('turns decimal strings into integer cents rounding half away from zero', () => {
		expect([toCents('12.34'), toCents('0.005'), toCents('-0.005'), toCents('1059.045'), toCents(0.1 + 0.2)]).toEqual([1234, 1, -1, 105905, 30]);
	});

	it('writes cents in the XSD decimal format', () => {
		expect([centsToAmount(0), centsToAmount(5), centsToAmount(-5), centsToAmount(123456)]).toEqual(['0.00', '0.05', '-0.05', '1234.56']);
	});

	it('refuses text that is not a number, naming the field', () => {
		expect(() => toCents('12,50', 'ImportoPagamento')).toThrow(/ImportoPagamento: expected a decimal number/);
	});
});

describe('character sets of the XSD text types', () => {
	it('finds characters outside Latin-1 with their position', () => {
		expect(characterProblems('Caffè “buono” 😀', 'latin-1').map((p) => [p.codePoint, p.position])).toEqual([
			['U+201C', 7],
			['U+201D', 13],
			['U+1F600', 15],
		]);
	});

	it('allows accents in Latin-1 fields but not in ASCII-only ones', () => {
		expect(characterProblems('città', 'latin-1')).toEqual([]);
		expect(characterProblems('città', 'basic-latin')).toHaveLength(1);
	});

	it('fits text by replacing typographic punctuation and stripping accents where needed', () => {
		expect(fitCharacters('L’anno – “2025”… €', 'latin-1')).toBe(`L'anno - "2025"... EUR`);
		expect(fitCharacters('Città Ünità', 'basic-latin')).toBe('Citta Unita');
		expect(fitCharacters('日本', 'latin-1')).toBe('??');
	});
});

describe('validateStructure on a model object', () => {
	const built = buildFatturaPA({
		progressivoInvio: '1',
		data: '2025-05-10',
		numero: '1',
		cedente: { denominazione: 'Alfa', partitaIva: '01234567897', regimeFiscale: 'RF01', indirizzo: 'Via Roma 1', cap: '20100', comune: 'Milano' },
		cessionario: { denominazione: 'Beta', codiceFiscale: '07643520567', indirizzo: 'Via Po 1', cap: '10121', comune: 'Torino' },
		righe: [{ descrizione: 'x', prezzoUnitario: 1, aliquotaIVA: 22 }],
	});

	it('accepts a complete model', () => {
		expect(validateStructure(built.model)).toEqual([]);
	});

	it('reports a missing block and a character outside the field set by path', () => {
		const broken = JSON.parse(JSON.stringify(built.model));
		delete broken.FatturaElettronicaHeader.CedentePrestatore.Sede;
		broken.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[0].Descrizione = 'caffè “x”';
		const findings = validateStructure(broken);
		expect(findings.map((f) => `${f.code} ${f.path}`)).toEqual([
			'XSD-PATTERN /FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[1]/Descrizione',
			'XSD-PATTERN /FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[1]/Descrizione',
			'XSD-MISSING /FatturaElettronica/FatturaElettronicaHeader/CedentePrestatore/Sede',
		]);
	});
});
