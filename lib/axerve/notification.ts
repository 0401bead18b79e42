/**
 * The server-to-server payment notification (responseURLs.serverNotificationURL, or the URL set in
 * Back Office > Configuration > Responses).
 *
 * Documented: Axerve calls that URL to notify the merchant of the payment result
 * (_rest_payment_create_post.md.erb); the legacy GestPay pages say the call carries `a` (the shop
 * login) and `b` (an encrypted string, read with WSCryptDecrypt Decrypt). The stored REST
 * reference does not list the parameters of a REST notification and documents no signature, so
 * nothing in a notification is trusted: the reader only extracts which payment to look up, and the
 * trigger fetches payment/detail with the merchant's API key before it emits. A forged call can
 * at most make us look up a payment; it cannot make us emit one that Axerve does not report.
 *
 * Our assumption: a REST notification names the payment by `paymentID` (and maybe `shopLogin`),
 * in the query string or a form/JSON body; we accept either and any casing of the names.
 */

export type NotificationRef =
	| { kind: 'payment'; paymentID: string; shopLogin?: string }
	| { kind: 'shopTransaction'; shopTransactionID: string; shopLogin?: string }
	| { kind: 'encrypted'; shopLogin: string; encrypted: string };

export class AxerveNotificationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AxerveNotificationError';
	}
}

const ID = /^[A-Za-z0-9_.-]{1,100}$/;

function pick(fields: Record<string, unknown>, names: string[]): string | undefined {
	const lower = new Map<string, unknown>();
	for (const [k, v] of Object.entries(fields)) lower.set(k.toLowerCase(), v);
	for (const n of names) {
		let v = lower.get(n.toLowerCase());
		if (Array.isArray(v)) v = v[0];
		if (typeof v === 'number') v = String(v);
		if (typeof v === 'string' && v.trim() !== '') return v.trim();
	}
	return undefined;
}

/** Query and body of the incoming call -> which payment to fetch. Throws a clear error when it names none. */
export function readNotification(query: Record<string, unknown> = {}, body: unknown = {}): NotificationRef {
	const fields: Record<string, unknown> = { ...(body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}), ...(query ?? {}) };
	if (Object.keys(fields).length > 200) throw new AxerveNotificationError('Axerve notification: too many parameters');
	const shopLogin = pick(fields, ['shopLogin', 'a']);
	if (shopLogin !== undefined && !ID.test(shopLogin)) throw new AxerveNotificationError('Axerve notification: shopLogin (a) is not a shop login');
	const paymentID = pick(fields, ['paymentID', 'paymentId']);
	if (paymentID !== undefined) {
		if (!ID.test(paymentID)) throw new AxerveNotificationError('Axerve notification: paymentID is not an Axerve payment id');
		return { kind: 'payment', paymentID, ...(shopLogin ? { shopLogin } : {}) };
	}
	const shopTransactionID = pick(fields, ['shopTransactionID', 'shopTransactionId']);
	if (shopTransactionID !== undefined) {
		if (shopTransactionID.length > 100) throw new AxerveNotificationError('Axerve notification: shopTransactionID is too long');
		return { kind: 'shopTransaction', shopTransactionID, ...(shopLogin ? { shopLogin } : {}) };
	}
	const b = pick(fields, ['b']);
	if (shopLogin && b) {
		if (b.length > 8192) throw new AxerveNotificationError('Axerve notification: the encrypted string (b) is too long');
		return { kind: 'encrypted', shopLogin, encrypted: b };
	}
	throw new AxerveNotificationError('Axerve notification: it names no payment (no paymentID, shopTransactionID, or a + b); nothing to look up');
}

/** The notification is for this credential's shop (when it says which shop at all). */
export function isForShop(ref: NotificationRef, shopLogin: string): boolean {
	return ref.shopLogin === undefined || ref.shopLogin === shopLogin;
}

/**
 * What identifies one payment outcome, for "emit once": shop, payment, final result and the last
 * event (type + amount + id/date), all read from the fetched payment/detail, never from the
 * notification. Repeated notifications of the same outcome give the same key; a later capture or
 * refund of the same payment is a new key. Returns undefined while the payment is not final.
 */
export function outcomeKey(shopLogin: string, detail: { paymentID?: string; result: string; events: Array<{ type: string; amountCents: number; id?: string; date?: string }> }): string | undefined {
	if (detail.result !== 'APPROVED' && detail.result !== 'DECLINED') return undefined;
	if (!detail.paymentID) return undefined;
	const last = detail.events[detail.events.length - 1];
	const ev = last ? `${last.type}:${last.amountCents}:${last.id ?? last.date ?? ''}` : 'none';
	return `${shopLogin}|${detail.paymentID}|${detail.result}|${detail.events.length}|${ev}`;
}
