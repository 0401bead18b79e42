/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** The emulator behaves like the API on the points the nodes and the demo rely on. */
import axios, { type AxiosRequestConfig } from 'axios';

import { validateFatturaPA } from '../../lib/fatturapa';
import { parseFilter } from './fattureincloud/filter';
import { startFicEmulator, type FicEmulator } from './fattureincloud';

let emulator: FicEmulator;
beforeEach(async () => {
	emulator = await startFicEmulator({ seed: 'empty', accessTokenTtl: 60 });
});
afterEach(async () => emulator.close());

const call = (config: AxiosRequestConfig) => axios({ baseURL: emulator.url, validateStatus: () => true, maxRedirects: 0, ...config });
const auth = { Authorization: 'Bearer emulator-manual-token' };

describe('OAuth2', () => {
	async function authorize(): Promise<string> {
		const response = await call({ url: '/oauth/authorize', params: { response_type: 'code', client_id: emulator.oauthClient.clientId, redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback', scope: 'entity.clients:a', state: 'xyz' } });
		expect(response.status).toBe(302);
		const location = new URL(response.headers.location);
		expect(location.searchParams.get('state')).toBe('xyz');
		return location.searchParams.get('code')!;
	}

	test('code exchange with a JSON body, then refresh with a form body', async () => {
		const code = await authorize();
		const token = await call({ method: 'POST', url: '/oauth/token', data: { grant_type: 'authorization_code', code, ...{ client_id: emulator.oauthClient.clientId, client_secret: emulator.oauthClient.clientSecret } } });
		expect(token.status).toBe(200);
		expect(token.data).toMatchObject({ token_type: 'bearer', expires_in: 60 });
		expect((await call({ url: '/user/info', headers: { Authorization: `Bearer ${token.data.access_token}` } })).status).toBe(200);
		const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token.data.refresh_token, client_id: emulator.oauthClient.clientId, client_secret: emulator.oauthClient.clientSecret });
		const refreshed = await call({ method: 'POST', url: '/oauth/token', data: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(refreshed.status).toBe(200);
		expect(refreshed.data.access_token).not.toBe(token.data.access_token);
	});

	test('a code works once', async () => {
		const code = await authorize();
		const body = { grant_type: 'authorization_code', code, client_id: emulator.oauthClient.clientId, client_secret: emulator.oauthClient.clientSecret };
		expect((await call({ method: 'POST', url: '/oauth/token', data: body })).status).toBe(200);
		expect((await call({ method: 'POST', url: '/oauth/token', data: body })).data.error).toBe('invalid_grant');
	});

	test('expired access tokens get 401 until refreshed', async () => {
		const code = await authorize();
		const token = (await call({ method: 'POST', url: '/oauth/token', data: { grant_type: 'authorization_code', code, client_id: emulator.oauthClient.clientId, client_secret: emulator.oauthClient.clientSecret } })).data;
		emulator.expireAccessTokens();
		expect((await call({ url: '/user/info', headers: { Authorization: `Bearer ${token.access_token}` } })).status).toBe(401);
	});
});

describe('lists', () => {
	test('pagination fields follow the spec, per_page defaults to 5 and is capped at 100', async () => {
		emulator.seedClients(12);
		const page = await call({ url: `/c/${emulator.companyId}/entities/clients`, headers: auth, params: { page: 3 } });
		expect(page.data).toMatchObject({ current_page: 3, last_page: 3, per_page: 5, from: 11, to: 12, total: 12, next_page_url: null, prev_page_url: 'page=2' });
		expect((await call({ url: `/c/${emulator.companyId}/entities/clients`, headers: auth, params: { per_page: 500 } })).data.per_page).toBe(100);
	});

	test('created_at and updated_at come only with fieldset=detailed', async () => {
		emulator.seedClients(1);
		const basic = await call({ url: `/c/${emulator.companyId}/entities/clients`, headers: auth });
		const detailed = await call({ url: `/c/${emulator.companyId}/entities/clients`, headers: auth, params: { fieldset: 'detailed' } });
		expect(basic.data.data[0].updated_at).toBeUndefined();
		expect(detailed.data.data[0].updated_at).toBeDefined();
	});

	test('sort is stable with id as the tie-break, "-" for descending', async () => {
		emulator.seedClients(3);
		const sorted = await call({ url: `/c/${emulator.companyId}/entities/clients`, headers: auth, params: { sort: '-name' } });
		expect(sorted.data.data.map((c: { name: string }) => c.name)).toEqual(['Cliente 00003 Srl', 'Cliente 00002 Srl', 'Cliente 00001 Srl']);
	});
});

describe('q filter grammar', () => {
	const rows = [
		{ id: 1, name: "D'Angelo", entity: { vat_number: '111' }, amount: 10, paid: true, notes: null },
		{ id: 2, name: 'Rossi', entity: { vat_number: '222' }, amount: 20, paid: false, notes: 'x' },
	];
	const ids = (q: string) => rows.filter(parseFilter(q)).map((r) => r.id);

	test.each([
		["name = 'D''Angelo'", [1]],
		["entity.vat_number = '222'", [2]],
		['amount >= 15', [2]],
		["name contains 'oss' or amount < 15", [1, 2]],
		["name starts with 'd' and paid = true", [1]],
		['notes is null', [1]],
		['notes is not null', [2]],
		["(amount > 5 and amount < 15) or name ends with 'si'", [1, 2]],
		["name like 'R%'", [2]],
	])('%s', (q, expected) => {
		expect(ids(q)).toEqual(expected);
	});

	test('a malformed filter is a 400', async () => {
		const response = await call({ url: `/c/${emulator.companyId}/entities/clients`, headers: auth, params: { q: "name = 'x" } });
		expect(response.status).toBe(400);
	});
});

describe('errors and faults', () => {
	test('unknown ids answer 404 with the FIC error body', async () => {
		const response = await call({ url: `/c/${emulator.companyId}/entities/clients/999`, headers: auth });
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ error: { message: expect.any(String), validation_result: null } });
	});

	test('a client without a name answers 422 with validation_result', async () => {
		const response = await call({ method: 'POST', url: `/c/${emulator.companyId}/entities/clients`, headers: auth, data: { data: { vat_number: '1' } } });
		expect(response.status).toBe(422);
		expect(response.data.error.validation_result).toEqual({ name: ['The name field is required.'] });
	});

	test('an invoice number lower than one of an earlier date is refused', async () => {
		emulator.seedClients(1);
		const client = emulator.rows('entities/clients')[0].id;
		const create = (date: string, number?: number) => call({ method: 'POST', url: `/c/${emulator.companyId}/issued_documents`, headers: auth, data: { data: { type: 'invoice', entity: { id: client }, date, number, items_list: [] } } });
		expect((await create('2026-01-10')).data.data.number).toBe(1);
		expect((await create('2026-01-11')).data.data.number).toBe(2);
		expect((await create('2026-02-01', 1)).status).toBe(409);
	});

	test('resetAfterApply saves the write and drops the connection', async () => {
		emulator.fault({ method: 'POST', path: /entities\/clients$/, kind: 'resetAfterApply', times: 1 });
		await expect(call({ method: 'POST', url: `/c/${emulator.companyId}/entities/clients`, headers: auth, data: { data: { name: 'Salvato' } } })).rejects.toThrow();
		expect(emulator.rows('entities/clients').map((c) => c.name)).toEqual(['Salvato']);
	});

	test('a 429 fault carries Retry-After and answers as many times as set', async () => {
		emulator.fault({ path: /user\/info/, kind: 'status', status: 429, headers: { 'Retry-After': '3' }, times: 1 });
		const first = await call({ url: '/user/info', headers: auth });
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('3');
		expect((await call({ url: '/user/info', headers: auth })).status).toBe(200);
	});

	test('every answer carries the RateLimit headers', async () => {
		const response = await call({ url: '/user/info', headers: auth });
		expect(response.headers['ratelimit-hourlyremaining']).toBeDefined();
	});
});

describe('e-invoice XML', () => {
	const post = (path: string, data: unknown) => call({ method: 'POST', url: `/c/${emulator.companyId}${path}`, headers: auth, data: { data } }).then((r) => r.data.data);

	test('an invoice whose client has what an e-invoice needs comes out as a FatturaPA that passes the XSD and the SdI rules', async () => {
		const client = await post('/entities/clients', { name: 'Cliente Demo S.p.A.', vat_number: '06234567813', ei_code: 'M5UXCR1', address_street: 'Corso Italia 5', address_postal_code: '20122', address_city: 'Milano', address_province: 'MI', country_iso: 'IT' });
		const invoice = await post('/issued_documents', { type: 'invoice', entity: { id: client.id }, date: '2026-11-30', e_invoice: true, ei_data: { payment_method: 'MP05' }, items_list: [{ name: 'Consulenza', qty: 2, net_price: 150, vat: { id: 0 } }, { name: 'Formazione esente', qty: 1, net_price: 100, vat: { id: 10 } }] });
		const xml = (await call({ url: `/c/${emulator.companyId}/issued_documents/${invoice.id}/e_invoice/xml`, headers: auth })).data as string;
		const result = validateFatturaPA(xml);
		expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
		expect(xml).toContain(`<Numero>${invoice.number}</Numero>`);
		expect(xml).toContain('<IdCodice>04123456784</IdCodice>');
		expect(xml).toContain('<CodiceDestinatario>M5UXCR1</CodiceDestinatario>');
		expect(xml).toContain('<Natura>N4</Natura>');
	});

	test('a client without an address gives an XML that validation refuses, as SdI would', async () => {
		const client = await post('/entities/clients', { name: 'Cliente Senza Indirizzo Srl', vat_number: '06234567813', country_iso: 'IT' });
		const invoice = await post('/issued_documents', { type: 'invoice', entity: { id: client.id }, date: '2026-11-30', e_invoice: true, items_list: [{ name: 'Consulenza', qty: 1, net_price: 100, vat: { id: 0 } }] });
		const xml = (await call({ url: `/c/${emulator.companyId}/issued_documents/${invoice.id}/e_invoice/xml`, headers: auth })).data as string;
		expect(validateFatturaPA(xml).valid).toBe(false);
	});
});
