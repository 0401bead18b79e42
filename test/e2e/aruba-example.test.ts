/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The three Aruba example workflows in a real n8n, against the Fatture in Cloud emulator, the
 * Aruba emulator (in this process, so the test moves its SDI clock and scripts outcomes) and a
 * local SMTP sink:
 *   fic-to-aruba-sdi       FIC invoice -> e-invoice XML -> FatturaPA Validate -> Aruba upload
 *   aruba-notifications    Aruba notifications -> NS: e-mail the errors; RC...: mark the FIC invoice
 *   aruba-fix-and-resend   webhook with the corrected XML -> Fix and Resend -> e-mail with the history
 *
 * The FIC emulator writes the e-invoice XML of a document from the document, its client and the
 * company (a complete FatturaPA when the client has an address, a partial one otherwise): an
 * invoice to a client without address is the "SdI would reject it" case.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { arubaCredentialData, demoSentInvoice, startArubaEmulator, type ArubaEmulator } from '../emulators/aruba';
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { REPO, startN8n, type N8nInstance } from './n8n';
import { startSmtpSink, type SinkMessage, type SmtpSink } from './smtpSink';

const FIC_TO_ARUBA = 'giExFicToAruba01';
const NOTIFICATIONS = 'giExArubaNotif01';
const FIX_AND_RESEND = 'giExArubaFixRes1';
const RESEND_KEY = 'e2e-aruba-resend-key';
const COMPANY = 12345;
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO, 'workflows', file), 'utf8'));

let n8n: N8nInstance;
let fic: FicEmulator;
let aruba: ArubaEmulator;
let smtp: SmtpSink;

type Row = Record<string, any>;

/** A corrected FatturaPA of a FIC document, as the consultant would write it: numero = number + numeration. */
function fatturaOf(document: Row, overrides: { progressivoInvio?: string; descrizione?: string } = {}): string {
	const entity = document.entity ?? {};
	return demoSentInvoice({
		numero: `${document.number}${document.numeration ?? ''}`,
		data: String(document.date),
		progressivoInvio: overrides.progressivoInvio ?? `F${String(document.id).padStart(4, '0')}`.slice(-5),
		codiceDestinatario: entity.ei_code,
		cessionario: { denominazione: entity.name, partitaIva: entity.vat_number, indirizzo: entity.address_street, numeroCivico: '1', cap: entity.address_postal_code, comune: entity.address_city, provincia: entity.address_province },
		righe: (document.items_list ?? []).map((item: Row) => ({ descrizione: overrides.descrizione ?? item.name, quantita: item.qty, prezzoUnitario: Number(item.net_price).toFixed(2), aliquotaIVA: 22 })),
	});
}

const ficApi = (method: 'GET' | 'POST', p: string, data?: unknown) =>
	axios.request({ method, url: `${fic.url}/c/${COMPANY}${p}`, data, headers: { authorization: `Bearer ${fic.manualToken}` } }).then((r) => r.data.data);

const clients: Record<string, Row> = {};
async function createInvoice(name: string, netPrice: number, options: { clientWithoutAddress?: boolean } = {}): Promise<Row> {
	const kind = options.clientWithoutAddress ? 'noAddress' : 'complete';
	clients[kind] ??= await ficApi('POST', '/entities/clients', {
		data: options.clientWithoutAddress
			? { name: 'Cliente Senza Indirizzo Srl', vat_number: '09345678123', ei_code: 'M5UXCR1', country_iso: 'IT' }
			: { name: 'Cliente Demo S.p.A.', vat_number: '06234567813', ei_code: 'M5UXCR1', address_street: 'Corso Italia', address_postal_code: '20122', address_city: 'Milano', address_province: 'MI', country_iso: 'IT' },
	});
	const client = clients[kind];
	return await ficApi('POST', '/issued_documents', {
		data: { type: 'invoice', entity: { id: client.id }, date: new Date().toISOString().slice(0, 10), e_invoice: true, items_list: [{ name, qty: 1, net_price: netPrice, vat: { id: 0 } }] },
	});
}

