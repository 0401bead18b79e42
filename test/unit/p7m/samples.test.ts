/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { P7mFormatError, unwrapP7m, verifyP7mSignature } from '../../../lib/p7m';
import { parseSignedData } from '../../../lib/p7m/cms';
import { decodeP7mInput } from '../../../lib/p7m/input';
import { parseFatturaPA } from '../../../lib/fatturapa';

const VALID = 'fatturapa/samples/valid/signed-p7m';
const BROKEN = 'fatturapa/samples/invalid/signature';

describeWithSpec(VALID, 'signed samples (DER, BER, base64, base64 with CRLF)', () => {
	const files = fs.existsSync(specPath(VALID)) ? fs.readdirSync(specPath(VALID)).filter((f) => f.endsWith('.p7m')) : [];

	test('there are signed samples to test', () => {
		expect(files.length).toBeGreaterThanOrEqual(7);
	});

	test.each(files)('%s unwraps to a FatturaPA that parses', (file) => {
		const result = unwrapP7m(fs.readFileSync(specPath(VALID, file)));
		const invoice = parseFatturaPA(result.content);
		expect(invoice.FatturaElettronicaBody.length).toBeGreaterThan(0);
		expect(result.layers).toBe(1);
	});

	test.each(files)('%s verifies as valid with its embedded certificate', (file) => {
		const v = verifyP7mSignature(fs.readFileSync(specPath(VALID, file)));
		expect(v).toMatchObject({ status: 'valid', trustChecked: false });
		expect(v.signers.every((s) => s.certificateValidAtSigningTime === true)).toBe(true);
	});

	test.each(files)('%s: signer CN is the certificate subject CN as node:crypto reads it', (file) => {
		const raw = fs.readFileSync(specPath(VALID, file));
		const signer = unwrapP7m(raw).signers[0];
		const der = parseSignedData(decodeP7mInput(raw).bytes).signers[0].certificate!.der;
		const subject = new X509Certificate(der).subject.split('\n');
		expect(`CN=${signer.commonName}`).toBe(subject.find((l) => l.startsWith('CN=')));
		const serialLine = subject.find((l) => l.startsWith('serialNumber='));
		expect(serialLine).toBe(`serialNumber=TINIT-${signer.codiceFiscale}`);
	});

	test('the base64, base64+CRLF and binary forms of one file give identical content', () => {
		const forms = ['IT02182030391_31.xml.p7m', 'IT02182030391_31.Base64.xml.p7m', 'IT02182030391_31.Base64.CRLF.xml.p7m'].map((f) =>
			unwrapP7m(fs.readFileSync(specPath(VALID, f))),
		);
		expect(forms.map((f) => f.wrapping)).toEqual(['binary', 'base64', 'base64']);
		expect(forms[1].content.equals(forms[0].content)).toBe(true);
		expect(forms[2].content.equals(forms[0].content)).toBe(true);
	});

	test('BER with indefinite lengths and 1000-byte chunks is joined exactly (BOM kept)', () => {
		const result = unwrapP7m(fs.readFileSync(specPath(VALID, 'IT02182030391_31.xml.p7m')));
		expect(result.encoding).toBe('ber');
		expect(result.content.length).toBe(3225);
		expect([...result.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(result.content.toString('utf8').trimEnd().endsWith('</p:FatturaElettronica>')).toBe(true);
	});

	test('signing time comes from the signed attributes', () => {
		const result = unwrapP7m(fs.readFileSync(specPath(VALID, 'IT02182030391_31.xml.p7m')));
		expect(result.signers[0].signingTime).toBe('2018-09-08T13:32:45.000Z');
	});

	test('a SignerInfo naming its issuer with other string types still finds its certificate', () => {
		// ERKHK: PrintableString in the SignerInfo, UTF8String in the certificate
		const result = unwrapP7m(fs.readFileSync(specPath(VALID, 'IT00484960588_ERKHK.xml.p7m')), { verify: true });
		expect(result.signers[0].issuerCommonName).toBe('Actalis Qualified Certificates CA G1');
		expect(result.verification!.status).toBe('valid');
	});
});

describeWithSpec(BROKEN, 'broken signed samples give a clear error', () => {
	const read = (f: string) => fs.readFileSync(specPath(BROKEN, f));
	test('a p7m whose content was edited without fixing the chunk length is reported as damaged', () => {
		expect(() => unwrapP7m(read('IT02182030391_31_tampered.xml.p7m'))).toThrow(P7mFormatError);
		expect(() => unwrapP7m(read('IT02182030391_31_tampered.xml.p7m'))).toThrow(/declares 3 bytes but only 2 remain \(at byte 1060\)/);
	});
	test('a p7m converted as text (UTF-8 mojibake) is recognised and explained', () => {
		expect(() => unwrapP7m(read('IT02182030391_31_tampered.Base64.xml.p7m'))).toThrow(/converted as text .* ask the sender for the original/);
	});
	test('a file holding only white space', () => {
		expect(() => unwrapP7m(read('oca_IT05979361218_fake.xml.p7m'))).toThrow('p7m: the input holds only white space');
	});
	test('a malformed final end-of-contents marker', () => {
		expect(() => unwrapP7m(read('php_invalid.xml.p7m'))).toThrow(/malformed end-of-contents marker \(00 01\)/);
	});
});
