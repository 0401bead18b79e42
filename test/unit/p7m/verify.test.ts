/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { describeWithSpec, specPath } from '../../helpers/specs';
import { P7mFormatError, unwrapP7m, verifyP7mSignature } from '../../../lib/p7m';
import { makeSigner, signCms, toIndefiniteBer, type KeyKind } from './cmsWriter';

const XML = Buffer.from('<?xml version="1.0"?><FatturaElettronica><Numero>123</Numero></FatturaElettronica>');

function flip(buf: Buffer, at: number): Buffer {
	const copy = Buffer.from(buf);
	copy[at] ^= 0x01;
	return copy;
}

describe('signature algorithms', () => {
	test.each(['rsa', 'rsa-pss', 'ec', 'ed25519'] as KeyKind[])('%s signature is valid, and invalid after a content change', (kind) => {
		const der = signCms(XML, makeSigner(kind, `SIGNER ${kind}`));
		expect(verifyP7mSignature(der).status).toBe('valid');
		const at = der.indexOf(Buffer.from('123'));
		const tampered = unwrapP7m(flip(der, at), { verify: true });
		expect(tampered.content.toString()).toContain('<Numero>023</Numero>');
		expect(tampered.verification).toMatchObject({ status: 'invalid', signers: [{ status: 'invalid', reason: expect.stringContaining('content was altered') }] });
	});
	test('a signature without signed attributes covers the content itself', () => {
		const der = signCms(XML, makeSigner('ec', 'NO ATTRS'), { noSignedAttrs: true });
		expect(verifyP7mSignature(der).status).toBe('valid');
		const tampered = flip(der, der.indexOf(Buffer.from('123')));
		expect(verifyP7mSignature(tampered)).toMatchObject({ status: 'invalid', signers: [{ reason: expect.stringContaining('signature does not match') }] });
	});
});

describe('tampering', () => {
	const signer = makeSigner('rsa', 'MARIO ROSSI');
	const der = signCms(XML, signer);
	test('a changed signing time (signed attribute) breaks the signature', () => {
		const at = der.indexOf(Buffer.from('250630100000Z'));
		const tampered = Buffer.from(der);
		tampered.write('250629', at, 'latin1');
		const v = unwrapP7m(tampered, { verify: true });
		expect(v.signers[0].signingTime).toBe('2025-06-29T10:00:00.000Z');
		expect(v.verification).toMatchObject({ status: 'invalid', signers: [{ reason: expect.stringContaining('signature does not match') }] });
	});
	test('a changed signature byte is invalid', () => {
		const tampered = flip(der, der.length - 10);
		expect(verifyP7mSignature(tampered).status).toBe('invalid');
	});
	test('tampering inside BER chunks is caught too', () => {
		const ber = toIndefiniteBer(der, 16);
		const tampered = flip(ber, ber.indexOf(Buffer.from('123')));
		expect(verifyP7mSignature(tampered).status).toBe('invalid');
		expect(verifyP7mSignature(ber).status).toBe('valid');
	});
	test('signed attributes written with an indefinite length are verified as their DER SET', () => {
		const ber = toIndefiniteBer(der, 16, false, true);
		// [0] indefinite, then the contentType attribute (1.2.840.113549.1.9.3)
		expect(ber.toString('hex')).toMatch(/a08030..06092a864886f70d010903/);
		expect(verifyP7mSignature(ber).status).toBe('valid');
		expect(verifyP7mSignature(flip(ber, ber.indexOf(Buffer.from('250630100000Z')))).status).toBe('invalid');
	});
	test('unwrapping alone does not verify', () => {
		const tampered = flip(der, der.indexOf(Buffer.from('123')));
		expect(unwrapP7m(tampered).verification).toBeUndefined();
	});
});

describeWithSpec('fatturapa/samples/valid/signed-p7m', 'tampering a real signed invoice', () => {
	test('one changed byte of the XML: unwraps, fails verification', () => {
		const der = fs.readFileSync(specPath('fatturapa/samples/valid/signed-p7m/IT02182030391_31.xml.p7m'));
		const at = der.indexOf(Buffer.from('<Numero>'));
		const tampered = flip(der, at + 8);
		const result = unwrapP7m(tampered, { verify: true });
		expect(result.content.toString('utf8')).toContain('<Numero>');
		expect(result.verification!.status).toBe('invalid');
	});
});

describe('what cannot be verified is reported as unsupported, not valid', () => {
	test('certificate left out of the file', () => {
		const v = verifyP7mSignature(signCms(XML, makeSigner('ec', 'X'), { omitCertificate: true }));
		expect(v).toMatchObject({ status: 'unsupported', signers: [{ reason: expect.stringContaining('certificate is not embedded') }] });
	});
	test('signer found by subject key identifier (SignerInfo v3)', () => {
		expect(verifyP7mSignature(signCms(XML, makeSigner('ec', 'SKI'), { bySki: true })).status).toBe('valid');
	});
	test('issuer written with PrintableString, certificate with UTF8String', () => {
		const der = signCms(XML, makeSigner('ec', 'MIXED'), { issuerAsPrintable: [['C', 'IT'], ['O', 'Test Srl'], ['CN', 'MIXED']] });
		expect(verifyP7mSignature(der).status).toBe('valid');
	});
	test('an unknown digest algorithm', () => {
		const der = signCms(XML, makeSigner('ec', 'X'));
		const sha256 = Buffer.from('608648016503040201', 'hex');
		const tampered = Buffer.from(der);
		let at = tampered.indexOf(sha256);
		while (at >= 0) {
			tampered[at + 8] = 0x7f;
			at = tampered.indexOf(sha256, at + 1);
		}
		expect(verifyP7mSignature(tampered)).toMatchObject({ status: 'unsupported', signers: [{ reason: expect.stringContaining('digest algorithm 2.16.840.1.101.3.4.2.127') }] });
	});
	test('no signing time: validity judged at "now"', () => {
		const der = signCms(XML, makeSigner('ec', 'X'), { signingTime: null });
		expect(unwrapP7m(der).signers[0].signingTime).toBeUndefined();
		expect(verifyP7mSignature(der, { now: new Date('2050-01-01') }).signers[0].certificateValidAtSigningTime).toBe(false);
		expect(verifyP7mSignature(der, { now: new Date('2030-01-01') }).signers[0].certificateValidAtSigningTime).toBe(true);
	});
	test('a detached signature cannot be unwrapped', () => {
		expect(() => unwrapP7m(signCms(XML, makeSigner('ec', 'X'), { detached: true }))).toThrow('detached signature');
	});
});

