/**
 * Mago sales invoice (Document.ERP.Sales.Documents.Invoice) <-> the FatturaPA invoice JSON of
 * lib/fatturapa (FatturaInput).
 *
 * Documented names (../shared/specs/mago4/endpoints.json, saleInvoiceFields): master
 * SaleDocument {DocNo, DocumentDate, CustSupp, OurReference, YourReference, Payment, PostingDate,
 * Currency, Issued}, rows DetailRow {Line, LineType, Description, Item, UoM, Qty, UnitValue,
 * DiscountFormula, DiscountAmount}. Assumed: the row's VAT code is `TaxCode` (the name the
 * MagicLink samples use in TaxSummaryRow), the rows' slave is `Detail`; the meaning of a tax code
 * comes from the caller's table (Mago's tax codes are per installation). The invoice references
 * the customer by code (CustSupp), so the buyer's registry data comes in separately.
 */
import { checkCodiceDestinatario, checkCodiceFiscale, checkPartitaIva } from '../italian';
import { formatExactDecimal, parseExactDecimal, roundHalfUp } from '../money';
import type { CedenteInput, CessionarioInput, FatturaInput, LineInput, PaymentInput } from '../fatturapa/build';
import type { Natura, TipoDocumento } from '../fatturapa/codes';
import type { MagicLinkData, MagicLinkDocument, MagicLinkRecord } from './magicLink';

export const MAGO_SALE_INVOICE = { tbNamespace: 'Document.ERP.Sales.Documents.Invoice', profile: 'DefaultLight' } as const;

export interface TaxCodeMeaning {
	aliquotaIVA: string | number;
	natura?: Natura;
	riferimentoNormativo?: string;
}

export interface MagoToFatturaContext {
	cedente: CedenteInput;
	cessionario: CessionarioInput;
	progressivoInvio: string;
	/** Mago tax code -> VAT rate (and natura for exempt codes) */
	taxCodes: Readonly<Record<string, TaxCodeMeaning>>;
	codiceDestinatario?: string;
	pecDestinatario?: string;
	tipoDocumento?: TipoDocumento;
	pagamento?: PaymentInput | PaymentInput[];
	/** row field holding the tax code (default TaxCode, assumed) */
	taxCodeField?: string;
}

export type Conversion<T> = { ok: true; value: T } | { ok: false; missing: string[] };

/**
 * Mago keeps amounts as doubles and MagicLink writes them in full (the samples show
 * 1005.850000000000023), so values are read to 8 decimals, the most an e-invoice holds.
 */
function decimal(value: unknown, places: number): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	try {
		return formatExactDecimal(roundHalfUp(parseExactDecimal(value, 'value', { maxDecimals: 30 }), places), Math.min(2, places), places);
	} catch {
		return undefined;
	}
}

/** ISO dates as Mago writes them in data, and dd/mm/yyyy as in some search samples. */
export function magoDate(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const v = value.trim();
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?$/.exec(v);
	const it = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
	const parts = iso ? [iso[1], iso[2], iso[3]] : it ? [it[3], it[2], it[1]] : undefined;
	if (!parts) return undefined;
	const [y, m, d] = parts;
	const date = new Date(Date.UTC(+y, +m - 1, +d));
	return +y >= 1970 && date.getUTCDate() === +d && date.getUTCMonth() === +m - 1 ? `${y}-${m}-${d}` : undefined;
}

function identifierProblems(ctx: { cedente: CedenteInput; cessionario: CessionarioInput; codiceDestinatario?: string }): string[] {
	const out: string[] = [];
	const italian = (p: { nazione?: string; idPaese?: string }) => (p.idPaese ?? p.nazione ?? 'IT').toUpperCase() === 'IT';
	if (!ctx.cedente?.partitaIva) out.push('cedente.partitaIva: the seller VAT number is required');
	else if (italian(ctx.cedente)) {
		const c = checkPartitaIva(ctx.cedente.partitaIva);
		if (!c.ok) out.push(`cedente.partitaIva: ${c.reason}`);
	}
	const b = ctx.cessionario;
	if (!b) out.push('cessionario: the buyer registry data (name, VAT number or codice fiscale, address) is required');
	else {
		if (!b.partitaIva && !b.codiceFiscale) out.push('cessionario: a partitaIva or codiceFiscale is required');
		if (b.partitaIva && italian(b)) {
			const c = checkPartitaIva(b.partitaIva);
			if (!c.ok) out.push(`cessionario.partitaIva: ${c.reason}`);
		}
		if (b.codiceFiscale) {
			const c = checkCodiceFiscale(b.codiceFiscale.trim());
			if (!c.ok) out.push(`cessionario.codiceFiscale: ${c.reason}`);
		}
	}
	if (ctx.codiceDestinatario) {
		const c = checkCodiceDestinatario(ctx.codiceDestinatario, b?.pubblicaAmministrazione ? 'FPA12' : 'FPR12');
		if (!c.ok) out.push(`codiceDestinatario: ${c.reason}`);
	}
	return out;
}

