/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { readPossiblySignedXml, unwrapP7m, isP7m } from '../../../lib/p7m';
import { base64Lines, makeSigner, signCms, toIndefiniteBer } from './cmsWriter';

const XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPR12">àèé €</p:FatturaElettronica>\n', 'utf8');

/** every textual and binary form a signed file travels in, made from its DER */
function formsOf(der: Buffer): [string, Buffer | string][] {
	const b64 = der.toString('base64');
	return [
		['DER', der],
		['BER, indefinite lengths, 1000-byte chunks', toIndefiniteBer(der, 1000)],
		['BER, 7-byte chunks, nested constructed chunk', toIndefiniteBer(der, 7, true)],
		['base64 on one line (Buffer)', Buffer.from(b64)],
		['base64 on one line (string)', b64],
		['base64, 76 columns, CRLF', base64Lines(der, 76, '\r\n')],
		['base64, 64 columns, LF, trailing newline', `${base64Lines(der, 64, '\n')}\n`],
		['base64 of indefinite-length BER', toIndefiniteBer(der).toString('base64')],
		['PEM PKCS7', `-----BEGIN PKCS7-----\n${base64Lines(der, 64, '\n')}\n-----END PKCS7-----\n`],
		['PEM CMS with CRLF', `-----BEGIN CMS-----\r\n${base64Lines(der, 64, '\r\n')}\r\n-----END CMS-----\r\n`],
		['MIME part', `Content-Type: application/pkcs7-mime; name="IT01234567897_00001.xml.p7m"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(der)}\r\n`],
		['base64 of base64', Buffer.from(b64).toString('base64')],
		['UTF-8 BOM before base64', `\ufeff${b64}`],
		['base64url alphabet', b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
	];
}

describe('every form of a generated signed file unwraps and verifies', () => {
	const signer = makeSigner('rsa', 'MARIO ROSSI', 'TINIT-RSSMRA85T10A562S');
	const der = signCms(XML, signer);
	test.each(formsOf(der))('%s', (_label, input) => {
		const result = unwrapP7m(input, { verify: true });
		expect(result.content.equals(XML)).toBe(true);
		expect(result.verification!.status).toBe('valid');
		expect(result.signers[0]).toMatchObject({ commonName: 'MARIO ROSSI', codiceFiscale: 'RSSMRA85T10A562S', signingTime: '2025-06-30T10:00:00.000Z' });
	});
	test('the wrapping and encoding are reported', () => {
		expect(unwrapP7m(der)).toMatchObject({ wrapping: 'binary', encoding: 'der' });
		expect(unwrapP7m(toIndefiniteBer(der))).toMatchObject({ wrapping: 'binary', encoding: 'ber' });
		expect(unwrapP7m(`-----BEGIN PKCS7-----\n${der.toString('base64')}\n-----END PKCS7-----`).wrapping).toBe('pem');
	});
	test('a Uint8Array view into a larger buffer is read at its own offset', () => {
		const big = Buffer.concat([Buffer.from('garbage'), der, Buffer.from('tail')]);
		const view = new Uint8Array(big.buffer, big.byteOffset + 7, der.length);
		expect(unwrapP7m(view).content.equals(XML)).toBe(true);
	});
});

describeWithSpec('fatturapa/samples/valid/signed-p7m', 'every form of a real signed invoice', () => {
	const der = fs.existsSync(specPath('fatturapa/samples/valid/signed-p7m')) ? fs.readFileSync(specPath('fatturapa/samples/valid/signed-p7m/IT01234567890_FPR03.xml.p7m')) : Buffer.alloc(0);
	const expected = der.length ? unwrapP7m(der).content : Buffer.alloc(0);
	test.each(formsOf(der))('%s', (_label, input) => {
		const result = unwrapP7m(input, { verify: true });
		expect(result.content.equals(expected)).toBe(true);
		expect(result.verification!.status).toBe('valid');
	});
});

describe('plain or signed', () => {
	const der = signCms(XML, makeSigner('ec', 'ANNA BIANCHI'));
	test('plain XML is returned as is, marked unsigned', () => {
		expect(readPossiblySignedXml(XML)).toEqual({ xml: XML, signed: false });
		expect(readPossiblySignedXml(`\ufeff  ${XML.toString()}`).signed).toBe(false);
	});
	test('a p7m is unwrapped, marked signed', () => {
		const r = readPossiblySignedXml(der);
		expect(r.signed).toBe(true);
		expect(r.xml.equals(XML)).toBe(true);
	});
	test('isP7m tells the forms apart from XML and junk', () => {
		expect(isP7m(der)).toBe(true);
		expect(isP7m(der.toString('base64'))).toBe(true);
		expect(isP7m(XML)).toBe(false);
		expect(isP7m('hello world!')).toBe(false);
	});
	test('unwrapping plain XML says it needs no unwrapping', () => {
		expect(() => unwrapP7m(XML)).toThrow('p7m: this is XML, not a signed p7m file (it needs no unwrapping)');
	});
});
