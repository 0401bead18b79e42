/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The Aruba Fatturazione Elettronica emulator over HTTP (plain fetch): tokens, limits, upload
 * error codes, the SDI timeline and its notifications, find/get/zip, esito committente, bulk
 * export and the admin routes.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { parseNotification } from '../../lib/fatturapa';
import { unwrapP7m } from '../../lib/p7m';
import { demoSentInvoice, startArubaEmulator, type ArubaEmulator, type ArubaEmulatorOptions } from './aruba';
import { romeDate } from './aruba/util';
import { makeSigner, signCms } from '../unit/p7m/cmsWriter';

const MIN = 60_000;
const DAY = 86_400_000;
let emu: ArubaEmulator;
const started: ArubaEmulator[] = [];

async function start(options: ArubaEmulatorOptions = {}): Promise<ArubaEmulator> {
	const e = await startArubaEmulator(options);
	started.push(e);
	return e;
}

beforeEach(async () => {
	emu = await start({ seed: 'demo' });
});
afterEach(async () => {
	await Promise.all(started.splice(0).map((e) => e.close()));
});

interface Answer {
	status: number;
	body: any;
	headers: Headers;
	bytes: Buffer;
}

async function call(url: string, init: { method?: string; token?: string; json?: unknown; form?: Record<string, string> } = {}): Promise<Answer> {
	const headers: Record<string, string> = {};
	let body: string | undefined;
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	if (init.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
		body = new URLSearchParams(init.form).toString();
	}
	const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
	const bytes = Buffer.from(await res.arrayBuffer());
	let parsed: any;
	try {
		parsed = JSON.parse(bytes.toString('utf8'));
	} catch {
		parsed = undefined;
	}
	return { status: res.status, body: parsed, headers: res.headers, bytes };
}

const signin = (e: ArubaEmulator, user = e.users.premium) => call(`${e.authUrl}/auth/signin`, { form: { grant_type: 'password', username: user.username, password: user.password } });

async function tokenOf(e: ArubaEmulator = emu): Promise<string> {
	const r = await signin(e);
	expect(r.status).toBe(200);
	return r.body.access_token;
}

const ws = (e: ArubaEmulator, p: string, token: string, init: { method?: string; json?: unknown } = {}) => call(`${e.wsUrl}${p}`, { ...init, token });
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const today = (e: ArubaEmulator = emu) => romeDate(e.now());
let progressivo = 0;
const invoiceXml = (numero: string, extra: Record<string, unknown> = {}, e: ArubaEmulator = emu) =>
	demoSentInvoice({ numero, data: today(e), progressivoInvio: `T${String(++progressivo).padStart(4, '0')}`, ...extra });
const uploadXml = (e: ArubaEmulator, token: string, xml: string, extra: Record<string, unknown> = {}) => ws(e, '/services/invoice/upload', token, { json: { dataFile: b64(xml), ...extra } });

