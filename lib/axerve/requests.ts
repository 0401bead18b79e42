/**
 * Axerve Ecommerce Solutions (ex GestPay) REST requests. Facts from the official reference source
 * (specs/axerve/api-docs-includes/_rest*.md): base URLs per environment, `Authorization: apikey
 * {key}` on every merchant call (the per-payment `paymentToken` header for payment/methods),
 * JSON bodies with shopLogin, amounts as text with a dot and two decimals ("10.00").
 */
import { MoneyError, formatCents, parseCents, type Cents } from '../money';

export type AxerveEnvironment = 'sandbox' | 'production';
export const AXERVE_BASE_URLS: Record<AxerveEnvironment, string> = {
	sandbox: 'https://sandbox.gestpay.net/api/v1',
	production: 'https://ecomms2s.sella.it/api/v1',
};

export interface AxerveCredentials {
	apiKey: string;
	shopLogin: string;
	environment: AxerveEnvironment;
	/** overrides the environment's base URL (an emulator) */
	baseUrl?: string;
}

export interface AxerveRequest {
	method: 'GET' | 'POST' | 'DELETE';
	url: string;
	/** Authorization carries the API key: never log the headers as they are */
	headers: Record<string, string>;
	body?: Record<string, unknown>;
	/** the operation's name, for errors */
	operation: string;
}

export class AxerveInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'AxerveInputError';
	}
}

/** EUR (the docs' examples) plus the ISO codes of the _currency_codes.md table, which does not list EUR itself. */
export const AXERVE_CURRENCIES: readonly string[] = [
	'EUR', 'AED', 'ARS', 'AUD', 'BGN', 'BOB', 'BRL', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CRC', 'CZK', 'DKK', 'DOP', 'GBP', 'GTQ', 'HKD', 'HNL', 'HUF',
	'ILS', 'INR', 'ISK', 'JPY', 'KRW', 'MYR', 'MXN', 'NIO', 'NOK', 'NZD', 'PEN', 'PLN', 'PYG', 'QAR', 'RON', 'RUB', 'SAR', 'SEK', 'SGD', 'TRY', 'TWD',
	'UAH', 'USD',
];

/** Payment type codes of _payment_type_codes.md (CONSEL is Consel "Rate in Rete" pay-later). */
export const AXERVE_PAYMENT_TYPES: Record<string, string> = {
	S2PALI: 'Alipay', APPLEPAY: 'Apple Pay', BANCOMATPAY: 'BANCOMAT Pay', BANCONTACT: 'Bancontact', S2PCRU: 'Cards Russia', COMPASS: 'Compass C-Pay',
	CONSEL: 'Consel Rate in Rete (pay in instalments)', CREDITCARD: 'credit cards', S2PEPS: 'EPS', S2PGIR: 'Giropay', HYPE: 'HYPE', S2PIDE: 'iDEAL',
	IDEAL: 'iDEAL (direct)', KLARNA: 'Klarna', S2PKON: 'Konbini', S2PMER: 'MercadoPago', S2PMUL: 'Multibanco', MYBANK: 'MyBank', ONECARD: 'OneCard',
	PAYPAL: 'PayPal', S2PPSC: 'paysafecard', SATISPAY: 'Satispay', S2PSOF: 'Sofort', SOFORT: 'Sofort (direct)', TRUSTPAY: 'TrustPay', S2PUNI: 'UnionPay',
	S2PWMO: 'WebMoney', S2PYAN: 'Yandex',
};

function baseOf(c: AxerveCredentials): string {
	if (c.baseUrl !== undefined && c.baseUrl !== '') {
		if (!/^https?:\/\/[^\s]+$/.test(c.baseUrl)) throw new AxerveInputError('baseUrl', 'expected an http(s) URL');
		return c.baseUrl.replace(/\/+$/, '');
	}
	const url = AXERVE_BASE_URLS[c.environment];
	if (!url) throw new AxerveInputError('environment', `expected sandbox or production, got ${JSON.stringify(c.environment)}`);
	return url;
}

function shopLoginOf(c: AxerveCredentials): string {
	const s = typeof c.shopLogin === 'string' ? c.shopLogin.trim() : '';
	if (!/^[A-Za-z0-9_-]{1,30}$/.test(s)) throw new AxerveInputError('shopLogin', 'expected the shop login of the Axerve Back Office (e.g. GESPAY12345)');
	return s;
}

function auth(c: AxerveCredentials): Record<string, string> {
	const key = typeof c.apiKey === 'string' ? c.apiKey.trim() : '';
	if (!key || /\s/.test(key)) throw new AxerveInputError('apiKey', 'expected the API key generated in the Axerve Back Office (Configuration > Security)');
	return { Authorization: `apikey ${key}`, 'Content-Type': 'application/json' };
}

