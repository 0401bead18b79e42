/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The Aruba Fatturazione Elettronica node through real n8n-core, against the two-host emulator:
 * every operation, the token kept in the credential (one sign-in, refresh first), the upload
 * error codes, validation before upload, the SdI timeline to RC and NS, fix-and-resend.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { validateFatturaPA } from '../../lib/fatturapa';
import { startArubaEmulator, type ArubaEmulator } from '../emulators/aruba';
import { demoSentInvoice } from '../emulators/aruba/seed';
import { capturedLogs, chain, runWorkflow } from '../harness/n8n';
import { triggerHarness } from '../harness/triggers';
import { fakeDateOnly } from '../helpers/fakeDate';

let emulator: ArubaEmulator;
let store: Record<string, ICredentialDataDecryptedObject>;

function credentialFor(em: ArubaEmulator, user: { username: string; password: string } = em.users.premium): ICredentialDataDecryptedObject {
	return { username: user.username, password: user.password, environment: 'custom', authUrl: em.authUrl, wsUrl: em.wsUrl, accessToken: '', refreshToken: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '', signedInAt: '' };
}

beforeEach(async () => {
	// the emulator reads Date.now on each call, so tests that fake Date move both sides
	emulator = await startArubaEmulator({ seed: 'demo', clock: () => Date.now() });
	store = { arubaFatturazioneApi: credentialFor(emulator) };
});
afterEach(async () => emulator.close());

function aruba(parameters: IDataObject, name = 'Aruba') {
	return { name, type: 'arubaFatturazione', parameters: parameters as never, credentials: { arubaFatturazioneApi: { id: 'aruba-1', name: 'Aruba' } } };
}

async function run(parameters: IDataObject, input: INodeExecutionData[] = [{ json: {} }], credentials = store) {
	const result = await runWorkflow(chain(aruba(parameters)), credentials, input);
	const error = result.error();
	return { result, error, items: error ? [] : result.output('Aruba') };
}

function fileItem(xml: string | Buffer, fileName = 'IT04123456784_A0001.xml'): INodeExecutionData {
	const data = Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8');
	return { json: {}, binary: { data: { data: data.toString('base64'), mimeType: 'application/xml', fileName } } };
}

/** Only Date is faked (timers stay real): node and emulator read one clock that tests move. */
async function withFakeDate<T>(fn: () => Promise<T>): Promise<T> {
	fakeDateOnly();
	try {
		return await fn();
	} finally {
		jest.useRealTimers();
	}
}

/** 96 polls of the trigger, 15 minutes apart, each a new execution sharing the credential and static data. */
async function dayOfPolls(events: string[]): Promise<void> {
	const staticData: IDataObject = {};
	for (let poll = 0; poll < 96; poll++) {
		const trigger = await triggerHarness(
			{ name: 'Aruba Trigger', type: 'arubaFatturazioneTrigger', parameters: { events, options: {} } as never, credentials: { arubaFatturazioneApi: { id: 'aruba-1', name: 'Aruba' } } },
			store,
			{ staticData },
		);
		await trigger.poll();
		jest.setSystemTime(Date.now() + 15 * 60_000);
	}
}

const uploads = () => emulator.ws.requests.filter((r) => r.path.startsWith('/services/invoice/upload'));

