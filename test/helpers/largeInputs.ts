/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Large and hostile inputs for the parse benchmark and the linearity tests, built from a real
 * invoice read in place from ../shared/specs (never copied into the repository).
 */
import * as fs from 'node:fs';
import { specPath } from './specs';

export const REAL_INVOICE = specPath('fatturapa', 'samples', 'valid', 'gobl-fatturapa', 'invoice-simple.xml');

const BODY_OPEN = '<FatturaElettronicaBody>';
const BODY_CLOSE = '</FatturaElettronicaBody>';

/**
 * A lotto: the real invoice's header and its body repeated until the file weighs about
 * `bytes`. Each body is the real one, so the result stays a valid invoice. `minified` removes
 * the white space between tags: the whole file on one line, as many gestionali write it.
 */
export function lotto(sample: string, bytes: number, minified: boolean): string {
	const text = minified ? sample.replace(/>\s+</g, '><').trim() : sample;
	const open = text.indexOf(BODY_OPEN);
	const close = text.lastIndexOf(BODY_CLOSE) + BODY_CLOSE.length;
	if (open < 0 || close < BODY_CLOSE.length) throw new Error('the sample has no FatturaElettronicaBody');
	const head = text.slice(0, open);
	const body = text.slice(open, close);
	const tail = text.slice(close);
	const sep = minified ? '' : '\n\t';
	const count = Math.max(1, Math.round((bytes - head.length - tail.length) / (body.length + sep.length)));
	return head + new Array(count).fill(body).join(sep) + tail;
}

export function readRealInvoice(): string {
	return fs.readFileSync(REAL_INVOICE, 'utf8').replace(/^\uFEFF/, '');
}

/** One root with `bytes` worth of empty child elements, on one line. */
export function smallElements(bytes: number): string {
	return `<r>${'<e/>'.repeat(Math.max(1, Math.floor((bytes - 7) / 4)))}</r>`;
}

/** One element with as many distinct attributes as fit in `bytes`. */
export function manyAttributes(bytes: number): string {
	const parts: string[] = [];
	let size = 5;
	for (let i = 0; size < bytes; i++) {
		const a = ` a${i}="v"`;
		parts.push(a);
		size += a.length;
	}
	return `<r${parts.join('')}/>`;
}

/** The PEM header repeated, never closed: the old regex retried a lazy scan to the end at each one. */
export function repeatedPemHeader(bytes: number): string {
	const line = '-----BEGIN PKCS7-----\n';
	return line.repeat(Math.max(1, Math.floor(bytes / line.length)));
}

/** MIME header lines with no empty line after them. */
export function mimeHeaderLines(bytes: number): string {
	const line = 'X-Header: value\r\n';
	return line.repeat(Math.max(1, Math.floor(bytes / line.length)));
}

/** base64 with white space and one bad character at the end: the old pattern backtracked quadratically. */
export function base64SpacesThenJunk(bytes: number): string {
	return `MII${' '.repeat(Math.max(1, bytes - 4))}!`;
}