function seg(v: unknown, field: string): string {
	const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
	if (!/^[A-Za-z0-9_.-]{1,100}$/.test(s)) throw new AxerveInputError(field, `expected an identifier (letters, digits, . _ -), got ${JSON.stringify(v)}`);
	return encodeURIComponent(s);
}

/** Amount in cents or as text "10.00" / "10,00" -> Axerve's "10.00". */
export function axerveAmount(value: Cents | string, field = 'amount'): string {
	let cents: number | undefined;
	let problem: string | undefined;
	try {
		cents = typeof value === 'number' ? value : parseCents(value, field, { allowComma: true });
	} catch (e) {
		problem = e instanceof MoneyError ? e.message.slice(field.length + 2) : String(e);
	}
	if (cents === undefined) throw new AxerveInputError(field, problem ?? 'expected an amount like 10.00');
	if (!Number.isSafeInteger(cents) || cents <= 0) throw new AxerveInputError(field, `expected a positive amount, got ${JSON.stringify(value)}`);
	return formatCents(cents);
}

function currency(v: unknown): string {
	const c = typeof v === 'string' ? v.trim().toUpperCase() : '';
	if (!AXERVE_CURRENCIES.includes(c)) throw new AxerveInputError('currency', `expected an ISO currency code Axerve lists (EUR, USD, GBP, ...), got ${JSON.stringify(v)}`);
	return c;
}

function text(v: unknown, field: string, max: number): string {
	if (typeof v !== 'string' || !v.trim()) throw new AxerveInputError(field, 'required');
	if (v.length > max) throw new AxerveInputError(field, `at most ${max} characters`);
	return v.trim();
}

/** One of the three identifiers Axerve accepts (at least one is required, _rest_payment_*_post.md). */
export interface TransactionRef {
	paymentID?: string;
	shopTransactionID?: string;
	bankTransactionID?: string;
}

function ref(r: TransactionRef): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of ['paymentID', 'shopTransactionID', 'bankTransactionID'] as const) {
		const v = r?.[k];
		if (v !== undefined && v !== '') out[k] = text(String(v), k, 100);
	}
	if (!Object.keys(out).length) throw new AxerveInputError('paymentID', 'give paymentID, shopTransactionID or bankTransactionID (Axerve needs at least one)');
	return out;
}

export interface CreatePaymentInput {
	amount: Cents | string;
	currency: string;
	shopTransactionID: string;
	buyerName?: string;
	buyerEmail?: string;
	languageId?: string;
	customInfo?: Record<string, string>;
	paymentType?: string[];
	responseURLs?: { buyerOK?: string; buyerKO?: string; serverNotificationURL?: string };
	/** any other documented field (orderDetails, shippingDetails, transDetails, ...), passed as is */
	extra?: Record<string, unknown>;
}

const URL_RE = /^https?:\/\/[^\s]{1,2000}$/;

/** POST payment/create: returns paymentToken, paymentID and userRedirect.href (the link to send the buyer to). */
export function createPaymentRequest(c: AxerveCredentials, p: CreatePaymentInput): AxerveRequest {
	const body: Record<string, unknown> = {
		shopLogin: shopLoginOf(c),
		amount: axerveAmount(p.amount),
		currency: currency(p.currency),
		shopTransactionID: text(p.shopTransactionID, 'shopTransactionID', 50),
	};
	if (p.buyerName !== undefined) body.buyerName = text(p.buyerName, 'buyerName', 50);
	if (p.buyerEmail !== undefined) {
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.buyerEmail)) throw new AxerveInputError('buyerEmail', 'expected an e-mail address');
		body.buyerEmail = p.buyerEmail;
	}
	if (p.languageId !== undefined) body.languageId = text(p.languageId, 'languageId', 20);
	if (p.customInfo !== undefined) {
		if (typeof p.customInfo !== 'object' || Array.isArray(p.customInfo)) throw new AxerveInputError('customInfo', 'expected an object of name -> text');
		for (const [k, v] of Object.entries(p.customInfo)) if (typeof v !== 'string') throw new AxerveInputError(`customInfo.${k}`, 'expected text');
		body.customInfo = p.customInfo;
	}
	if (p.paymentType !== undefined) {
		if (!Array.isArray(p.paymentType)) throw new AxerveInputError('paymentType', 'expected a list of payment type codes');
		for (const t of p.paymentType)
			if (!Object.prototype.hasOwnProperty.call(AXERVE_PAYMENT_TYPES, t)) throw new AxerveInputError('paymentType', `${JSON.stringify(t)} is not an Axerve payment type code (${Object.keys(AXERVE_PAYMENT_TYPES).join(', ')})`);
		body.paymentType = p.paymentType;
	}
	if (p.responseURLs !== undefined) {
		const urls: Record<string, string> = {};
		for (const k of ['buyerOK', 'buyerKO', 'serverNotificationURL'] as const) {
			const u = p.responseURLs[k];
			if (u === undefined) continue;
			if (!URL_RE.test(u)) throw new AxerveInputError(`responseURLs.${k}`, 'expected an http(s) URL');
			urls[k] = u;
		}
		body.responseURLs = urls;
	}
	for (const [k, v] of Object.entries(p.extra ?? {})) {
		if (k in body) throw new AxerveInputError(`extra.${k}`, 'this field has its own option');
		body[k] = v;
	}
	return { method: 'POST', url: `${baseOf(c)}/payment/create/`, headers: auth(c), body, operation: 'payment/create' };
}

