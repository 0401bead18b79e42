/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Small helpers of the Aruba emulator: Italian-offset timestamps, ids, a store-only ZIP writer
 * and a tiny valid PDF.
 */
import * as crypto from 'node:crypto';
import * as zlib from 'node:zlib';

import type { EmulatorResponse } from '../common/server';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

const romeParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Rome',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
});

/** Offset of Europe/Rome from UTC at `ms`, in minutes (60 or 120). */
export function romeOffsetMinutes(ms: number): number {
	const p = Object.fromEntries(romeParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
	const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
	return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/** ISO-8601 with the Italian offset: 2026-12-01T19:32:09.123+01:00 */
export function isoRome(ms: number): string {
	const offset = romeOffsetMinutes(ms);
	const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 23);
	const sign = offset >= 0 ? '+' : '-';
	const abs = Math.abs(offset);
	return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** YYYY-MM-DD in Europe/Rome. */
export function romeDate(ms: number): string {
	return isoRome(ms).slice(0, 10);
}

/** Midnight in Rome of a YYYY-MM-DD day, as epoch ms. */
export function romeMidnight(day: string): number {
	const utc = Date.parse(`${day}T00:00:00Z`);
	return utc - romeOffsetMinutes(utc) * MINUTE;
}

/**
 * A query date: a full ISO-8601 timestamp, or a bare day (start of day for a lower bound, end of
 * day for an upper bound, Italian calendar). NaN when unreadable.
 */
export function parseQueryDate(value: string | undefined, bound: 'start' | 'end'): number | undefined {
	if (value === undefined || value === '') return undefined;
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return bound === 'start' ? romeMidnight(value) : romeMidnight(value) + DAY - 1;
	// a date-time without a zone is Italian local time at Aruba (our assumption: Aruba documents no
	// zone), never this machine's zone
	const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(value);
	if (local) return romeMidnight(local[1]) + ((Number(local[2]) * 60 + Number(local[3])) * 60 + Number(local[4] ?? 0)) * 1000 + Math.round(Number(local[5] ?? 0) * 1000);
	return Date.parse(value);
}

export function hexId(): string {
	return crypto.randomBytes(12).toString('hex');
}

export function token(): string {
	return crypto.randomBytes(32).toString('base64url');
}

export function json(status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse {
	return { status, body, headers };
}

export function message(status: number, text: string, headers?: Record<string, string>): EmulatorResponse {
	return { status, body: { message: text }, headers };
}

export function truthy(value: string | undefined): boolean {
	return value === 'true' || value === '1';
}

// ---------------------------------------------------------------- ZIP (store only)

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(data: Buffer): number {
	const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
	if (typeof native === 'function') return native(data) >>> 0;
	let c = 0xffffffff;
	for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function dosTime(ms: number): { time: number; date: number } {
	const d = new Date(ms + romeOffsetMinutes(ms) * MINUTE);
	return {
		time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
		date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
	};
}

/** A ZIP with every entry stored (method 0), names in UTF-8. */
export function zip(entries: Array<{ name: string; data: Buffer }>, at = Date.now()): Buffer {
	const { time, date } = dosTime(at);
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const crc = crc32(entry.data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(0, 8);
		local.writeUInt16LE(time, 10);
		local.writeUInt16LE(date, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(entry.data.length, 18);
		local.writeUInt32LE(entry.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt16LE(time, 12);
		central.writeUInt16LE(date, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(entry.data.length, 20);
		central.writeUInt32LE(entry.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, entry.data);
		centrals.push(central, name);
		offset += local.length + name.length + entry.data.length;
	}
	const centralDir = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralDir.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, centralDir, end]);
}

export function zipResponse(data: Buffer, fileName: string): EmulatorResponse {
	return { status: 200, raw: data, headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${fileName}"` } };
}

// ---------------------------------------------------------------- PDF

/** A one-page PDF with a line of text, with a correct xref table. */
export function tinyPdf(line: string): Buffer {
	const safe = line.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
	const stream = `BT /F1 12 Tf 50 780 Td (${safe}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}
