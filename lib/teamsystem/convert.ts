/**
 * TSE MG Documento <-> the FatturaPA invoice JSON of lib/fatturapa (FatturaInput), so an ERP
 * invoice can be validated and sent through Aruba, and an e-invoice can become an ERP document.
 *
 * Documented DTO fields (the create example of tse.docs.teamsystem.cloud): valutaCg08 ("EURO"),
 * anagraficaDocumentoDitta.codDocumMg36 (document type), customerSupplierMG {tipocfCg40, cliFor},
 * sezdoc, storageWH.codDep, righe[] {progrRiga, codartMg66, descart, qta1}. The document number,
 * date, unit price, VAT rate/natura, unit of measure and discount are not in the public docs:
 * their names are our assumption, overridable with `fieldMap` (take them from the tenant
 * Swagger). The DTO references the customer by code only, so the buyer's registry data (name,
 * VAT number, address) comes in separately, e.g. mapped from a CustomerSupplierCo read.
 */
import { checkCodiceDestinatario, checkCodiceFiscale, checkPartitaIva } from '../italian';
import { formatExactDecimal, parseExactDecimal, type ExactDecimal } from '../money';
import type { CedenteInput, CessionarioInput, FatturaInput, LineInput, PaymentInput } from '../fatturapa/build';
import type { Natura, TipoDocumento } from '../fatturapa/codes';
import { valueAt } from './writeSafety';

export interface TseFieldMap {
	number: string;
	date: string;
	unitPrice: string;
	vatRate: string;
	natura: string;
	unitOfMeasure: string;
	discountPercent: string;
}

/** Our assumed names for what the public docs do not show (dot paths; row fields relative to a row). */
export const ASSUMED_TSE_FIELDS: TseFieldMap = {
	number: 'numdoc',
	date: 'datdoc',
	unitPrice: 'prezzo',
	vatRate: 'aliquotaIva',
	natura: 'natura',
	unitOfMeasure: 'um',
	discountPercent: 'sconto1',
};

/** TSE writes the euro as "EURO" (valutaCg08 in the docs' example). */
const TSE_CURRENCY: Readonly<Record<string, string>> = { EURO: 'EUR' };

export interface TseToFatturaContext {
	cedente: CedenteInput;
	/** the buyer's registry data (the DTO holds only its code, customerSupplierMG.cliFor) */
	cessionario: CessionarioInput;
	progressivoInvio: string;
	codiceDestinatario?: string;
	pecDestinatario?: string;
	tipoDocumento?: TipoDocumento;
	pagamento?: PaymentInput | PaymentInput[];
	fieldMap?: Partial<TseFieldMap>;
}

export type Conversion<T> = { ok: true; value: T } | { ok: false; missing: string[] };

function decimalText(value: unknown, maxDecimals: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	try {
		const d = parseExactDecimal(value, 'value', { maxDecimals: 30 });
		return formatDecimal(d, maxDecimals);
	} catch {
		return undefined;
	}
}

function formatDecimal(d: ExactDecimal, maxDecimals: number): string | undefined {
	// refuse rather than round: more decimals than the e-invoice allows is a data problem
	const text = formatExactDecimal(d, 0, 30);
	const fraction = text.split('.')[1] ?? '';
	if (fraction.replace(/0+$/, '').length > maxDecimals) return undefined;
	return formatExactDecimal(d, Math.min(2, maxDecimals), maxDecimals);
}

function dateText(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
	return m ? m[1] : undefined;
}

/** Problems with the buyer's and seller's identifiers, checked with lib/italian. */
export function identifierProblems(ctx: { cedente: CedenteInput; cessionario: CessionarioInput; codiceDestinatario?: string }): string[] {
	const out: string[] = [];
	const italian = (p: { nazione?: string; idPaese?: string }) => (p.idPaese ?? p.nazione ?? 'IT').toUpperCase() === 'IT';
	if (!ctx.cedente?.partitaIva) out.push('cedente.partitaIva: the seller VAT number is required');
	else if (italian(ctx.cedente)) {
		const c = checkPartitaIva(ctx.cedente.partitaIva.replace(/^IT/i, ''));
		if (!c.ok) out.push(`cedente.partitaIva: ${c.reason}`);
	}
	const buyer = ctx.cessionario;
	if (!buyer) out.push('cessionario: the buyer registry data (name, VAT number or codice fiscale, address) is required');
	else {
		if (!buyer.partitaIva && !buyer.codiceFiscale) out.push('cessionario: a partitaIva or codiceFiscale is required');
		if (buyer.partitaIva && italian(buyer)) {
			const c = checkPartitaIva(buyer.partitaIva.replace(/^IT/i, ''));
			if (!c.ok) out.push(`cessionario.partitaIva: ${c.reason}`);
		}
		if (buyer.codiceFiscale) {
			const c = checkCodiceFiscale(buyer.codiceFiscale.trim());
			if (!c.ok) out.push(`cessionario.codiceFiscale: ${c.reason}`);
		}
	}
	if (ctx.codiceDestinatario) {
		const c = checkCodiceDestinatario(ctx.codiceDestinatario, buyer?.pubblicaAmministrazione ? 'FPA12' : 'FPR12');
		if (!c.ok) out.push(`codiceDestinatario: ${c.reason}`);
	}
	return out;
}