/** GET payment/detail/{paymentID}. */
export function paymentDetailRequest(c: AxerveCredentials, paymentID: string): AxerveRequest {
	return { method: 'GET', url: `${baseOf(c)}/payment/detail/${seg(paymentID, 'paymentID')}`, headers: auth(c), operation: 'payment/detail' };
}

/** POST payment/detail: by shopTransactionID, bankTransactionID or paymentID. */
export function findPaymentDetailRequest(c: AxerveCredentials, r: TransactionRef): AxerveRequest {
	return { method: 'POST', url: `${baseOf(c)}/payment/detail`, headers: auth(c), body: { shopLogin: shopLoginOf(c), ...ref(r) }, operation: 'payment/detail' };
}

/** POST payment/capture/ (settle fully or partly), or GET payment/capture/{paymentID} for the whole amount. */
export function captureRequest(c: AxerveCredentials, r: TransactionRef, amount?: { amount: Cents | string; currency: string; settlementID?: string }): AxerveRequest {
	if (!amount) {
		if (!r.paymentID) throw new AxerveInputError('amount', 'a capture by shop or bank transaction id needs the amount and currency; without them give paymentID for a full capture');
		return { method: 'GET', url: `${baseOf(c)}/payment/capture/${seg(r.paymentID, 'paymentID')}`, headers: auth(c), operation: 'payment/capture' };
	}
	const body: Record<string, unknown> = { shopLogin: shopLoginOf(c), amount: axerveAmount(amount.amount), currency: currency(amount.currency), ...ref(r) };
	if (amount.settlementID !== undefined) body.settlementID = text(amount.settlementID, 'settlementID', 20);
	return { method: 'POST', url: `${baseOf(c)}/payment/capture/`, headers: auth(c), body, operation: 'payment/capture' };
}

/** POST payment/cancel/ (void an authorised, unsettled payment). */
export function cancelRequest(c: AxerveCredentials, r: TransactionRef, cancelReason?: string): AxerveRequest {
	const body: Record<string, unknown> = { shopLogin: shopLoginOf(c), ...ref(r) };
	if (cancelReason !== undefined) body.cancelReason = text(cancelReason, 'cancelReason', 255);
	return { method: 'POST', url: `${baseOf(c)}/payment/cancel/`, headers: auth(c), body, operation: 'payment/cancel' };
}

/** POST payment/refund/ (full or partial refund of a settled payment), or GET payment/refund/{paymentID} for all of it. */
export function refundRequest(c: AxerveCredentials, r: TransactionRef, amount?: { amount: Cents | string; currency: string; settlementID?: string; refundReason?: string; chargeBackFraud?: boolean }): AxerveRequest {
	if (!amount) {
		if (!r.paymentID) throw new AxerveInputError('amount', 'a refund by shop or bank transaction id needs the amount and currency; without them give paymentID for a full refund');
		return { method: 'GET', url: `${baseOf(c)}/payment/refund/${seg(r.paymentID, 'paymentID')}`, headers: auth(c), operation: 'payment/refund' };
	}
	const body: Record<string, unknown> = { shopLogin: shopLoginOf(c), amount: axerveAmount(amount.amount), currency: currency(amount.currency), ...ref(r) };
	if (amount.settlementID !== undefined) body.settlementID = text(amount.settlementID, 'settlementID', 20);
	if (amount.refundReason !== undefined) body.refundReason = text(amount.refundReason, 'refundReason', 255);
	if (amount.chargeBackFraud !== undefined) body.chargeBackFraud = amount.chargeBackFraud ? 'TRUE' : 'FALSE';
	return { method: 'POST', url: `${baseOf(c)}/payment/refund/`, headers: auth(c), body, operation: 'payment/refund' };
}

