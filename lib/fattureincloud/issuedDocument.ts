/**
 * Friendly issued-document fields -> the Fatture in Cloud `data` object.
 * The document number is sent only when the user gives one: Fatture in Cloud numbers the
 * document itself (a default of 1 is how another node made duplicates and refused invoices).
 */
import { pruneEmpty, toFicDate } from './body';
import { entityBody, type EntityFields } from './entity';

export const ISSUED_DOCUMENT_TYPES = [
	'invoice',
	'quote',
	'proforma',
	'receipt',
	'delivery_note',
	'credit_note',
	'order',
	'work_report',
	'supplier_order',
	'self_own_invoice',
	'self_supplier_invoice',
] as const;

export interface DocumentItemFields {
	productId?: number;
	code?: string;
	name: string;
	description?: string;
	qty?: number;
	measure?: string;
	netPrice?: number | string;
	grossPrice?: number | string;
	discount?: number;
	vatId?: number;
	vatRate?: number;
}

export interface DocumentPaymentFields {
	amount: number | string;
	dueDate: string;
	status?: 'paid' | 'not_paid' | 'reversed';
	paidDate?: string;
	paymentAccountId?: number;
}

export interface IssuedDocumentFields {
	type: string;
	date?: string;
	number?: number;
	numeration?: string;
	clientId?: number;
	/** The name of client clientId: the spec requires entity.name even when the id is given. */
	clientName?: string;
	entity?: EntityFields;
	items: DocumentItemFields[];
	payments?: DocumentPaymentFields[];
	currencyId?: string;
	language?: string;
	/** The name of language `language` (the spec requires both code and name). */
	languageName?: string;
	subject?: string;
	visibleSubject?: string;
	notes?: string;
	eInvoice?: boolean;
	paymentMethodId?: number;
	/** The name of payment method paymentMethodId (required by the spec beside the id). */
	paymentMethodName?: string;
	eiPaymentMethod?: string;
	useGrossPrices?: boolean;
}

/** A decimal to a JSON number with at most `places` decimals, refusing what is not a number. */
export function decimal(value: number | string | undefined, field: string, places: number): number | undefined {
	if (value === undefined || value === '') return undefined;
	const text = String(value).trim().replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`${field}: "${value}" is not a number (use a dot or comma for decimals)`);
	const factor = 10 ** places;
	return Math.round(Number(text) * factor) / factor;
}

/** Money in euro with 2 decimals, computed through integer cents. */
export function euro(value: number | string | undefined, field: string): number | undefined {
	const cents = decimal(value, field, 2);
	return cents === undefined ? undefined : Math.round(cents * 100) / 100;
}

export function issuedDocumentData(fields: IssuedDocumentFields, resolveVat: (rate: number, line: number) => number): Record<string, unknown> {
	if (!(ISSUED_DOCUMENT_TYPES as readonly string[]).includes(fields.type)) {
		throw new Error(`Document Type: "${fields.type}" is not one of ${ISSUED_DOCUMENT_TYPES.join(', ')}`);
	}
	if (!fields.items?.length) throw new Error('Items: add at least one line to the document');
	if (fields.number !== undefined && (!Number.isInteger(fields.number) || fields.number < 1)) {
		throw new Error(`Number: "${fields.number}" must be a positive whole number, or left empty so Fatture in Cloud numbers the document`);
	}
	if (fields.clientId && !fields.clientName?.trim()) throw new Error(`Client ID: the name of client ${fields.clientId} is needed beside its ID`);
	if (fields.language && !fields.languageName?.trim()) throw new Error(`Language Code: the name of language "${fields.language}" is needed beside its code`);
	if (fields.paymentMethodId && !fields.paymentMethodName?.trim()) throw new Error(`Payment Method ID: the name of payment method ${fields.paymentMethodId} is needed beside its ID`);
	const entity = fields.clientId ? { id: fields.clientId, name: fields.clientName } : fields.entity ? entityBody(fields.entity, true) : undefined;
	if (!entity) throw new Error('Client: give a Client ID or the client fields (at least the name)');

	const itemsList = fields.items.map((item, index) => {
		const line = index + 1;
		if (!item.name?.trim() && !item.productId) throw new Error(`Items line ${line}: Name is required`);
		const vatId = item.vatId ?? (item.vatRate !== undefined ? resolveVat(item.vatRate, line) : undefined);
		return pruneEmpty({
			product_id: item.productId,
			code: item.code,
			name: item.name?.trim(),
			description: item.description,
			qty: decimal(item.qty ?? 1, `Items line ${line} quantity`, 5),
			measure: item.measure,
			net_price: decimal(item.netPrice, `Items line ${line} net price`, 8),
			gross_price: decimal(item.grossPrice, `Items line ${line} gross price`, 8),
			discount: decimal(item.discount, `Items line ${line} discount`, 4),
			vat: vatId !== undefined ? { id: vatId } : undefined,
		});
	});

	const paymentsList = (fields.payments ?? []).map((payment, index) => {
		const line = index + 1;
		return pruneEmpty({
			amount: euro(payment.amount, `Payments line ${line} amount`),
			due_date: toFicDate(payment.dueDate, `Payments line ${line} due date`),
			status: payment.status ?? 'not_paid',
			paid_date: payment.paidDate ? toFicDate(payment.paidDate, `Payments line ${line} paid date`) : undefined,
			payment_account: payment.paymentAccountId ? { id: payment.paymentAccountId } : undefined,
		});
	});

	return pruneEmpty({
		type: fields.type,
		entity,
		date: fields.date ? toFicDate(fields.date, 'Date') : undefined,
		number: fields.number,
		numeration: fields.numeration,
		currency: fields.currencyId ? { id: fields.currencyId } : undefined,
		language: fields.language ? { code: fields.language, name: fields.languageName } : undefined,
		subject: fields.subject,
		visible_subject: fields.visibleSubject,
		notes: fields.notes,
		e_invoice: fields.eInvoice,
		payment_method: fields.paymentMethodId ? { id: fields.paymentMethodId, name: fields.paymentMethodName } : undefined,
		ei_data: fields.eiPaymentMethod ? { payment_method: fields.eiPaymentMethod } : undefined,
		use_gross_prices: fields.useGrossPrices,
		items_list: itemsList,
		payments_list: paymentsList.length ? paymentsList : undefined,
	});
}
