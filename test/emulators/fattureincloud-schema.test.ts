/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** In schema mode the emulator refuses a request body the spec would not accept, naming the field. */
import axios from 'axios';

import { specRequestValidator } from './fattureincloud/specValidator';
import { startFicEmulator, type FicEmulator } from './fattureincloud';
import { describeWithSpec, specPath } from '../helpers/specs';

describeWithSpec('fattureincloud/openapi.yaml', 'Fatture in Cloud emulator in schema mode', () => {
	let emulator: FicEmulator;
	beforeAll(async () => {
		emulator = await startFicEmulator({ seed: 'empty', validateRequest: specRequestValidator(specPath('fattureincloud', 'openapi.yaml')) });
	});
	afterAll(async () => emulator.close());

	const createClient = (data: Record<string, unknown>) =>
		axios.post(`${emulator.url}/c/${emulator.companyId}/entities/clients`, { data }, { headers: { Authorization: `Bearer ${emulator.manualToken}` }, validateStatus: () => true });

	test('a wrong field name on createClient answers 422 naming the field and is recorded', async () => {
		const before = emulator.schemaViolations.length;
		const response = await createClient({ name: 'Rossi Srl', partita_iva: '01234567890' });
		expect(response.status).toBe(422);
		expect(JSON.stringify(response.data.error.validation_result)).toContain('partita_iva');
		expect(emulator.schemaViolations.slice(before)).toEqual([{ operationId: 'createClient', errors: [expect.stringContaining('partita_iva')] }]);
	});

	test('the same client with the spec field name is created without violations', async () => {
		const before = emulator.schemaViolations.length;
		const response = await createClient({ name: 'Rossi Srl', vat_number: '01234567890' });
		expect(response.status).toBe(200);
		expect(response.data.data).toMatchObject({ name: 'Rossi Srl', vat_number: '01234567890' });
		expect(emulator.schemaViolations.length).toBe(before);
	});
});
