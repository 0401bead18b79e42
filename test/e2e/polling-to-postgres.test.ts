/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Example (b) in a real n8n: two runs of "paid since yesterday -> PostgreSQL" write each paid
 * document once; a document that changes is written again, one that does not is not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startFicEmulator, type FicEmulator } from '../emulators/fattureincloud';
import { REPO, startN8n, type N8nInstance } from './n8n';
import { startPostgres, type LocalPostgres } from './postgres';

let n8n: N8nInstance;
let emulator: FicEmulator;
let pg: LocalPostgres;
const WORKFLOW = 'giExPaidToPg0001';

beforeAll(async () => {
	pg = await startPostgres();
	pg.query(fs.readFileSync(path.join(REPO, 'workflows', 'paid-documents-to-postgres.md'), 'utf8').match(/```sql\n([\s\S]*?)```/)![1]);
	emulator = await startFicEmulator({ seed: 'empty' });
	emulator.seedIssuedDocuments(6);
	const today = new Date().toISOString().slice(0, 10);
	for (const invoice of emulator.rows('issued_documents').slice(0, 4)) {
		emulator.update('issued_documents', invoice.id, { payments_list: [{ amount: invoice.amount_gross, due_date: today, status: 'paid', paid_date: today }] });
	}
	n8n = await startN8n({
		credentials: [
			{ id: 'gi-demo-fic-token', name: 'Fatture in Cloud (demo emulator)', type: 'fattureInCloudApi', data: { accessToken: emulator.manualToken, baseUrl: emulator.url } },
			{ id: 'gi-demo-postgres', name: 'PostgreSQL (Supabase or local)', type: 'postgres', data: { host: '127.0.0.1', port: pg.port, database: pg.database, user: pg.user, password: pg.password, ssl: 'disable' } },
		],
		workflows: [JSON.parse(fs.readFileSync(path.join(REPO, 'workflows', 'paid-documents-to-postgres.json'), 'utf8'))],
	});
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
	pg?.stop();
});

const written = (run: any) => (run.data.resultData.runData['Upsert changed into PostgreSQL']?.[0]?.data?.main?.[0] ?? []).filter((item: any) => item.json.fic_id !== undefined);

test('two runs write each paid document once; a changed one is written again', async () => {
	const first = await n8n.execute(WORKFLOW);
	expect(first.data?.resultData?.error?.message ?? first.status).toBe('success');
	expect(written(first)).toHaveLength(4);
	expect(pg.query('SELECT count(*) FROM fic_paid_documents').trim()).toBe('4');

	const second = await n8n.execute(WORKFLOW);
	expect(second.status).toBe('success');
	expect(written(second)).toHaveLength(0);
	expect(pg.query('SELECT count(*) FROM fic_paid_documents').trim()).toBe('4');

	await new Promise((r) => setTimeout(r, 1100)); // FIC timestamps have one-second resolution
	const changed = emulator.rows('issued_documents')[0];
	emulator.update('issued_documents', changed.id, { notes: 'IBAN aggiornato' });
	const third = await n8n.execute(WORKFLOW);
	const rewritten = written(third).map((item: any) => item.json);
	expect(rewritten).toHaveLength(1);
	expect(String(rewritten[0].fic_id)).toBe(String(changed.id));
	expect(rewritten[0].inserted).toBe(false);
	expect(pg.query('SELECT count(*) FROM fic_paid_documents').trim()).toBe('4');
});
