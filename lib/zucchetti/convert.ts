import type { CedenteInput, CessionarioInput, FatturaInput, LineInput, Natura, PaymentInput, TipoDocumento } from '../fatturapa';
import { formatExactDecimal, MoneyError, parseExactDecimal, roundHalfUp } from '../money';
import type { ZucchettiRecord } from './reply';

/**
 * A Zucchetti sales document, read from a visual query the installation publishes, as the invoice
 * JSON lib/fatturapa's buildFatturaPA takes. Every installation names its own query and columns
 * (the DB field names of its document tables), and no public reference lists them, so the column
 * mapping comes from the caller: nothing here guesses a column name.
 */
export interface ZucchettiInvoiceMapping {
	/** document columns; they repeat on every row of a query that joins header and lines */
	header: { numero: string; data: string; divisa?: string };
	line: { descrizione: string; prezzoUnitario: string; taxCode: string; quantita?: string; unitaMisura?: string; scontoPercentuale?: string };
}

export interface ZucchettiInvoiceOptions {
	mapping: ZucchettiInvoiceMapping;
	cedente: CedenteInput;
	cessionario: CessionarioInput;
	progressivoInvio: string;
	/** the installation's VAT codes -> rate and natura; a code that is a standard rate (22, 10, 5, 4) needs no entry */
	taxCodes?: Record<string, { aliquotaIVA: number | string; natura?: Natura; riferimentoNormativo?: string }>;
	tipoDocumento?: TipoDocumento;
	pagamento?: PaymentInput | PaymentInput[];
	codiceDestinatario?: string;
	pecDestinatario?: string;
}

export class ZucchettiConvertError extends Error {
	readonly field: string;

	constructor(field: string, message: string) {
		super(`${field}: ${message}`);
		this.name = 'ZucchettiConvertError';
		this.field = field;
	}
}

const STANDARD_RATES = ['22', '10', '5', '4'];

/** The rows of one document (header columns equal on all of them), as a FatturaPA invoice input. */
export function zucchettiSalesDocumentToFattura(rows: ZucchettiRecord[], options: ZucchettiInvoiceOptions): FatturaInput {
	if (!Array.isArray(rows) || rows.length === 0) throw new ZucchettiConvertError('rows', 'expected the query rows of one document (at least one)');
	const { header, line } = options.mapping ?? ({} as ZucchettiInvoiceMapping);
	if (!header || !line) throw new ZucchettiConvertError('mapping', 'expected header and line column names');
	const headerValue = (key: keyof ZucchettiInvoiceMapping['header'], required: boolean): string | undefined => {
		const column = header[key];
		if (column === undefined) return undefined;
		const first = rows[0][column];
		rows.forEach((r, i) => {
			if (r[column] !== first) throw new ZucchettiConvertError(`rows[${i}].${column}`, `differs from rows[0] (${JSON.stringify(first)} vs ${JSON.stringify(r[column])}): expected the rows of one document`);
		});
		if (required && (first === null || first === undefined || first.trim() === '')) throw new ZucchettiConvertError(`rows[0].${column}`, `is missing or empty (mapped to ${key})`);
		return first?.trim() || undefined;
	};
	const numero = headerValue('numero', true) as string;
	const data = dateOf(headerValue('data', true) as string, `rows[0].${header.data}`);
	const righe: LineInput[] = rows.map((r, i) => {
		const cell = (column: string | undefined, name: string, required: boolean): string | undefined => {
			if (column === undefined) return undefined;
			const v = r[column];
			if (v === undefined && required) throw new ZucchettiConvertError(`rows[${i}].${column}`, `no such column (mapped to ${name}); the row has ${Object.keys(r).join(', ')}`);
			if (required && (v === null || v === undefined || v.trim() === '')) throw new ZucchettiConvertError(`rows[${i}].${column}`, `is missing or empty (mapped to ${name})`);
			return v === null || v === undefined || v.trim() === '' ? undefined : v.trim();
		};
		const code = cell(line.taxCode, 'taxCode', true) as string;
		const tax = options.taxCodes?.[code] ?? (STANDARD_RATES.includes(code) ? { aliquotaIVA: Number(code) } : undefined);
		if (!tax) throw new ZucchettiConvertError(`rows[${i}].${line.taxCode}`, `tax code ${code} is not in taxCodes: give its rate (and its natura when the rate is 0)`);
		const out: LineInput = {
			descrizione: cell(line.descrizione, 'descrizione', true) as string,
			prezzoUnitario: decimal(cell(line.prezzoUnitario, 'prezzoUnitario', true) as string, `rows[${i}].${line.prezzoUnitario}`),
			aliquotaIVA: tax.aliquotaIVA,
		};
		const qty = cell(line.quantita, 'quantita', false);
		if (qty !== undefined) out.quantita = decimal(qty, `rows[${i}].${line.quantita}`);
		const uom = cell(line.unitaMisura, 'unitaMisura', false);
		if (uom !== undefined) out.unitaMisura = uom;
		const discount = cell(line.scontoPercentuale, 'scontoPercentuale', false);
		if (discount !== undefined && Number(discount.replace(',', '.')) !== 0) out.scontoPercentuale = decimal(discount, `rows[${i}].${line.scontoPercentuale}`);
		if (tax.natura) out.natura = tax.natura;
		if (tax.riferimentoNormativo) out.riferimentoNormativo = tax.riferimentoNormativo;
		return out;
	});
	const fattura: FatturaInput = { progressivoInvio: options.progressivoInvio, tipoDocumento: options.tipoDocumento ?? 'TD01', data, numero, cedente: options.cedente, cessionario: options.cessionario, righe };
	const divisa = headerValue('divisa', false);
	if (divisa) fattura.divisa = divisa;
	if (options.pagamento) fattura.pagamento = options.pagamento;
	if (options.codiceDestinatario) fattura.codiceDestinatario = options.codiceDestinatario;
	if (options.pecDestinatario) fattura.pecDestinatario = options.pecDestinatario;
	return fattura;
}

/** Dates as Infinity queries return them: 2025-05-10, 2025-05-10 00:00:00.0 (a Java timestamp), 20250510 or 10/05/2025. */
function dateOf(value: string, field: string): string {
	let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
	if (m) return `${m[1]}-${m[2]}-${m[3]}`;
	m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
	if (m) return `${m[3]}-${m[2]}-${m[1]}`;
	throw new ZucchettiConvertError(field, `expected a date (YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY), got ${JSON.stringify(value)}`);
}

function decimal(value: string, field: string): string {
	let reason = `expected a decimal number, got ${JSON.stringify(value)}`;
	try {
		return formatExactDecimal(roundHalfUp(parseExactDecimal(value, field, { maxDecimals: 30, allowComma: true }), 8), 2, 8);
	} catch (e) {
		if (e instanceof MoneyError) reason = e.message.slice(field.length + 2);
	}
	throw new ZucchettiConvertError(field, reason);
}
