/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Inputs for the bounded fuzz of the parsers of outside input: byte-level mutations of real
 * samples (read in place from ../shared/specs) plus random bytes. The seed and the number of
 * runs are fixed (override with FUZZ_SEED / FUZZ_RUNS) and appear in each test's name, so a
 * failure is reproduced by running the same file again; fast-check also prints the shrunk case.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasSpec, specPath } from '../../helpers/specs';

export const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
export const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const fuzzOptions = (runs = RUNS) => ({ seed: SEED, numRuns: runs, endOnFailure: false });
export const label = (runs = RUNS) => `(seed ${SEED}, ${runs} runs)`;

/** every file under the sample folders whose name matches, recursively; [] when specs are missing */
export function sampleFiles(folders: string[], pattern: RegExp): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else if (pattern.test(e.name)) out.push(full);
		}
	};
	for (const f of folders) if (hasSpec(f)) walk(specPath(f));
	return out.sort();
}

const enc = (s: string) => Buffer.from(s, 'utf8');

/** fragments that reach the XML reader's rarely taken paths */
export const XML_TOKENS: Buffer[] = [
	'<', '>', '/>', '</', '&', ';', '"', "'", '=', ' ', '\n', '\r', '\r\n', '\t',
	'<!--', '-->', '--', '<![CDATA[', ']]>', '<?', '?>', '<?xml version="1.0"?>', '<?pi x?>',
	'<!DOCTYPE a [<!ENTITY x "y">]>', '<!ELEMENT', '&x;', '&amp;', '&lt;', '&#0;', '&#9;', '&#x10FFFF;', '&#x110000;', '&#xD800;', '&#99999999;',
	' xmlns="urn:x"', ' xmlns:p=""', ' xmlns:q="urn:q"', ' p:a="1"', ' a="1" a="2"', ' xml:lang="it"', 'q:',
	'<FatturaElettronicaBody>', '</FatturaElettronicaBody>', '<DettaglioLinee>', '</DettaglioLinee>', '<p:FatturaElettronica versione="FPR12">',
	' encoding="UTF-16"', ' encoding="windows-1252"', ' encoding="ISO-8859-15"', ' encoding="US-ASCII"', ' encoding="EBCDIC"',
	'\u00e8', '\u20ac', '\ud83d\ude00', '\uFEFF', '\u0000', '\u001f', '\uFFFE',
].map(enc).concat([
	Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
]);

/** fragments for the p7m reader: ASN.1 headers and lengths, BER markers, text wrappings */
export const P7M_TOKENS: Buffer[] = [
	[0x30, 0x80], [0x00, 0x00], [0x24, 0x80], [0x04, 0x00], [0x30, 0x84, 0xff, 0xff, 0xff, 0xff], [0x02, 0x00], [0x06, 0x00], [0x06, 0x01, 0x80],
	[0xa0, 0x80], [0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f], [0x30, 0xff], [0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0x17, 0x0d], [0x18, 0x0f], [0x31, 0x00],
	[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02], [0x0c, 0x03, 0xe2, 0x82, 0xac], [0x1e, 0x03, 0x00, 0x41, 0x00], [0x1c, 0x03, 1, 2, 3],
].map((b) => Buffer.from(b)).concat(
	['-----BEGIN PKCS7-----\n', '-----END PKCS7-----\n', '-----BEGIN CMS-----', 'Proc-Type: 4,MIC-ONLY\n\n', 'Content-Transfer-Encoding: base64\r\n\r\n', 'Content-Type: x\r\n', ' \r\n', '=', '==', '\r\n--b\r\n', '\u00ef\u00bb\u00bf', '<'].map(enc),
);