/** A TSE Documento -> FatturaInput, or the list of everything an e-invoice needs that it lacks. */
export function tseDocumentToFattura(doc: unknown, ctx: TseToFatturaContext): Conversion<FatturaInput> {
	const f = { ...ASSUMED_TSE_FIELDS, ...(ctx.fieldMap ?? {}) };
	const missing: string[] = [];
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, missing: ['document: expected the Documento as a JSON object'] };
	const numero = valueAt(doc, f.number);
	if ((typeof numero !== 'string' && typeof numero !== 'number') || String(numero).trim() === '') missing.push(`${f.number}: the document number (numero)`);
	const data = dateText(valueAt(doc, f.date));
	if (!data) missing.push(`${f.date}: the document date as YYYY-MM-DD (data)`);
	const valuta = valueAt(doc, 'valutaCg08');
	let divisa = 'EUR';
	if (valuta !== undefined && valuta !== null && valuta !== '') {
		const code = String(valuta).trim().toUpperCase();
		if (TSE_CURRENCY[code]) divisa = TSE_CURRENCY[code];
		else if (/^[A-Z]{3}$/.test(code)) divisa = code;
		else missing.push(`valutaCg08: expected EURO or an ISO 4217 currency code, got ${JSON.stringify(valuta)}`);
	}
	const rows = (doc as Record<string, unknown>).righe;
	const righe: LineInput[] = [];
	if (!Array.isArray(rows) || rows.length === 0) missing.push('righe: at least one row');
	else
		rows.forEach((row, i) => {
			const at = `righe[${i}]`;
			if (!row || typeof row !== 'object') {
				missing.push(`${at}: expected a row object`);
				return;
			}
			const descrizione = valueAt(row, 'descart');
			if (typeof descrizione !== 'string' || descrizione.trim() === '') missing.push(`${at}.descart: the row description`);
			const qtyRaw = valueAt(row, 'qta1');
			const quantita = decimalText(qtyRaw, 8);
			if (qtyRaw !== undefined && quantita === undefined) missing.push(`${at}.qta1: a quantity with at most 8 decimals`);
			const prezzo = decimalText(valueAt(row, f.unitPrice), 8);
			if (prezzo === undefined) missing.push(`${at}.${f.unitPrice}: the unit price with at most 8 decimals`);
			const aliquota = decimalText(valueAt(row, f.vatRate), 2);
			if (aliquota === undefined) missing.push(`${at}.${f.vatRate}: the VAT rate in percent`);
			const naturaRaw = valueAt(row, f.natura);
			const natura = typeof naturaRaw === 'string' && naturaRaw.trim() ? (naturaRaw.trim() as Natura) : undefined;
			if (aliquota !== undefined && Number(aliquota) === 0 && !natura) missing.push(`${at}.${f.natura}: a row without VAT needs the natura (N1 ... N7)`);
			const sconto = decimalText(valueAt(row, f.discountPercent), 2);
			const um = valueAt(row, f.unitOfMeasure);
			if (typeof descrizione === 'string' && prezzo !== undefined && aliquota !== undefined)
				righe.push({
					descrizione: descrizione.trim(),
					...(quantita !== undefined ? { quantita } : {}),
					...(typeof um === 'string' && um.trim() ? { unitaMisura: um.trim() } : {}),
					prezzoUnitario: prezzo,
					...(sconto !== undefined && Number(sconto) !== 0 ? { scontoPercentuale: sconto } : {}),
					aliquotaIVA: aliquota,
					...(natura ? { natura } : {}),
				});
		});
	missing.push(...identifierProblems(ctx));
	if (!ctx.progressivoInvio) missing.push('progressivoInvio: the transmission number (1 to 5 letters or digits)');
	if (missing.length) return { ok: false, missing };
	return {
		ok: true,
		value: {
			progressivoInvio: ctx.progressivoInvio,
			...(ctx.tipoDocumento ? { tipoDocumento: ctx.tipoDocumento } : {}),
			data: data!,
			numero: String(numero).trim(),
			divisa,
			cedente: ctx.cedente,
			cessionario: ctx.cessionario,
			...(ctx.codiceDestinatario ? { codiceDestinatario: ctx.codiceDestinatario } : {}),
			...(ctx.pecDestinatario ? { pecDestinatario: ctx.pecDestinatario } : {}),
			righe,
			...(ctx.pagamento ? { pagamento: ctx.pagamento } : {}),
		},
	};
}

