/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The example workflows in a real n8n: every one imports with `n8n import:workflow`; the
 * "order paid" flow, published, turns one signed POST to its production URL into a client, an
 * invoice and an e-invoice in the emulator and one e-mail in a local SMTP sink.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { signedHeaders } from '../../lib/webhook/signature';
import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { specRequestValidator, specResponseValidator } from '../emulators/fattureincloud/specValidator';
import { hasSpec, specPath } from '../helpers/specs';
import { REPO, startN8n, type N8nInstance } from './n8n';
import { startSmtpSink, type SmtpSink } from './smtpSink';

const SIGNING_SECRET = 'e2e-order-paid-signing-secret';
const examples = fs.readdirSync(path.join(REPO, 'workflows')).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO, 'workflows', file), 'utf8'));

let n8n: N8nInstance;
let emulator: FicEmulator;
let smtp: SmtpSink;

beforeAll(async () => {
	// the example's requests are checked against the official spec, as the real API would check them
	if (!hasSpec('fattureincloud', 'openapi.yaml') && process.env.CI) throw new Error('../shared/specs/fattureincloud/openapi.yaml is missing: the examples cannot be checked against the spec under CI');
	const spec = specPath('fattureincloud', 'openapi.yaml');
	emulator = await startFicEmulator(hasSpec('fattureincloud', 'openapi.yaml') ? { seed: 'empty', validateRequest: specRequestValidator(spec), validateResponse: specResponseValidator(spec) } : { seed: 'empty' });
	smtp = await startSmtpSink();
	n8n = await startN8n({
		credentials: [
			{ id: 'gi-demo-fic-token', name: 'Fatture in Cloud (demo emulator)', type: 'fattureInCloudApi', data: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
			{ id: 'gi-demo-order-secret', name: 'Order paid signing secret', type: 'signedWebhookApi', data: { secret: SIGNING_SECRET } },
			{ id: 'gi-demo-smtp', name: 'SMTP', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
			// referenced by the Aruba examples; only imported here (aruba-example.test.ts runs them against the emulator)
			{
				id: 'gi-demo-aruba',
				name: 'Aruba Fatturazione Elettronica (demo emulator)',
				type: 'arubaFatturazioneApi',
				data: { username: 'demo.premium', password: 'Demo-Premium-1!', environment: 'custom', authUrl: 'http://127.0.0.1:4020', wsUrl: 'http://127.0.0.1:4021', accessToken: '', refreshToken: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '', signedInAt: '' },
			},
			{ id: 'gi-demo-aruba-resend-key', name: 'Aruba fix-and-resend key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: 'e2e-aruba-resend-key' } },
		],
		workflows: examples.map(load),
		publish: ['giExOrderPaid001'],
	});
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
	await smtp?.close();
});

test('every example workflow was imported by n8n import:workflow', async () => {
	const listed = await n8n.cli(['list:workflow']);
	for (const file of examples) expect(listed).toContain(load(file).id);
});

test('a signed "order paid" POST yields the client, the invoice, the e-invoice and one e-mail', async () => {
	const order = {
		order: 'A-1001',
		paid_at: '2026-11-20',
		payment_method: 'MP08',
		total: 366,
		customer: { name: 'Rossi Impianti Srl', vat_number: 'IT01234567897', tax_code: '', email: 'amministrazione@rossi.example', pec: 'rossi@pec.example', codice_destinatario: 'ABC1234', address: 'Via Roma 1', postal_code: '20100', city: 'Milano', province: 'mi', country: 'IT' },
		lines: [{ description: 'Consulenza automazione', qty: 2, unit_price: 150, vat_rate: 22 }],
	};
	const body = Buffer.from(JSON.stringify(order));
	const url = `${n8n.url}/webhook/order-paid`;
	const forged = await axios.post(url, body, { headers: { 'content-type': 'application/json', 'x-signature': 'sha256=' + '0'.repeat(64), 'x-request-id': 'forged-1' }, validateStatus: () => true });
	expect(forged.status).toBe(401);

	const response = await axios.post(url, body, {
		headers: { 'content-type': 'application/json', 'x-request-id': 'order-A-1001', ...signedHeaders(body, { format: 'hex', secret: SIGNING_SECRET, header: 'x-signature' }) },
		validateStatus: () => true,
	});
	expect(response.status).toBe(200);
	// "Respond: Immediately": the Signed Webhook's JSON acknowledgement with the delivery id
	expect(response.data).toEqual({ received: true, id: 'order-A-1001' });

	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline && smtp.messages.length === 0) await new Promise((r) => setTimeout(r, 250));
	const clients = emulator.rows('entities/clients');
	expect(clients).toEqual([expect.objectContaining({ name: 'Rossi Impianti Srl', vat_number: '01234567897', ei_code: 'ABC1234', country_iso: 'IT', address_province: 'MI' })]);
	const invoices = emulator.rows('issued_documents');
	expect(invoices).toEqual([expect.objectContaining({ type: 'invoice', number: 1, date: '2026-11-20', e_invoice: true, ei_status: 'sent', amount_gross: 366, entity: expect.objectContaining({ id: clients[0].id }) })]);
	expect(smtp.messages).toHaveLength(1);
	expect(emulator.schemaViolations).toEqual([]);
	expect(smtp.messages[0].to).toEqual(['amministrazione@rossi.example']);
	expect(smtp.messages[0].subject).toContain('Fattura n. 1');

	// the same delivery again is refused as a replay: nothing is written twice
	const replay = await axios.post(url, body, {
		headers: { 'content-type': 'application/json', 'x-request-id': 'order-A-1001', ...signedHeaders(body, { format: 'hex', secret: SIGNING_SECRET, header: 'x-signature' }) },
		validateStatus: () => true,
	});
	expect(replay.status).toBe(409);
	await new Promise((r) => setTimeout(r, 1000));
	expect(emulator.rows('issued_documents')).toHaveLength(1);
	expect(smtp.messages).toHaveLength(1);
});
