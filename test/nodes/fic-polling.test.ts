/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Fatture in Cloud Polling Trigger against the emulator: across polls with inserts, updates,
 * payments and deletes over page boundaries, several records sharing one timestamp, a restart
 * and a poll failing half way, every change is emitted exactly once.
 */
import type { IDataObject } from 'n8n-workflow';

import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { triggerHarness } from '../harness/triggers';

let emulator: FicEmulator;
beforeEach(async () => {
	emulator = await startFicEmulator({ seed: 'empty' });
});
afterEach(async () => emulator.close());

async function pollerWith(staticData: IDataObject, parameters: Record<string, unknown> = {}) {
	return await triggerHarness(
		{
			name: 'FIC Poll',
			type: 'fattureInCloudPollingTrigger',
			parameters: { authentication: 'accessToken', companyId: String(emulator.companyId), watch: 'clients', kinds: ['new', 'changed', 'paid'], options: {}, ...parameters } as never,
			credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
		},
		{ fattureInCloudApi: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
		{ staticData },
	);
}

const emitted = (result: Awaited<ReturnType<Awaited<ReturnType<typeof pollerWith>>['poll']>>) => (result?.[0] ?? []).map((item) => `${item.json.kind}:${item.json.id}`);

test('three polls: inserts, updates and deletes over page boundaries, all sharing one timestamp, emitted exactly once', async () => {
	const staticData: IDataObject = {};
	emulator.seedClients(30);
	const first = await (await pollerWith(staticData)).poll();
	expect(first).toBeNull();

	// 250 inserts in the same second: three pages of 100 with equal updated_at
	emulator.seedClients(250);
	const second = await (await pollerWith(staticData)).poll();
	const secondIds = emitted(second);
	expect(secondIds).toHaveLength(250);
	expect(new Set(secondIds).size).toBe(250);
	expect(secondIds.every((k) => k.startsWith('new:'))).toBe(true);

	// restart: static data goes through JSON as n8n stores it
	const restarted: IDataObject = JSON.parse(JSON.stringify(staticData));
	const clients = emulator.rows('entities/clients');
	const edited = emulator.update('entities/clients', clients[5].id, { email: 'nuova@example.com' });
	emulator.remove('entities/clients', clients[200].id);
	emulator.seedClients(1);
	const added = clients[clients.length - 1];
	const third = await (await pollerWith(restarted)).poll();
	expect(emitted(third).sort()).toEqual([`changed:${edited.id}`, `new:${added.id}`].sort());
	const fourth = await (await pollerWith(restarted)).poll();
	expect(fourth).toBeNull();
});

test('a poll that fails half way moves no cursor; the next emits everything once', async () => {
	const staticData: IDataObject = {};
	await (await pollerWith(staticData)).poll();
	const before = JSON.stringify(staticData);
	emulator.seedClients(150);
	// the first page passes, the second answers 400 (not retried)
	emulator.fault({ method: 'GET', path: /entities\/clients$/, kind: 'status', status: 400, skip: 1, times: 1 });
	const poller = await pollerWith(staticData);
	await expect(poller.poll()).rejects.toThrow(/400/);
	expect(JSON.stringify(staticData)).toBe(before);
	const retry = await (await pollerWith(staticData)).poll();
	expect(emitted(retry)).toHaveLength(150);
	expect(await (await pollerWith(staticData)).poll()).toBeNull();
});

test('an issued invoice that becomes paid is emitted as paid, once', async () => {
	emulator.seedClients(1);
	const staticData: IDataObject = {};
	const poll = async () => (await pollerWith(staticData, { watch: 'issuedDocuments', documentType: 'invoice' })).poll();
	await poll();
	emulator.seedIssuedDocuments(3);
	expect(emitted(await poll())).toHaveLength(3);
	const invoice = emulator.rows('issued_documents')[1];
	emulator.update('issued_documents', invoice.id, { payments_list: [{ amount: invoice.amount_gross, due_date: '2026-02-01', status: 'paid', paid_date: '2026-01-20' }] });
	expect(emitted(await poll())).toEqual([`paid:${invoice.id}`]);
	expect(await poll()).toBeNull();
});

test('only the chosen kinds are emitted', async () => {
	const staticData: IDataObject = {};
	await (await pollerWith(staticData, { kinds: ['new'] })).poll();
	emulator.seedClients(2);
	const clients = emulator.rows('entities/clients');
	expect(emitted(await (await pollerWith(staticData, { kinds: ['new'] })).poll())).toHaveLength(2);
	emulator.update('entities/clients', clients[0].id, { email: 'changed@example.com' });
	expect(await (await pollerWith(staticData, { kinds: ['new'] })).poll()).toBeNull();
});

test('a manual run fetches a sample and leaves the state alone', async () => {
	emulator.seedClients(8);
	const staticData: IDataObject = {};
	const sample = await (await pollerWith(staticData)).poll('manual');
	expect(sample?.[0].length).toBe(5);
	expect(staticData).toEqual({});
});

test('a manual run with Emit = Paid samples only paid documents, even when newer unpaid ones exist', async () => {
	emulator.seedClients(1);
	emulator.seedIssuedDocuments(1);
	const paidInvoice = emulator.rows('issued_documents')[0];
	emulator.update('issued_documents', paidInvoice.id, { payments_list: [{ amount: paidInvoice.amount_gross, due_date: '2026-02-01', status: 'paid', paid_date: '2026-01-20' }] });
	// six newer unpaid invoices: the five newest records are all unpaid
	emulator.seedIssuedDocuments(6);
	const staticData: IDataObject = {};
	const onlyPaid = await (await pollerWith(staticData, { watch: 'issuedDocuments', documentType: 'invoice', kinds: ['paid'] })).poll('manual');
	expect((onlyPaid?.[0] ?? []).map((item) => [item.json.kind, item.json.sampleOf, item.json.id])).toEqual([['sample', ['paid'], paidInvoice.id]]);

	// with every kind chosen the newest five come back, each saying what it stands for
	const all = await (await pollerWith(staticData, { watch: 'issuedDocuments', documentType: 'invoice' })).poll('manual');
	expect(all?.[0]).toHaveLength(5);
	expect(all?.[0].every((item) => item.json.kind === 'sample' && (item.json.sampleOf as string[]).join() === 'new,changed')).toBe(true);
	expect(staticData).toEqual({});
});

test('a manual run with Emit = Paid on clients (never paid) shows no sample rather than unrelated records', async () => {
	emulator.seedClients(3);
	expect(await (await pollerWith({}, { kinds: ['paid'] })).poll('manual')).toBeNull();
});
