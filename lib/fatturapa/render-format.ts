/** Formatting for people (Italian conventions) and HTML escaping, used by render.ts only. */
import { formatExactDecimal, parseExactDecimal } from '../money';
import type { CodeEntry } from './codeEntry';
import * as codes from './codes';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * '1234.5' -> '1.234,50' exactly (no float), with at least `minDecimals` decimals and the
 * significant ones kept up to 8 (unit prices). Text that is not a number is shown as written.
 */
export function formatNumberIt(value: string | undefined, minDecimals = 2): string {
	if (value === undefined || value.trim() === '') return '';
	let d;
	try {
		d = parseExactDecimal(value, 'amount', { maxDecimals: 30 });
	} catch {
		return value;
	}
	const text = formatExactDecimal(d, minDecimals, Math.max(minDecimals, 8));
	const negative = text.startsWith('-');
	const [integer, fraction] = (negative ? text.slice(1) : text).split('.');
	const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** '2025-06-30' -> '30/06/2025'; anything else as written. */
export function formatDateIt(value: string | undefined): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value?.trim() ?? '');
	if (!m) return value ?? '';
	return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}:${m[5]}` : ''}`;
}

const LISTS: Record<string, readonly CodeEntry[]> = {
	TipoDocumento: codes.TipoDocumentoCodes,
	RegimeFiscale: codes.RegimeFiscaleCodes,
	Natura: codes.NaturaCodes,
	ModalitaPagamento: codes.ModalitaPagamentoCodes,
	CondizioniPagamento: codes.CondizioniPagamentoCodes,
	EsigibilitaIVA: codes.EsigibilitaIVACodes,
	TipoCassa: codes.TipoCassaCodes,
	TipoRitenuta: codes.TipoRitenutaCodes,
	CausalePagamento: codes.CausalePagamentoCodes,
	FormatoTrasmissione: codes.FormatoTrasmissioneCodes,
	TipoCessionePrestazione: codes.TipoCessionePrestazioneCodes,
	TipoScontoMaggiorazione: codes.TipoScontoMaggiorazioneCodes,
};

/** 'RF01' -> 'RF01 - Ordinario'; unknown codes as written. */
export function describeCode(list: keyof typeof LISTS | string, code: string | undefined): string {
	if (!code) return '';
	const entry = LISTS[list]?.find((e) => e.code === code.trim());
	return entry ? `${entry.code} - ${entry.label}` : code;
}

/** the label alone: 'TD04' -> 'Nota di credito' */
export function codeLabel(list: keyof typeof LISTS | string, code: string | undefined): string | undefined {
	return code ? LISTS[list]?.find((e) => e.code === code.trim())?.label : undefined;
}
