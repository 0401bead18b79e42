import type { CedenteInput, CessionarioInput, FatturaInput, LineInput, Natura, PaymentInput, TipoDocumento } from '../fatturapa';
import { addExact, compareExact, formatExactDecimal, MoneyError, negateExact, parseExactDecimal, roundHalfUp, type ExactDecimal } from '../money';
import { MagoDocumentError } from './errors';
import type { MagoDocument, MagoFields } from './documents';

/**
 * A Mago4 sales document (Document.ERP.Sales.Documents.*, e.g. Invoice) read with readDocuments,
 * as the invoice JSON lib/fatturapa's buildFatturaPA takes. Field names: master SaleDocument
 * {DocNo, DocumentDate, Currency, Payment}, rows DetailRow {Line, Description, Qty, UoM,
 * UnitValue, DiscountFormula, DiscountAmount} (endpoints.json, saleInvoiceFields); the row's
 * TaxCode field is our assumption (the journal entry samples carry TaxCode on their tax rows).
 * What Mago does not hold for the invoice (the company, the customer's full data, the SdI
 * progressive) comes from the caller.
 */
export interface TaxCodeEntry {
	aliquotaIVA: number | string;
	natura?: Natura;
	riferimentoNormativo?: string;
}

export interface MagoInvoiceOptions {
	cedente: CedenteInput;
	cessionario: CessionarioInput;
	progressivoInvio: string;
	/** Mago tax codes -> rate and natura; a code that is a standard rate (22, 10, 5, 4) needs no entry */
	taxCodes?: Record<string, TaxCodeEntry>;
	/** Mago payment codes (master Payment, e.g. 'RD') -> FatturaPA payment; none = no DatiPagamento */
	payments?: Record<string, PaymentInput | PaymentInput[]>;
	/** default TD01 */
	tipoDocumento?: TipoDocumento;
	codiceDestinatario?: string;
	pecDestinatario?: string;
	/** the slave holding the rows; default 'Detail' */
	detailName?: string;
}

export interface ConvertedInvoice {
	fattura: FatturaInput;
	/** Line numbers of rows left out: rows with no UnitValue (descriptive/note rows) */
	skippedRows: string[];
}

const STANDARD_RATES = ['22', '10', '5', '4'];

export function magoSaleDocumentToFattura(doc: MagoDocument, options: MagoInvoiceOptions): ConvertedInvoice {
	if (!doc || typeof doc !== 'object' || typeof doc.tbNamespace !== 'string') throw new MagoDocumentError('expected a Mago document read with readDocuments');
	if (!doc.tbNamespace.startsWith('Document.ERP.Sales.Documents.')) throw new MagoDocumentError(`expected a sales document (Document.ERP.Sales.Documents.…), got ${doc.tbNamespace}`, 'tbNamespace');
	const m = doc.master;
	const at = doc.masterName;
	const numero = required(m, 'DocNo', at);
	const data = dateOf(required(m, 'DocumentDate', at), `${at}.DocumentDate`);
	const detailName = options.detailName ?? 'Detail';
	const detail = doc.slaves[detailName];
	const rows: MagoFields[] = detail === undefined ? [] : Array.isArray(detail) ? detail : [detail];
	const righe: LineInput[] = [];
	const skippedRows: string[] = [];
	rows.forEach((row, i) => {
		const where = `${detailName}[${i}]`;
		if ((row.UnitValue ?? '').trim() === '') {
			skippedRows.push(row.Line ?? String(i + 1));
			return;
		}
		const tax = taxOf(required(row, 'TaxCode', where), options.taxCodes, `${where}.TaxCode`);
		const line: LineInput = {
			descrizione: required(row, 'Description', where),
			prezzoUnitario: decimal(row.UnitValue, `${where}.UnitValue`),
			aliquotaIVA: tax.aliquotaIVA,
		};
		if ((row.Qty ?? '').trim() !== '') line.quantita = decimal(row.Qty, `${where}.Qty`);
		if ((row.UoM ?? '').trim() !== '') line.unitaMisura = row.UoM.trim();
		if (tax.natura) line.natura = tax.natura;
		if (tax.riferimentoNormativo) line.riferimentoNormativo = tax.riferimentoNormativo;
		const formula = (row.DiscountFormula ?? '').trim();
		if (formula !== '') line.scontoPercentuale = discountOf(formula, `${where}.DiscountFormula`);
		else if ((row.DiscountAmount ?? '').trim() !== '' && Number(row.DiscountAmount) !== 0)
			throw new MagoDocumentError('a discount given only as an amount cannot be written as a FatturaPA line discount: give DiscountFormula (e.g. 10 or 10+5) or a net UnitValue', `${where}.DiscountAmount`);
		righe.push(line);
	});
	if (righe.length === 0) throw new MagoDocumentError(`no row with a UnitValue: an invoice needs at least one priced line`, detailName);

	const fattura: FatturaInput = {
		progressivoInvio: options.progressivoInvio,
		tipoDocumento: options.tipoDocumento ?? 'TD01',
		data,
		numero,
		cedente: options.cedente,
		cessionario: options.cessionario,
		righe,
	};
	const currency = (m.Currency ?? '').trim();
	if (currency !== '') fattura.divisa = currency;
	if (options.codiceDestinatario) fattura.codiceDestinatario = options.codiceDestinatario;
	if (options.pecDestinatario) fattura.pecDestinatario = options.pecDestinatario;
	const payment = (m.Payment ?? '').trim();
	if (payment !== '' && options.payments) {
		const p = options.payments[payment];
		if (!p) throw new MagoDocumentError(`payment code ${payment} is not in payments; it has ${Object.keys(options.payments).join(', ') || 'none'}`, `${at}.Payment`);
		fattura.pagamento = p;
	}
	return { fattura, skippedRows };
}