export interface FatturaToTseContext {
	/** the TSE document type, e.g. the code of a sales invoice in this company */
	codDocumMg36: string;
	/** the customer's code in TSE */
	cliFor: number | string;
	/** the customer/supplier kind of customerSupplierMG; its meaning per value is not documented */
	tipocfCg40: number;
	sezdoc?: string;
	codDep?: string;
	/** article codes per row, when the rows are items (codartMg66) */
	itemCodes?: readonly (string | undefined)[];
	fieldMap?: Partial<TseFieldMap>;
}

function jsonNumber(text: string | number | undefined, field: string, missing: string[]): number | undefined {
	if (text === undefined) return undefined;
	try {
		const d = parseExactDecimal(text, field, { maxDecimals: 8 });
		const n = Number(formatExactDecimal(d, 0, 8));
		// a JSON number must hold the value exactly, or the ERP would store another amount
		if (!Number.isFinite(n) || formatExactDecimal(parseExactDecimal(n, field, { maxDecimals: 30 }), 0, 8) !== formatExactDecimal(d, 0, 8)) {
			missing.push(`${field}: ${text} cannot be sent as an exact JSON number`);
			return undefined;
		}
		return n;
	} catch (e) {
		missing.push(`${field}: ${(e as Error).message}`);
		return undefined;
	}
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (!node[key] || typeof node[key] !== 'object') node[key] = {};
		node = node[key] as Record<string, unknown>;
	}
	node[keys[keys.length - 1]] = value;
}

/**
 * FatturaInput -> a TSE Documento create body. The number is not sent: TSE numbers documents
 * itself (our assumption, as for other ERPs); the FatturaPA number stays the e-invoice's.
 */
export function fatturaToTseDocument(input: FatturaInput, ctx: FatturaToTseContext): Conversion<Record<string, unknown>> {
	const f = { ...ASSUMED_TSE_FIELDS, ...(ctx.fieldMap ?? {}) };
	const missing: string[] = [];
	if (!ctx.codDocumMg36 || !String(ctx.codDocumMg36).trim()) missing.push('codDocumMg36: the TSE document type code');
	if (ctx.cliFor === undefined || ctx.cliFor === null || String(ctx.cliFor).trim() === '') missing.push('cliFor: the customer code in TSE');
	if (!Number.isSafeInteger(ctx.tipocfCg40)) missing.push('tipocfCg40: the customer/supplier kind (a whole number)');
	const data = dateText(input?.data);
	if (!data) missing.push('data: the invoice date as YYYY-MM-DD');
	const divisa = (input?.divisa ?? 'EUR').toUpperCase();
	if (!/^[A-Z]{3}$/.test(divisa)) missing.push(`divisa: expected an ISO 4217 code, got ${JSON.stringify(input?.divisa)}`);
	if (!Array.isArray(input?.righe) || input.righe.length === 0) missing.push('righe: at least one line');
	const righe = (input?.righe ?? []).map((r, i) => {
		const at = `righe[${i}]`;
		const row: Record<string, unknown> = { progrRiga: i + 1 };
		const code = ctx.itemCodes?.[i];
		if (code) row.codartMg66 = code;
		if (!r?.descrizione) missing.push(`${at}.descrizione: the line description`);
		row.descart = r?.descrizione;
		row.qta1 = jsonNumber(r?.quantita ?? 1, `${at}.quantita`, missing);
		setPath(row, f.unitPrice, jsonNumber(r?.prezzoUnitario, `${at}.prezzoUnitario`, missing));
		setPath(row, f.vatRate, jsonNumber(r?.aliquotaIVA, `${at}.aliquotaIVA`, missing));
		if (r?.natura) setPath(row, f.natura, r.natura);
		if (r?.unitaMisura) setPath(row, f.unitOfMeasure, r.unitaMisura);
		if (r?.scontoPercentuale !== undefined) setPath(row, f.discountPercent, jsonNumber(r.scontoPercentuale, `${at}.scontoPercentuale`, missing));
		return row;
	});
	if (missing.length) return { ok: false, missing };
	const document: Record<string, unknown> = {
		valutaCg08: divisa === 'EUR' ? 'EURO' : divisa,
		anagraficaDocumentoDitta: { codDocumMg36: String(ctx.codDocumMg36).trim() },
		customerSupplierMG: { tipocfCg40: ctx.tipocfCg40, cliFor: typeof ctx.cliFor === 'string' && /^\d+$/.test(ctx.cliFor) ? Number(ctx.cliFor) : ctx.cliFor },
		...(ctx.sezdoc ? { sezdoc: ctx.sezdoc } : {}),
		...(ctx.codDep ? { storageWH: { codDep: ctx.codDep } } : {}),
		righe,
	};
	setPath(document, f.date, data);
	return { ok: true, value: document };
}
