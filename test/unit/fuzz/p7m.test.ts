/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Bounded fuzz of the p7m reader: byte edits of real signed invoices (DER, BER, base64, with and
 * without line breaks), of generated ones in every text form, and random bytes. Only
 * P7mFormatError may escape unwrapP7m / readPossiblySignedXml / verifyP7mSignature; isP7m never
 * throws; a signature over edited bytes is never reported valid unless the content is unchanged.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import { isP7m, P7mFormatError, readPossiblySignedXml, unwrapP7m, verifyP7mSignature } from '../../../lib/p7m';
import { describeWithSpec } from '../../helpers/specs';
import { base64Lines, makeSigner, signCms, toIndefiniteBer } from '../p7m/cmsWriter';
import { describeError, escaped, fuzzOptions, label, mutatedSample, P7M_TOKENS, sampleFiles } from './fuzzInputs';

const NOW = new Date('2026-01-15T00:00:00Z');
const XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPR12">àè €</p:FatturaElettronica>\n', 'utf8');

function onlyP7mErrors(input: Buffer | string): void {
	for (const [name, fn] of [
		['unwrapP7m', () => unwrapP7m(input)],
		['unwrapP7m verify', () => unwrapP7m(input, { verify: true, now: NOW })],
		['readPossiblySignedXml', () => readPossiblySignedXml(input)],
	] as const) {
		const e = escaped(fn);
		if (e !== undefined && !(e instanceof P7mFormatError)) throw new Error(`${name} threw: ${describeError(e)}`);
		if (e instanceof P7mFormatError) expect(e.message).toMatch(/^p7m: .{8,}/);
	}
	const answer = escaped(() => expect(typeof isP7m(input)).toBe('boolean'));
	if (answer !== undefined) throw new Error(`isP7m threw: ${describeError(answer)}`);
}

function generatedForms(): Buffer[] {
	const der = signCms(XML, makeSigner('ec', 'ANNA BIANCHI', 'TINIT-BNCNNA80A41H501X'));
	const rsa = signCms(XML, makeSigner('rsa', 'MARIO ROSSI'), { bySki: true });
	return [
		der,
		rsa,
		toIndefiniteBer(der, 7, true),
		toIndefiniteBer(rsa, 100, false, true),
		Buffer.from(der.toString('base64')),
		Buffer.from(base64Lines(der, 76, '\r\n')),
		Buffer.from(`-----BEGIN PKCS7-----\n${base64Lines(der, 64, '\n')}\n-----END PKCS7-----\n`),
		Buffer.from(`Content-Type: application/pkcs7-mime\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(der)}\r\n`),
		Buffer.from(Buffer.from(der.toString('base64')).toString('base64')),
		signCms(der, makeSigner('ec', 'ANNA BIANCHI')), // a .p7m.p7m
	];
}

describe('fuzz: p7m reader on generated signed files', () => {
	const bases = generatedForms();
	it(`only P7mFormatError escapes ${label()}`, () => {
		fc.assert(
			fc.property(mutatedSample(bases, P7M_TOKENS), (input) => onlyP7mErrors(input)),
			fuzzOptions(),
		);
	});

	it(`the same damage as a string (latin1) is handled alike ${label(100)}`, () => {
		fc.assert(
			fc.property(mutatedSample(bases, P7M_TOKENS), (input) => onlyP7mErrors(input.toString('latin1'))),
			fuzzOptions(100),
		);
	});

	it(`an edit never yields a valid signature over different content ${label(200)}`, () => {
		const der = bases[0];
		fc.assert(
			fc.property(mutatedSample([der], P7M_TOKENS), (input) => {
				let v;
				try {
					v = verifyP7mSignature(input, { now: NOW });
				} catch (e) {
					if (e instanceof P7mFormatError) return;
					throw e;
				}
				if (v.status === 'valid') expect(unwrapP7m(input).content.equals(XML)).toBe(true);
			}),
			fuzzOptions(200),
		);
	});
});

describeWithSpec('fatturapa/samples/valid/signed-p7m', 'fuzz: p7m reader on real signed invoices', () => {
	const bases = sampleFiles(['fatturapa/samples/valid/signed-p7m', 'fatturapa/samples/invalid/signature'], /\.p7m$/i)
		.map((f) => fs.readFileSync(f))
		.filter((b) => b.length <= 256 * 1024);
	it(`only P7mFormatError escapes ${label()}`, () => {
		expect(bases.length).toBeGreaterThan(3);
		fc.assert(
			fc.property(mutatedSample(bases, P7M_TOKENS), (input) => onlyP7mErrors(input)),
			fuzzOptions(),
		);
	});
});

describe('fuzz: p7m size bound', () => {
	it('refuses input over the limit by its size, before decoding it, for bytes and text', () => {
		expect(() => unwrapP7m(Buffer.alloc(16 * 1024 * 1024 + 1, 0x41))).toThrow(/^p7m: the input is 16777217 bytes, over the limit of 16777216$/);
		expect(() => unwrapP7m('A'.repeat(16 * 1024 * 1024 + 1))).toThrow(P7mFormatError);
		expect(() => unwrapP7m(Buffer.alloc(2000, 0x41), { maxBytes: 1000 })).toThrow(/over the limit of 1000/);
	});
	it('refuses deep nesting and absurd lengths without recursion trouble', () => {
		const deep = Buffer.concat([Buffer.alloc(200_000, 0x30).fill(0x80, 1, undefined), Buffer.alloc(4)]);
		const nested = Buffer.alloc(100_000);
		for (let i = 0; i < nested.length; i += 2) nested.set([0x30, 0x80], i);
		for (const input of [deep, nested, Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00])]) {
			const e = escaped(() => unwrapP7m(input));
			expect(e).toBeInstanceOf(P7mFormatError);
		}
	});
});
