/**
 * Payment states and the pure rules for capture, cancel and refund.
 *
 * Documented (_rest_payment_detail_get.md, _event_types.md.erb): transactionResult is one of
 * UNSUBMITTED, WAITING, PENDING (or XX), APPROVED (or OK), DECLINED (or KO); transactionState is
 * the last event type: AUT authorised, CAN cancelled, MOV amount transferred (settled), PRE amount
 * reserved for transfer, REQ refund request, STO refund. Each event has eventtype and eventamount.
 * capture settles an authorised payment fully or partly; cancel deletes an authorised, unsettled
 * one; refund deletes, fully or partly, a settled one (_rest_payment_capture/cancel/refund_post.md).
 *
 * Our assumption (not documented): the balance left to capture is the AUT amount minus MOV/PRE
 * amounts, and the balance left to refund is MOV amounts minus STO/REQ amounts.
 */
import { formatCents, parseCents, type Cents } from '../money';
import { AxerveInputError } from './requests';

export type TransactionResult = 'UNSUBMITTED' | 'WAITING' | 'PENDING' | 'APPROVED' | 'DECLINED';
const RESULT_ALIASES: Record<string, TransactionResult> = {
	UNSUBMITTED: 'UNSUBMITTED',
	WAITING: 'WAITING',
	PENDING: 'PENDING',
	XX: 'PENDING',
	APPROVED: 'APPROVED',
	OK: 'APPROVED',
	DECLINED: 'DECLINED',
	KO: 'DECLINED',
};

export const EVENT_TYPES: Record<string, string> = {
	AUT: 'authorised',
	CAN: 'cancelled',
	MOV: 'amount transferred (settled)',
	PRE: 'amount reserved for transfer',
	REQ: 'refund requested',
	STO: 'refunded',
};

/** The documented result codes and their aliases -> one name; anything else is an error naming it. */
export function normalizeResult(value: unknown): TransactionResult {
	const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
	const r = RESULT_ALIASES[v];
	if (!r) throw new AxerveInputError('transactionResult', `expected one of UNSUBMITTED, WAITING, PENDING/XX, APPROVED/OK, DECLINED/KO, got ${JSON.stringify(value)}`);
	return r;
}

/** APPROVED and DECLINED are outcomes; the others may still change. */
export function isFinal(r: TransactionResult): boolean {
	return r === 'APPROVED' || r === 'DECLINED';
}

export interface PaymentEvent {
	type: string;
	amountCents: Cents;
	date?: string;
	id?: string;
}