describe('auth host: sign-in and tokens', () => {
	it('signs in with the password grant and answers OWIN fields with virtual-clock dates', async () => {
		const r = await signin(emu);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 1800, userName: emu.users.premium.username });
		expect(typeof r.body.access_token).toBe('string');
		expect(typeof r.body.refresh_token).toBe('string');
		expect(r.body['as:client_id']).toBeTruthy();
		expect(Date.parse(r.body['.expires']) - Date.parse(r.body['.issued'])).toBe(1800_000);
		expect(Math.abs(Date.parse(r.body['.issued']) - emu.now())).toBeLessThan(2000);
		expect(emu.stats.signIns).toBe(1);
	});

	it('a refresh rotates the refresh token: the old one stops working', async () => {
		const first = await signin(emu);
		const refreshed = await call(`${emu.authUrl}/auth/signin`, { form: { grant_type: 'refresh_token', refresh_token: first.body.refresh_token } });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
		expect(refreshed.body.access_token).not.toBe(first.body.access_token);
		const again = await call(`${emu.authUrl}/auth/signin`, { form: { grant_type: 'refresh_token', refresh_token: first.body.refresh_token } });
		expect(again.status).toBe(400);
		expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'Refresh token scaduto o non valido' });
		expect(emu.stats.refreshes).toBe(1);
	});

	it('with sliding refresh a chain of refreshes outlives the first refresh token; without it the chain ends at the first expiry', async () => {
		for (const sliding of [true, false]) {
			const e = await start({ seed: 'empty', slidingRefresh: sliding });
			let refresh = (await signin(e)).body.refresh_token;
			let ok = true;
			for (let k = 0; k < 3 && ok; k++) {
				e.advance(25 * MIN);
				const r = await call(`${e.authUrl}/auth/signin`, { form: { grant_type: 'refresh_token', refresh_token: refresh } });
				ok = r.status === 200;
				if (ok) refresh = r.body.refresh_token;
			}
			expect(ok).toBe(sliding);
		}
	});

	it('an expired refresh token (over 3600 s) is refused', async () => {
		const first = await signin(emu);
		emu.advance(3601_000);
		const r = await call(`${emu.authUrl}/auth/signin`, { form: { grant_type: 'refresh_token', refresh_token: first.body.refresh_token } });
		expect(r.status).toBe(400);
		expect(r.body.error).toBe('invalid_grant');
	});

	it('a second password sign-in within a minute gets 429 with Retry-After; refreshes are not limited', async () => {
		const first = await signin(emu);
		emu.advance(20_000);
		const second = await signin(emu);
		expect(second.status).toBe(429);
		expect(second.headers.get('retry-after')).toBe('40');
		expect(second.body.error).toBe('too_many_requests');
		const refreshed = await call(`${emu.authUrl}/auth/signin`, { form: { grant_type: 'refresh_token', refresh_token: first.body.refresh_token } });
		expect(refreshed.status).toBe(200);
		emu.advance(40_000);
		expect((await signin(emu)).status).toBe(200);
	});

	it('a wrong password is invalid_grant with the OWIN message', async () => {
		const r = await signin(emu, { username: emu.users.premium.username, password: 'wrong' });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: 'invalid_grant', error_description: 'The user name or password is incorrect.' });
	});

	it('a non-Premium account with the right password is told it needs Premium or a delegation', async () => {
		const r = await signin(emu, emu.users.basic);
		expect(r.status).toBe(400);
		expect(r.body.error).toBe('invalid_grant');
		expect(r.body.error_description).toMatch(/Premium/);
	});

	it('API calls without a token, with a wrong one, or with an expired one get 401', async () => {
		const denied = { message: 'Authorization has been denied for this request.' };
		const none = await call(`${emu.authUrl}/auth/userInfo`);
		expect([none.status, none.body]).toEqual([401, denied]);
		const wrong = await ws(emu, '/api/v2/invoices-in', 'nope');
		expect([wrong.status, wrong.body]).toEqual([401, denied]);
		const token = await tokenOf();
		expect((await ws(emu, '/api/v2/invoices-in', token)).status).toBe(200);
		emu.advance(1800_000);
		const expired = await ws(emu, '/api/v2/invoices-in', token);
		expect([expired.status, expired.body]).toEqual([401, denied]);
	});

	it('userInfo describes the premium account', async () => {
		const r = await call(`${emu.authUrl}/auth/userInfo`, { token: await tokenOf() });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ username: emu.users.premium.username, countryCode: 'IT', vatCode: emu.company.partitaIva, fiscalCode: emu.company.codiceFiscale, accountType: 'PREMIUM' });
		expect(r.body.pec).toMatch(/@/);
	});

	it('lists multicedenti as a Spring page, filtered by status, and gets one by id', async () => {
		const token = await tokenOf();
		const all = await call(`${emu.authUrl}/auth/multicedenti?page=0&size=2`, { token });
		expect(all.body).toMatchObject({ totalElements: 3, totalPages: 2, size: 2, number: 0, numberOfElements: 2, first: true, last: false });
		const active = await call(`${emu.authUrl}/auth/multicedenti?status=ACTIVE`, { token });
		expect(active.body.content.map((m: any) => m.status)).toEqual(['ACTIVE', 'ACTIVE']);
		const one = await call(`${emu.authUrl}/auth/multicedenti/${emu.multicedenti[2].id}`, { token });
		expect(one.body).toMatchObject({ status: 'INACTIVE', vatCode: emu.multicedenti[2].vatCode });
		expect((await call(`${emu.authUrl}/auth/multicedenti/99999`, { token })).status).toBe(404);
	});
});

