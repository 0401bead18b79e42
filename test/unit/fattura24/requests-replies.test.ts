/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';

import { parseXml } from '../../../lib/xml';
import {
	FATTURA24_BASE_URL,
	FATTURA24_OPERATIONS,
	Fattura24Error,
	Fattura24InputError,
	Fattura24ReplyError,
	getFileRequest,
	getNumeratorRequest,
	getPdcRequest,
	getProductRequest,
	getTemplateRequest,
	readF24Xml,
	readFileReply,
	readNumerators,
	readProducts,
	readReply,
	readSaveReply,
	readTemplates,
	readTestKey,
	saveCustomerRequest,
	saveDocumentRequest,
	saveItemRequest,
	testKeyRequest,
	type DocumentInput,
} from '../../../lib/fattura24';
import { describeWithSpec, specPath } from '../../helpers/specs';

const fixture = (name: string) => fs.readFileSync(specPath('fattura24', 'fixtures', name), 'utf8');
const endpoints = () => JSON.parse(fs.readFileSync(specPath('fattura24', 'endpoints.json'), 'utf8'));
const KEY = 'test-key-not-real';

/** The document of request-savedocument-invoice.xml, in the order the captured request has its fields. */
const FIXTURE_DOCUMENT: DocumentInput = {
	DocumentType: 'I',
	CustomerName: 'John Doe',
	CustomerFiscalCode: 'JHNDOE42A26L219Y',
	CustomerAddress: 'Via Roma 1',
	CustomerCity: 'Toronto',
	CustomerCountry: 'CA',
	Payments: [{ Date: '2020-04-27', Amount: '100', Paid: 'true' }],
	Rows: [{ Code: '001', Description: 'Required row description', Qty: '1', Price: '100' }],
	IdTemplate: '65',
	SendEmail: 'true',
	Object: 'test',
	Total: 100,
	TotalWithoutTax: 100,
	VatAmount: 0,
};

