/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Aruba Fatturazione Elettronica Trigger against the emulator: new received invoices and SdI
 * notifications of sent invoices, each emitted exactly once across polls, late arrivals inside
 * the overlap, a poll failing half way, pages, and a manual run that leaves the state alone.
 * Date is faked (timers stay real) so the node and the emulator read one clock the test moves.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startArubaEmulator, type ArubaEmulator } from '../emulators/aruba';
import { demoSentInvoice } from '../emulators/aruba/seed';
import { chain, runWorkflow } from '../harness/n8n';
import { triggerHarness } from '../harness/triggers';
import { fakeDateOnly } from '../helpers/fakeDate';

let emulator: ArubaEmulator;
let store: Record<string, ICredentialDataDecryptedObject>;
let staticData: IDataObject;

beforeEach(async () => {
	fakeDateOnly();
	emulator = await startArubaEmulator({ seed: 'demo', clock: () => Date.now() });
	const { username, password } = emulator.users.premium;
	store = { arubaFatturazioneApi: { username, password, environment: 'custom', authUrl: emulator.authUrl, wsUrl: emulator.wsUrl, accessToken: '', refreshToken: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '', signedInAt: '' } };
	staticData = {};
});
afterEach(async () => {
	await emulator.close();
	jest.useRealTimers();
});

const minutes = (n: number) => jest.setSystemTime(Date.now() + n * 60_000);

