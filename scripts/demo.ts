/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/* eslint-disable no-console */
/**
 * `npm run demo`: a real n8n on http://localhost:5678 (next free port if taken) with this package
 * installed as a user would, the loopback emulators, an owner account, emulator-pointed
 * credentials and the example workflows imported (the "order paid" flow published). Prints how to
 * log in and how to try the flows. Ctrl-C stops everything.
 *
 * Demo values below (owner password, signing secret, emulator token) are throwaway values for a
 * local demo, not secrets.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { signedHeaders } from '../lib/webhook/signature';
import { type N8nInstance } from '../test/e2e/n8n';
import { type SmtpSink } from '../test/e2e/smtpSink';
import { type FicEmulator } from '../test/emulators/fattureincloud';
import { DEMO_ARUBA_RESEND_KEY, DEMO_OWNER as OWNER, DEMO_SIGNING_SECRET, REPO, startDemo } from './demoSetup';

const CHECK = process.argv.includes('--check');

async function main() {
	console.log('Starting n8n 2.41.1 with the package installed (the first run installs n8n: a few minutes)...');
	// the user folder is deleted at every start: the example workflows are always re-imported pristine
	const demo = await startDemo({ fixedPorts: true });
	const { n8n, fic, aruba, smtp, workflows, systems } = demo;
	if (n8n.port !== 5678) console.log(`(port 5678 was taken: n8n is on ${n8n.port})`);

	const body = JSON.stringify({
		order: 'A-1001',
		paid_at: new Date().toISOString().slice(0, 10),
		payment_method: 'MP08',
		total: 366,
		customer: { name: 'Rossi Impianti Srl', vat_number: '01234567897', email: 'amministrazione@rossi.example', pec: 'rossi@pec.example', codice_destinatario: 'ABC1234', address: 'Via Roma 1', postal_code: '20100', city: 'Milano', province: 'MI', country: 'IT' },
		lines: [{ description: 'Consulenza automazione', qty: 2, unit_price: 150, vat_rate: 22 }],
	});
	const headers = { ...signedHeaders(Buffer.from(body), { format: 'hex', secret: DEMO_SIGNING_SECRET, header: 'x-signature' }), 'x-request-id': `demo-${Date.now()}` };
	const curlHeaders = Object.entries(headers).map(([k, v]) => `-H '${k}: ${v}'`).join(' ');

	console.log(`
n8n demo ready: ${n8n.url}
  login:     ${OWNER.email} / ${OWNER.password}
  emulators: Fatture in Cloud ${fic.url} (company ${fic.companyId}); SMTP sink 127.0.0.1:${smtp.port}
             Aruba Fatturazione Elettronica auth ${aruba.authUrl}, ws ${aruba.wsUrl}
             (demo login ${aruba.users.premium.username} / ${aruba.users.premium.password}, Premium, ${aruba.company.denominazione} P.IVA ${aruba.company.partitaIva};
              non-Premium ${aruba.users.basic.username} / ${aruba.users.basic.password}; SdI answers 60 s after an upload)
  credentials already set: "Fatture in Cloud (demo emulator)", "Order paid signing secret", "SMTP",
             "Aruba Fatturazione Elettronica (demo emulator)", "Aruba fix-and-resend key"
${systems.map((system) => `  ${system.name}:\n${system.banner.map((line) => `             ${line}`).join('\n')}`).join('\n')}
  workflows: ${workflows.map((w) => `"${w.name}"`).join(', ')}

Try the published "order paid" flow (signed webhook -> client -> invoice -> e-invoice -> e-mail):
  curl -X POST ${n8n.url}/webhook/order-paid -H 'content-type: application/json' ${curlHeaders} -d '${body}'
Change one character of the body and the call is refused with 401; send it twice and the second gets 409.

Aruba flows: open "New FIC invoice -> validate -> Aruba (SdI)" and "Aruba SdI notifications" and click "Execute
workflow": the invoice to "Rossi Impianti Srl" is valid and goes to Aruba (SdI answers RC a minute later); the older
invoices, whose clients have no address, are stopped and their SdI codes e-mailed. The published fix-and-resend webhook takes a rejected file name and a corrected XML:
  curl -X POST ${n8n.url}/webhook/aruba-fix-and-resend -H 'X-Api-Key: ${DEMO_ARUBA_RESEND_KEY}' -H 'content-type: application/json' -d '{"rejectedFilename": "<file name from the NS e-mail>", "xml": "<corrected XML>"}'

Ctrl-C stops n8n and the emulators.`);

	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping...');
		await demo.stop();
		process.exit(code);
	};
	if (CHECK) {
		// `npm run demo -- --check`: what a newcomer would see, checked, then everything stops.
		const problems = await checkDemo(n8n, fic, smtp, body, headers);
		for (const system of systems) if (system.check) problems.push(...(await system.check(n8n)).map((problem) => `${system.name}: ${problem}`));
		for (const problem of problems) console.error(`[demo --check] FAILED: ${problem}`);
		if (!problems.length) console.log('[demo --check] OK: every node and credential of the package is registered, and the "order paid" example ran (client, invoice, e-invoice, e-mail)');
		await stop(problems.length ? 1 : 0);
		return;
	}
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	const report = setInterval(() => {
		if (smtp.messages.length) {
			for (const message of smtp.messages.splice(0)) console.log(`[smtp sink] mail to ${message.to.join(', ')}: ${message.subject ?? ''}`);
		}
	}, 1000);
	report.unref();
}

/** The package's node and credential names as n8n registers them (read from the built entries). */
function declaredNames(kind: 'nodes' | 'credentials'): string[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	return (pkg.n8n[kind] as string[]).flatMap((entry) =>
		Object.values(require(path.join(REPO, entry)) as Record<string, new () => { description?: { name: string }; name?: string }>)
			.filter((value) => typeof value === 'function')
			.map((Type) => new Type())
			.map((instance) => (kind === 'nodes' ? `${pkg.name}.${instance.description!.name}` : instance.name!)),
	);
}

async function checkDemo(n8n: N8nInstance, fic: FicEmulator, smtp: SmtpSink, body: string, headers: Record<string, string>): Promise<string[]> {
	const problems: string[] = [];
	for (const kind of ['nodes', 'credentials'] as const) {
		const registered = await axios.get<Array<{ name: string }>>(`${n8n.url}/types/${kind}.json`, { headers: { cookie: n8n.cookie }, validateStatus: () => true });
		if (registered.status !== 200) {
			problems.push(`GET /types/${kind}.json answered ${registered.status}`);
			continue;
		}
		const names = new Set(registered.data.map((entry) => entry.name));
		for (const name of declaredNames(kind)) if (!names.has(name)) problems.push(`n8n did not register the ${kind === 'nodes' ? 'node' : 'credential'} ${name}`);
	}
	const response = await n8n.webhook('order-paid', { data: body, headers: { 'content-type': 'application/json', ...headers } });
	if (response.status !== 200) problems.push(`the signed "order paid" webhook answered ${response.status}: ${JSON.stringify(response.data).slice(0, 300)}`);
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline && smtp.messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
	if (!smtp.messages.length) problems.push('the "order paid" example sent no e-mail within 60 s');
	const invoices = fic.rows('issued_documents').filter((row: { e_invoice?: boolean; ei_status?: string }) => row.e_invoice && row.ei_status === 'sent');
	if (!invoices.length) problems.push('the "order paid" example created no e-invoice sent to SdI in the Fatture in Cloud emulator');
	return problems;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