describe('credential and tokens', () => {
	test('the first call signs in once and keeps the tokens in the credential; the next execution reuses them', async () => {
		const first = await run({ resource: 'account', operation: 'getInfo' });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ username: emulator.users.premium.username, vatCode: emulator.company.partitaIva });
		expect(emulator.stats.signIns).toBe(1);
		expect(store.arubaFatturazioneApi.accessToken).toMatch(/\S{10,}/);
		expect(store.arubaFatturazioneApi.refreshToken).toMatch(/\S{10,}/);
		expect(Date.parse(String(store.arubaFatturazioneApi.accessTokenExpiresAt)) - Date.now()).toBeGreaterThan(1700_000);

		await run({ resource: 'multicedente', operation: 'getMany', returnAll: true });
		await run({ resource: 'account', operation: 'getInfo' });
		expect(emulator.stats.signIns).toBe(1);
		expect(emulator.stats.refreshes).toBe(0);
	});

	test('an expired access token is refreshed with the refresh token, not a new sign-in', async () => {
		await run({ resource: 'account', operation: 'getInfo' });
		const firstRefreshToken = store.arubaFatturazioneApi.refreshToken;
		emulator.advance(31 * 60_000);
		const { error, items } = await run({ resource: 'account', operation: 'getInfo' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(emulator.stats.signIns).toBe(1);
		expect(emulator.stats.refreshes).toBe(1);
		expect(store.arubaFatturazioneApi.refreshToken).not.toBe(firstRefreshToken);
	});

	test('a refused refresh token falls back to one password sign-in', async () => {
		await withFakeDate(async () => {
			await run({ resource: 'account', operation: 'getInfo' });
			store.arubaFatturazioneApi.refreshToken = 'not-a-refresh-token-aruba-knows';
			jest.setSystemTime(Date.now() + 31 * 60_000);
			const { error } = await run({ resource: 'account', operation: 'getInfo' });
			expect(error).toBeUndefined();
			expect(emulator.stats.signIns).toBe(2);
			expect(emulator.stats.limited.signin).toBe(0);
		});
	});

	test('a sign-in needed less than a minute after the last one waits for the minute instead of getting 429', async () => {
		await withFakeDate(async () => {
			await run({ resource: 'account', operation: 'getInfo' });
			const signedInAt = Date.parse(String(store.arubaFatturazioneApi.signedInAt));
			// both tokens refused at once (e.g. revoked on the portal) 10 s after the sign-in
			store.arubaFatturazioneApi.refreshToken = 'revoked';
			store.arubaFatturazioneApi.accessToken = 'revoked';
			jest.setSystemTime(signedInAt + 10_000);
			let finished = false;
			const done = run({ resource: 'account', operation: 'getInfo' }).finally(() => (finished = true));
			while (!finished) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				jest.setSystemTime(Date.now() + 5000);
			}
			const { error } = await done;
			expect(error).toBeUndefined();
			expect(emulator.stats.signIns).toBe(2);
			expect(emulator.stats.limited.signin).toBe(0);
			expect(Date.parse(String(store.arubaFatturazioneApi.signedInAt)) - signedInAt).toBeGreaterThanOrEqual(60_000);
		});
	});

	test('a day of 15-minute polls signs in once per refresh-token life at most', async () => {
		await withFakeDate(async () => {
			await dayOfPolls(['receivedInvoice', 'sentNotification']);
			// sliding refresh tokens (the emulator's default): one sign-in for the whole day
			expect(emulator.stats.signIns).toBe(1);
			expect(emulator.stats.refreshes).toBeGreaterThanOrEqual(40);
			expect(emulator.stats.limited).toEqual({ signin: 0, upload: 0, search: 0, notification: 0 });
		});
	}, 60_000);

	test('with refresh tokens that keep their first expiry, a day of polls signs in once an hour, never more', async () => {
		await emulator.close();
		emulator = await startArubaEmulator({ seed: 'demo', clock: () => Date.now(), slidingRefresh: false });
		store = { arubaFatturazioneApi: credentialFor(emulator) };
		await withFakeDate(async () => {
			await dayOfPolls(['receivedInvoice']);
			expect(emulator.stats.signIns).toBeLessThanOrEqual(24);
			expect(emulator.stats.signIns).toBeGreaterThanOrEqual(12);
			expect(emulator.stats.limited.signin).toBe(0);
		});
	}, 60_000);

	test('a non-Premium account is told that the API needs a Premium account or a delegation', async () => {
		const { error } = await run({ resource: 'account', operation: 'getInfo' }, [{ json: {} }], { arubaFatturazioneApi: credentialFor(emulator, emulator.users.basic) });
		expect(error?.message ?? '').toMatch(/Premium/);
		expect(`${error?.message} ${(error as { description?: string })?.description ?? ''}`).not.toContain(emulator.users.basic.password);
	});

	test('a wrong password says so, and never shows the password', async () => {
		const wrong = { username: emulator.users.premium.username, password: 'Wrong-Password-9' };
		const { error } = await run({ resource: 'account', operation: 'getInfo' }, [{ json: {} }], { arubaFatturazioneApi: credentialFor(emulator, wrong) });
		expect(error?.message ?? '').toMatch(/user name or password is incorrect.*Check the username and password/);
		const everything = JSON.stringify([error?.message, (error as { description?: string })?.description, capturedLogs]);
		expect(everything).not.toContain('Wrong-Password-9');
	});
});