/** POST payment/update: paymentID required; amount, shippingDetails, orderDetails optional. */
export function updateRequest(c: AxerveCredentials, paymentID: string, changes: { amount?: Cents | string; shippingDetails?: Record<string, unknown>; orderDetails?: Record<string, unknown> }): AxerveRequest {
	const body: Record<string, unknown> = { shopLogin: shopLoginOf(c), paymentID: text(paymentID, 'paymentID', 100) };
	if (changes.amount !== undefined) body.amount = axerveAmount(changes.amount);
	if (changes.shippingDetails !== undefined) body.shippingDetails = changes.shippingDetails;
	if (changes.orderDetails !== undefined) body.orderDetails = changes.orderDetails;
	if (Object.keys(body).length === 2) throw new AxerveInputError('changes', 'give amount, shippingDetails or orderDetails to update');
	return { method: 'POST', url: `${baseOf(c)}/payment/update`, headers: auth(c), body, operation: 'payment/update' };
}

/**
 * GET payment/methods/{paymentID}/{languageID}: the methods for a created payment. The docs give
 * the paymentToken header (from payment/create) for this call, not the API key.
 */
export function paymentMethodsRequest(c: AxerveCredentials, paymentID: string, paymentToken: string, languageID: string | number = '1'): AxerveRequest {
	const token = typeof paymentToken === 'string' ? paymentToken.trim() : '';
	if (!token || /\s/.test(token)) throw new AxerveInputError('paymentToken', 'expected the paymentToken returned by payment/create');
	return { method: 'GET', url: `${baseOf(c)}/payment/methods/${seg(paymentID, 'paymentID')}/${seg(languageID, 'languageID')}`, headers: { paymentToken: token, 'Content-Type': 'application/json' }, operation: 'payment/methods' };
}

/** GET shop/methods/{shopLogin}: the methods enabled for the shop. */
export function shopMethodsRequest(c: AxerveCredentials): AxerveRequest {
	return { method: 'GET', url: `${baseOf(c)}/shop/methods/${seg(shopLoginOf(c), 'shopLogin')}`, headers: auth(c), operation: 'shop/methods' };
}

/** GET shop/token/{shopLogin}: the card tokens of the shop. */
export function listTokensRequest(c: AxerveCredentials): AxerveRequest {
	return { method: 'GET', url: `${baseOf(c)}/shop/token/${seg(shopLoginOf(c), 'shopLogin')}`, headers: auth(c), operation: 'shop/token' };
}

/** DELETE shop/token/{shopLogin}/{token}. */
export function deleteTokenRequest(c: AxerveCredentials, token: string): AxerveRequest {
	return { method: 'DELETE', url: `${baseOf(c)}/shop/token/${seg(shopLoginOf(c), 'shopLogin')}/${seg(token, 'token')}`, headers: auth(c), operation: 'shop/token' };
}

/**
 * POST shop/token/: create (or, with creditCard.token, update) a card token. The body carries a
 * card number: the node must never log or output the request body.
 */
export function createTokenRequest(c: AxerveCredentials, card: { number: string; expMonth: string; expYear: string; CVV?: string; token?: string }, options: { requestToken?: string; withAuth?: boolean } = {}): AxerveRequest {
	const number = String(card?.number ?? '').replace(/[\s-]/g, '');
	if (!/^\d{12,19}$/.test(number)) throw new AxerveInputError('creditCard.number', 'expected 12 to 19 digits');
	if (!/^(0[1-9]|1[0-2])$/.test(String(card.expMonth))) throw new AxerveInputError('creditCard.expMonth', 'expected a month 01 ... 12');
	if (!/^\d{2}$/.test(String(card.expYear))) throw new AxerveInputError('creditCard.expYear', 'expected the year as two digits, e.g. 29');
	const creditCard: Record<string, string> = { number, expMonth: String(card.expMonth), expYear: String(card.expYear) };
	if (card.CVV !== undefined) {
		if (!/^\d{3,4}$/.test(card.CVV)) throw new AxerveInputError('creditCard.CVV', 'expected 3 or 4 digits');
		creditCard.CVV = card.CVV;
	}
	if (card.token !== undefined) creditCard.token = text(card.token, 'creditCard.token', 100);
	const body = { shopLogin: shopLoginOf(c), requestToken: options.requestToken ?? 'MASKEDPAN', creditCard, withAuth: options.withAuth ? 'True' : 'False' };
	return { method: 'POST', url: `${baseOf(c)}/shop/token/`, headers: auth(c), body, operation: 'shop/token' };
}

/** POST dashboard/search: transaction search; the filters are passed as documented (dateFrom, dateTo, paymentID, ...). */
export function dashboardSearchRequest(c: AxerveCredentials, filters: Record<string, unknown>): AxerveRequest {
	if (!filters || typeof filters !== 'object' || Array.isArray(filters)) throw new AxerveInputError('filters', 'expected an object of search filters');
	if ('shopLogin' in filters) throw new AxerveInputError('filters.shopLogin', 'the shop login comes from the credential');
	return { method: 'POST', url: `${baseOf(c)}/dashboard/search`, headers: auth(c), body: { shopLogin: shopLoginOf(c), ...filters }, operation: 'dashboard/search' };
}