describe('nested envelopes (.xml.p7m.p7m)', () => {
	test('both layers are removed and both signers reported, outer first', () => {
		const inner = signCms(XML, makeSigner('rsa', 'FIRST'));
		const outer = signCms(inner, makeSigner('ec', 'SECOND'));
		const result = unwrapP7m(outer, { verify: true });
		expect(result.layers).toBe(2);
		expect(result.content.equals(XML)).toBe(true);
		expect(result.signers.map((s) => [s.commonName, s.layer])).toEqual([['SECOND', 1], ['FIRST', 2]]);
		expect(result.verification!.status).toBe('valid');
	});
	test('maxLayers 1 stops at the outer envelope', () => {
		const inner = signCms(XML, makeSigner('ec', 'FIRST'));
		const result = unwrapP7m(signCms(inner, makeSigner('ec', 'SECOND')), { maxLayers: 1 });
		expect(result.content.equals(inner)).toBe(true);
	});
});

describe('bounded and strict on hostile input', () => {
	test('input over the size cap is refused before decoding', () => {
		expect(() => unwrapP7m(Buffer.alloc(2048, 0x30), { maxBytes: 1024 })).toThrow('p7m: the input is 2048 bytes, over the limit of 1024');
	});
	test('an absurd declared length is refused without allocating', () => {
		const absurd = Buffer.from([0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x06]);
		expect(() => unwrapP7m(absurd)).toThrow(/declares a length larger than the \d+ bytes that remain/);
		const fourGb = Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00]);
		expect(() => unwrapP7m(fourGb)).toThrow(P7mFormatError);
	});
	test('deep nesting is refused', () => {
		const deep = Buffer.concat([Buffer.alloc(2000, 0).map((_, i) => (i % 2 ? 0x80 : 0x30)), Buffer.alloc(2000, 0)]);
		expect(() => unwrapP7m(deep)).toThrow('nested deeper than 40 levels');
	});
	test('an indefinite length on a primitive element is refused', () => {
		expect(() => unwrapP7m(Buffer.from([0x30, 0x80, 0x04, 0x80, 0x00, 0x00, 0x00, 0x00]))).toThrow('indefinite length on a primitive element');
	});
	test('a missing end-of-contents marker is refused', () => {
		const der = signCms(XML, makeSigner('ec', 'X'));
		const ber = toIndefiniteBer(der);
		expect(() => unwrapP7m(ber.subarray(0, ber.length - 2))).toThrow('no end-of-contents marker');
	});
	test('truncated DER says so', () => {
		const der = signCms(XML, makeSigner('ec', 'X'));
		expect(() => unwrapP7m(der.subarray(0, der.length - 5))).toThrow(/declares \d+ bytes but only \d+ remain/);
	});
	test('garbage after the structure is refused, zero padding is tolerated', () => {
		const der = signCms(XML, makeSigner('ec', 'X'));
		expect(unwrapP7m(Buffer.concat([der, Buffer.from([0, 0, 0x0a])])).content.equals(XML)).toBe(true);
		expect(() => unwrapP7m(Buffer.concat([der, Buffer.from('junk')]))).toThrow('4 unexpected bytes after the end');
	});
	test('a PKCS#7 that is not signedData is named', () => {
		const enveloped = Buffer.from('300f06092a864886f70d010703a0023000', 'hex');
		expect(() => unwrapP7m(enveloped)).toThrow('envelopedData (an encrypted message), not signedData');
	});
	test('a PEM block of another kind is refused by name', () => {
		expect(() => unwrapP7m('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toThrow('PEM block "CERTIFICATE" is not a signed message');
	});
	test('text that is not base64 is refused with its first bytes', () => {
		expect(() => unwrapP7m('%PDF-1.4 ...')).toThrow(/neither DER\/BER .* base64 nor PEM \(first bytes 25504446\)/);
	});
	test('non-buffer input is refused by type', () => {
		expect(() => unwrapP7m(42 as unknown as string)).toThrow('expected the signed file as a Buffer or a base64/PEM string, got number');
	});
	test('random bytes never crash with anything but P7mFormatError', () => {
		const der = signCms(XML, makeSigner('ec', 'X'));
		let seed = 7;
		for (let n = 0; n < 300; n++) {
			const mutated = Buffer.from(der);
			for (let k = 0; k < 3; k++) {
				seed = (seed * 1103515245 + 12345) & 0x7fffffff;
				mutated[seed % mutated.length] = seed & 0xff;
			}
			try {
				unwrapP7m(mutated, { verify: true });
			} catch (e) {
				expect(e).toBeInstanceOf(P7mFormatError);
			}
		}
	});
});