describe('sending', () => {
	test('a valid invoice is validated, uploaded with Aruba as trasmittente, and reaches RC', async () => {
		const xml = demoSentInvoice({ numero: 'FT-100', data: '2026-11-30', trasmittente: { idPaese: 'IT', idCodice: '04123456784' } as never });
		const { error, items } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'binary', binaryPropertyName: 'data', uploadOptions: {} }, [fileItem(xml)]);
		expect(error).toBeUndefined();
		const upload = items[0].json;
		expect(upload.errorCode).toBe('0000');
		expect(String(upload.uploadFileName)).toMatch(/^IT01879020517_\w{5}\.xml\.p7m$/);
		expect(upload).toMatchObject({ signed: false, invoice: { cedente: `IT${emulator.company.partitaIva}`, documents: [{ numero: 'FT-100', data: '2026-11-30' }] } });
		const sent = emulator.sentInvoices().find((i) => i.filename === upload.uploadFileName)!;
		expect(sent).toBeDefined();
		expect(Buffer.from(String(sent.file), 'base64').toString('utf8')).toContain('<IdCodice>01879020517</IdCodice>');

		emulator.advance(61_000);
		const notes = await run({ resource: 'sentInvoice', operation: 'getNotifications', by: 'filename', value: upload.uploadFileName });
		expect(notes.error).toBeUndefined();
		expect(notes.items.map((i) => i.json.type)).toEqual(['RC']);
		expect(notes.items[0].json).toMatchObject({ status: 'delivered', notification: { type: 'RC', nomeFile: upload.uploadFileName } });

		const got = await run({ resource: 'sentInvoice', operation: 'get', by: 'filename', value: upload.uploadFileName, getOptions: { includeFile: true, includePdf: true } });
		expect(got.items[0].json).toMatchObject({ status: 'delivered', arubaStatus: 'Consegnata', fattura: { versione: 'FPR12' } });
		expect(got.items[0].binary?.data?.mimeType).toBe('application/pkcs7-mime');
		expect(got.items[0].binary?.pdf?.mimeType).toBe('application/pdf');
	});

	test('an invoice SdI would reject is stopped before upload with the SdI codes', async () => {
		const good = demoSentInvoice({ numero: 'FT-101', data: '2026-11-30' });
		const bad = good.replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>1200.00</PrezzoTotale>');
		expect(bad).not.toBe(good);
		const expected = validateFatturaPA(bad).findings.filter((f) => f.severity === 'error').map((f) => f.code);
		expect(expected).toContain('00423');
		const { error } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: bad, uploadOptions: {} });
		expect(error?.message).toMatch(/would be rejected by SdI/);
		for (const code of expected) expect(error?.message).toContain(code);
		expect(uploads()).toHaveLength(0);
		expect(emulator.sentInvoices().filter((i) => i.filename && String((i.invoices as IDataObject[])[0]?.number) === 'FT-101')).toHaveLength(0);
	});

	test('with validation off the same invoice reaches SdI and comes back rejected (NS) with its error list', async () => {
		const bad = demoSentInvoice({ numero: 'FT-102', data: '2026-11-30' }).replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>1200.00</PrezzoTotale>');
		const { items } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: bad, uploadOptions: { validate: false } });
		expect(items[0].json.errorCode).toBe('0000');
		expect((items[0].json.warnings as IDataObject[]).map((f) => f.code)).toContain('00423');
		emulator.advance(61_000);
		const notes = await run({ resource: 'sentInvoice', operation: 'getNotifications', by: 'filename', value: items[0].json.uploadFileName });
		expect(notes.items[0].json).toMatchObject({ type: 'NS', status: 'rejected' });
		expect((notes.items[0].json.errors as IDataObject[]).map((e) => e.codice)).toContain('00423');
	});

	test('fix and resend: same number and date, new file name, history of both attempts', async () => {
		const fixed = demoSentInvoice({ numero: 'FT-103', data: '2026-11-30' });
		const bad = fixed.replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>1200.00</PrezzoTotale>');
		const first = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: bad, uploadOptions: { validate: false } });
		const rejectedFilename = first.items[0].json.uploadFileName as string;
		emulator.advance(61_000);

		const renumbered = fixed.replace('<Numero>FT-103</Numero>', '<Numero>FT-104</Numero>');
		const wrongNumber = await run({ resource: 'sentInvoice', operation: 'resend', rejectedFilename, input: 'xml', xml: renumbered, uploadOptions: {} });
		expect(wrongNumber.error?.message).toMatch(/must keep the Numero of the rejected one: expected Numero FT-103/);

		const resent = await run({ resource: 'sentInvoice', operation: 'resend', rejectedFilename, input: 'xml', xml: fixed, uploadOptions: {} });
		expect(resent.error).toBeUndefined();
		const json = resent.items[0].json;
		expect(json.uploadFileName).not.toBe(rejectedFilename);
		expect(json.resentFrom).toBe(rejectedFilename);
		expect((json.rejectionErrors as IDataObject[]).map((e) => e.codice)).toContain('00423');
		expect((json.history as IDataObject[]).map((h) => [h.filename, h.status])).toEqual([
			[rejectedFilename, 'rejected'],
			[json.uploadFileName, 'sent'],
		]);

		emulator.advance(61_000);
		const history = await run({ resource: 'sentInvoice', operation: 'getHistory', numero: 'FT-103', data: '2026-11-30' });
		expect(history.items[0].json).toMatchObject({ attempts: 2, status: 'delivered' });
		expect(((history.items[0].json.history as IDataObject[])[0].rejectionErrors as IDataObject[]).map((e) => e.codice)).toContain('00423');

		const delivered = await run({ resource: 'sentInvoice', operation: 'resend', rejectedFilename: json.uploadFileName, input: 'xml', xml: fixed, uploadOptions: {} });
		expect(delivered.error?.message).toMatch(/has status "Consegnata"; only an invoice SdI rejected/);
	});

	test('uploading the very same file again, even a day later, returns the first upload instead of a second invoice (0001)', async () => {
		await withFakeDate(async () => {
			const xml = demoSentInvoice({ numero: 'FT-110', data: '2026-11-30' });
			const first = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml, uploadOptions: {} });
			// a workflow re-run the next day
			jest.setSystemTime(Date.now() + 86_400_000);
			const again = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml, uploadOptions: {} });
			expect(again.error).toBeUndefined();
			expect(again.items[0].json).toMatchObject({ uploadFileName: first.items[0].json.uploadFileName, recovered: 'same file already uploaded' });
			expect(emulator.sentInvoices().filter((i) => String((i.invoices as IDataObject[])[0]?.number) === 'FT-110')).toHaveLength(1);
		});
	});

	test('another file with the number and date of a sent invoice is refused with 0002 explained', async () => {
		await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: demoSentInvoice({ numero: 'FT-111', data: '2026-11-30' }), uploadOptions: {} });
		const other = demoSentInvoice({ numero: 'FT-111', data: '2026-11-30', progressivoInvio: 'A0002' });
		const { error } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: other, uploadOptions: {} });
		expect(error?.message).toMatch(/0002 Fattura duplicata/);
		expect(error?.message).toMatch(/same seller, type, number and date/);
	});

	test('a seller the account may not send for is refused with 0097 explained', async () => {
		const { error } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: demoSentInvoice({ numero: 'FT-112', data: '2026-11-30' }), uploadOptions: { senderPIVA: '07654321095' } });
		expect(error?.message).toMatch(/0097 Errore controlli deleghe/);
		expect(error?.message).toMatch(/multicedenti/);
	});

	test('an account out of space gets 0003 explained', async () => {
		await emulator.close();
		emulator = await startArubaEmulator({ seed: 'empty', quotaBytes: 100 });
		store = { arubaFatturazioneApi: credentialFor(emulator) };
		const { error } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: demoSentInvoice({ numero: 'FT-113', data: '2026-11-30' }), uploadOptions: {} });
		expect(error?.message).toMatch(/0003 Superato limite spazio disponibile/);
	});

	test('Aruba briefly unavailable (0096, 503) is retried and the invoice is sent once', async () => {
		emulator.unavailable(1);
		const { error, items } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: demoSentInvoice({ numero: 'FT-114', data: '2026-11-30' }), uploadOptions: {} });
		expect(error).toBeUndefined();
		expect(items[0].json.errorCode).toBe('0000');
		expect(uploads().map((r) => r.status)).toEqual([503, 200]);
		expect(emulator.sentInvoices().filter((i) => String((i.invoices as IDataObject[])[0]?.number) === 'FT-114')).toHaveLength(1);
	});

	test('an answer lost after the upload reached Aruba is looked up, not sent again', async () => {
		emulator.ws.fault({ method: 'POST', path: /^\/services\/invoice\/upload$/, kind: 'resetAfterApply', times: 1 });
		const { error, items } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: demoSentInvoice({ numero: 'FT-115', data: '2026-11-30' }), uploadOptions: {} });
		expect(error).toBeUndefined();
		expect(items[0].json.recovered).toBe('answer lost, upload found');
		expect(uploads()).toHaveLength(1);
		expect(emulator.sentInvoices().filter((i) => String((i.invoices as IDataObject[])[0]?.number) === 'FT-115')).toHaveLength(1);
	});

	test('a base64 refusal (0005) reads as a clear error', async () => {
		emulator.ws.fault({ method: 'POST', path: /^\/services\/invoice\/upload$/, kind: 'status', status: 400, body: { errorCode: '0005', errorDescription: 'Base64 non valido' }, times: 1 });
		const { error } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: demoSentInvoice({ numero: 'FT-116', data: '2026-11-30' }), uploadOptions: {} });
		expect(error?.message).toMatch(/0005 Base64 non valido/);
	});

	test('a signed .p7m goes untouched to uploadSigned', async () => {
		const received = emulator.receivedInvoices().find((i) => String(i.filename).endsWith('.p7m'))!;
		const signed = Buffer.from(String(received.file), 'base64');
		// a received signed invoice stands in for one the user signed: the emulator checks delegation, so send it for its seller
		const sender = (received.sender as IDataObject).vatCode as string;
		const { error, items } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'binary', binaryPropertyName: 'data', uploadOptions: { validate: false, senderPIVA: sender } }, [fileItem(signed, 'x.xml.p7m')]);
		const request = uploads()[0];
		expect(request?.path).toBe('/services/invoice/uploadSigned');
		expect(Buffer.from(String((request.body as IDataObject).dataFile), 'base64').equals(signed)).toBe(true);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ errorCode: '0000', signed: true, trasmittenteSet: false });
	});

	test('missing binary input names the field and the properties present', async () => {
		const { error } = await run({ resource: 'sentInvoice', operation: 'upload', input: 'binary', binaryPropertyName: 'fattura', uploadOptions: {} }, [fileItem('<x/>')]);
		expect(error?.message).toBe('Input Binary Field: the item has no binary property "fattura"');
		expect((error as { description?: string }).description).toContain('data');
	});
});

