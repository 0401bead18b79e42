/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { issuedDocumentData } from '../../../lib/fattureincloud/issuedDocument';

const vat22 = () => 0;

describe('issued document fields', () => {
	test('the number is left out unless given, so Fatture in Cloud numbers the document', () => {
		const data = issuedDocumentData({ type: 'invoice', clientId: 5, clientName: 'Rossi Srl', items: [{ name: 'Consulenza', netPrice: 100, vatRate: 22 }] }, vat22);
		expect(data).not.toHaveProperty('number');
		expect(data).toMatchObject({ type: 'invoice', entity: { id: 5, name: 'Rossi Srl' }, items_list: [{ name: 'Consulenza', qty: 1, net_price: 100, vat: { id: 0 } }] });
	});

	test('a given number is kept', () => {
		expect(issuedDocumentData({ type: 'invoice', clientId: 5, clientName: 'Rossi Srl', number: 12, items: [{ name: 'x' }] }, vat22)).toMatchObject({ number: 12 });
	});

	test('payment amounts are rounded to cents and dates normalised', () => {
		const data = issuedDocumentData(
			{ type: 'invoice', clientId: 1, clientName: 'Rossi Srl', items: [{ name: 'x', netPrice: '10,005' }], payments: [{ amount: '12,205', dueDate: '31/01/2026' }] },
			vat22,
		);
		expect(data.payments_list).toEqual([{ amount: 12.21, due_date: '2026-01-31', status: 'not_paid' }]);
		expect((data.items_list as Array<{ net_price: number }>)[0].net_price).toBe(10.005);
	});

	test('a price that is not a number names the line', () => {
		expect(() => issuedDocumentData({ type: 'invoice', clientId: 1, clientName: 'Rossi Srl', items: [{ name: 'x' }, { name: 'y', netPrice: 'dieci' }] }, vat22)).toThrow(/line 2 net price/);
	});

	test('an unknown document type is refused with the allowed ones', () => {
		expect(() => issuedDocumentData({ type: 'fattura', clientId: 1, clientName: 'Rossi Srl', items: [{ name: 'x' }] }, vat22)).toThrow(/Document Type.*invoice/);
	});

	test('a client ID, language or payment method goes with its name, which the spec requires', () => {
		const data = issuedDocumentData(
			{ type: 'invoice', clientId: 5, clientName: 'Rossi Srl', language: 'en', languageName: 'English', paymentMethodId: 3, paymentMethodName: 'Bonifico', items: [{ name: 'x' }] },
			vat22,
		);
		expect(data).toMatchObject({ entity: { id: 5, name: 'Rossi Srl' }, language: { code: 'en', name: 'English' }, payment_method: { id: 3, name: 'Bonifico' } });
		expect(() => issuedDocumentData({ type: 'invoice', clientId: 5, items: [{ name: 'x' }] }, vat22)).toThrow(/^Client ID: the name of client 5/);
		expect(() => issuedDocumentData({ type: 'invoice', clientId: 5, clientName: 'R', language: 'en', items: [{ name: 'x' }] }, vat22)).toThrow(/^Language Code/);
	});

	test('a document needs a client', () => {
		expect(() => issuedDocumentData({ type: 'invoice', items: [{ name: 'x' }] }, vat22)).toThrow(/Client/);
	});
});
