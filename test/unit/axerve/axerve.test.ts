/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';

import {
	AXERVE_BASE_URLS,
	AXERVE_CODES,
	AXERVE_CURRENCIES,
	AXERVE_PAYMENT_TYPES,
	AxerveError,
	AxerveInputError,
	AxerveNotificationError,
	AxerveReplyError,
	AxerveRuleError,
	cancelRequest,
	captureRequest,
	checkCancel,
	checkCapture,
	checkRefund,
	createPaymentRequest,
	createTokenRequest,
	dashboardSearchRequest,
	deleteTokenRequest,
	findPaymentDetailRequest,
	isFinal,
	isForShop,
	listTokensRequest,
	normalizeResult,
	outcomeKey,
	paymentDetailRequest,
	paymentMethodsRequest,
	readEnvelope,
	readNotification,
	refundRequest,
	shopMethodsRequest,
	summarizeDetail,
	updateRequest,
	type AxerveCredentials,
	type AxerveRequest,
} from '../../../lib/axerve';
import { describeWithSpec, specPath } from '../../helpers/specs';

const doc = (name: string) => fs.readFileSync(specPath('axerve', 'api-docs-includes', name), 'utf8');
const CRED: AxerveCredentials = { apiKey: 'not-a-real-key', shopLogin: 'GESPAY12345', environment: 'sandbox' };

/** The "METHOD https://sandbox.gestpay.net/api/v1/..." line of a doc page. */
function documentedCall(file: string): { method: string; url: string } {
	const m = /^(GET|POST|DELETE) (https:\/\/sandbox\.gestpay\.net\/api\/v1\/\S+)$/m.exec(doc(file));
	if (!m) throw new Error(`no sandbox URL in ${file}`);
	return { method: m[1], url: m[2] };
}

/** Fills {placeholders} of a documented URL with what our request used. */
function matches(req: AxerveRequest, file: string, values: Record<string, string> = {}): void {
	const d = documentedCall(file);
	const url = d.url.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? `{${k}}`);
	expect([req.method, req.url]).toEqual([d.method, url]);
}

/** The JSON blocks of a doc page that parse (some examples carry comments or "..."). */
function jsonBlocks(file: string): unknown[] {
	const out: unknown[] = [];
	for (const m of doc(file).matchAll(/```json\s*\n([\s\S]*?)```/g)) {
		// examples elide parts with "..." lines and leave trailing commas: both are removed before parsing
		const text = m[1].replace(/^\s*\.\.\.\s*$/gm, '').replace(/,(\s*[}\]])/g, '$1').replace(/\{\s*\}/g, '{}');
		try {
			out.push(JSON.parse(text));
		} catch {
			/* an illustrative block (comments) */
		}
	}
	return out;
}