/** The readable text of a sink message (nodemailer sends plain text quoted-printable or base64). */
function textOf(message: SinkMessage): string {
	const [head, ...rest] = message.data.split(/\r?\n\r?\n/);
	const body = rest.join('\n\n');
	const subject = decodeHeader(/^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? '');
	if (/Content-Transfer-Encoding: base64/i.test(head)) return `${subject}\n${Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
	if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
		const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
		return `${subject}\n${Buffer.from(bytes, 'latin1').toString('utf8')}`;
	}
	return `${subject}\n${body}`;
}

function decodeHeader(value: string): string {
	return value.replace(/\r?\n[ \t]/g, ' ').replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
		kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_n, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
	);
}

const mails = (pattern: RegExp) => smtp.messages.map(textOf).filter((text) => pattern.test(text.split('\n')[0]));
const outputOf = (run: any, node: string, output = 0) => (run.data.resultData.runData[node]?.[0]?.data?.main?.[output] ?? []).map((item: any) => item.json);
const runManually = (workflowId: string, trigger: string) => n8n.runFromTrigger(workflowId, trigger);

const runOk = (run: any) => run.data?.resultData?.error?.message ?? run.status;
const sentFor = (number: string) => aruba.sentInvoices().filter((s: any) => s.invoices?.[0]?.number === number);
const ficDocument = (id: number) => fic.rows('issued_documents').find((d) => d.id === id)!;

beforeAll(async () => {
	fic = await startFicEmulator({ seed: 'empty' });
	// The SDI clock runs 10 minutes behind the real one: SdI acts only when the test advances it,
	// and what it stamps is never in the future of the trigger's real-time windows.
	aruba = await startArubaEmulator({ seed: 'empty', clock: () => Date.now() - 10 * 60_000, sdiDelayMs: 60_000 });
	smtp = await startSmtpSink();
	n8n = await startN8n({
		credentials: [
			{ id: 'gi-demo-fic-token', name: 'Fatture in Cloud (demo emulator)', type: 'fattureInCloudApi', data: { accessToken: fic.manualToken, baseUrl: fic.url } },
			{
				id: 'gi-demo-aruba',
				name: 'Aruba Fatturazione Elettronica (demo emulator)',
				type: 'arubaFatturazioneApi',
				data: arubaCredentialData(aruba),
			},
			{ id: 'gi-demo-smtp', name: 'SMTP', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
			{ id: 'gi-demo-aruba-resend-key', name: 'Aruba fix-and-resend key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: RESEND_KEY } },
		],
		workflows: ['fic-to-aruba-sdi.json', 'aruba-notifications.json', 'aruba-fix-and-resend.json'].map(load),
		publish: [FIX_AND_RESEND],
	});
}, 600_000);

afterAll(async () => {
	if (process.env.ARUBA_E2E_PRINT_MAILS) for (const message of smtp?.messages ?? []) console.log(textOf(message));
	await n8n?.stop();
	await aruba?.close();
	await fic?.close();
	await smtp?.close();
});

let first: Row;
let second: Row;

test('a new FIC e-invoice is validated and uploaded to Aruba once; a re-run does not send it again', async () => {
	first = await createInvoice('Consulenza automazione', 1000);

	const run = await runManually(FIC_TO_ARUBA, 'New invoice in Fatture in Cloud');
	expect(runOk(run)).toBe('success');
	expect(sentFor(String(first.number))).toHaveLength(1);
	const [uploaded] = outputOf(run, 'Upload to Aruba');
	expect(uploaded.uploadFileName).toMatch(/^IT01879020517_\w+\.xml\.p7m$/);
	expect(ficDocument(first.id).subject).toContain(`file Aruba ${uploaded.uploadFileName}`);

	const again = await runManually(FIC_TO_ARUBA, 'New invoice in Fatture in Cloud');
	expect(runOk(again)).toBe('success');
	expect(sentFor(String(first.number))).toHaveLength(1);
	expect(outputOf(again, 'Upload to Aruba')[0]).toMatchObject({ uploadFileName: uploaded.uploadFileName, recovered: 'same file already uploaded' });
	expect(smtp.messages).toHaveLength(0);
});

test('after SdI delivers it (RC), the notifications flow marks the FIC invoice as delivered', async () => {
	aruba.advance(61_000);
	expect(sentFor(String(first.number))[0].status).toBe('Consegnata');

	const run = await runManually(NOTIFICATIONS, 'SdI notification');
	expect(runOk(run)).toBe('success');
	expect(outputOf(run, 'SdI notification').map((n: Row) => n.type)).toEqual(['RC']);
	expect(ficDocument(first.id).subject).toMatch(/^\[SdI: consegnata \(RC\) \d{4}-\d{2}-\d{2}, file Aruba IT01879020517_\w+\.xml\.p7m\] $/);
	expect(smtp.messages).toHaveLength(0);
});

test('an invoice SdI would reject is stopped before Aruba: one e-mail to the consultant with its SdI codes, nothing uploaded', async () => {
	const invalid = await createInvoice('Fattura a un cliente senza indirizzo', 50, { clientWithoutAddress: true });
	const uploadsBefore = aruba.sentInvoices().length;

	const run = await runManually(FIC_TO_ARUBA, 'New invoice in Fatture in Cloud');
	expect(runOk(run)).toBe('success');
	expect(aruba.sentInvoices()).toHaveLength(uploadsBefore);
	const [rejected] = outputOf(run, 'Validate FatturaPA', 1);
	expect(rejected.validation.valid).toBe(false);
	const codes: string[] = [...new Set<string>(rejected.validation.findings.filter((f: Row) => f.severity === 'error').map((f: Row) => f.code))];
	expect(codes.length).toBeGreaterThan(0);
	const sent = mails(/NON inviata/);
	expect(sent).toHaveLength(1);
	expect(sent[0]).toContain(`Fattura n. ${invalid.number} del ${invalid.date} NON inviata`);
	for (const code of codes) expect(sent[0]).toContain(code);
	// the consultant fixes or deletes it in FIC; a manual run would show it again otherwise
	fic.remove('issued_documents', invalid.id);
});

test('NS: the notifications flow e-mails the SdI codes; fix-and-resend sends the corrected XML with a new file name and the same number', async () => {
	aruba.scriptNext({
		type: 'NS',
		errors: [
			{ codice: '00305', descrizione: 'IdFiscaleIVA del CessionarioCommittente non valido', suggerimento: 'Verificare la partita IVA del cliente' },
			{ codice: '00311', descrizione: 'CodiceDestinatario non valido', suggerimento: 'Verificare il codice destinatario' },
		],
	});
	second = await createInvoice('Manutenzione impianto', 480);
	const run = await runManually(FIC_TO_ARUBA, 'New invoice in Fatture in Cloud');
	expect(runOk(run)).toBe('success');
	expect(sentFor(String(second.number))).toHaveLength(1);
	expect(sentFor(String(first.number))).toHaveLength(1);
	const rejectedFile = String(sentFor(String(second.number))[0].filename);

	aruba.advance(61_000);
	expect(sentFor(String(second.number))[0].status).toBe('Scartata');
	const notified = await runManually(NOTIFICATIONS, 'SdI notification');
	expect(runOk(notified)).toBe('success');
	const nsMails = mails(/SCARTATA/);
	expect(nsMails).toHaveLength(1);
	expect(nsMails[0]).toContain(rejectedFile);
	expect(nsMails[0]).toContain('00305 - IdFiscaleIVA del CessionarioCommittente non valido - Verificare la partita IVA del cliente');
	expect(nsMails[0]).toContain('00311 - CodiceDestinatario non valido');
	expect(nsMails[0]).toContain('aruba-fix-and-resend');
	expect(ficDocument(first.id).subject).toMatch(/^\[SdI: consegnata \(RC\)/); // RC again: same mark, no mail

	const corrected = fatturaOf(ficDocument(second.id), { progressivoInvio: 'R0002', descrizione: 'Manutenzione impianto (corretta)' });
	const forged = await n8n.webhook('aruba-fix-and-resend', { data: { rejectedFilename: rejectedFile, xml: corrected }, headers: { 'X-Api-Key': 'wrong' } });
	expect(forged.status).toBe(403);
	const answer = await n8n.webhook('aruba-fix-and-resend', { data: { rejectedFilename: rejectedFile, xml: corrected }, headers: { 'X-Api-Key': RESEND_KEY } });
	expect(answer.status).toBe(200);
	const attempts = sentFor(String(second.number));
	expect(attempts).toHaveLength(2);
	expect(answer.data.uploadFileName).toBe(attempts[1].filename);
	expect(answer.data.uploadFileName).not.toBe(rejectedFile);
	expect(answer.data.invoice.documents[0]).toMatchObject({ numero: String(second.number), data: second.date });
	expect(answer.data.history.map((h: Row) => [h.filename, h.status])).toEqual([
		[rejectedFile, 'rejected'],
		[answer.data.uploadFileName, 'sent'],
	]);
	const resentMails = mails(/re-inviata/);
	expect(resentMails).toHaveLength(1);
	expect(resentMails[0]).toContain(`File scartato: ${rejectedFile}`);
	expect(resentMails[0]).toContain(answer.data.uploadFileName);

	// the same call again (a retry): refused with the reason, nothing sent twice, no second e-mail
	const retried = await n8n.webhook('aruba-fix-and-resend', { data: { rejectedFilename: rejectedFile, xml: corrected }, headers: { 'X-Api-Key': RESEND_KEY } });
	expect(retried.status).toBe(422);
	expect(retried.data.error).toContain(`identical to one already uploaded (${answer.data.uploadFileName})`);
	expect(sentFor(String(second.number))).toHaveLength(2);
	expect(mails(/re-inviata/)).toHaveLength(1);

	// and the corrected file goes through to RC, which marks the FIC invoice
	aruba.advance(61_000);
	const delivered = await runManually(NOTIFICATIONS, 'SdI notification');
	expect(runOk(delivered)).toBe('success');
	expect(ficDocument(second.id).subject).toContain(`consegnata (RC)`);
	expect(ficDocument(second.id).subject).toContain(answer.data.uploadFileName);
	expect(mails(/SCARTATA/)).toHaveLength(2); // a manual run looks back 24 h: the NS shows again (an active trigger emits it once)
});