describeWithSpec('fattura24/fixtures', 'Fattura24 requests against the captured request and endpoints.json', () => {
	test('SaveDocument: the xml field is byte for byte the captured request', () => {
		const req = saveDocumentRequest(KEY, FIXTURE_DOCUMENT);
		expect(req.xml).toBe(fixture('request-savedocument-invoice.xml').trim());
		expect(req.method).toBe('POST');
		expect(req.url).toBe(`${FATTURA24_BASE_URL}/SaveDocument`);
		expect(req.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
		const form = new URLSearchParams(req.body);
		expect(form.get('apiKey')).toBe(KEY);
		expect(form.get('xml')).toBe(req.xml);
	});

	test('SaveItem builds the same Document as SaveDocument, on its own path', () => {
		const req = saveItemRequest(KEY, FIXTURE_DOCUMENT);
		expect(req.url).toBe(`${FATTURA24_BASE_URL}/SaveItem`);
		expect(req.xml).toBe(fixture('request-savedocument-invoice.xml').trim());
	});

	test('every operation of endpoints.json has a builder with the documented path and form fields', () => {
		const ep = endpoints();
		expect(ep.baseUrl).toBe(FATTURA24_BASE_URL);
		const built: Record<string, ReturnType<typeof testKeyRequest>> = {
			TestKey: testKeyRequest(KEY),
			SaveCustomer: saveCustomerRequest(KEY, { CustomerName: 'Mario Rossi' }),
			SaveDocument: saveDocumentRequest(KEY, FIXTURE_DOCUMENT),
			SaveItem: saveItemRequest(KEY, FIXTURE_DOCUMENT),
			GetFile: getFileRequest(KEY, '123'),
			GetProduct: getProductRequest(KEY, { code: 'code1', category: 'category1' }),
			GetTemplate: getTemplateRequest(KEY),
			GetNumerator: getNumeratorRequest(KEY),
			GetPdc: getPdcRequest(KEY),
		};
		expect(ep.operations.map((o: { op: string }) => o.op).sort()).toEqual([...FATTURA24_OPERATIONS].sort());
		for (const op of ep.operations as Array<{ op: string; path: string; form: string[] }>) {
			const req = built[op.op];
			expect(req.url).toBe(ep.baseUrl + op.path);
			const documented = op.form.map((f) => f.replace(/\?$/, ''));
			expect(Object.keys(req.form).every((f) => documented.includes(f))).toBe(true);
			for (const f of op.form.filter((f) => !f.endsWith('?'))) expect(req.form[f]).toBeDefined();
		}
	});
});

describe('Fattura24 request checks', () => {
	test('the XML is well formed and escapes markup in values', () => {
		const req = saveCustomerRequest(KEY, { CustomerName: 'Rossi & Figli <srl>', CustomerCountry: 'IT', FeDestinationCode: 'ABC1234', FeCustomerPec: 'rossi@pec.it' });
		const doc = parseXml(req.xml as string);
		const customer = doc.root.children.find((c) => c.name === 'Document')!.children;
		expect(customer.map((c) => c.name)).toEqual(['CustomerName', 'CustomerCountry', 'FeDestinationCode', 'FeCustomerPec']);
		expect(customer[0].text).toBe('Rossi & Figli <srl>');
	});

	test('an unknown field is named, with the known ones', () => {
		expect(() => saveDocumentRequest(KEY, { ...FIXTURE_DOCUMENT, CustomerNmae: 'x' })).toThrow(/CustomerNmae: not a document field Fattura24 documents; known fields: DocumentType, CustomerName/);
		expect(() => saveDocumentRequest(KEY, { ...FIXTURE_DOCUMENT, Rows: [{ Description: 'a', Prce: 1 } as never] })).toThrow('Rows[0].Prce: not a field');
		expect(() => saveCustomerRequest(KEY, { CustomerName: 'a', DocumentType: 'I' })).toThrow('DocumentType: not a customer field');
	});

	test('extraFields carry a field this package does not list, never a listed one', () => {
		const req = saveDocumentRequest(KEY, FIXTURE_DOCUMENT, { extraFields: { UpdateStorage: 1 } });
		expect(req.xml).toContain('<VatAmount>0</VatAmount><UpdateStorage>1</UpdateStorage></Document>');
		expect(() => saveDocumentRequest(KEY, FIXTURE_DOCUMENT, { extraFields: { Total: 1 } })).toThrow('extraFields.Total: this field is listed');
		expect(() => saveDocumentRequest(KEY, FIXTURE_DOCUMENT, { extraFields: { 'a b': 1 } })).toThrow('extraFields.a b: expected an XML element name');
	});

	test('values are checked and named', () => {
		const bad = (patch: Partial<DocumentInput>, message: string | RegExp) => expect(() => saveDocumentRequest(KEY, { ...FIXTURE_DOCUMENT, ...patch })).toThrow(message);
		bad({ DocumentType: 'X' }, /DocumentType: expected one of I \(invoice \(fattura\)\), FE/);
		bad({ DocumentType: undefined }, 'DocumentType: required');
		bad({ Total: '100.001' }, 'Total: at most 2 decimals');
		bad({ Total: 101 }, 'Total: Total 101 is not TotalWithoutTax 100 + VatAmount 0');
		bad({ SendEmail: 'yes' }, 'SendEmail: expected true or false');
		bad({ Payments: [{ Date: '2020-02-30', Amount: 1 }] }, 'Payments[0].Date: expected a date YYYY-MM-DD');
		bad({ Rows: [] }, 'Rows: a document needs at least one row');
		bad({ Rows: [{ Description: 'a', VatCode: 122 }] }, 'Rows[0].VatCode: expected a VAT rate between 0 and 100');
		bad({ Rows: [{ Description: 'a', FeVatNature: 'N9' }] }, /Rows\[0\].FeVatNature: expected a FatturaPA Natura code/);
		bad({ FePaymentCode: 'MP99' }, 'FePaymentCode: expected a FatturaPA ModalitaPagamento code');
		bad({ CustomerCountry: 'Italy' }, 'CustomerCountry: expected an ISO 3166-1 two-letter');
		bad({ IdTemplate: 'abc' }, 'IdTemplate: expected a whole number');
		bad({ Object: 'a\u0001b' }, 'Object: contains a control character');
		expect(() => testKeyRequest('  ')).toThrow('apiKey: expected the Fattura24 API key');
		expect(() => getFileRequest(KEY, '12; DROP')).toThrow('docId: expected the document id');
	});

	test('FE documents get the SdI rules that Fattura24 would otherwise pass on to SdI', () => {
		const fe: DocumentInput = { DocumentType: 'FE', CustomerName: 'Alfa srl', CustomerVatCode: '01234567897', Rows: [{ Description: 'a', Price: '10', VatCode: 22 }] };
		expect(() => saveDocumentRequest(KEY, fe)).not.toThrow();
		expect(() => saveDocumentRequest(KEY, { ...fe, CustomerVatCode: undefined })).toThrow('CustomerVatCode: an electronic invoice needs CustomerVatCode or CustomerFiscalCode');
		expect(() => saveDocumentRequest(KEY, { ...fe, Rows: [{ Description: 'a', Price: '10', VatCode: 0 }] })).toThrow('Rows[0].FeVatNature: a row at 0% VAT');
		expect(() => saveDocumentRequest(KEY, { ...fe, Rows: [{ Description: 'a', Price: '10', VatCode: 22, FeVatNature: 'N4' }] })).toThrow('a Natura goes only on a 0% row');
		expect(() => saveDocumentRequest(KEY, { ...fe, FeDestinationCode: 'abc' })).toThrow('FeDestinationCode: expected the SdI codice destinatario');
		expect(() => saveDocumentRequest(KEY, { ...fe, FeCustomerPec: 'not-an-email' })).toThrow('FeCustomerPec: expected an e-mail address');
	});

	test('many rows and payments are written in order', () => {
		const rows = Array.from({ length: 250 }, (_, i) => ({ Code: `C${i}`, Description: `row ${i}`, Qty: 1, Price: '1.00', VatCode: 22 }));
		const req = saveDocumentRequest(KEY, { DocumentType: 'I', CustomerName: 'x', Rows: rows, Payments: [{ Date: '2025-01-31', Amount: '150.00', Paid: false }, { Date: '2025-02-28', Amount: '155.00', Paid: false }] });
		const doc = parseXml(req.xml as string).root.children[0];
		const rowsEl = doc.children.find((c) => c.name === 'Rows')!;
		expect(rowsEl.children).toHaveLength(250);
		expect(rowsEl.children[249].children.find((c) => c.name === 'Code')!.text).toBe('C249');
		expect(doc.children.find((c) => c.name === 'Payments')!.children.map((p) => p.children[0].text)).toEqual(['2025-01-31', '2025-02-28']);
		expect(() => saveDocumentRequest(KEY, { DocumentType: 'I', Rows: Array.from({ length: 1001 }, () => ({ Description: 'a' })) })).toThrow('Rows: at most 1000 rows');
	});
});

describeWithSpec('fattura24/fixtures', 'Fattura24 replies (the fixtures)', () => {
	test('TestKey: the real reply is not well-formed XML, and is read anyway', () => {
		const text = fixture('response-testkey-ok.xml');
		expect(() => parseXml(text)).toThrow(); // a strict parser refuses &egrave;
		expect(readTestKey(text)).toEqual({
			valid: true,
			subscriptionType: '5',
			subscriptionExpire: '21/04/2021',
			subscriptionExpireIso: '2021-04-21',
			description: 'Complimenti, la tua API KEY è corretta.',
		});
	});

	test('returnCode -1 and -2 become clear errors that keep Fattura24\'s code and text', () => {
		const err = (text: string, op: string) => {
			try {
				readReply(text, op);
			} catch (e) {
				return e as Fattura24Error;
			}
			throw new Error('expected an error');
		};
		const e1 = err(fixture('response-invalid-apikey.xml'), 'SaveDocument');
		expect(e1).toBeInstanceOf(Fattura24Error);
		expect(e1.returnCode).toBe('-1');
		expect(e1.fattura24Description).toBe('You are not authorized to use this service. For more details write to assistenza@fattura24.com');
		expect(e1.message).toMatch(/^Fattura24 SaveDocument failed with returnCode -1 \(not authorised: the API key is wrong or disabled/);
		const e2 = err(fixture('response-xml-wrong.xml'), 'SaveDocument');
		expect(e2.returnCode).toBe('-2');
		expect(e2.message).toContain('the XML sent is wrong');
		expect(e2.message).toContain('Your XML is wrong. If you want write to technical support');
		expect(() => readTestKey(fixture('response-invalid-apikey.xml'))).toThrow('returnCode -1');
	});

	test('SaveDocument and SaveCustomer replies', () => {
		expect(readSaveReply(fixture('response-savedocument-ok.xml'), 'SaveDocument')).toEqual({
			returnCode: '0',
			description: 'Operation completed',
			fields: { docId: '0000000', docNumber: '23-2020', docType: '3' },
		});
		const c = readSaveReply(fixture('response-savecustomer-ok.xml'), 'SaveCustomer');
		expect(c.fields.id).toBe('0000000');
		expect(c.fields.CustomerName).toBe('John Doe');
		expect(c.fields.FeCustomerPec).toBe('pec@fake.com');
		expect(c.fields.FeDestinationCode).toBe('0000000');
		expect(() => readSaveReply('<root><returnCode>0</returnCode></root>', 'SaveDocument')).toThrow('returnCode 0 but no docId; look the document up');
	});

	test('GetProduct, GetTemplate, GetNumerator', () => {
		const all = readProducts(fixture('all_products.xml'));
		expect(all.products.map((p) => p.codice)).toEqual(['code1', 'code2']);
		expect(all.products[0].descrizione).toBe('Product1');
		expect(all.stock[0].magGiacenza).toBe('null');
		expect(readProducts(fixture('code_1_products.xml')).products.map((p) => p.id)).toEqual(['0000001']);
		expect(readProducts(fixture('category_2_products.xml')).products.map((p) => p.categoria)).toEqual(['category2']);
		const templates = readTemplates(fixture('templates.xml'));
		expect(templates.map((t) => [t.kind, t.id])).toEqual([
			['modelloDDT', '8098'],
			['modelloFattura', '65'],
			['modelloFatturaFe', '65'],
			['modelloOrdine', '31267'],
			['modelloPreventivo', '31270'],
			['modelloRapportino', '9538'],
		]);
		expect(templates[1].description).toBe('Modello "Agenti di commercio"');
		expect(templates.find((t) => t.isDefault)?.kind).toBe('modelloRapportino');
		const num = readNumerators(fixture('numerator.xml'));
		expect(num.docs[0]).toEqual({ id: '1', des: 'Fattura' });
		expect(num.series[0].anteprima).toBe('01-2020');
		expect(num.series[0].code).toBe('-{YYYY}');
	});

	test('GetFile: PDF bytes pass, an XML error reply becomes its error', () => {
		const pdf = new TextEncoder().encode('%PDF-1.4\n...');
		expect(readFileReply(pdf)).toEqual({ kind: 'pdf', data: pdf });
		expect(() => readFileReply(new TextEncoder().encode(fixture('response-invalid-apikey.xml')))).toThrow(Fattura24Error);
		expect(() => readFileReply(new TextEncoder().encode('<root><returnCode>0</returnCode></root>'))).toThrow('GetFile: expected a PDF');
	});
});

describe('the lenient reader', () => {
	test('recovers from what Fattura24 and proxies send', () => {
		expect(readF24Xml('<root><a>1</a><b>x &egrave; &amp; &unknown; &#233; &#xE8;</b></root>').root).toEqual({ a: '1', b: 'x è & &unknown; é è' });
		// unclosed and mismatched tags
		expect(readF24Xml('<root><a>1<b>2</root>').root).toEqual({ a: { b: '2', '#text': '1' } });
		expect(readF24Xml('<root><a>1</x></a></root>').root).toEqual({ a: '1' });
		// a bare < in text, an unfinished tag, a DOCTYPE that is never expanded
		expect(readF24Xml('<!DOCTYPE x [<!ENTITY e "boom">]><root><a>1 < 2</a><b x="1>2">ok</b></root>').root).toEqual({ a: '1 < 2', b: 'ok' });
		expect(readF24Xml('<root><a>1</a><b x="never closed').root).toEqual({ a: '1', '#text': '<b x="never closed' });
		// __proto__ is a plain key
		const r = readF24Xml('<root><__proto__>x</__proto__></root>').root as Record<string, unknown>;
		expect(Object.keys(r)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	test('limits and non-replies give its own clear errors', () => {
		expect(() => readF24Xml('<a>'.repeat(100))).toThrow(Fattura24ReplyError);
		expect(() => readF24Xml('<a/>'.repeat(11), { maxElements: 10 })).toThrow('more than 10 elements');
		expect(() => readF24Xml('x'.repeat(101), { maxLength: 100 })).toThrow('more than the 100 this reader accepts');
		expect(() => readReply('<html><body>502 Bad Gateway</body></html>', 'TestKey')).toThrow(/TestKey: the reply is not a Fattura24 XML answer .* starts with "<html><body>502 Bad Gateway/);
		expect(() => readReply('<root><returnCode>abc</returnCode></root>', 'TestKey')).toThrow('returnCode should be a whole number');
	});
});
