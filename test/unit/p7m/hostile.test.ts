/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Hostile and large p7m input (issue 9): every text form is recognised by forward scans, so the
 * inputs that made the old regexes backtrack (or overflow the stack) are refused with a clear
 * P7mFormatError. Where the work is string searching it is counted (no clock); the full-size
 * inputs run once under jest's timeout as a second guard. Figures: `npm run bench:parse`.
 */
import { unwrapP7m, P7mFormatError, isP7m } from '../../../lib/p7m';
import { encodingOf, parseAsn1, readInteger } from '../../../lib/p7m/asn1';
import { MAX_SIGNERS } from '../../../lib/p7m/cms';
import { base64SpacesThenJunk, mimeHeaderLines, repeatedPemHeader } from '../../helpers/largeInputs';
import { countScans } from '../../helpers/scanCount';
import { base64Lines, ctx, makeSigner, oid, seq, set, signCms, tlv } from './cmsWriter';

const XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPR12">x</p:FatturaElettronica>\n', 'utf8');
const MAX = 16 * 1024 * 1024;

function refusal(input: Buffer | string): P7mFormatError {
	try {
		unwrapP7m(input);
	} catch (e) {
		if (e instanceof P7mFormatError) return e;
		throw e;
	}
	throw new Error('expected the p7m reader to refuse the input');
}

describe('p7m text forms: hostile input is refused clearly, in linear work', () => {
	it('a PEM header repeated without an END line: one forward search, and the message says what is missing', () => {
		const input = repeatedPemHeader(1_000_000);
		const count = countScans(() => unwrapP7m(input));
		expect(count.error).toBeInstanceOf(P7mFormatError);
		expect((count.error as Error).message).toBe('p7m: PEM block "PKCS7" has no "-----END PKCS7-----" line (the text is cut short)');
		expect(count.scanned).toBeLessThan(input.length * 3);
	});

	it('16 MB of repeated PEM headers, of MIME header lines and of base64 white space then junk are each refused (no stack overflow)', () => {
		// a second guard, by jest's timeout: the old regexes took seconds (PEM) or overflowed the stack (MIME)
		expect(refusal(repeatedPemHeader(MAX - 100)).message).toMatch(/has no "-----END PKCS7-----" line/);
		expect(refusal(mimeHeaderLines(MAX - 100)).message).toMatch(/^p7m: not a signed file/);
		expect(refusal(base64SpacesThenJunk(MAX - 100)).message).toMatch(/^p7m: not a signed file/);
	}, 30_000);

	it('a PEM block of another kind, or a BEGIN line without a label, is named', () => {
		expect(refusal('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').message).toBe('p7m: PEM block "CERTIFICATE" is not a signed message (expected PKCS7 or CMS)');
		expect(refusal('-----BEGIN -----\nMIIB\n').message).toMatch(/PEM "-----BEGIN" line without a label/);
	});

	it('text before the PEM block, RFC 1421 headers inside it, and the "PKCS #7 SIGNED DATA" label are read', () => {
		const der = signCms(XML, makeSigner('ec', 'ANNA BIANCHI'));
		const body = base64Lines(der, 64, '\n');
		expect(unwrapP7m(`Signed invoice follows\n-----BEGIN PKCS7-----\n${body}\n-----END PKCS7-----\n`).content.equals(XML)).toBe(true);
		expect(unwrapP7m(`-----BEGIN PKCS7-----\nProc-Type: 4,MIC-ONLY\nContent-Domain: RFC822\n\n${body}\n-----END PKCS7-----\n`).content.equals(XML)).toBe(true);
		expect(unwrapP7m(`-----BEGIN PKCS #7 SIGNED DATA-----\n${body}\n-----END PKCS #7 SIGNED DATA-----\n`).wrapping).toBe('pem');
	});

	it('MIME headers: folded lines, any case, and a body ending at the next boundary', () => {
		const der = signCms(XML, makeSigner('ec', 'ANNA BIANCHI'));
		const mime = `Content-Type: application/pkcs7-mime;\r\n\tname="a.xml.p7m"\r\ncontent-transfer-encoding:\r\n base64\r\n\r\n${base64Lines(der)}\r\n--boundary42--\r\n`;
		const r = unwrapP7m(mime);
		expect(r.wrapping).toBe('mime-base64');
		expect(r.content.equals(XML)).toBe(true);
		// headers without base64 transfer encoding are not a signed part
		expect(refusal(`Content-Type: text/plain\r\n\r\nhello\r\n`).message).toMatch(/^p7m: not a signed file/);
	});

	it('base64 with white space everywhere, padding, and junk after the padding', () => {
		const der = signCms(XML, makeSigner('ec', 'ANNA BIANCHI'));
		const b64 = der.toString('base64');
		expect(unwrapP7m(` ${b64.replace(/(.{10})/g, '$1 \t\u00a0')}  \n`).content.equals(XML)).toBe(true);
		expect(isP7m(`${b64}=!`)).toBe(false);
		expect(isP7m(`${b64}===`)).toBe(false);
	});
});

describe('ASN.1 and CMS: large counts stay linear', () => {
	it('a 1 MB INTEGER is read in one conversion, with its sign', () => {
		// the old byte-at-a-time BigInt shift was quadratic: minutes for this size
		const content = Buffer.alloc(1_000_000, 0x5a);
		content[0] = 0x7f;
		const der = tlv(0x02, content);
		const value = readInteger(der, parseAsn1(der), 'test');
		expect(value).toBe(BigInt(`0x${content.toString('hex')}`));
		const negative = tlv(0x02, Buffer.from([0xff, 0x00]));
		expect(readInteger(negative, parseAsn1(negative), 'test')).toBe(-256n);
	});

	/** the same SignedData with its one signerInfo repeated n times */
	function withSigners(der: Buffer, n: number): Buffer {
		const root = parseAsn1(der);
		const signedData = root.children[1].children[0];
		const parts = signedData.children.map((p) => Buffer.from(encodingOf(der, p)));
		const signerInfo = Buffer.from(encodingOf(der, signedData.children[signedData.children.length - 1].children[0]));
		return seq(oid('1.2.840.113549.1.7.2'), ctx(0, seq(...parts.slice(0, -1), set(...new Array(n).fill(signerInfo)))));
	}

	it(`${MAX_SIGNERS} co-signers are matched to their certificate and verified; one more is refused by name`, () => {
		const der = signCms(XML, makeSigner('rsa', 'MARIO ROSSI', 'TINIT-RSSMRA85T10A562S'));
		const many = unwrapP7m(withSigners(der, MAX_SIGNERS), { verify: true });
		expect(many.signers).toHaveLength(MAX_SIGNERS);
		expect(many.signers.every((s) => s.commonName === 'MARIO ROSSI')).toBe(true);
		expect(many.verification!.status).toBe('valid');
		expect(many.verification!.signers.every((s) => s.status === 'valid')).toBe(true);
		expect(refusal(withSigners(der, MAX_SIGNERS + 1)).message).toMatch(new RegExp(`^p7m: ${MAX_SIGNERS + 1} signers in one envelope; at most ${MAX_SIGNERS} are read`));
	});

	it('a signer found by subject key identifier still gets its certificate', () => {
		const der = signCms(XML, makeSigner('ec', 'ANNA BIANCHI'), { bySki: true });
		const r = unwrapP7m(der, { verify: true });
		expect(r.signers[0].commonName).toBe('ANNA BIANCHI');
		expect(r.verification!.status).toBe('valid');
	});
});
