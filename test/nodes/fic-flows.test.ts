/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * What consultants rely on, through the built node and n8n-core, against the stateful
 * Fatture in Cloud emulator. Request bodies are checked against the official spec's schemas
 * (unknown or misspelt fields fail).
 */
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { specRequestValidator, specResponseValidator } from '../emulators/fattureincloud/specValidator';
import { chain, runWorkflow } from '../harness/n8n';
import { describeWithSpec, specPath } from '../helpers/specs';

const FAST = { retryInitialDelayMs: 1 };

describeWithSpec('fattureincloud/openapi.yaml', 'Fatture in Cloud node against the emulator', () => {
	let emulator: FicEmulator;

	beforeEach(async () => {
		const spec = specPath('fattureincloud', 'openapi.yaml');
		emulator = await startFicEmulator({ seed: 'empty', validateRequest: specRequestValidator(spec), validateResponse: specResponseValidator(spec) });
	});
	afterEach(async () => {
		await emulator.close();
		expect(emulator.schemaViolations).toEqual([]);
		expect(emulator.responseViolations).toEqual([]);
	});

	async function fic(parameters: Record<string, unknown>, input = [{ json: {} }], extra: Record<string, unknown> = {}) {
		const result = await runWorkflow(
			chain({
				name: 'FIC',
				type: 'fattureInCloud',
				parameters: { authentication: 'accessToken', companyId: String(emulator.companyId), options: FAST, ...parameters } as never,
				credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
				...extra,
			}),
			{ fattureInCloudApi: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
			input,
		);
		return result;
	}

	const listRequests = (path: string) => emulator.requests.filter((r) => r.method === 'GET' && r.path === path);

	test('Return All over 1,234 clients takes exactly 13 list requests of 100', async () => {
		emulator.seedClients(1234);
		const result = await fic({ resource: 'client', operation: 'getAll', returnAll: true });
		const items = result.output('FIC');
		expect(items).toHaveLength(1234);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(1234);
		const requests = listRequests(`/c/${emulator.companyId}/entities/clients`);
		expect(requests).toHaveLength(13);
		expect(requests.every((r) => r.query.per_page === '100')).toBe(true);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit stops after the records asked for', async () => {
		emulator.seedClients(250);
		const result = await fic({ resource: 'client', operation: 'getAll', returnAll: false, limit: 120 });
		expect(result.output('FIC')).toHaveLength(120);
		expect(listRequests(`/c/${emulator.companyId}/entities/clients`)).toHaveLength(2);
	});

	test('simple filter conditions become a q expression with quotes escaped', async () => {
		emulator.seedClients(3);
		emulator.rows('entities/clients').push({ id: 9001, name: "D'Angelo Srl", vat_number: '01234567890' });
		const result = await fic({
			resource: 'client',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: { condition: [{ field: 'name', operator: 'contains', value: "D'Angelo" }] } },
		});
		expect(result.output('FIC').map((i) => i.json.id)).toEqual([9001]);
		expect(listRequests(`/c/${emulator.companyId}/entities/clients`)[0].query.q).toBe("name contains 'D''Angelo'");
	});

	test('"fields" always brings the id back', async () => {
		emulator.seedClients(2);
		const result = await fic({ resource: 'client', operation: 'getAll', returnAll: true, options: { ...FAST, fields: 'name' } });
		expect(result.output('FIC')[0].json).toEqual({ id: expect.any(Number), name: expect.any(String) });
	});

	test('a fetched client sent back with Create makes a new client (read-only and server fields stripped)', async () => {
		emulator.seedClients(1);
		const original = emulator.rows('entities/clients')[0];
		const fetched = (await fic({ resource: 'client', operation: 'get', clientId: String(original.id) })).output('FIC')[0].json;
		expect(fetched.created_at).toBeDefined();
		const copy = await fic({ resource: 'client', operation: 'create', inputMode: 'json', jsonData: JSON.stringify({ ...fetched, name: 'Copia Srl' }) });
		expect(copy.error()).toBeUndefined();
		const created = copy.output('FIC')[0].json;
		expect(created.id).not.toBe(original.id);
		expect(created).toMatchObject({ name: 'Copia Srl', vat_number: original.vat_number });
		expect(emulator.rows('entities/clients')).toHaveLength(2);
	});

	test('a fetched invoice sent back with Create is numbered by Fatture in Cloud when its number is removed', async () => {
		emulator.seedIssuedDocuments(2);
		const fetched = (await fic({ resource: 'issuedDocument', operation: 'get', documentId: String(emulator.rows('issued_documents')[1].id) })).output('FIC')[0].json;
		const { number: _number, ...withoutNumber } = fetched;
		const copy = await fic({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: JSON.stringify(withoutNumber) });
		expect(copy.error()).toBeUndefined();
		expect(copy.output('FIC')[0].json).toMatchObject({ type: 'invoice', number: 3 });
	});

	test('Client: Create or Update creates the client the first time and updates it the second, matched by VAT number', async () => {
		const upsert = (email: string) =>
			fic({ resource: 'client', operation: 'upsert', inputMode: 'fields', name: 'Rossi Impianti Srl', entityFields: { vatNumber: 'IT 01234567897', email, countryIso: 'it' } });
		const first = await upsert('info@rossi.it');
		expect(first.output('FIC')[0].json).toMatchObject({ _action: 'created', vat_number: '01234567897', country_iso: 'IT' });
		const second = await upsert('amministrazione@rossi.it');
		expect(second.output('FIC')[0].json).toMatchObject({ _action: 'updated', email: 'amministrazione@rossi.it' });
		expect(emulator.rows('entities/clients')).toHaveLength(1);
	});

	test('Client: Create or Update without VAT number or tax code names the fields', async () => {
		const result = await fic({ resource: 'client', operation: 'upsert', inputMode: 'fields', name: 'Senza Dati', entityFields: {} });
		expect(result.error()?.message).toContain('VAT Number or Tax Code');
	});

	test('an invoice from fields: FIC numbers it, the VAT rate becomes the company VAT type, totals computed', async () => {
		emulator.seedClients(1);
		const clientId = String(emulator.rows('entities/clients')[0].id);
		const create = () =>
			fic({
				resource: 'issuedDocument',
				operation: 'create',
				inputMode: 'fields',
				documentType: 'invoice',
				clientId,
				date: '2026-02-10',
				items: { item: [{ name: 'Consulenza', qty: 2, netPrice: 150, vatRate: 22 }] },
				payments: { payment: [{ amount: 366, dueDate: '2026-03-10', status: 'not_paid' }] },
				documentFields: { eInvoice: true, eiPaymentMethod: 'MP05' },
			});
		const first = (await create()).output('FIC')[0].json;
		const second = (await create()).output('FIC')[0].json;
		expect(first).toMatchObject({ number: 1, amount_net: 300, amount_vat: 66, amount_gross: 366, items_list: [{ vat: { id: 0 } }] });
		expect(second.number).toBe(2);
		expect(emulator.requests.filter((r) => r.path.endsWith('/info/vat_types'))).toHaveLength(2);
	});

	test('a create whose connection drops after the emulator saved it yields one invoice, not two', async () => {
		emulator.seedClients(1);
		const clientId = emulator.rows('entities/clients')[0].id;
		emulator.fault({ method: 'POST', path: /\/issued_documents$/, kind: 'resetAfterApply', times: 1 });
		const result = await fic({
			resource: 'issuedDocument',
			operation: 'create',
			inputMode: 'json',
			jsonData: JSON.stringify({ type: 'invoice', entity: { id: clientId, name: 'Cliente 00001 Srl' }, date: '2026-01-15', items_list: [{ name: 'Canone', qty: 1, net_price: 50, vat: { id: 0 } }] }),
		});
		expect(result.error()).toBeUndefined();
		expect(emulator.rows('issued_documents')).toHaveLength(1);
		expect(result.output('FIC')[0].json).toMatchObject({ id: emulator.rows('issued_documents')[0].id, number: 1 });
		expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	test('a create answered 500 after the emulator saved it is looked up, not sent again: one invoice', async () => {
		emulator.seedClients(1);
		const clientId = emulator.rows('entities/clients')[0].id;
		emulator.fault({ method: 'POST', path: /\/issued_documents$/, kind: 'statusAfterApply', status: 500, times: 1 });
		const result = await fic({
			resource: 'issuedDocument',
			operation: 'create',
			inputMode: 'json',
			jsonData: JSON.stringify({ type: 'invoice', entity: { id: clientId, name: 'Cliente 00001 Srl' }, date: '2026-01-15', items_list: [{ name: 'Canone', qty: 1, net_price: 50, vat: { id: 0 } }] }),
		});
		expect(result.error()).toBeUndefined();
		expect(emulator.rows('issued_documents')).toHaveLength(1);
		expect(result.output('FIC')[0].json.id).toBe(emulator.rows('issued_documents')[0].id);
		expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	test('an identical invoice that existed before is never reported as the new one: after a reset the create is sent again', async () => {
		emulator.seedClients(1);
		const clientId = emulator.rows('entities/clients')[0].id;
		const jsonData = JSON.stringify({ type: 'invoice', entity: { id: clientId, name: 'Cliente 00001 Srl' }, date: '2026-01-15', items_list: [{ name: 'Canone', qty: 1, net_price: 50, vat: { id: 0 } }] });
		const first = await fic({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData });
		emulator.fault({ method: 'POST', path: /\/issued_documents$/, kind: 'reset', times: 1 });
		const second = await fic({ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData });
		expect(second.error()).toBeUndefined();
		const stored = emulator.rows('issued_documents').map((d) => d.id);
		expect(stored).toHaveLength(2);
		expect([first.output('FIC')[0].json.id, second.output('FIC')[0].json.id]).toEqual(stored);
	});

	test('two resets in a row: with Continue On Fail the item says whether it was created and the other items go on', async () => {
		emulator.seedClients(1);
		const clientId = emulator.rows('entities/clients')[0].id;
		const input = [1, 2, 3].map((n) => ({ json: { n } }));
		// every attempt of the second item's create is cut before the emulator handles it (each looked up first)
		emulator.fault({ method: 'POST', path: /\/issued_documents$/, kind: 'reset', skip: 1, times: 6 });
		const result = await fic(
			{ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: `={{ JSON.stringify({ type: 'invoice', entity: { id: ${clientId}, name: 'Cliente 00001 Srl' }, date: '2026-01-15', items_list: [{ name: 'Riga ' + $json.n, qty: 1, net_price: 50, vat: { id: 0 } }] }) }}` },
			input,
			{ continueOnFail: true },
		);
		const output = result.output('FIC');
		expect(output).toHaveLength(3);
		expect(output[1].json.error).toMatch(/could not be reached: the connection was reset; nothing was created/);
		expect([output[0].json.id, output[2].json.id]).toEqual(emulator.rows('issued_documents').map((d) => d.id));
	});

	test('without Continue On Fail the run stops naming the item index and how many items before it were created', async () => {
		emulator.seedClients(1);
		const clientId = emulator.rows('entities/clients')[0].id;
		emulator.fault({ method: 'POST', path: /\/issued_documents$/, kind: 'status', status: 422, body: { error: { message: 'Dati non validi' } }, skip: 2, times: 1 });
		const result = await fic(
			{ resource: 'issuedDocument', operation: 'create', inputMode: 'json', jsonData: `={{ JSON.stringify({ type: 'invoice', entity: { id: ${clientId}, name: 'Cliente 00001 Srl' }, date: '2026-01-15', items_list: [{ name: 'Riga ' + $json.n, qty: 1, net_price: 50, vat: { id: 0 } }] }) }}` },
			[1, 2, 3, 4].map((n) => ({ json: { n } })),
		);
		expect(result.error()?.message).toMatch(/\(item index 2; the 2 items before it were created: re-run from index 2 to skip them\)/);
		expect(emulator.rows('issued_documents')).toHaveLength(2);
	});

	test('429 with Retry-After from the emulator is waited out and the list completes', async () => {
		emulator.seedClients(150);
		emulator.fault({ method: 'GET', path: /entities\/clients$/, kind: 'status', status: 429, headers: { 'Retry-After': '0' }, times: 2 });
		const result = await fic({ resource: 'client', operation: 'getAll', returnAll: true });
		expect(result.output('FIC')).toHaveLength(150);
	});

	test('the e-invoice XML comes back as a binary file', async () => {
		emulator.seedIssuedDocuments(1);
		const id = String(emulator.rows('issued_documents')[0].id);
		const result = await fic({ resource: 'eInvoice', operation: 'getXml', documentId: id, outputBinaryPropertyName: 'fattura' });
		const item = result.output('FIC')[0];
		expect(item.binary?.fattura).toMatchObject({ mimeType: 'application/xml', fileName: `fattura-${id}.xml` });
		expect(Buffer.from(item.binary!.fattura.data, 'base64').toString('utf8')).toContain('<Numero>1</Numero>');
	});

	test('an attachment is uploaded from the item binary and its token returned', async () => {
		const result = await fic({ resource: 'issuedDocument', operation: 'uploadAttachment', binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 allegato').toString('base64'), mimeType: 'application/pdf', fileName: 'ordine.pdf' } } } as never,
		]);
		expect(result.output('FIC')[0].json.attachment_token).toMatch(/^[0-9a-f]{32}$/);
	});

	test('a wrong field name in a JSON body is caught by the spec check', async () => {
		const result = await fic({ resource: 'client', operation: 'create', inputMode: 'json', jsonData: JSON.stringify({ name: 'X', partita_iva: '01234567890' }) });
		expect(result.error()?.message).toContain('422');
		expect(emulator.schemaViolations).toEqual([{ operationId: 'createClient', errors: ['data.partita_iva: unknown field'] }]);
		emulator.schemaViolations.length = 0;
	});
	test('a 0% VAT rate is never mapped to an exemption by itself: the error lists the 0% types with their natura (ei_type)', async () => {
		emulator.seedClients(1);
		const result = await fic({
			resource: 'issuedDocument',
			operation: 'create',
			inputMode: 'fields',
			documentType: 'invoice',
			clientId: String(emulator.rows('entities/clients')[0].id),
			items: { item: [{ name: 'Consulenza', qty: 1, netPrice: 100, vatRate: 22 }, { name: 'Formazione', qty: 1, netPrice: 100, vatRate: 0 }] },
		});
		const error = result.error() as (Error & { description?: string }) | undefined;
		expect(error?.message).toBe('Items line 2 VAT Rate: 0% needs the VAT Type ID of its exemption, not a rate');
		expect(error?.description).toContain('0% VAT types of this company: 10 (Esente art. 10, natura N4); 21 (Non imponibile art. 8, natura N3.1)');
		expect(error?.description).toContain('Nothing was created.');
		expect(emulator.rows('issued_documents')).toHaveLength(0);
	});

	test('a supplier has no Codice Destinatario or payment terms fields, and none reach Fatture in Cloud', async () => {
		// the supplier field list leaves them out; a saved workflow that still has them drops them
		const result = await fic({ resource: 'supplier', operation: 'create', inputMode: 'fields', name: 'Carta Srl', entityFields: { eiCode: 'M5UXCR1', defaultPaymentTerms: 30, email: 'a@carta.example' } });
		expect(result.output('FIC')[0].json).toMatchObject({ name: 'Carta Srl', email: 'a@carta.example' });
		const [post] = emulator.requests.filter((r) => r.method === 'POST');
		expect((post.body as { data: Record<string, unknown> }).data).toEqual({ name: 'Carta Srl', email: 'a@carta.example' });
	});
});