describe('finding and reading', () => {
	test('received invoices: all pages, with v1 and v2 filters', async () => {
		for (let i = 0; i < 130; i++) emulator.receive(demoSentInvoice({ numero: `R-${i}`, data: '2026-11-29', progressivoInvio: `Z${i}` }));
		const all = await run({ resource: 'receivedInvoice', operation: 'getMany', apiVersion: 'v2', returnAll: true, filters: {} });
		expect(all.items).toHaveLength(133);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(133);
		const searches = emulator.ws.requests.filter((r) => r.path === '/api/v2/invoices-in');
		expect(searches).toHaveLength(2);

		const v1 = await run({ resource: 'receivedInvoice', operation: 'getMany', apiVersion: 'v1', returnAll: false, limit: 5, filtersV1: {} });
		expect(v1.items).toHaveLength(5);
		const v1Request = emulator.ws.requests.find((r) => r.path === '/services/invoice/in/findByUsername')!;
		expect(v1Request.query.username).toBe(emulator.users.premium.username);

		const bySender = await run({ resource: 'receivedInvoice', operation: 'getMany', apiVersion: 'v2', returnAll: true, filters: { senderVatcode: '09345678123' } });
		expect(bySender.items.length).toBeGreaterThanOrEqual(1);
		expect(bySender.items.every((i) => (i.json.sender as IDataObject).vatCode === '09345678123')).toBe(true);
	});

	test('sent invoices filtered by status', async () => {
		const { items } = await run({ resource: 'sentInvoice', operation: 'getMany', apiVersion: 'v2', returnAll: true, filters: { status: 'Consegnata' } });
		expect(items.length).toBe(2);
		expect(items.every((i) => i.json.status === 'delivered')).toBe(true);
	});

	test('a received signed invoice comes without its envelope, read into JSON', async () => {
		const signed = emulator.receivedInvoices().find((i) => String(i.filename).endsWith('.p7m'))!;
		const { error, items } = await run({ resource: 'receivedInvoice', operation: 'get', by: 'id', value: String(signed.id), getOptions: {} });
		expect(error).toBeUndefined();
		const binary = items[0].binary!.data;
		expect(binary.fileName).toBe(String(signed.filename).replace(/\.p7m$/, ''));
		expect(Buffer.from(binary.data, 'base64').toString('utf8')).toMatch(/^<\?xml/);
		expect(items[0].json).toMatchObject({ status: 'received', fattura: { FatturaElettronicaHeader: { CessionarioCommittente: { DatiAnagrafici: { IdFiscaleIVA: { IdCodice: emulator.company.partitaIva } } } } } });
	});

	test('get by SdI identifier, and "return nothing" for an unknown one', async () => {
		const sent = emulator.sentInvoices()[0];
		const found = await run({ resource: 'sentInvoice', operation: 'get', by: 'idSdi', value: String(sent.idSdi), getOptions: { includeFile: false } });
		expect(found.items[0].json.id).toBe(sent.id);
		expect(found.items[0].binary).toBeUndefined();
		const missing = await run({ resource: 'sentInvoice', operation: 'get', by: 'idSdi', value: '99999999', getOptions: { returnNothingIfNotFound: true } });
		expect(missing.error).toBeUndefined();
		expect(missing.items).toHaveLength(0);
		const failing = await run({ resource: 'sentInvoice', operation: 'get', by: 'idSdi', value: '99999999', getOptions: {} });
		expect(failing.error?.message).toMatch(/not found \(404\)/);
	});

	test('downloads come as ZIP files', async () => {
		const sent = emulator.sentInvoices()[0];
		for (const kind of ['zip', 'pdd']) {
			const { error, items } = await run({ resource: 'sentInvoice', operation: 'download', by: 'filename', value: String(sent.filename), kind });
			expect(error).toBeUndefined();
			const bytes = Buffer.from(items[0].binary!.data.data, 'base64');
			expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
			expect(items[0].binary!.data.mimeType).toBe('application/zip');
		}
	});

	test('multicedenti, one of them, and the account', async () => {
		const all = await run({ resource: 'multicedente', operation: 'getMany', returnAll: true, multicedenteFilters: {} });
		expect(all.items.map((i) => i.json.vatCode)).toEqual(emulator.multicedenti.map((m) => m.vatCode));
		const active = await run({ resource: 'multicedente', operation: 'getMany', returnAll: true, multicedenteFilters: { status: 'ACTIVE' } });
		expect(active.items.every((i) => i.json.status === 'ACTIVE')).toBe(true);
		const one = await run({ resource: 'multicedente', operation: 'get', multicedenteId: String(emulator.multicedenti[0].id) });
		expect(one.items[0].json.vatCode).toBe(emulator.multicedenti[0].vatCode);
	});
});