describeWithSpec('axerve/api-docs-includes', 'Axerve requests against the official reference', () => {
	test('base URLs per environment, from _rest.md', () => {
		const rest = doc('_rest.md');
		expect(rest).toContain('`https://sandbox.gestpay.net/api/{version}/{object}/{method}`');
		expect(rest).toContain('`https://ecomms2s.sella.it/api/{version}/{object}/{method}`');
		expect(AXERVE_BASE_URLS).toEqual({ sandbox: 'https://sandbox.gestpay.net/api/v1', production: 'https://ecomms2s.sella.it/api/v1' });
		expect(paymentDetailRequest({ ...CRED, environment: 'production' }, '1').url).toBe('https://ecomms2s.sella.it/api/v1/payment/detail/1');
	});

	test('every operation: method and path as documented, the apikey header, shopLogin in the body', () => {
		const id = { paymentID: '00000000001' };
		matches(createPaymentRequest(CRED, { amount: 1000, currency: 'EUR', shopTransactionID: 'ORD-1' }), '_rest_payment_create_post.md.erb');
		matches(paymentDetailRequest(CRED, '00000000001'), '_rest_payment_detail_get.md', id);
		matches(findPaymentDetailRequest(CRED, { shopTransactionID: 'ORD-1' }), '_rest_payment_detail_post.md.erb');
		matches(captureRequest(CRED, id, { amount: '5.00', currency: 'EUR' }), '_rest_payment_capture_post.md');
		matches(captureRequest(CRED, id), '_rest_payment_capture_get.md', id);
		matches(cancelRequest(CRED, id, 'out of stock'), '_rest_payment_cancel_post.md');
		matches(refundRequest(CRED, id, { amount: '5.00', currency: 'EUR' }), '_rest_payment_refund_post.md');
		matches(refundRequest(CRED, id), '_rest_payment_refund_get.md', id);
		matches(updateRequest(CRED, '00000000001', { amount: '12.00' }), '_rest_payment_update_post.md');
		matches(paymentMethodsRequest(CRED, '00000000001', 'tok', '2'), '_rest_payment_methods_get.md', { ...id, languageID: '2' });
		matches(shopMethodsRequest(CRED), '_rest_shop_payment_methods_get.md', { shopLogin: 'GESPAY12345' });
		matches(listTokensRequest(CRED), '_rest_shop_token_get.md', { shopLogin: 'GESPAY12345' });
		matches(deleteTokenRequest(CRED, '444445DHGSJA1111'), '_rest_shop_token_delete.md', { shopLogin: 'GESPAY12345', token: '444445DHGSJA1111' });
		matches(createTokenRequest(CRED, { number: '4111 1111 1111 1111', expMonth: '05', expYear: '29' }), '_rest_shop_token_post.md');
		matches(dashboardSearchRequest(CRED, { paymentID: '1' }), '_rest_dashboard_search_execute_post.md');

		expect(doc('_rest_payment_create_post.md.erb')).toContain('| `Authorization` | `apikey {merchant Api Key}`');
		const create = createPaymentRequest(CRED, { amount: '10,5', currency: 'eur', shopTransactionID: 'ORD-1', paymentType: ['CREDITCARD', 'CONSEL'], responseURLs: { serverNotificationURL: 'https://n8n.example.com/webhook/axerve' } });
		expect(create.headers.Authorization).toBe('apikey not-a-real-key');
		expect(create.body).toEqual({ shopLogin: 'GESPAY12345', amount: '10.50', currency: 'EUR', shopTransactionID: 'ORD-1', paymentType: ['CREDITCARD', 'CONSEL'], responseURLs: { serverNotificationURL: 'https://n8n.example.com/webhook/axerve' } });
		// every body field we send is one the page documents
		const documented = doc('_rest_payment_create_post.md.erb');
		for (const k of Object.keys(create.body!)) expect(documented.includes(`"${k}"`) || documented.includes(`\`${k}\``)).toBe(true);
		const refund = refundRequest(CRED, { bankTransactionID: '11111' }, { amount: 250, currency: 'EUR', refundReason: 'returned', chargeBackFraud: false });
		expect(refund.body).toEqual({ shopLogin: 'GESPAY12345', amount: '2.50', currency: 'EUR', bankTransactionID: '11111', refundReason: 'returned', chargeBackFraud: 'FALSE' });
		for (const k of Object.keys(refund.body!)) expect(doc('_rest_payment_refund_post.md')).toContain(`"${k}"`);
		// payment/methods authenticates with the paymentToken header, as its page says
		expect(doc('_rest_payment_methods_get.md')).toContain('| [`paymentToken`](#payment-token) | `{paymentToken}`');
		expect(paymentMethodsRequest(CRED, '1', 'tok').headers).toEqual({ paymentToken: 'tok', 'Content-Type': 'application/json' });
	});

	test('payment types and currencies are the documented ones; Consel pay-later is the CONSEL type', () => {
		const table = [...doc('_payment_type_codes.md.erb').matchAll(/\|\s*`([A-Z0-9]+)`\s*\|/g)].map((m) => m[1]);
		expect(Object.keys(AXERVE_PAYMENT_TYPES).sort()).toEqual(table.filter((t) => t !== 'S2PBIT').sort()); // BITCOIN is commented out in the source
		expect(doc('_payment_type_codes.md.erb')).toMatch(/CONSEL RATE IN RETE \| `CONSEL`/);
		const isoCodes = [...doc('_currency_codes.md').matchAll(/^\s*\d+\s*\|\s*([A-Z]{3})\s*\|/gm)].map((m) => m[1]);
		expect(isoCodes.length).toBeGreaterThan(30);
		expect([...AXERVE_CURRENCIES].sort()).toEqual(['EUR', ...isoCodes].sort());
	});

	test('inputs are checked and named; the API key never appears in an error', () => {
		expect(() => createPaymentRequest(CRED, { amount: '10.001', currency: 'EUR', shopTransactionID: 'x' })).toThrow('amount: at most 2 decimals');
		expect(() => createPaymentRequest(CRED, { amount: 0, currency: 'EUR', shopTransactionID: 'x' })).toThrow('amount: expected a positive amount');
		expect(() => createPaymentRequest(CRED, { amount: 1, currency: 'EURO', shopTransactionID: 'x' })).toThrow('currency: expected an ISO currency code');
		expect(() => createPaymentRequest(CRED, { amount: 1, currency: 'EUR', shopTransactionID: 'x', paymentType: ['QUICREDIT'] })).toThrow('paymentType: "QUICREDIT" is not an Axerve payment type code');
		expect(() => createPaymentRequest(CRED, { amount: 1, currency: 'EUR', shopTransactionID: '' })).toThrow('shopTransactionID: required');
		expect(() => findPaymentDetailRequest(CRED, {})).toThrow('paymentID: give paymentID, shopTransactionID or bankTransactionID');
		expect(() => captureRequest(CRED, { shopTransactionID: 'x' })).toThrow('amount: a capture by shop or bank transaction id needs the amount');
		expect(() => paymentDetailRequest(CRED, '../shop/token')).toThrow('paymentID: expected an identifier');
		expect(() => createTokenRequest(CRED, { number: '4111', expMonth: '13', expYear: '29' })).toThrow('creditCard.number: expected 12 to 19 digits');
		try {
			paymentDetailRequest({ ...CRED, apiKey: 'secret value' }, '1');
			throw new Error('expected an error');
		} catch (e) {
			expect((e as Error).message).toBe('apiKey: expected the API key generated in the Axerve Back Office (Configuration > Security)');
			expect((e as Error).message).not.toContain('secret');
		}
		expect(() => shopMethodsRequest({ ...CRED, environment: 'test' as never })).toThrow('environment: expected sandbox or production');
	});
});

