/**
 * Axerve's `{ error: { code, description }, payload }` envelope -> payload or a clear error.
 * Every REST answer has the envelope (_rest.md "Handling Responses & Errors"): code "0" is
 * success; 400 carries 1105, 403 carries 1166, 500 carries 9999. The codes below are a subset of
 * _errors.md (the ones REST payment operations can meet), explained in our words with what to do;
 * any other code keeps Axerve's own description, which the envelope always carries.
 */

export type AxerveErrorKind = 'invalid-request' | 'auth' | 'declined' | 'state' | 'amount' | 'not-found' | 'limit' | 'technical' | 'other';

export interface AxerveCodeInfo {
	kind: AxerveErrorKind;
	/** our words: what happened and what to do */
	meaning: string;
}

export const AXERVE_CODES: Record<string, AxerveCodeInfo> = {
	'57': { kind: 'declined', meaning: 'the card is blocked; the buyer must use another card' },
	'58': { kind: 'amount', meaning: 'the amount to settle is more than the authorised amount' },
	'63': { kind: 'not-found', meaning: 'there is no such transaction to settle' },
	'64': { kind: 'state', meaning: 'the pre-authorisation has expired: it can no longer be captured' },
	'65': { kind: 'invalid-request', meaning: 'the currency is wrong for this transaction' },
	'66': { kind: 'state', meaning: 'the pre-authorisation was already settled' },
	'74': { kind: 'declined', meaning: 'the authorisation was denied' },
	'97': { kind: 'declined', meaning: 'the authorisation was denied' },
	'251': { kind: 'declined', meaning: 'insufficient credit on the card' },
	'433': { kind: 'declined', meaning: 'the card has expired' },
	'1105': { kind: 'invalid-request', meaning: 'a parameter has an invalid value' },
	'1106': { kind: 'invalid-request', meaning: 'a parameter is repeated' },
	'1107': { kind: 'invalid-request', meaning: 'a parameter is not expected: check Fields and Parameters in the Axerve Back Office' },
	'1108': { kind: 'invalid-request', meaning: 'a required parameter is missing' },
	'1111': { kind: 'invalid-request', meaning: 'the currency code is not valid' },
	'1113': { kind: 'invalid-request', meaning: 'the amount is not a number' },
	'1114': { kind: 'invalid-request', meaning: 'the amount has the wrong number of decimals' },
	'1142': { kind: 'auth', meaning: "the call came from an IP address not registered for this shop (Back Office > Configuration > Security)" },
	'1143': { kind: 'declined', meaning: 'the buyer abandoned the payment' },
	'1144': { kind: 'invalid-request', meaning: 'a required field is missing' },
	'1146': { kind: 'amount', meaning: 'the amount is too small' },
	'1147': { kind: 'amount', meaning: 'the amount is too large' },
	'1166': { kind: 'auth', meaning: "the API key is not valid: generate it in the Axerve Back Office (Configuration > Security) and check the credential's environment (sandbox or production)" },
	'1445': { kind: 'state', meaning: 'the amount of this payment can no longer be updated' },
	'1456': { kind: 'invalid-request', meaning: 'the amount uses the wrong decimal separator (use a dot, e.g. 10.00)' },
	'2000': { kind: 'limit', meaning: 'too many operations in the period allowed by the shop\'s risk settings' },
	'2001': { kind: 'limit', meaning: 'too many operations by the same buyer in the period allowed' },
	'2002': { kind: 'limit', meaning: 'the total amount in the period exceeds the shop\'s limit' },
	'2003': { kind: 'limit', meaning: 'the amount paid by the same buyer in the period exceeds the limit' },
	'2009': { kind: 'invalid-request', meaning: 'the amount is not valid' },
	'2011': { kind: 'not-found', meaning: 'the transaction was not found' },
	'2012': { kind: 'not-found', meaning: 'the identifier matches more than one transaction: use the paymentID or bankTransactionID' },
	'2014': { kind: 'amount', meaning: 'the refund is more than what is left to refund on the transaction' },
	'2015': { kind: 'invalid-request', meaning: 'the bankTransactionID is not valid' },
	'2016': { kind: 'invalid-request', meaning: 'neither bankTransactionID nor shopTransactionID was given' },
	'2017': { kind: 'state', meaning: 'the transaction cannot be cancelled (only an authorised, not yet settled one can)' },
	'2018': { kind: 'state', meaning: 'the transaction cannot be refunded (only a settled one can)' },
	'2019': { kind: 'state', meaning: 'the transaction cannot be settled (it must be authorised and not cancelled)' },
	'4802': { kind: 'amount', meaning: 'the currency or amount does not match the original transaction' },
	'7412': { kind: 'state', meaning: 'the transaction is not settled' },
	'8013': { kind: 'not-found', meaning: 'the settlement was not found' },
	'8014': { kind: 'amount', meaning: 'the settlement is more than the authorised amount' },
	'8015': { kind: 'amount', meaning: 'the refund is more than the balance' },
	'8016': { kind: 'state', meaning: 'the transaction has no settlement to refund' },
	'9999': { kind: 'technical', meaning: 'a technical error at Axerve; retry later only if the operation is safe to repeat (a read), otherwise check the payment detail first' },
};