function required(fields: MagoFields, name: string, at: string): string {
	const v = fields?.[name];
	if (typeof v !== 'string' || v.trim() === '') throw new MagoDocumentError('is missing or empty', `${at}.${name}`);
	return v.trim();
}

function dateOf(value: string, field: string): string {
	const m = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?$/.exec(value);
	if (!m) throw new MagoDocumentError(`expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`, field);
	return m[1];
}

/** Mago stores amounts from doubles ('1005.850000000000023'): rounded to the 8 decimals FatturaPA allows. */
function decimal(value: string, field: string): string {
	const d = exactOrReason(value, field);
	if (typeof d === 'string') throw new MagoDocumentError(d, field);
	return formatExactDecimal(roundHalfUp(d, 8), 2, 8);
}

/** the exact decimal, or why the text is not one */
function exactOrReason(value: string, field: string, maxDecimals = 30): ExactDecimal | string {
	try {
		return parseExactDecimal(value, field, { maxDecimals });
	} catch (e) {
		if (e instanceof MoneyError) return e.message.slice(field.length + 2);
		return `expected a decimal number, got ${JSON.stringify(value)}`;
	}
}

export function taxOf(code: string, table: Record<string, TaxCodeEntry> | undefined, field: string): TaxCodeEntry {
	const entry = table?.[code];
	if (entry) return entry;
	if (STANDARD_RATES.includes(code)) return { aliquotaIVA: Number(code) };
	throw new MagoDocumentError(`tax code ${code} is not in taxCodes: give its rate (and its natura when the rate is 0)`, field);
}

/** '10' or compound '10+5' (each on what the previous left): the one percentage FatturaPA writes, exactly. */
function discountOf(formula: string, field: string): string {
	const terms = formula.split('+').map((t) => t.trim().replace(/%$/, ''));
	const hundred: ExactDecimal = { units: 100n, scale: 0 };
	let remaining: ExactDecimal = { units: 1n, scale: 0 };
	for (const t of terms) {
		const d = exactOrReason(t, field, 2);
		if (typeof d === 'string') throw new MagoDocumentError(`expected a discount formula like 10 or 10+5, got ${JSON.stringify(formula)}`, field);
		if (d.units < 0n || compareExact(d, hundred) > 0) throw new MagoDocumentError(`each discount must be between 0 and 100, got ${t}`, field);
		const left = addExact(hundred, negateExact(d));
		remaining = { units: remaining.units * left.units, scale: remaining.scale + left.scale + 2 };
	}
	const effective = addExact(hundred, negateExact({ units: remaining.units * 100n, scale: remaining.scale }));
	const text = formatExactDecimal(effective, 2, 10);
	if (!/^\d{1,3}\.\d{2}$/.test(text)) throw new MagoDocumentError(`${formula} is a discount of ${text}%, which FatturaPA cannot write with 2 decimals: give a net UnitValue`, field);
	return text;
}
