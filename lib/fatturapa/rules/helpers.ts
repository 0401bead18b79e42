/**
 * Shared walking and arithmetic for the SdI rules. The model comes from parsed files in the wild,
 * so every block may be missing and every amount may be malformed: helpers never throw, a rule
 * simply has nothing to say about what the structural validator already reports.
 */
import { formatExactDecimal, parseExactDecimal, type ExactDecimal } from '../../money';
import type { DatiCassaPrevidenziale, DatiRiepilogo, DettaglioLinee, FatturaElettronica, FatturaElettronicaBody } from '../model';
import type { FatturaElettronica as FatturaSemplificata } from '../semplificata/model';
import type { SdiFinding } from './types';

export const ROOT = '/FatturaElettronica';
export const HEADER = `${ROOT}/FatturaElettronicaHeader`;

export interface At<T> {
	value: T;
	path: string;
}

export function list<T>(x: T[] | T | undefined | null): T[] {
	if (x === undefined || x === null) return [];
	return Array.isArray(x) ? x : [x];
}

export function bodies(model: FatturaElettronica): (At<FatturaElettronicaBody> & { index: number })[] {
	return list(model?.FatturaElettronicaBody).map((value, i) => ({ value, index: i, path: `${ROOT}/FatturaElettronicaBody[${i + 1}]` }));
}

export function lines(body: At<FatturaElettronicaBody>): At<DettaglioLinee>[] {
	return list(body.value?.DatiBeniServizi?.DettaglioLinee).map((value, i) => ({ value, path: `${body.path}/DatiBeniServizi/DettaglioLinee[${i + 1}]` }));
}

export function riepiloghi(body: At<FatturaElettronicaBody>): At<DatiRiepilogo>[] {
	return list(body.value?.DatiBeniServizi?.DatiRiepilogo).map((value, i) => ({ value, path: `${body.path}/DatiBeniServizi/DatiRiepilogo[${i + 1}]` }));
}

export function casse(body: At<FatturaElettronicaBody>): At<DatiCassaPrevidenziale>[] {
	return list(body.value?.DatiGenerali?.DatiGeneraliDocumento?.DatiCassaPrevidenziale).map((value, i) => ({
		value,
		path: `${body.path}/DatiGenerali/DatiGeneraliDocumento/DatiCassaPrevidenziale[${i + 1}]`,
	}));
}

/** DatiGeneraliDocumento's fields that both shapes (ordinaria and FSM10) share, at the same path. */
export interface DocumentHead {
	TipoDocumento?: string;
	Data?: string;
	Numero?: string;
}

/**
 * Each body's DatiGeneraliDocumento, from an ordinaria or a semplificata (same path in both),
 * with `path` = .../DatiGenerali/DatiGeneraliDocumento.
 */
export function documents(model: FatturaElettronica | FatturaSemplificata): At<DocumentHead>[] {
	const all = list<{ DatiGenerali?: { DatiGeneraliDocumento?: DocumentHead } }>(model?.FatturaElettronicaBody);
	return all.map((b, i) => ({ value: b?.DatiGenerali?.DatiGeneraliDocumento ?? {}, path: `${ROOT}/FatturaElettronicaBody[${i + 1}]/DatiGenerali/DatiGeneraliDocumento` }));
}

/** The document date as YYYY-MM-DD, or undefined when absent or malformed (the XSD check reports that). */
export function documentDate(doc: At<DocumentHead>): string | undefined {
	const d = doc.value?.Data;
	return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d.trim()) ? d.trim().slice(0, 10) : undefined;
}

export function documentPath(body: At<FatturaElettronicaBody>): string {
	return `${body.path}/DatiGenerali/DatiGeneraliDocumento`;
}

export function tipoDocumento(body: At<FatturaElettronicaBody>): string | undefined {
	return body.value?.DatiGenerali?.DatiGeneraliDocumento?.TipoDocumento;
}

export function dataDocumento(body: At<FatturaElettronicaBody>): string | undefined {
	return documentDate({ value: body.value?.DatiGenerali?.DatiGeneraliDocumento ?? {}, path: body.path });
}

/** An amount as exact decimal, or undefined when absent or malformed (the XSD check reports that). */
export function decimal(text: string | undefined | null): ExactDecimal | undefined {
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	try {
		return parseExactDecimal(text, 'amount', { maxDecimals: 30 });
	} catch {
		return undefined;
	}
}

export function isZeroRate(text: string | undefined): boolean {
	const d = decimal(text);
	return d !== undefined && d.units === 0n;
}

/** '22', '22.0', '22.00' -> '22.00': one key per rate */
export function rateKey(text: string | undefined): string | undefined {
	const d = decimal(text);
	return d === undefined ? undefined : formatExactDecimal(d, 2, 8);
}

export function show(d: ExactDecimal): string {
	return formatExactDecimal(d, 2, 8);
}

export function present(text: string | undefined | null): boolean {
	return typeof text === 'string' && text.trim() !== '';
}

export function error(code: string, path: string, message_it: string, message_en: string): SdiFinding {
	return { code, path, message_it, message_en, severity: 'error' };
}

export function warning(code: string, path: string, message_it: string, message_en: string): SdiFinding {
	return { code, path, message_it, message_en, severity: 'warning' };
}

export function serverSide(code: string, path: string, message_it: string, message_en: string): SdiFinding {
	return { code, path, message_it, message_en, severity: 'warning', serverSide: true };
}

/** Today's date in Italy (SdI's calendar), YYYY-MM-DD. */
export function todayInRome(now: Date = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** TD01 -> 1; undefined for anything else */
export function tdNumber(tipo: string | undefined): number | undefined {
	const m = /^TD(\d{2})$/.exec(tipo ?? '');
	return m ? Number(m[1]) : undefined;
}