export interface PaymentSummary {
	paymentID?: string;
	shopTransactionID?: string;
	bankTransactionID?: string;
	result: TransactionResult;
	state?: string;
	currency?: string;
	events: PaymentEvent[];
	authorizedCents: Cents;
	capturedCents: Cents;
	refundedCents: Cents;
	cancelled: boolean;
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A payment/detail payload -> the figures the rules need. Events come bare or wrapped in {event: ...} (both appear in the docs). */
export function summarizeDetail(payload: Record<string, unknown>): PaymentSummary {
	if (!payload || typeof payload !== 'object') throw new AxerveInputError('payload', 'expected the payment/detail payload');
	const raw = Array.isArray(payload.events) ? payload.events : [];
	const events: PaymentEvent[] = raw.slice(0, 1000).map((e, i) => {
		const ev = (e && typeof e === 'object' && 'event' in e ? (e as { event: unknown }).event : e) as Record<string, unknown>;
		const type = str(ev?.eventtype)?.toUpperCase() ?? '';
		const amount = str(ev?.eventamount);
		return { type, amountCents: amount ? parseCents(amount, `events[${i}].eventamount`, { allowComma: true }) : 0, ...(str(ev?.eventdate) ? { date: str(ev.eventdate) } : {}), ...(str(ev?.eventID) ? { id: str(ev.eventID) } : {}) };
	});
	const sum = (types: string[]) => events.filter((e) => types.includes(e.type)).reduce((s, e) => s + e.amountCents, 0);
	return {
		...(str(payload.paymentID) ? { paymentID: str(payload.paymentID) } : {}),
		...(str(payload.shopTransactionID) ? { shopTransactionID: str(payload.shopTransactionID) } : {}),
		...(str(payload.bankTransactionID) ? { bankTransactionID: str(payload.bankTransactionID) } : {}),
		result: normalizeResult(payload.transactionResult),
		...(str(payload.transactionState) ? { state: str(payload.transactionState) } : {}),
		...(str(payload.currency) ? { currency: str(payload.currency) } : {}),
		events,
		authorizedCents: sum(['AUT']),
		capturedCents: sum(['MOV', 'PRE']),
		refundedCents: sum(['STO', 'REQ']),
		cancelled: events.some((e) => e.type === 'CAN') || payload.transactionState === 'CAN',
	};
}

/** Refused locally before the call: the error says which Axerve code documents the same refusal. */
export class AxerveRuleError extends Error {
	constructor(
		readonly rule: 'capture-not-authorised' | 'capture-exceeds-authorised' | 'cancel-not-allowed' | 'refund-not-settled' | 'refund-exceeds-captured',
		message: string,
		/** Axerve's codes (_errors.md) documenting the same refusal */
		readonly axerveCodes: string[],
	) {
		super(message);
		this.name = 'AxerveRuleError';
	}
}

/** May `amountCents` be captured now? (undefined = the whole remaining authorisation) */
export function checkCapture(p: PaymentSummary, amountCents?: Cents): Cents {
	if (p.result !== 'APPROVED' || p.cancelled || p.authorizedCents <= 0)
		throw new AxerveRuleError('capture-not-authorised', `payment ${p.paymentID ?? ''} cannot be captured: it is ${p.cancelled ? 'cancelled' : p.result.toLowerCase()}, and only an authorised payment can be settled (Axerve error 2019)`.replace('  ', ' '), ['2019']);
	const left = p.authorizedCents - p.capturedCents;
	const amount = amountCents ?? left;
	if (!Number.isSafeInteger(amount) || amount <= 0) throw new AxerveInputError('amount', `expected a positive amount to capture; ${formatCents(left)} is left`);
	if (amount > left)
		throw new AxerveRuleError('capture-exceeds-authorised', `capture of ${formatCents(amount)} refused: only ${formatCents(left)} of the ${formatCents(p.authorizedCents)} authorised is left to settle (Axerve errors 58 / 8014)`, ['58', '8014']);
	return amount;
}

/** Cancel voids an authorised payment that has not been settled. */
export function checkCancel(p: PaymentSummary): void {
	if (p.result !== 'APPROVED' || p.cancelled || p.capturedCents > 0)
		throw new AxerveRuleError(
			'cancel-not-allowed',
			`payment ${p.paymentID ?? ''} cannot be cancelled: ${p.cancelled ? 'it is already cancelled' : p.capturedCents > 0 ? 'it is already settled, so refund it instead' : `it is ${p.result.toLowerCase()}`} (Axerve error 2017)`.replace('  ', ' '),
			['2017'],
		);
}

/** May `amountCents` be refunded now? (undefined = everything settled and not yet refunded) */
export function checkRefund(p: PaymentSummary, amountCents?: Cents): Cents {
	if (p.capturedCents <= 0)
		throw new AxerveRuleError('refund-not-settled', `payment ${p.paymentID ?? ''} cannot be refunded: nothing has been settled yet (cancel an authorised payment instead; Axerve errors 2018 / 8016)`.replace('  ', ' '), ['2018', '8016']);
	const left = p.capturedCents - p.refundedCents;
	const amount = amountCents ?? left;
	if (!Number.isSafeInteger(amount) || amount <= 0) throw new AxerveInputError('amount', `expected a positive amount to refund; ${formatCents(left)} is left`);
	if (amount > left)
		throw new AxerveRuleError(
			'refund-exceeds-captured',
			`refund of ${formatCents(amount)} refused: only ${formatCents(left)} of the ${formatCents(p.capturedCents)} settled is left to refund (Axerve errors 2014 / 8015)`,
			['2014', '8015'],
		);
	return amount;
}