describeWithSpec('axerve/api-docs-includes', 'Axerve envelope and error codes', () => {
	test('the documented error envelopes of _rest.md become clear errors with Axerve\'s code', () => {
		const blocks = jsonBlocks('_rest.md') as Array<{ error: { code: string } }>;
		const byCode = Object.fromEntries(blocks.map((b) => [b.error.code, b]));
		expect(Object.keys(byCode).sort()).toEqual(['1105', '1166', '9999']);
		const err = (body: unknown, status: number) => {
			try {
				readEnvelope(body, 'payment/create', status);
			} catch (e) {
				return e as AxerveError;
			}
			throw new Error('expected an error');
		};
		const e403 = err(byCode['1166'], 403);
		expect(e403).toBeInstanceOf(AxerveError);
		expect([e403.code, e403.kind, e403.axerveDescription, e403.httpStatus]).toEqual(['1166', 'auth', 'Invalid ApiKey', 403]);
		expect(e403.message).toMatch(/^Axerve payment\/create failed with error 1166 \(the API key is not valid: generate it in the Axerve Back Office/);
		expect(err(byCode['1105'], 400).kind).toBe('invalid-request');
		expect(err(byCode['9999'], 500).kind).toBe('technical');
		// an unknown code keeps Axerve's own text
		const other = err(JSON.stringify({ error: { code: '1234', description: 'Something Axerve says' }, payload: {} }), 200);
		expect(other.message).toBe('Axerve payment/create failed with error 1234: Something Axerve says [HTTP 200]');
	});

	test('success payloads of the docs are returned as they are', () => {
		const [create] = jsonBlocks('_rest_payment_create_post.md.erb').filter((b) => (b as { payload?: unknown }).payload) as Array<{ payload: Record<string, unknown> }>;
		expect(readEnvelope(create, 'payment/create', 200)).toEqual({ paymentToken: 'Asjdlfad5543AA33a', paymentID: '0000000001', userRedirect: { href: '' } });
		expect(() => readEnvelope('<html>502</html>', 'payment/detail', 502)).toThrow(AxerveReplyError);
		expect(() => readEnvelope({ payload: {} }, 'payment/detail', 200)).toThrow('the answer has no error.code');
	});

	test('every code in our table exists in _errors.md', () => {
		const table = new Set([...doc('_errors.md').matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => m[1]));
		expect(table.size).toBeGreaterThan(400);
		// 1166 (invalid ApiKey) is documented by the envelope examples of _rest.md, not in the _errors.md table
		expect(table.has('1166')).toBe(false);
		expect(doc('_rest.md')).toContain('"code": "1166"');
		table.add('1166');
		for (const code of Object.keys(AXERVE_CODES)) expect(table.has(code) ? code : `missing ${code}`).toBe(code);
		// and the refusals we name are documented as such
		expect(doc('_errors.md')).toMatch(/\| 2014 +\| You requested a refund operation with an amount exceeding transaction balance/);
		expect(doc('_errors.md')).toMatch(/\| 8015 +\| Refund amount > balance/);
		expect(doc('_errors.md')).toMatch(/\| 8014 +\| Settlement amount > Authorization amount/);
	});
});

describeWithSpec('axerve/api-docs-includes', 'Axerve payment states and rules', () => {
	const detailExample = () => (jsonBlocks('_rest_payment_detail_post.md.erb').find((b) => (b as { payload?: { transactionType?: string } }).payload?.transactionType === 'detail') as { payload: Record<string, unknown> }).payload;

	test('the documented result vocabulary and its aliases', () => {
		expect(doc('_rest_payment_detail_get.md')).toContain('`UNSUBMITTED`, `WAITING`, `PENDING` (or `XX`), `APPROVED` (or `OK`), `DECLINED` (or `KO`)');
		expect(['UNSUBMITTED', 'WAITING', 'PENDING', 'XX', 'APPROVED', 'OK', 'DECLINED', 'KO'].map(normalizeResult)).toEqual(['UNSUBMITTED', 'WAITING', 'PENDING', 'PENDING', 'APPROVED', 'APPROVED', 'DECLINED', 'DECLINED']);
		expect(['UNSUBMITTED', 'WAITING', 'PENDING', 'APPROVED', 'DECLINED'].filter((r) => isFinal(r as never))).toEqual(['APPROVED', 'DECLINED']);
		expect(() => normalizeResult('MAYBE')).toThrow('transactionResult: expected one of UNSUBMITTED');
	});

	test('the documented detail example: authorised 0.10 and settled 0.10', () => {
		const s = summarizeDetail(detailExample());
		expect(s).toMatchObject({ paymentID: '00000000001', result: 'APPROVED', state: 'MOV', authorizedCents: 10, capturedCents: 10, refundedCents: 0, cancelled: false });
		expect(() => checkCapture(s, 1)).toThrow(AxerveRuleError);
		expect(() => checkCancel(s)).toThrow('it is already settled, so refund it instead (Axerve error 2017)');
		expect(checkRefund(s)).toBe(10);
		expect(checkRefund(s, 5)).toBe(5);
		try {
			checkRefund(s, 11);
			throw new Error('expected an error');
		} catch (e) {
			expect(e).toBeInstanceOf(AxerveRuleError);
			expect((e as AxerveRuleError).axerveCodes).toEqual(['2014', '8015']);
			expect((e as Error).message).toBe('refund of 0.11 refused: only 0.10 of the 0.10 settled is left to refund (Axerve errors 2014 / 8015)');
		}
	});
});

describe('Axerve capture and refund rules over events', () => {
	const payment = (events: Array<[string, string]>, result = 'OK') =>
		summarizeDetail({ paymentID: 'P1', transactionResult: result, events: events.map(([eventtype, eventamount]) => ({ event: { eventtype, eventamount } })) });

	test('partial captures and refunds add up; over the balance is refused', () => {
		const auth = payment([['AUT', '100.00']]);
		expect(checkCapture(auth)).toBe(10000);
		expect(checkCapture(auth, 4000)).toBe(4000);
		expect(() => checkCapture(auth, 10001)).toThrow('capture of 100.01 refused: only 100.00 of the 100.00 authorised is left to settle (Axerve errors 58 / 8014)');
		expect(() => checkRefund(auth)).toThrow('nothing has been settled yet');
		checkCancel(auth);
		const part = payment([['AUT', '100.00'], ['MOV', '60.00'], ['STO', '25.00']]);
		expect(checkCapture(part)).toBe(4000);
		expect(checkRefund(part)).toBe(3500);
		expect(() => checkRefund(part, 3501)).toThrow('only 35.00 of the 60.00 settled is left to refund');
		expect(() => checkCapture(payment([['AUT', '10.00'], ['CAN', '10.00']]))).toThrow('it is cancelled');
		expect(() => checkCapture(payment([], 'KO'))).toThrow('it is declined');
	});
});

describe('Axerve server-to-server notification', () => {
	test('it names the payment to fetch; nothing else is read from it', () => {
		expect(readNotification({ paymentID: '1234567890', shopLogin: 'GESPAY12345', transactionResult: 'OK' })).toEqual({ kind: 'payment', paymentID: '1234567890', shopLogin: 'GESPAY12345' });
		expect(readNotification({}, { PaymentId: '42' })).toEqual({ kind: 'payment', paymentID: '42' });
		expect(readNotification({ a: 'GESPAY12345', b: 'ENCRYPTED' })).toEqual({ kind: 'encrypted', shopLogin: 'GESPAY12345', encrypted: 'ENCRYPTED' });
		expect(readNotification({ shopTransactionID: 'ORD-1' })).toEqual({ kind: 'shopTransaction', shopTransactionID: 'ORD-1' });
		expect(() => readNotification({ status: 'OK' })).toThrow(AxerveNotificationError);
		expect(() => readNotification({ paymentID: '../x' })).toThrow('paymentID is not an Axerve payment id');
		expect(isForShop({ kind: 'payment', paymentID: '1', shopLogin: 'OTHER' }, 'GESPAY12345')).toBe(false);
		expect(isForShop({ kind: 'payment', paymentID: '1' }, 'GESPAY12345')).toBe(true);
	});

	test('the emit-once key: the same outcome twice is one key, a later event is another, pending is none', () => {
		const detail = (result: string, events: Array<[string, string]>) =>
			summarizeDetail({ paymentID: 'P1', transactionResult: result, events: events.map(([eventtype, eventamount], i) => ({ eventtype, eventamount, eventID: `E${i}` })) });
		const approved = outcomeKey('S', detail('OK', [['AUT', '10.00']]));
		expect(approved).toBe('S|P1|APPROVED|1|AUT:1000:E0');
		expect(outcomeKey('S', detail('APPROVED', [['AUT', '10.00']]))).toBe(approved);
		expect(outcomeKey('S', detail('OK', [['AUT', '10.00'], ['MOV', '10.00']]))).not.toBe(approved);
		expect(outcomeKey('S', detail('XX', []))).toBeUndefined();
		expect(outcomeKey('S', detail('KO', []))).toBe('S|P1|DECLINED|0|none');
		expect(outcomeKey('OTHER', detail('OK', [['AUT', '10.00']]))).not.toBe(approved);
	});
});