export type Edit =
	| { kind: 'flip'; at: number; bit: number }
	| { kind: 'set'; at: number; byte: number }
	| { kind: 'delete'; at: number; len: number }
	| { kind: 'insert'; at: number; bytes: Uint8Array }
	| { kind: 'token'; at: number; token: number; replace: number }
	| { kind: 'duplicate'; at: number; len: number; to: number }
	| { kind: 'truncate'; at: number }
	| { kind: 'prefix'; token: number; drop: number };

export function editArbitrary(tokens: number): fc.Arbitrary<Edit> {
	const at = fc.nat(1_000_000);
	return fc.oneof(
		fc.record({ kind: fc.constant('flip' as const), at, bit: fc.nat(7) }),
		fc.record({ kind: fc.constant('set' as const), at, byte: fc.nat(255) }),
		fc.record({ kind: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 64 }) }),
		fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
		fc.record({ kind: fc.constant('token' as const), at, token: fc.nat(tokens - 1), replace: fc.nat(8) }),
		fc.record({ kind: fc.constant('token' as const), at, token: fc.nat(tokens - 1), replace: fc.nat(8) }),
		fc.record({ kind: fc.constant('duplicate' as const), at, len: fc.integer({ min: 1, max: 400 }), to: fc.nat(1_000_000) }),
		fc.record({ kind: fc.constant('truncate' as const), at }),
		// the first bytes decide the decoding (byte-order marks, declaration, DER or text)
		fc.record({ kind: fc.constant('prefix' as const), token: fc.nat(tokens - 1), drop: fc.nat(4) }),
	);
}

export function applyEdits(base: Buffer, edits: Edit[], tokens: Buffer[]): Buffer {
	let b = base;
	for (const e of edits) {
		const at = b.length === 0 || e.kind === 'prefix' ? 0 : e.at % (b.length + 1);
		switch (e.kind) {
			case 'flip':
				if (at < b.length) {
					b = Buffer.from(b);
					b[at] ^= 1 << e.bit;
				}
				break;
			case 'set':
				if (at < b.length) {
					b = Buffer.from(b);
					b[at] = e.byte;
				}
				break;
			case 'delete':
				b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
				break;
			case 'insert':
				b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]);
				break;
			case 'token':
				b = Buffer.concat([b.subarray(0, at), tokens[e.token], b.subarray(at + e.replace)]);
				break;
			case 'duplicate': {
				const piece = b.subarray(at, at + e.len);
				const to = b.length === 0 ? 0 : e.to % (b.length + 1);
				b = Buffer.concat([b.subarray(0, to), piece, b.subarray(to)]);
				break;
			}
			case 'truncate':
				b = b.subarray(0, at);
				break;
			case 'prefix':
				b = Buffer.concat([tokens[e.token], b.subarray(e.drop)]);
				break;
		}
	}
	return b;
}

/** a real sample with 1-6 edits, or random bytes (one case in eight) */
export function mutatedSample(bases: Buffer[], tokens: Buffer[]): fc.Arbitrary<Buffer> {
	const mutated = fc
		.tuple(fc.nat(Math.max(0, bases.length - 1)), fc.array(editArbitrary(tokens.length), { minLength: 1, maxLength: 6 }))
		.map(([i, edits]) => applyEdits(bases[i] ?? Buffer.alloc(0), edits, tokens));
	const random = fc.uint8Array({ maxLength: 2048 }).map((u) => Buffer.from(u));
	const tokenSoup = fc.array(fc.nat(tokens.length - 1), { maxLength: 60 }).map((ix) => Buffer.concat(ix.map((i) => tokens[i])));
	return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 1, arbitrary: random }, { weight: 1, arbitrary: tokenSoup });
}

/**
 * Runs `fn` and returns what escaped it: undefined when it returned, the error otherwise. The
 * fuzz properties then assert the escaped error is one of the parser's own classes.
 */
export function escaped(fn: () => unknown): unknown {
	try {
		fn();
		return undefined;
	} catch (e) {
		return e ?? new Error('a falsy value was thrown');
	}
}

export function describeError(e: unknown): string {
	return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e);
}
