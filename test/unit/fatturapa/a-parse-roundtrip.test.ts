/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	parseFatturaPA,
	parseFatturaSemplificata,
	serializeFatturaPA,
	serializeFatturaSemplificata,
	FatturaPAFormatError,
	validateStructure,
} from '../../../lib/fatturapa';
import { readPossiblySignedXml } from '../../../lib/p7m';
import { parseXml } from '../../../lib/xml';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { firstDifference } from './a-canonical';

const VALID = 'fatturapa/samples/valid';
const filesIn = (sub: string) =>
	fs
		.readdirSync(specPath(VALID, sub))
		.filter((f) => /\.xml$/i.test(f))
		.map((f) => [`${sub}/${f}`, specPath(VALID, sub, f)] as const);

describeWithSpec(VALID, 'every valid sample parses and serialises back to the same XML', () => {
	const ordinarie = ['ade-official', 'derived', 'fatturaelettronicaphp', 'gobl-fatturapa', 'oca-l10n-italy'].flatMap(filesIn);
	const semplificate = filesIn('semplificata');

	it('covers the sample set', () => {
		expect(ordinarie.length).toBeGreaterThanOrEqual(80);
		expect(semplificate.length).toBeGreaterThanOrEqual(5);
	});

	it.each(ordinarie)('%s', (_name, file) => {
		const bytes = fs.readFileSync(file);
		const model = parseFatturaPA(bytes);
		expect(model.FatturaElettronicaBody.length).toBeGreaterThanOrEqual(1);
		const xml = serializeFatturaPA(model);
		expect(firstDifference(parseXml(bytes).root, parseXml(xml).root)).toBeUndefined();
		expect(xml.charCodeAt(0)).not.toBe(0xfeff);
		expect(validateStructure(xml)).toEqual([]);
	});

	it.each(semplificate)('%s (semplificata)', (_name, file) => {
		const bytes = fs.readFileSync(file);
		const xml = serializeFatturaSemplificata(parseFatturaSemplificata(bytes));
		expect(firstDifference(parseXml(bytes).root, parseXml(xml).root)).toBeUndefined();
		expect(validateStructure(xml)).toEqual([]);
	});
});

describeWithSpec(`${VALID}/ade-official/IT01234567890_FPR03.xml`, 'the parsed model', () => {
	const model = parseFatturaPA(fs.readFileSync(specPath(VALID, 'ade-official', 'IT01234567890_FPR03.xml')));

	it('has one item per FatturaElettronicaBody of a lotto', () => {
		expect(model.FatturaElettronicaBody).toHaveLength(2);
	});

	it('keeps amounts as the decimal strings written in the XML', () => {
		const riepilogo = model.FatturaElettronicaBody[0].DatiBeniServizi.DatiRiepilogo[0];
		expect(riepilogo.ImponibileImporto).toMatch(/^\d+\.\d{2}$/);
	});

	it('reads the header by XSD element names', () => {
		expect(model.versione).toBe('FPR12');
		expect(model.FatturaElettronicaHeader.DatiTrasmissione.FormatoTrasmissione).toBe('FPR12');
	});
});

describe('parseFatturaPA on files from the wild', () => {
	const header = `<FatturaElettronicaHeader><DatiTrasmissione><IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>01234567897</IdCodice></IdTrasmittente><ProgressivoInvio>1</ProgressivoInvio><FormatoTrasmissione>FPR12</FormatoTrasmissione><CodiceDestinatario>0000000</CodiceDestinatario></DatiTrasmissione></FatturaElettronicaHeader>`;
	const body = `<FatturaElettronicaBody><DatiGenerali><DatiGeneraliDocumento><TipoDocumento>TD01</TipoDocumento><Divisa>EUR</Divisa><Data>2025-01-02</Data><Numero>1</Numero></DatiGeneraliDocumento></DatiGenerali><DatiBeniServizi/></FatturaElettronicaBody>`;

	it('reads a default-namespace file (which the XSD itself rejects) by local names', () => {
		const xml = `<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?><FatturaElettronica xmlns="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" versione="FPR12">${header}${body}</FatturaElettronica>`;
		const model = parseFatturaPA(xml);
		expect(model.FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente.IdCodice).toBe('01234567897');
		expect(validateStructure(xml).some((f) => f.code === 'XSD-NAMESPACE')).toBe(true);
	});

	it('reads a file with an invalid xmlns URI and an odd prefix', () => {
		const xml = `<ns9:FatturaElettronica xmlns:ns9="http://ivaservizi.agenziaentrate.gov.it/ docs/xsd" versione="FPR12">${header}${body}</ns9:FatturaElettronica>`;
		expect(parseFatturaPA(xml).FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento.Numero).toBe('1');
	});

	it('leaves out optional blocks that are absent (no DatiPagamento)', () => {
		const model = parseFatturaPA(`<p:FatturaElettronica xmlns:p="x" versione="FPR12">${header}${body}</p:FatturaElettronica>`);
		expect(model.FatturaElettronicaBody[0].DatiPagamento).toBeUndefined();
	});

	it('says which parser to use for a fattura semplificata', () => {
		expect(() => parseFatturaPA('<p:FatturaElettronicaSemplificata xmlns:p="x"/>')).toThrow(FatturaPAFormatError);
		expect(() => parseFatturaPA('<p:FatturaElettronicaSemplificata xmlns:p="x"/>')).toThrow(/use parseFatturaSemplificata/);
	});

	it('names the root it found when it is not an invoice', () => {
		expect(() => parseFatturaPA('<RicevutaConsegna/>')).toThrow(/root element is <RicevutaConsegna>; expected <FatturaElettronica>/);
	});
});

// Signed invoices: lib/p7m unwraps the CAdES envelope (DER, base64 with or without line breaks)
const p7mFiles = (dir: string): string[] =>
	fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? p7mFiles(path.join(dir, e.name)) : /\.p7m$/i.test(e.name) ? [path.join(dir, e.name)] : []));
describeWithSpec(`${VALID}/signed-p7m`, 'every signed .p7m among the valid samples unwraps, parses and round-trips', () => {
	const files = p7mFiles(specPath(VALID)).map((f) => [path.relative(specPath(VALID), f), f] as const);

	it('covers the signed samples in every form', () => {
		expect(files.length).toBeGreaterThanOrEqual(7);
		expect(files.some(([name]) => /base64/i.test(name))).toBe(true);
	});

	it.each(files)('%s', (_name, file) => {
		const bytes = fs.readFileSync(file);
		const read = readPossiblySignedXml(bytes);
		expect(read.signed).toBe(true);
		const model = parseFatturaPA(read.xml);
		expect(model.FatturaElettronicaBody.length).toBeGreaterThanOrEqual(1);
		const xml = serializeFatturaPA(model);
		expect(firstDifference(parseXml(read.xml).root, parseXml(xml).root)).toBeUndefined();
		expect(validateStructure(xml)).toEqual([]);
	});
});
