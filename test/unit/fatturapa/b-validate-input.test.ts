/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * validateFatturaPA never throws on bytes (issue 9): empty, BOM-only, blank, over-size plain XML
 * and signed files that cannot be unwrapped become findings. Before, they threw P7mFormatError.
 */
import * as fs from 'node:fs';
import { validateFatturaPA, type FatturaValidation } from '../../../lib/fatturapa';
import { describeWithSpec, specPath } from '../../helpers/specs';

const OPTIONS = { receivedOn: '2026-01-15' };

function only(r: FatturaValidation): { code: string; message: string } {
	expect(r.valid).toBe(false);
	expect(r.findings).toHaveLength(1);
	expect(r.model).toBeUndefined();
	return { code: r.findings[0].code, message: r.findings[0].message_en };
}

describe('validateFatturaPA: any bytes give findings, never an exception', () => {
	it('empty bytes: the file has no root element', () => {
		const f = only(validateFatturaPA(new Uint8Array(0), OPTIONS));
		expect(f.code).toBe('XML-SYNTAX');
		expect(f.message).toMatch(/no root element/);
	});

	it('a UTF-8 byte-order mark and white space only', () => {
		expect(only(validateFatturaPA(Buffer.from([0xef, 0xbb, 0xbf]), OPTIONS)).message).toMatch(/no root element/);
		expect(only(validateFatturaPA(Buffer.from('\ufeff \r\n\t ', 'utf8'), OPTIONS)).message).toMatch(/no root element/);
		expect(validateFatturaPA(Buffer.from([0xef, 0xbb, 0xbf])).signed).toBe(false);
	});

	it('a UTF-16 byte-order mark with an odd number of bytes after it', () => {
		const f = only(validateFatturaPA(Buffer.from([0xff, 0xfe, 0x3c]), OPTIONS));
		expect(f.code).toBe('XML-ENCODING');
		expect(f.message).toMatch(/odd number of bytes/);
	});

	it('plain XML over the size limit, even over the p7m reader\'s 16 MB, is XML-TOO-LARGE', () => {
		const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
		big.write('<p:FatturaElettronica>', 0);
		const f = only(validateFatturaPA(big, OPTIONS));
		expect(f.code).toBe('XML-TOO-LARGE');
		expect(f.message).toMatch(/the limit is 5242880 bytes/);
		expect(only(validateFatturaPA(Buffer.from(`<a>${'x'.repeat(2000)}</a>`), { ...OPTIONS, maxBytes: 1000 })).code).toBe('XML-TOO-LARGE');
	});

	it('bytes that are neither XML nor a signed file: P7M-FORMAT saying what was found', () => {
		const r = validateFatturaPA(Buffer.from('hello world!'), OPTIONS);
		expect(r.signed).toBe(true);
		const f = only(r);
		expect(f.code).toBe('P7M-FORMAT');
		expect(f.message).toMatch(/^the signed file \(\.p7m\) cannot be read: p7m: not a signed file/);
		expect(only(validateFatturaPA(Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01]), OPTIONS)).message).toMatch(/p7m: an element declares/);
	});

	it('a base64 text that decodes to junk is P7M-FORMAT too', () => {
		expect(only(validateFatturaPA(Buffer.from('QUJDREVGRw=='), OPTIONS)).code).toBe('P7M-FORMAT');
	});
});

describeWithSpec('fatturapa/samples/valid/signed-p7m', 'validateFatturaPA on a damaged real signed invoice', () => {
	it('a truncated .p7m is a P7M-FORMAT finding naming the damage', () => {
		const der = fs.existsSync(specPath('fatturapa/samples/valid/signed-p7m')) ? fs.readFileSync(specPath('fatturapa/samples/valid/signed-p7m/IT01234567890_FPR03.xml.p7m')) : Buffer.alloc(0);
		const f = only(validateFatturaPA(der.subarray(0, der.length - 100), OPTIONS));
		expect(f.code).toBe('P7M-FORMAT');
		expect(f.message).toMatch(/p7m: /);
		expect(validateFatturaPA(der, OPTIONS).signed).toBe(true);
	});
});