describe('upload', () => {
	it('accepts a valid FPR12 and names the file IT01879020517_<5 base36>.xml.p7m; the sent invoice is Inviata without idSdi', async () => {
		const token = await tokenOf();
		const r = await uploadXml(emu, token, invoiceXml('U-1'));
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ errorCode: '0000', errorDescription: 'Operazione effettuata' });
		expect(r.body.uploadFileName).toMatch(/^IT01879020517_[0-9a-z]{5}\.xml\.p7m$/);
		const got = await ws(emu, `/services/invoice/out/getByFilename?filename=${r.body.uploadFileName}`, token);
		expect(got.body).toMatchObject({ filename: r.body.uploadFileName, docType: 'out', invoiceType: 'FPR12', idSdi: null, file: null });
		expect(got.body.id).toMatch(/^[0-9a-f]{24}$/);
		expect(got.body.creationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00$/);
		expect(got.body.invoices).toEqual([expect.objectContaining({ number: 'U-1', status: 'Inviata', totalDocument: 1220, totalVat: 220, netPayable: 1220 })]);
		expect(got.body.sender).toEqual({ description: emu.company.denominazione, countryCode: 'IT', vatCode: emu.company.partitaIva, fiscalCode: emu.company.codiceFiscale });
	});

	it('0001: the same file bytes a second time', async () => {
		const token = await tokenOf();
		const xml = invoiceXml('U-2');
		expect((await uploadXml(emu, token, xml)).status).toBe(200);
		const r = await uploadXml(emu, token, xml);
		expect(r.status).toBe(400);
		expect(r.body.errorCode).toBe('0001');
	});

	it('0002: another file with the same cedente, type, number and date', async () => {
		const token = await tokenOf();
		expect((await uploadXml(emu, token, invoiceXml('U-3'))).status).toBe(200);
		const r = await uploadXml(emu, token, invoiceXml('U-3'));
		expect(r.status).toBe(400);
		expect(r.body.errorCode).toBe('0002');
	});

	it('0003: the account space is used up', async () => {
		const e = await start({ seed: 'empty', quotaBytes: 4000 });
		const token = await tokenOf(e);
		expect((await uploadXml(e, token, invoiceXml('Q-1', {}, e))).status).toBe(200);
		const r = await uploadXml(e, token, invoiceXml('Q-2', {}, e));
		expect([r.status, r.body.errorCode]).toEqual([400, '0003']);
	});

	it('0005: dataFile that is not base64, or is empty', async () => {
		const token = await tokenOf();
		for (const dataFile of ['not base64 at all!', '', 42]) {
			const r = await ws(emu, '/services/invoice/upload', token, { json: { dataFile } });
			expect([r.status, r.body.errorCode]).toEqual([400, '0005']);
		}
	});

	it('0097: senderPIVA that is not an active multicedente, or a cedente that is not the account', async () => {
		const token = await tokenOf();
		const inactive = emu.multicedenti.find((m) => m.status === 'INACTIVE')!;
		const r1 = await uploadXml(emu, token, invoiceXml('D-1'), { senderPIVA: inactive.vatCode });
		expect([r1.status, r1.body.errorCode]).toEqual([400, '0097']);
		const other = invoiceXml('D-2', { cedente: { denominazione: 'Altri S.r.l.', partitaIva: '09345678123', regimeFiscale: 'RF01', indirizzo: 'Via X', cap: '10121', comune: 'Torino', provincia: 'TO' } });
		const r2 = await uploadXml(emu, token, other);
		expect([r2.status, r2.body.errorCode]).toEqual([400, '0097']);
		const active = emu.multicedenti.find((m) => m.status === 'ACTIVE')!;
		const mc = invoiceXml('D-3', { cedente: { denominazione: active.description, partitaIva: active.vatCode, regimeFiscale: 'RF01', indirizzo: 'Via X', cap: '10121', comune: 'Torino', provincia: 'TO' } });
		expect((await uploadXml(emu, token, mc, { senderPIVA: active.vatCode })).body.errorCode).toBe('0000');
	});

	it('0099: not a FatturaPA, or IdTrasmittente other than Aruba on the unsigned route', async () => {
		const token = await tokenOf();
		const r1 = await uploadXml(emu, token, '<hello/>');
		expect([r1.status, r1.body.errorCode]).toEqual([400, '0099']);
		const own = invoiceXml('T-1', { trasmittente: { idPaese: 'IT', idCodice: emu.company.partitaIva } });
		const r2 = await uploadXml(emu, token, own);
		expect([r2.status, r2.body.errorCode]).toEqual([400, '0099']);
		expect(r2.body.errorDescription).toMatch(/IdTrasmittente/);
	});

	it('uploadSigned takes a CAdES .p7m and refuses plain XML with 0099', async () => {
		const token = await tokenOf();
		const xml = invoiceXml('S-1');
		const plain = await ws(emu, '/services/invoice/uploadSigned', token, { json: { dataFile: b64(xml) } });
		expect([plain.status, plain.body.errorCode]).toEqual([400, '0099']);
		const p7m = signCms(Buffer.from(xml), makeSigner('ec', 'MARIO ROSSI'));
		const r = await ws(emu, '/services/invoice/uploadSigned', token, { json: { dataFile: b64(p7m) } });
		expect(r.body.errorCode).toBe('0000');
		const got = await ws(emu, `/services/invoice/out/getByFilename?filename=${r.body.uploadFileName}&includeFile=true`, token);
		expect(unwrapP7m(Buffer.from(got.body.file, 'base64')).content.toString()).toBe(xml);
	});

	it('0096 (503) only through the unavailable() fault switch', async () => {
		const token = await tokenOf();
		emu.unavailable(1);
		const r = await uploadXml(emu, token, invoiceXml('F-1'));
		expect([r.status, r.body.errorCode]).toEqual([503, '0096']);
		expect((await uploadXml(emu, token, invoiceXml('F-1'))).status).toBe(200);
	});

	it('a decoded file over 5 MB gets 413', async () => {
		const token = await tokenOf();
		const r = await ws(emu, '/services/invoice/upload', token, { json: { dataFile: b64(Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)) } });
		expect(r.status).toBe(413);
	});
});