async function poll(parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[]> {
	const trigger = await triggerHarness(
		{
			name: 'Aruba Trigger',
			type: 'arubaFatturazioneTrigger',
			parameters: { events: ['receivedInvoice', 'sentNotification'], options: {}, ...parameters } as never,
			credentials: { arubaFatturazioneApi: { id: 'aruba-1', name: 'Aruba' } },
		},
		store,
		{ staticData },
	);
	return (await trigger.poll(mode))?.[0] ?? [];
}

async function upload(xml: string): Promise<string> {
	const run = await runWorkflow(
		chain({ name: 'Aruba', type: 'arubaFatturazione', parameters: { resource: 'sentInvoice', operation: 'upload', input: 'xml', xml, uploadOptions: {} } as never, credentials: { arubaFatturazioneApi: { id: 'aruba-1', name: 'Aruba' } } }),
		store,
	);
	if (run.error()) throw run.error();
	return run.output('Aruba')[0].json.uploadFileName as string;
}

const summary = (items: INodeExecutionData[]) => items.map((i) => (i.json.event === 'receivedInvoice' ? `in:${String(((i.json.invoices as IDataObject[])[0] ?? {}).number)}` : `${String(i.json.type)}:${String((i.json.invoice as IDataObject).filename)}`));

test('the first poll starts from now: invoices already there are not emitted', async () => {
	expect(await poll()).toEqual([]);
	minutes(15);
	expect(await poll()).toEqual([]);
});

test('a new received invoice is emitted once, with its XML as binary and read into JSON', async () => {
	await poll();
	minutes(5);
	emulator.receive(demoSentInvoice({ numero: 'R-1', data: '2026-11-30' }));
	minutes(10);
	const items = await poll();
	expect(summary(items)).toEqual(['in:R-1']);
	expect(items[0].json).toMatchObject({ event: 'receivedInvoice', status: 'received', fattura: { versione: 'FPR12' } });
	expect(Buffer.from(items[0].binary!.data.data, 'base64').toString('utf8')).toContain('<Numero>R-1</Numero>');
	minutes(15);
	expect(await poll()).toEqual([]);
	minutes(15);
	expect(await poll()).toEqual([]);
});

test('a signed received invoice comes without its envelope', async () => {
	await poll();
	minutes(1);
	emulator.receive(demoSentInvoice({ numero: 'R-2', data: '2026-11-30' }), { signed: true });
	minutes(15);
	const items = await poll();
	expect(summary(items)).toEqual(['in:R-2']);
	expect(items[0].binary!.data.fileName).toMatch(/\.xml$/);
	expect(Buffer.from(items[0].binary!.data.data, 'base64').toString('utf8')).toMatch(/^<\?xml/);
});

test('an invoice recorded late, inside the overlap, is still emitted, once', async () => {
	await poll();
	minutes(15);
	await poll();
	// Aruba records it now with a time just before the last poll
	emulator.receive(demoSentInvoice({ numero: 'R-late', data: '2026-11-30' }), { receivedAt: Date.now() - 3 * 60_000 });
	minutes(15);
	expect(summary(await poll())).toEqual(['in:R-late']);
	minutes(15);
	expect(await poll()).toEqual([]);
});

test('150 invoices arriving together come over two pages, each once', async () => {
	await poll({ events: ['receivedInvoice'] });
	minutes(1);
	for (let i = 0; i < 150; i++) emulator.receive(demoSentInvoice({ numero: `B-${i}`, data: '2026-11-30', progressivoInvio: `B${i}` }));
	minutes(15);
	const items = await poll({ events: ['receivedInvoice'], options: { includeFile: false, parse: false } });
	expect(new Set(summary(items)).size).toBe(150);
	expect(items).toHaveLength(150);
	minutes(15);
	expect(await poll({ events: ['receivedInvoice'] })).toEqual([]);
});

test('a poll that fails half way emits nothing, and the next one emits everything once', async () => {
	await poll({ events: ['receivedInvoice'] });
	minutes(1);
	emulator.receive(demoSentInvoice({ numero: 'F-1', data: '2026-11-30' }));
	emulator.receive(demoSentInvoice({ numero: 'F-2', data: '2026-11-30', progressivoInvio: 'F2' }));
	minutes(15);
	// the second file download fails
	emulator.ws.fault({ method: 'GET', path: /getInvoiceWithUnsignedFile/, kind: 'status', status: 400, body: { message: 'Richiesta non valida' }, times: 1, skip: 1 });
	await expect(poll({ events: ['receivedInvoice'] })).rejects.toThrow(/400/);
	const afterFailure = JSON.stringify(staticData);
	minutes(15);
	expect(summary(await poll({ events: ['receivedInvoice'] })).sort()).toEqual(['in:F-1', 'in:F-2']);
	expect(JSON.stringify(staticData)).not.toBe(afterFailure);
	minutes(15);
	expect(await poll({ events: ['receivedInvoice'] })).toEqual([]);
});

test('SdI notifications of a sent invoice: RC once', async () => {
	await poll();
	const filename = await upload(demoSentInvoice({ numero: 'S-1', data: '2026-11-30' }));
	minutes(2);
	const items = await poll();
	expect(summary(items)).toEqual([`RC:${filename}`]);
	expect(items[0].json).toMatchObject({ event: 'sentNotification', type: 'RC', status: 'delivered', invoice: { filename, status: 'delivered' }, notification: { nomeFile: filename } });
	minutes(15);
	expect(await poll()).toEqual([]);
});

test('a rejection (NS) comes with its error list', async () => {
	await poll();
	emulator.scriptNext({ type: 'NS', errors: [{ codice: '00404', descrizione: 'Fattura duplicata' }] });
	const filename = await upload(demoSentInvoice({ numero: 'S-2', data: '2026-11-30' }));
	minutes(2);
	const items = await poll({ options: { notificationTypes: ['NS'] } });
	expect(summary(items)).toEqual([`NS:${filename}`]);
	expect(items[0].json).toMatchObject({ status: 'rejected', errors: [{ codice: '00404', descrizione: 'Fattura duplicata' }] });
});

test('a PA invoice: RC, then the outcome (NE) in a later poll, each once', async () => {
	await poll();
	const pa = demoSentInvoice({
		numero: 'PA-1',
		data: '2026-11-30',
		formatoTrasmissione: 'FPA12',
		codiceDestinatario: 'UFQ4RT',
		cessionario: { denominazione: 'Comune di Esempio', codiceFiscale: '80012345676', indirizzo: 'Piazza Municipio', numeroCivico: '1', cap: '40121', comune: 'Bologna', provincia: 'BO', pubblicaAmministrazione: true } as never,
	});
	const filename = await upload(pa);
	minutes(1.5);
	expect(summary(await poll())).toEqual([`RC:${filename}`]);
	minutes(2);
	const outcome = await poll();
	expect(summary(outcome)).toEqual([`NE:${filename}`]);
	expect(outcome[0].json).toMatchObject({ status: 'accepted' });
	minutes(15);
	expect(await poll()).toEqual([]);
});

test('a manual run shows the last day and leaves the stored state alone', async () => {
	await poll();
	const before = JSON.stringify(staticData);
	const items = await poll({}, 'manual');
	// the demo seed: one received invoice a day ago (the older ones are outside the look-back)
	expect(items.filter((i) => i.json.event === 'receivedInvoice')).toHaveLength(1);
	expect(JSON.stringify(staticData)).toBe(before);
});