export class AxerveError extends Error {
	constructor(
		/** Axerve's error code as sent, e.g. '1166' */
		readonly code: string,
		/** Axerve's own description, as sent */
		readonly axerveDescription: string,
		readonly kind: AxerveErrorKind,
		readonly operation: string,
		readonly httpStatus?: number,
	) {
		const info = AXERVE_CODES[code];
		super(`Axerve ${operation} failed with error ${code}${info ? ` (${info.meaning})` : ''}: ${axerveDescription || 'no description given'}${httpStatus ? ` [HTTP ${httpStatus}]` : ''}`);
		this.name = 'AxerveError';
	}
}

/** The answer did not have the documented envelope (a proxy page, an empty body, ...). */
export class AxerveReplyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AxerveReplyError';
	}
}

const MAX_BODY = 4 * 1024 * 1024;
const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** Reads an answer (parsed JSON or its text) and returns the payload, or throws AxerveError / AxerveReplyError. */
export function readEnvelope<T = Record<string, unknown>>(body: unknown, operation: string, httpStatus?: number): T {
	let b = body;
	if (typeof body === 'string') {
		const text = body;
		if (text.length > MAX_BODY) throw new AxerveReplyError(`Axerve ${operation}: the answer is larger than ${MAX_BODY} characters`);
		b = parseJson(text);
		if (b === NOT_JSON)
			throw new AxerveReplyError(`Axerve ${operation}: the answer is not JSON${httpStatus ? ` (HTTP ${httpStatus})` : ''}; it starts with ${JSON.stringify(text.slice(0, 80))}`);
	}
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw new AxerveReplyError(`Axerve ${operation}: expected the {error, payload} envelope${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
	const env = b as { error?: { code?: unknown; description?: unknown }; payload?: unknown };
	const err = env.error;
	if (!err || typeof err !== 'object' || (typeof err.code !== 'string' && typeof err.code !== 'number'))
		throw new AxerveReplyError(`Axerve ${operation}: the answer has no error.code${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
	const code = String(err.code).trim();
	const description = typeof err.description === 'string' ? err.description : '';
	if (code !== '0' || (httpStatus !== undefined && (httpStatus < 200 || httpStatus > 299))) {
		const kind = AXERVE_CODES[code]?.kind ?? (httpStatus === 403 ? 'auth' : httpStatus !== undefined && httpStatus >= 500 ? 'technical' : 'other');
		throw new AxerveError(code, description, kind, operation, httpStatus);
	}
	const payload = env.payload;
	if (payload === undefined || payload === null) return {} as T;
	if (typeof payload !== 'object') throw new AxerveReplyError(`Axerve ${operation}: payload should be an object`);
	return payload as T;
}