describe('find and get', () => {
	it('v1 findByUsername pages sent invoices newest first and needs the token user', async () => {
		const token = await tokenOf();
		for (let k = 1; k <= 3; k++) {
			await uploadXml(emu, token, invoiceXml(`P-${k}`));
			emu.advance(1000);
		}
		const user = emu.users.premium.username;
		const p0 = await ws(emu, `/services/invoice/out/findByUsername?username=${user}&page=0&size=2`, token);
		expect(p0.body).toMatchObject({ totalElements: 5, totalPages: 3, size: 2, number: 0, numberOfElements: 2, first: true, last: false });
		expect(p0.body.content.map((i: any) => i.invoices[0].number)).toEqual(['P-3', 'P-2']);
		const p2 = await ws(emu, `/services/invoice/out/findByUsername?username=${user}&page=2&size=2`, token);
		expect(p2.body).toMatchObject({ numberOfElements: 1, last: true });
		expect((await ws(emu, `/services/invoice/out/findByUsername?username=someone.else`, token)).status).toBe(403);
		expect((await ws(emu, `/services/invoice/out/findByUsername`, token)).status).toBe(400);
	});

	it('v1 findByUsername filters received invoices by date range and sender', async () => {
		const token = await tokenOf();
		const user = emu.users.premium.username;
		const all = await ws(emu, `/services/invoice/in/findByUsername?username=${user}`, token);
		expect(all.body.totalElements).toBe(3);
		expect(all.body.content.every((i: any) => i.docType === 'in' && i.invoices[0].status === 'Ricevuta')).toBe(true);
		const recent = await ws(emu, `/services/invoice/in/findByUsername?username=${user}&startDate=${romeDate(emu.now() - 4 * DAY)}&endDate=${today()}`, token);
		expect(recent.body.totalElements).toBe(2);
		const vat = all.body.content[0].sender.vatCode;
		const bySender = await ws(emu, `/services/invoice/in/findByUsername?username=${user}&countrySender=IT&vatcodeSender=${vat}`, token);
		expect(bySender.body.content.map((i: any) => i.sender.vatCode)).toEqual([vat]);
	});

	it('v2 lists filter by status, documentType and modification date', async () => {
		const token = await tokenOf();
		await uploadXml(emu, token, invoiceXml('V-1'));
		const inviata = await ws(emu, '/api/v2/invoices-out?status=Inviata', token);
		expect(inviata.body.content.map((i: any) => i.invoices[0].number)).toEqual(['V-1']);
		const consegnata = await ws(emu, '/api/v2/invoices-out?status=Consegnata&documentType=TD01', token);
		expect(consegnata.body.totalElements).toBe(2);
		expect((await ws(emu, '/api/v2/invoices-out?documentType=TD04', token)).body.totalElements).toBe(0);
		const since = new Date(emu.now() - MIN).toISOString();
		const modified = await ws(emu, `/api/v2/invoices-out?modifiedStartDate=${encodeURIComponent(since)}`, token);
		expect(modified.body.content.map((i: any) => i.invoices[0].number)).toEqual(['V-1']);
		const recv = await ws(emu, `/api/v2/invoices-in?size=1&page=1`, token);
		expect(recv.body).toMatchObject({ totalElements: 3, totalPages: 3, number: 1, size: 1 });
	});

	it('gets an invoice by id, file name and idSdi, with the file and the PDF only when asked', async () => {
		const token = await tokenOf();
		const list = await ws(emu, '/api/v2/invoices-out', token);
		const sample = list.body.content[0];
		expect(sample.idSdi).toMatch(/^\d+$/);
		const byId = await ws(emu, `/services/invoice/out/${sample.id}`, token);
		expect(byId.body).toMatchObject({ id: sample.id, file: null, pdfFile: null });
		const withFile = await ws(emu, `/services/invoice/out/getByIdSdi?idSdi=${sample.idSdi}&includeFile=true&includePdf=true`, token);
		expect(Buffer.from(withFile.body.file, 'base64').toString()).toMatch(/FatturaElettronica/);
		expect(Buffer.from(withFile.body.pdfFile, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		const v2 = await ws(emu, `/api/v2/invoices-out/detail?filename=${sample.filename}&includeFile=true`, token);
		expect(v2.body.id).toBe(sample.id);
		const missing = await ws(emu, '/services/invoice/out/getByFilename?filename=IT01879020517_zzzzz.xml.p7m', token);
		expect([missing.status, missing.body]).toEqual([404, { message: 'Fattura non trovata' }]);
	});

	it('getInvoiceWithUnsignedFile gives the XML inside a received .p7m', async () => {
		const token = await tokenOf();
		const list = await ws(emu, '/api/v2/invoices-in?size=100', token);
		const signed = list.body.content.find((i: any) => i.filename.endsWith('.p7m'));
		expect(signed).toBeDefined();
		const stored = await ws(emu, `/services/invoice/in/${signed.id}?includeFile=true`, token);
		expect(Buffer.from(stored.body.file, 'base64')[0]).toBe(0x30);
		const unsigned = await ws(emu, `/services/invoice/in/getInvoiceWithUnsignedFile?invoiceId=${signed.id}`, token);
		expect(Buffer.from(unsigned.body.file, 'base64').toString()).toMatch(/^<\?xml/);
		const v2 = await ws(emu, `/api/v2/invoices-in/detail?id=${signed.id}&includeUnsignedFile=true`, token);
		expect(Buffer.from(v2.body.unsignedFile, 'base64').toString()).toMatch(/FatturaElettronica/);
	});
});

describe('per-minute limits per user', () => {
	it('upload: 30 per rolling minute, the 31st gets 429 with Retry-After', async () => {
		const token = await tokenOf();
		for (let k = 0; k < 30; k++) expect((await ws(emu, '/services/invoice/upload', token, { json: { dataFile: '' } })).status).toBe(400);
		emu.advance(15_000);
		const limited = await ws(emu, '/services/invoice/uploadSigned', token, { json: { dataFile: '' } });
		expect([limited.status, limited.body]).toEqual([429, { message: 'Too many requests' }]);
		expect(limited.headers.get('retry-after')).toBe('45');
		expect(emu.stats.byBucket.upload).toBe(30);
		emu.advance(45_000);
		expect((await uploadXml(emu, token, invoiceXml('L-1'))).status).toBe(200);
	});

	it('search: 12 per minute over v1 and v2 lists together', async () => {
		const token = await tokenOf();
		const user = emu.users.premium.username;
		for (let k = 0; k < 6; k++) {
			expect((await ws(emu, `/services/invoice/${k % 2 ? 'in' : 'out'}/findByUsername?username=${user}`, token)).status).toBe(200);
			expect((await ws(emu, `/api/v2/invoices-${k % 2 ? 'in' : 'out'}`, token)).status).toBe(200);
		}
		const limited = await ws(emu, '/api/v2/invoices-in', token);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(emu.stats.byBucket.search).toBe(12);
		// gets are not in the search bucket
		expect((await ws(emu, '/api/v2/invoices-in/detail?id=nothing', token)).status).toBe(404);
	});

	it('notification: 12 per minute over every notification route', async () => {
		const token = await tokenOf();
		const sent = (await ws(emu, '/api/v2/invoices-out', token)).body.content[0];
		const routes = [`/services/notification/out/${sent.id}`, `/services/notification/out/getByInvoiceFilename?invoiceFilename=${sent.filename}`, `/api/v2/invoices-out/notifications?id=${sent.id}`];
		for (let k = 0; k < 12; k++) expect((await ws(emu, routes[k % 3], token)).status).toBe(200);
		expect((await ws(emu, routes[0], token)).status).toBe(429);
		expect(emu.stats.byBucket.notification).toBe(12);
		emu.advance(MIN);
		expect((await ws(emu, routes[1], token)).status).toBe(200);
	});
});

async function notificationsOf(e: ArubaEmulator, token: string, filename: string): Promise<any[]> {
	const r = await ws(e, `/services/notification/out/getByInvoiceFilename?invoiceFilename=${filename}`, token);
	expect(r.status).toBe(200);
	expect(r.body.count).toBe(r.body.notifications.length);
	return r.body.notifications;
}

async function statusOf(e: ArubaEmulator, token: string, filename: string): Promise<{ status: string; idSdi: string | null }> {
	const r = await ws(e, `/services/invoice/out/getByFilename?filename=${filename}`, token);
	return { status: r.body.invoices[0].status, idSdi: r.body.idSdi };
}

const PA_CESSIONARIO = { denominazione: 'Comune di Demo', codiceFiscale: '80012345676', indirizzo: 'Piazza Maggiore', numeroCivico: '1', cap: '40124', comune: 'Bologna', provincia: 'BO', pubblicaAmministrazione: true };
const fpa12 = (numero: string, e: ArubaEmulator = emu) => invoiceXml(numero, { formatoTrasmissione: 'FPA12', codiceDestinatario: 'UFQ4RT', cessionario: PA_CESSIONARIO }, e);

describe('SDI simulation on the virtual clock', () => {
	it('a valid FPR12 is taken by SDI after sdiDelayMs and delivered (RC): idSdi, status Consegnata, an RC notification that parses', async () => {
		const token = await tokenOf();
		const { uploadFileName } = (await uploadXml(emu, token, invoiceXml('R-1'))).body;
		emu.advance(59_000);
		expect(await statusOf(emu, token, uploadFileName)).toEqual({ status: 'Inviata', idSdi: null });
		emu.advance(1_000);
		const after = await statusOf(emu, token, uploadFileName);
		expect(after.status).toBe('Consegnata');
		expect(after.idSdi).toMatch(/^\d+$/);
		const [rc] = await notificationsOf(emu, token, uploadFileName);
		expect(rc).toMatchObject({ docType: 'RC', filename: `${uploadFileName.replace('.xml.p7m', '')}_RC_001.xml`, invoiceFilename: uploadFileName, result: null });
		const parsed = parseNotification(Buffer.from(rc.file, 'base64'), { fileName: rc.filename });
		expect(parsed).toMatchObject({ type: 'RC', family: 'b2b', status: 'delivered', identificativoSdI: after.idSdi, nomeFile: uploadFileName, messageId: expect.any(String) });
		expect(parsed.destinatario?.codice).toBe('M5UXCR1');
	});

	it('an invoice with a wrong line total is rejected (NS) with the SDI codes lib/fatturapa finds, and can be re-sent with the same number', async () => {
		const token = await tokenOf();
		const good = invoiceXml('N-1');
		const bad = good.replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>900.00</PrezzoTotale>');
		expect(bad).not.toBe(good);
		const { uploadFileName } = (await uploadXml(emu, token, bad)).body;
		emu.advance(MIN);
		expect((await statusOf(emu, token, uploadFileName)).status).toBe('Scartata');
		const [ns] = await notificationsOf(emu, token, uploadFileName);
		expect(ns.docType).toBe('NS');
		const parsed = parseNotification(Buffer.from(ns.file, 'base64'), { fileName: ns.filename });
		expect(parsed).toMatchObject({ type: 'NS', family: 'b2b', status: 'rejected' });
		expect(parsed.errors.map((e) => e.codice)).toEqual(expect.arrayContaining(['00423']));
		expect(parsed.errors[0].descrizione).toBeTruthy();
		// rejected: the same number and date go through again (no 0002)
		expect((await uploadXml(emu, token, good)).body.errorCode).toBe('0000');
	});

	it('a scripted NS carries exactly the scripted errors', async () => {
		const token = await tokenOf();
		emu.scriptNext({ type: 'NS', errors: [{ codice: '00404', descrizione: 'Fattura duplicata' }] });
		const { uploadFileName } = (await uploadXml(emu, token, invoiceXml('N-2'))).body;
		emu.advance(MIN);
		const [ns] = await notificationsOf(emu, token, uploadFileName);
		expect(parseNotification(Buffer.from(ns.file, 'base64')).errors).toEqual([{ codice: '00404', descrizione: 'Fattura duplicata' }]);
	});

	it('FPR12 with CodiceDestinatario 0000000 and no PEC: MC, status Non Consegnata', async () => {
		const token = await tokenOf();
		const { uploadFileName } = (await uploadXml(emu, token, invoiceXml('M-1', { codiceDestinatario: '0000000' }))).body;
		emu.advance(MIN);
		expect((await statusOf(emu, token, uploadFileName)).status).toBe('Non Consegnata');
		const [mc] = await notificationsOf(emu, token, uploadFileName);
		const parsed = parseNotification(Buffer.from(mc.file, 'base64'), { fileName: mc.filename });
		expect(parsed).toMatchObject({ type: 'MC', family: 'b2b', status: 'not_delivered' });
		// with a PEC address it is delivered
		const pec = (await uploadXml(emu, token, invoiceXml('M-2', { codiceDestinatario: '0000000', pecDestinatario: 'cliente@pec.example.it' }))).body.uploadFileName;
		emu.advance(MIN);
		expect((await statusOf(emu, token, pec)).status).toBe('Consegnata');
	});

	it('FPA12: RC, then an NE (EC01 by default) after another sdiDelayMs, status Accettata; a scripted EC02 ends Rifiutata', async () => {
		const token = await tokenOf();
		const a = (await uploadXml(emu, token, fpa12('PA-1'))).body.uploadFileName;
		emu.scriptNext({ type: 'NE', esito: 'EC02' });
		const b = (await uploadXml(emu, token, fpa12('PA-2'))).body.uploadFileName;
		emu.advance(MIN);
		expect((await statusOf(emu, token, a)).status).toBe('Consegnata');
		emu.advance(MIN);
		expect((await statusOf(emu, token, a)).status).toBe('Accettata');
		expect((await statusOf(emu, token, b)).status).toBe('Rifiutata');
		const notes = await notificationsOf(emu, token, b);
		expect(notes.map((n) => n.docType)).toEqual(['RC', 'NE']);
		expect(notes[1]).toMatchObject({ result: 'EC02', filename: expect.stringMatching(/_NE_002\.xml$/) });
		const rc = parseNotification(Buffer.from(notes[0].file, 'base64'));
		expect([rc.type, rc.family, rc.namespace]).toEqual(['RC', 'pa', 'http://www.fatturapa.gov.it/sdi/messaggi/v1.0']);
		const ne = parseNotification(Buffer.from(notes[1].file, 'base64'), { fileName: notes[1].filename });
		expect(ne).toMatchObject({ type: 'NE', family: 'pa', esito: 'EC02', status: 'refused' });
		const accepted = parseNotification(Buffer.from((await notificationsOf(emu, token, a))[1].file, 'base64'));
		expect([accepted.esito, accepted.status]).toEqual(['EC01', 'accepted']);
	});

	it('FPA12 with a scripted RC gets no NE: Decorrenza Termini (DT) 15 days after the RC', async () => {
		const token = await tokenOf();
		emu.scriptNext({ type: 'RC' });
		const f = (await uploadXml(emu, token, fpa12('PA-3'))).body.uploadFileName;
		emu.advance(MIN);
		emu.advance(15 * DAY - 1000);
		const t = await tokenOf();
		expect((await statusOf(emu, t, f)).status).toBe('Consegnata');
		emu.advance(1000);
		expect((await statusOf(emu, t, f)).status).toBe('Decorrenza Termini');
		const notes = await notificationsOf(emu, t, f);
		expect(notes.map((n) => n.docType)).toEqual(['RC', 'DT']);
		expect(parseNotification(Buffer.from(notes[1].file, 'base64'), { fileName: notes[1].filename })).toMatchObject({ type: 'DT', status: 'expired' });
	});

	it('FPA12 not delivered (scripted MC): AT 10 days later', async () => {
		const token = await tokenOf();
		emu.scriptNext({ type: 'MC' });
		const f = (await uploadXml(emu, token, fpa12('PA-4'))).body.uploadFileName;
		emu.advance(MIN + 10 * DAY);
		const t = await tokenOf();
		const notes = await notificationsOf(emu, t, f);
		expect(notes.map((n) => n.docType)).toEqual(['MC', 'AT']);
		expect(parseNotification(Buffer.from(notes[0].file, 'base64'))).toMatchObject({ type: 'MC', family: 'pa', status: 'not_delivered' });
		expect(parseNotification(Buffer.from(notes[1].file, 'base64'))).toMatchObject({ type: 'AT', status: 'transmitted_undeliverable' });
	});

	it('notifications by id, by file name (v1 and v2) and lastUpdate moving with each step', async () => {
		const token = await tokenOf();
		const f = (await uploadXml(emu, token, fpa12('PA-5'))).body.uploadFileName;
		const created = (await ws(emu, `/services/invoice/out/getByFilename?filename=${f}`, token)).body;
		emu.advance(2 * MIN);
		const got = (await ws(emu, `/services/invoice/out/getByFilename?filename=${f}`, token)).body;
		expect(Date.parse(got.lastUpdate) - Date.parse(created.lastUpdate)).toBe(2 * MIN);
		const v1 = await ws(emu, `/services/notification/out/${got.id}`, token);
		const v2 = await ws(emu, `/api/v2/invoices-out/notifications?filename=${f}`, token);
		expect(v2.body).toEqual(v1.body);
		const name = v1.body.notifications[1].filename;
		const one = await ws(emu, `/services/notification/out/getByFilename?filename=${name}`, token);
		expect(one.body).toMatchObject({ filename: name, docType: 'NE', invoiceId: got.id });
		const d2 = await ws(emu, `/api/v2/invoices-out/notifications/detail?filename=${name}`, token);
		expect(d2.body.id).toBe(one.body.id);
	});
});

function zipEntries(bytes: Buffer): string[] {
	// read the central directory: end record -> entries
	const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	expect(end).toBeGreaterThan(0);
	const count = bytes.readUInt16LE(end + 10);
	let at = bytes.readUInt32LE(end + 16);
	const names: string[] = [];
	for (let k = 0; k < count; k++) {
		expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
		const n = bytes.readUInt16LE(at + 28);
		const extra = bytes.readUInt16LE(at + 30);
		const comment = bytes.readUInt16LE(at + 32);
		names.push(bytes.subarray(at + 46, at + 46 + n).toString('utf8'));
		at += 46 + n + extra + comment;
	}
	return names;
}

function unzipTest(bytes: Buffer): void {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aruba-zip-'));
	try {
		const file = path.join(dir, 'a.zip');
		fs.writeFileSync(file, bytes);
		try {
			execFileSync('unzip', ['-v'], { stdio: 'ignore' });
		} catch {
			return; // no unzip here: the central-directory read is the check
		}
		expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe('binary downloads', () => {
	it('getZipByFilename and v2 zip are valid ZIP files holding the invoice file', async () => {
		const token = await tokenOf();
		const sent = (await ws(emu, '/api/v2/invoices-out', token)).body.content[0];
		const r = await ws(emu, `/services/invoice/out/getZipByFilename?filename=${sent.filename}`, token);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/zip');
		expect(zipEntries(r.bytes)).toEqual([sent.filename]);
		unzipTest(r.bytes);
		const v2 = await ws(emu, `/api/v2/invoices-out/zip?idSdi=${sent.idSdi}`, token);
		expect(zipEntries(v2.bytes)).toEqual([sent.filename]);
		expect((await ws(emu, '/services/invoice/out/getZipByFilename?filename=nope', token)).status).toBe(404);
	});

	it('pdd holds the invoice and its notifications', async () => {
		const token = await tokenOf();
		const sent = (await ws(emu, '/api/v2/invoices-out', token)).body.content[0];
		const r = await ws(emu, `/services/invoice/out/pdd?invoiceId=${sent.id}`, token);
		expect(r.headers.get('content-type')).toBe('application/zip');
		expect(zipEntries(r.bytes)).toEqual([sent.filename, `${sent.filename.replace('.xml.p7m', '')}_RC_001.xml`]);
		unzipTest(r.bytes);
		const received = (await ws(emu, '/api/v2/invoices-in', token)).body.content[0];
		const v2 = await ws(emu, `/api/v2/invoices-in/pdd?id=${received.id}`, token);
		expect(zipEntries(v2.bytes)).toEqual([received.filename]);
	});
});

describe('esito committente (received FPA12)', () => {
	async function receivedFpa12(token: string): Promise<any> {
		const list = await ws(emu, '/api/v2/invoices-in', token);
		return list.body.content.find((i: any) => i.invoiceType === 'FPA12');
	}

	it('EC01 on a received FPA12 within 15 days is sent, then delivered by SDI after sdiDelayMs', async () => {
		const token = await tokenOf();
		const inv = await receivedFpa12(token);
		const r = await ws(emu, '/services/invoice/in/sendEsitoCommittente', token, { json: { filename: inv.filename, sdiId: inv.idSdi, esito: 'EC01', descrizione: 'ok' } });
		expect(r.status).toBe(200);
		expect(r.body.errorCode).toBe('0000');
		const s1 = await ws(emu, `/services/invoice/in/sendEsitoCommittente/${inv.filename}`, token);
		expect(s1.body).toMatchObject({ esito: 'EC01', status: 'Inviato' });
		emu.advance(MIN);
		const s2 = await ws(emu, `/services/invoice/in/sendEsitoCommittente/${inv.filename}`, token);
		expect(s2.body.status).toBe('Consegnato');
		const again = await ws(emu, '/services/invoice/in/sendEsitoCommittente', token, { json: { filename: inv.filename, esito: 'EC02' } });
		expect(again.status).toBe(400);
		expect(again.body.message).toMatch(/già inviato/);
	});

	it('is refused for an FPR12, for a wrong esito, and after 15 days from receipt', async () => {
		const token = await tokenOf();
		const list = (await ws(emu, '/api/v2/invoices-in', token)).body.content;
		const fpr = list.find((i: any) => i.invoiceType === 'FPR12');
		const r1 = await ws(emu, '/services/invoice/in/sendEsitoCommittente', token, { json: { filename: fpr.filename, esito: 'EC01' } });
		expect(r1.status).toBe(400);
		expect(r1.body.message).toMatch(/FPA12/);
		const inv = await receivedFpa12(token);
		const r2 = await ws(emu, '/services/invoice/in/sendEsitoCommittente', token, { json: { filename: inv.filename, esito: 'EC03' } });
		expect(r2.status).toBe(400);
		const missing = await ws(emu, '/services/invoice/in/sendEsitoCommittente', token, { json: { filename: 'IT00000000000_zzzzz.xml', esito: 'EC01' } });
		expect([missing.status, missing.body]).toEqual([404, { message: 'Fattura non trovata' }]);
		emu.advance(13 * DAY);
		const late = await ws(emu, '/services/invoice/in/sendEsitoCommittente', await tokenOf(), { json: { filename: inv.filename, esito: 'EC02' } });
		expect(late.status).toBe(400);
		expect(late.body.message).toMatch(/15 giorni/);
	});
});

describe('v2 bulk export jobs', () => {
	it('an export job is PENDING, then COMPLETED sdiDelayMs later with a zip of the asked files', async () => {
		const token = await tokenOf();
		const ids = (await ws(emu, '/api/v2/invoices-out', token)).body.content.map((i: any) => i.id);
		const job = await ws(emu, '/api/v2/invoices-out/download', token, { json: { ids, downloadTypes: ['DownloadXml', 'DownloadNotifications', 'ReportExcel'] } });
		expect(job.status).toBe(200);
		const pending = await ws(emu, `/api/v2/download/${job.body.jobId}`, token);
		expect(pending.body).toEqual({ jobId: job.body.jobId, status: 'PENDING' });
		emu.advance(MIN);
		const done = await ws(emu, `/api/v2/download/${job.body.jobId}`, token);
		expect(done.body.status).toBe('COMPLETED');
		const names = zipEntries(Buffer.from(done.body.file, 'base64'));
		expect(names.filter((n) => n.endsWith('.xml') && !/_RC_/.test(n))).toHaveLength(2);
		expect(names.filter((n) => /_RC_001\.xml$/.test(n))).toHaveLength(2);
		expect(names).toContain('report.csv');
		unzipTest(Buffer.from(done.body.file, 'base64'));
		expect((await ws(emu, '/api/v2/invoices-in/download', token, { json: { ids: ['nope'] } })).status).toBe(404);
	});

	it('the multicedenti report works the same way', async () => {
		const token = await tokenOf();
		const job = await ws(emu, '/api/v2/multicedenti/report', token, { json: {} });
		emu.advance(MIN);
		const done = await ws(emu, `/api/v2/download/${job.body.jobId}`, token);
		expect(zipEntries(Buffer.from(done.body.file, 'base64'))).toEqual(['multicedenti.csv']);
	});
});

describe('admin routes (no token) and test hooks', () => {
	it('POST /_emulator/received adds a received invoice; GET /_emulator/state counts it', async () => {
		const before = await call(`${emu.wsUrl}/_emulator/state`);
		expect(before.body).toMatchObject({ sent: 2, received: 3 });
		const xml = demoSentInvoice({ numero: 'X-9', data: today(), cessionario: { denominazione: emu.company.denominazione, partitaIva: emu.company.partitaIva, indirizzo: 'Via', cap: '40121', comune: 'Bologna', provincia: 'BO' } });
		const r = await call(`${emu.wsUrl}/_emulator/received`, { json: { xml: b64(xml) } });
		expect(r.status).toBe(200);
		expect(r.body.docType).toBe('in');
		const after = await call(`${emu.wsUrl}/_emulator/state`);
		expect(after.body).toMatchObject({ received: 4, stats: expect.objectContaining({ byBucket: expect.any(Object) }) });
		expect(emu.receivedInvoices()).toHaveLength(4);
	});

	it('POST /_emulator/script and /_emulator/clock drive an upload to NS from outside the process', async () => {
		const token = await tokenOf();
		expect((await call(`${emu.wsUrl}/_emulator/script`, { json: { type: 'NS', errors: [{ codice: '00311', descrizione: 'CodiceDestinatario non valido' }] } })).status).toBe(200);
		const f = (await uploadXml(emu, token, invoiceXml('A-1'))).body.uploadFileName;
		const clock = await call(`${emu.wsUrl}/_emulator/clock`, { json: { advanceMs: MIN } });
		expect(clock.status).toBe(200);
		expect((await statusOf(emu, token, f)).status).toBe('Scartata');
		const sent = emu.sentInvoices().find((i) => i.filename === f)!;
		expect(sent.notifications).toEqual([expect.objectContaining({ docType: 'NS' })]);
		expect((await call(`${emu.wsUrl}/_emulator/script`, { json: { type: 'XX' } })).status).toBe(400);
		// an NS scripted without errors gets SDI's generic 00200
		await call(`${emu.wsUrl}/_emulator/script`, { json: { type: 'NS' } });
		const g = (await uploadXml(emu, token, invoiceXml('A-2'))).body.uploadFileName;
		await call(`${emu.wsUrl}/_emulator/clock`, { json: { advanceMs: MIN } });
		const [ns] = await notificationsOf(emu, token, g);
		expect(parseNotification(Buffer.from(ns.file, 'base64')).errors.map((e) => e.codice)).toEqual(['00200']);
	});

	it('receive() with signed: true stores a p7m that unwraps to the XML', async () => {
		const xml = demoSentInvoice({ numero: 'X-10', data: today() });
		const rec = emu.receive(xml, { signed: true, receivedAt: emu.now() - DAY });
		expect(String(rec.filename)).toMatch(/\.xml\.p7m$/);
		const stored = emu.receivedInvoices().find((i) => i.id === rec.id)!;
		expect(unwrapP7m(Buffer.from(String(stored.file), 'base64')).content.toString()).toBe(xml);
	});

	it("the empty seed has the accounts but no invoices", async () => {
		const e = await start({ seed: 'empty' });
		const token = await tokenOf(e);
		expect((await ws(e, '/api/v2/invoices-in', token)).body.totalElements).toBe(0);
		expect((await ws(e, '/api/v2/invoices-out', token)).body.totalElements).toBe(0);
		expect(e.multicedenti).toHaveLength(3);
	});

	it('the demo seed: 3 received (one FPA12, one signed p7m) from different suppliers and 2 delivered sent invoices', async () => {
		const received = emu.receivedInvoices();
		expect(new Set(received.map((i: any) => i.sender.vatCode)).size).toBe(3);
		expect(received.filter((i: any) => i.invoiceType === 'FPA12')).toHaveLength(1);
		expect(received.filter((i: any) => String(i.filename).endsWith('.p7m'))).toHaveLength(1);
		expect(emu.sentInvoices().map((i: any) => i.status)).toEqual(['Consegnata', 'Consegnata']);
	});
});

describe('cli', () => {
	it('prints one JSON line with authUrl, wsUrl and the demo users, and serves both hosts', async () => {
		const { spawn } = await import('node:child_process');
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'aruba', 'cli.ts'), '--seed', 'empty'], { stdio: ['ignore', 'pipe', 'inherit'] });
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout!.on('data', (d: Buffer) => {
					out += d.toString();
					if (out.includes('\n')) resolve(out.split('\n')[0]);
				});
				child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
			});
			const info = JSON.parse(line);
			expect(info).toMatchObject({ system: 'aruba', authUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), wsUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
			expect(info.users.premium.username).toBeTruthy();
			const r = await call(`${info.authUrl}/auth/signin`, { form: { grant_type: 'password', ...info.users.premium } });
			expect(r.status).toBe(200);
			expect((await call(`${info.wsUrl}/_emulator/state`)).body).toMatchObject({ sent: 0, received: 0 });
		} finally {
			child.kill('SIGTERM');
		}
	}, 30_000);
});