function detailRows(data: MagicLinkData): MagicLinkRecord[] | undefined {
	return data.slaves?.find((s) => s.rowName === 'DetailRow')?.rows;
}

/** A Mago sales invoice (read with readMagicLinkXml) -> FatturaInput, or what it lacks for an e-invoice. */
export function magoInvoiceToFattura(doc: MagicLinkDocument | MagicLinkData, ctx: MagoToFatturaContext): Conversion<FatturaInput> {
	const data = 'master' in (doc ?? {}) ? (doc as MagicLinkData) : (doc as MagicLinkDocument)?.data;
	if (!data?.master) return { ok: false, missing: ['SaleDocument: the invoice has no master record'] };
	const missing: string[] = [];
	const m = data.master.fields;
	if (data.master.name !== 'SaleDocument') missing.push(`master: expected SaleDocument, got ${data.master.name}`);
	const numero = String(m.DocNo ?? '').trim();
	if (!numero) missing.push('SaleDocument.DocNo: the invoice number');
	const date = magoDate(m.DocumentDate);
	if (!date) missing.push('SaleDocument.DocumentDate: the invoice date (YYYY-MM-DD)');
	const currency = String(m.Currency ?? '').trim().toUpperCase();
	if (currency && !/^[A-Z]{3}$/.test(currency)) missing.push(`SaleDocument.Currency: expected an ISO 4217 code, got ${JSON.stringify(m.Currency)}`);
	const taxField = ctx.taxCodeField ?? 'TaxCode';
	const rows = detailRows(data);
	const righe: LineInput[] = [];
	if (!rows?.length) missing.push('DetailRow: at least one row');
	rows?.forEach((r, i) => {
		const at = `DetailRow[${i}]`;
		const descrizione = String(r.Description ?? '').trim();
		if (!descrizione) missing.push(`${at}.Description: the row description`);
		const prezzo = decimal(r.UnitValue, 8);
		if (prezzo === undefined) missing.push(`${at}.UnitValue: the unit price`);
		const qty = r.Qty === undefined || r.Qty === '' ? undefined : decimal(r.Qty, 8);
		if (r.Qty !== undefined && r.Qty !== '' && qty === undefined) missing.push(`${at}.Qty: a quantity`);
		const code = String(r[taxField] ?? '').trim();
		const tax = code ? ctx.taxCodes?.[code] : undefined;
		if (!code) missing.push(`${at}.${taxField}: the VAT code of the row`);
		else if (!tax) missing.push(`${at}.${taxField}: tax code ${JSON.stringify(code)} is not in the tax code table (give its rate and natura)`);
		let sconto: string | undefined;
		const formula = String(r.DiscountFormula ?? '').trim();
		if (formula) {
			sconto = /^\d{1,3}(\.\d{1,2})?%?$/.test(formula) ? formula.replace('%', '') : undefined;
			if (sconto === undefined) missing.push(`${at}.DiscountFormula: only a single percentage converts (got ${JSON.stringify(formula)})`);
		} else {
			const amount = decimal(r.DiscountAmount, 8);
			if (amount !== undefined && Number(amount) !== 0) missing.push(`${at}.DiscountAmount: a discount amount without a formula does not convert; give it as DiscountFormula`);
		}
		if (descrizione && prezzo !== undefined && tax)
			righe.push({
				descrizione,
				...(qty !== undefined ? { quantita: qty } : {}),
				...(r.UoM ? { unitaMisura: String(r.UoM).trim() } : {}),
				prezzoUnitario: prezzo,
				...(sconto && Number(sconto) !== 0 ? { scontoPercentuale: sconto } : {}),
				aliquotaIVA: tax.aliquotaIVA,
				...(tax.natura ? { natura: tax.natura } : {}),
				...(tax.riferimentoNormativo ? { riferimentoNormativo: tax.riferimentoNormativo } : {}),
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
			data: date!,
			numero,
			divisa: currency || 'EUR',
			cedente: ctx.cedente,
			cessionario: ctx.cessionario,
			...(ctx.codiceDestinatario ? { codiceDestinatario: ctx.codiceDestinatario } : {}),
			...(ctx.pecDestinatario ? { pecDestinatario: ctx.pecDestinatario } : {}),
			righe,
			...(ctx.pagamento ? { pagamento: ctx.pagamento } : {}),
		},
	};
}

export interface FatturaToMagoContext {
	/** the customer's code in Mago */
	custSupp: string;
	/** Mago tax code for each rate/natura, keyed "22" or "0|N2.2" (rate as written by the e-invoice, 2 decimals) */
	taxCodeOf: (aliquotaIVA: string, natura: string | undefined) => string | undefined;
	/** the Mago payment term code */
	payment?: string;
	/** send the e-invoice number as DocNo (default false: Mago numbers its own documents) */
	sendNumber?: boolean;
	itemCodes?: readonly (string | undefined)[];
	taxCodeField?: string;
}

/** FatturaInput -> MagicLink data of a Mago sales invoice, to write with magicLinkDataXml + SetDataRest. */
export function fatturaToMagoInvoice(input: FatturaInput, ctx: FatturaToMagoContext): Conversion<MagicLinkData> {
	const missing: string[] = [];
	if (!ctx.custSupp?.trim()) missing.push('custSupp: the customer code in Mago');
	const date = magoDate(input?.data);
	if (!date) missing.push('data: the invoice date as YYYY-MM-DD');
	if (ctx.sendNumber && !input?.numero) missing.push('numero: the invoice number (sendNumber is on)');
	if (!Array.isArray(input?.righe) || input.righe.length === 0) missing.push('righe: at least one line');
	const taxField = ctx.taxCodeField ?? 'TaxCode';
	const rows: MagicLinkRecord[] = (input?.righe ?? []).map((r, i) => {
		const at = `righe[${i}]`;
		const row: MagicLinkRecord = { Line: i + 1 };
		const item = ctx.itemCodes?.[i];
		if (item) row.Item = item;
		if (!r?.descrizione) missing.push(`${at}.descrizione: the line description`);
		row.Description = r?.descrizione ?? '';
		if (r?.unitaMisura) row.UoM = r.unitaMisura;
		const qty = decimal(r?.quantita ?? 1, 8);
		const price = decimal(r?.prezzoUnitario, 8);
		const rate = decimal(r?.aliquotaIVA, 2);
		if (qty === undefined) missing.push(`${at}.quantita: a quantity`);
		if (price === undefined) missing.push(`${at}.prezzoUnitario: the unit price`);
		if (rate === undefined) missing.push(`${at}.aliquotaIVA: the VAT rate`);
		row.Qty = qty ?? '';
		row.UnitValue = price ?? '';
		if (rate !== undefined) {
			const code = ctx.taxCodeOf(rate, r.natura);
			if (!code) missing.push(`${at}: no Mago tax code for VAT ${rate}%${r.natura ? ` natura ${r.natura}` : ''}`);
			else row[taxField] = code;
		}
		if (r?.scontoPercentuale !== undefined) {
			const s = decimal(r.scontoPercentuale, 2);
			if (s === undefined) missing.push(`${at}.scontoPercentuale: a percentage`);
			else if (Number(s) !== 0) row.DiscountFormula = s;
		}
		return row;
	});
	if (missing.length) return { ok: false, missing };
	return {
		ok: true,
		value: {
			master: {
				name: 'SaleDocument',
				fields: {
					...(ctx.sendNumber ? { DocNo: input.numero } : {}),
					DocumentDate: date!,
					CustSupp: ctx.custSupp.trim(),
					...(ctx.payment ? { Payment: ctx.payment } : {}),
					Currency: (input.divisa ?? 'EUR').toUpperCase(),
				},
			},
			slaves: [{ name: 'Detail', rowName: 'DetailRow', rows }],
		},
	};
}