describe('every remaining operation', () => {
	test('sent invoices through v1 findByUsername, filtered by receiver', async () => {
		const sent = emulator.sentInvoices()[0];
		const receiver = (sent.receiver as IDataObject).vatCode as string;
		const { error, items } = await run({ resource: 'sentInvoice', operation: 'getMany', apiVersion: 'v1', returnAll: true, filtersV1: { vatcodeReceiver: receiver } });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThanOrEqual(1);
		expect(items.every((i) => (i.json.receiver as IDataObject).vatCode === receiver)).toBe(true);
		expect(emulator.ws.requests.find((r) => r.path === '/services/invoice/out/findByUsername')?.query).toMatchObject({ username: emulator.users.premium.username, vatcodeReceiver: receiver });
	});

	test('notifications of a received invoice: none yet gives no item, not an error', async () => {
		const received = emulator.receivedInvoices()[0];
		expect(received.notifications).toEqual([]);
		const { error, items } = await run({ resource: 'receivedInvoice', operation: 'getNotifications', by: 'id', value: String(received.id), notificationOptions: { includeFile: true } });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(emulator.ws.requests.some((r) => r.path === '/api/v2/invoices-in/notifications' && r.query.id === String(received.id))).toBe(true);
	});

	test('notifications of a sent invoice with each XML as a file', async () => {
		const sent = emulator.sentInvoices()[0];
		const { items } = await run({ resource: 'sentInvoice', operation: 'getNotifications', by: 'id', value: String(sent.id), notificationOptions: { includeFile: true } });
		expect(items.map((i) => i.json.type)).toEqual(['RC']);
		expect(items[0].binary?.data?.mimeType).toBe('application/xml');
		expect(Buffer.from(items[0].binary!.data.data, 'base64').toString('utf8')).toContain('RicevutaConsegna');
	});

	test('a received invoice as ZIP', async () => {
		const received = emulator.receivedInvoices()[0];
		const { error, items } = await run({ resource: 'receivedInvoice', operation: 'download', by: 'id', value: String(received.id), kind: 'zip' });
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
	});

	test('the multicedenti report export', async () => {
		const { error, items } = await run({ resource: 'export', operation: 'start', scope: 'multicedenti' });
		expect(error).toBeUndefined();
		expect(items[0].json.jobId).toBeTruthy();
	});

	test('with Continue On Fail a refused item becomes an error item and the others go on', async () => {
		const good = demoSentInvoice({ numero: 'FT-120', data: '2026-11-30' });
		const bad = good.replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>1.00</PrezzoTotale>').replace('<Numero>FT-120</Numero>', '<Numero>FT-121</Numero>');
		const node = { ...aruba({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: '={{ $json.xml }}', uploadOptions: {} }), continueOnFail: true };
		const result = await runWorkflow(chain(node), store, [{ json: { xml: bad } }, { json: { xml: good } }]);
		const items = result.output('Aruba');
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(/would be rejected by SdI/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.errorCode).toBe('0000');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('with "On Error: Continue (using error output)" a refused item goes to the error output', async () => {
		const good = demoSentInvoice({ numero: 'FT-130', data: '2026-11-30' });
		const bad = good.replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>1.00</PrezzoTotale>').replace('<Numero>FT-130</Numero>', '<Numero>FT-131</Numero>');
		const node = { ...aruba({ resource: 'sentInvoice', operation: 'upload', input: 'xml', xml: '={{ $json.xml }}', uploadOptions: {} }), onError: 'continueErrorOutput' as const };
		const result = await runWorkflow(chain(node), store, [{ json: { xml: bad } }, { json: { xml: good } }]);
		const success = result.output('Aruba', 0);
		const failed = result.output('Aruba', 1);
		expect(success.map((i) => i.json.errorCode)).toEqual(['0000']);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatch(/would be rejected by SdI/);
		expect(failed[0].json.details).toMatch(/00423/);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
	});

	test('secrets stay out of the output and the call log', async () => {
		await run({ resource: 'account', operation: 'getInfo' });
		await run({ resource: 'sentInvoice', operation: 'getMany', apiVersion: 'v2', returnAll: true, filters: {} });
		const token = String(store.arubaFatturazioneApi.accessToken);
		expect(token.length).toBeGreaterThan(10);
		const logged = JSON.stringify(capturedLogs);
		expect(logged).not.toContain(token);
		expect(logged).not.toContain(emulator.users.premium.password);
	});
});

describe('buyer outcome and exports', () => {
	test('accepting a received PA invoice (EC01) and reading its status', async () => {
		const pa = emulator.receivedInvoices().find((i) => i.invoiceType === 'FPA12')!;
		const sent = await run({ resource: 'receivedInvoice', operation: 'sendOutcome', filename: String(pa.filename), sdiId: String(pa.idSdi), esito: 'EC01', descrizione: '' });
		expect(sent.error).toBeUndefined();
		expect(sent.items[0].json).toMatchObject({ esito: 'EC01', errorCode: '0000' });
		const status = await run({ resource: 'receivedInvoice', operation: 'getOutcomeStatus', filename: String(pa.filename) });
		expect(status.items[0].json).toMatchObject({ esito: 'EC01' });
	});

	test('a refusal (EC02) needs its reason, before anything is sent', async () => {
		const pa = emulator.receivedInvoices().find((i) => i.invoiceType === 'FPA12')!;
		const { error } = await run({ resource: 'receivedInvoice', operation: 'sendOutcome', filename: String(pa.filename), sdiId: String(pa.idSdi), esito: 'EC02', descrizione: '' });
		expect(error?.message).toMatch(/^Description: a refusal \(EC02\) needs the reason/);
		expect(emulator.ws.requests.some((r) => r.path.includes('sendEsitoCommittente'))).toBe(false);
	});

	test('a bulk export job, then its file once ready', async () => {
		const ids = emulator.sentInvoices().map((i) => i.id).join(',');
		const started = await run({ resource: 'export', operation: 'start', scope: 'out', ids, downloadTypes: ['DownloadXml', 'DownloadNotifications'] });
		const jobId = started.items[0].json.jobId as string;
		expect(jobId).toBeTruthy();
		const pending = await run({ resource: 'export', operation: 'get', jobId });
		expect(pending.items[0].json.status).toBe('PENDING');
		expect(pending.items[0].binary).toBeUndefined();
		emulator.advance(61_000);
		const done = await run({ resource: 'export', operation: 'get', jobId });
		expect(done.items[0].json.status).toBe('COMPLETED');
		expect(Buffer.from(done.items[0].binary!.data.data, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
	});
});

describe('rate limits', () => {
	test('more searches than Aruba allows in a minute wait for the window instead of being refused', async () => {
		await withFakeDate(async () => {
			// 13 items = 13 searches in one execution; the 13th would get Aruba's 429
			const input = Array.from({ length: 13 }, () => ({ json: {} }));
			const started = Date.now();
			let finished = false;
			const done = run({ resource: 'receivedInvoice', operation: 'getMany', apiVersion: 'v2', returnAll: false, limit: 1, filters: {} }, input).finally(() => (finished = true));
			// the limiter re-reads the clock every second of waiting: move it 5 s per 100 ms
			while (!finished) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				jest.setSystemTime(Date.now() + 5000);
			}
			const { error, items } = await done;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(13);
			expect(emulator.stats.limited.search).toBe(0);
			expect(emulator.stats.byBucket.search).toBe(13);
			expect(Date.now() - started).toBeGreaterThanOrEqual(60_000);
		});
	}, 60_000);
});
