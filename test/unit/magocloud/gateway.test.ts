/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import {
	assertMagoSuccess,
	authorizationHeader,
	getDataRequest,
	getDataTableRequest,
	loginRequest,
	logoffRequest,
	MagoCloudError,
	MagoInputError,
	producerInfoHeader,
	readBusinessFailure,
	readDataTablePage,
	readLoginAnswer,
	readServiceUrl,
	serverInfoHeader,
	serviceUrlRequest,
	snapshotHeader,
	withSession,
} from '../../../lib/magocloud';
import { describeWithSpec } from '../../helpers/specs';
import { jsonInLine, keys, MAGO_FACTS_FILE, magoFacts } from './facts';

const credentials = { gatewayUrl: 'gwam.mago.cloud', accountName: 'mario@acme.it', password: 'pa ss"w', subscriptionKey: 'SUB-1', ...keys };

describeWithSpec(MAGO_FACTS_FILE, 'MagoCloud headers are JSON objects, with the keys of the samples', () => {
	const auth = () => magoFacts().B_magocloud_gateway.auth;

	test('Authorization carries {Type, appId, SecurityValue}, not "Bearer"', () => {
		const documented = jsonInLine(auth().authorizationHeader);
		const ours = JSON.parse(authorizationHeader('jwt.token.value').Authorization);
		expect(Object.keys(ours)).toEqual(Object.keys(documented));
		expect(ours.appId).toBe(documented.appId);
		expect(ours.Type.toLowerCase()).toBe(documented.Type.toLowerCase());
		expect(ours.SecurityValue).toBe('jwt.token.value');
		expect(authorizationHeader('t').Authorization).not.toMatch(/^Bearer/);
	});

	test('Producer-Info, Snapshot and Server-Info have the documented keys', () => {
		expect(Object.keys(JSON.parse(producerInfoHeader(keys)['Producer-Info']))).toEqual(Object.keys(JSON.parse(auth().login_v1.headers['Producer-Info'])));
		const [snapshot, serverInfo] = auth().otherHeaders.slice(1).map(jsonInLine);
		expect(Object.keys(JSON.parse(snapshotHeader('SUB-1').Snapshot))).toEqual(Object.keys(snapshot));
		const ours = JSON.parse(serverInfoHeader('SUB-1', new Date('2024-01-01T10:00:00Z'))['Server-Info']);
		expect(Object.keys(ours)).toEqual(Object.keys(serverInfo));
		expect(ours).toEqual({ ...serverInfo, subscription: 'SUB-1' });
	});

	test('the application date is the calendar date at the offset: 23:30 UTC on 31 December is 1 January in CET', () => {
		expect(JSON.parse(serverInfoHeader('S', new Date('2024-12-31T23:30:00Z'))['Server-Info']).date).toEqual({ day: 1, month: 1, year: 2025 });
	});

	test('a key with a line break or a space cannot reach a header', () => {
		expect(() => producerInfoHeader({ producerKey: 'a\r\nX-Evil: 1', appKey: 'b' })).toThrow(MagoInputError);
		expect(() => authorizationHeader('')).toThrow('token: is required');
		expect(() => snapshotHeader('a b')).toThrow('subscriptionKey');
	});
});

describeWithSpec(MAGO_FACTS_FILE, 'MagoCloud login and logoff, both variants of the samples', () => {
	const auth = () => magoFacts().B_magocloud_gateway.auth;

	test('v1 (gwam): documented URL, body keys and Producer-Info header', () => {
		const req = loginRequest(credentials);
		expect(req.url).toBe(auth().login_v1.url.replace('{gwam}', 'gwam.mago.cloud'));
		expect(Object.keys(req.body!).sort()).toEqual(Object.keys(auth().login_v1.json).sort());
		expect(req.body).toMatchObject({ appId: auth().login_v1.json.appId, overwrite: auth().login_v1.json.overwrite, accountName: 'mario@acme.it', password: 'pa ss"w', subscriptionKey: 'SUB-1' });
		expect(JSON.parse(req.headers['Producer-Info'])).toEqual({ ProducerKey: 'PRODUCER-1', AppKey: 'APP-1' });
	});

	test('v2 (account-manager): documented URL and body keys', () => {
		const req = loginRequest({ ...credentials, gatewayUrl: 'https://acme.mago.cloud/be/', variant: 'account-manager' });
		expect(req.url).toBe(auth().login_v2.url.replace('{root}', 'https://acme.mago.cloud/be'));
		expect(Object.keys(req.body!).sort()).toEqual(Object.keys(auth().login_v2.json).sort());
		expect(req.body).toMatchObject({ AppId: auth().login_v2.json.AppId, AccountName: 'mario@acme.it', subscriptionkey: 'SUB-1' });
	});

	test('the documented answers give the token; a refusal is a MagoCloudError with the vendor message', () => {
		expect(readLoginAnswer({ ...auth().login_v1.response, JwtToken: 'j' })).toEqual({ token: 'j', variant: 'gwam' });
		expect(readLoginAnswer({ ...auth().login_v2.response, JwtToken: 'j' }, 'account-manager').token).toBe('j');
		expect(() => readLoginAnswer({ Result: false, Message: 'Invalid credentials' })).toThrow('MagoCloud refused the login: Invalid credentials');
		expect(() => readLoginAnswer({ ResultCode: 12, Message: 'Subscription expired' }, 'account-manager')).toThrow('(ResultCode 12): Subscription expired');
		expect(() => readLoginAnswer({ Result: true })).toThrow('no JwtToken');
		try {
			readLoginAnswer({ Result: false, Message: 'x' });
		} catch (e) {
			expect(e).toBeInstanceOf(MagoCloudError);
			expect((e as Error).message).not.toContain(credentials.password);
		}
	});

	test('logoff goes to the documented URL with the token in the body', () => {
		const [v1, v2] = auth().logoff.url.split(' | ');
		expect(logoffRequest(credentials, 'j')).toMatchObject({ method: 'POST', url: v1.replace('{gwam}', 'gwam.mago.cloud'), body: { token: 'j' } });
		expect(logoffRequest(credentials, 'j').headers).toHaveProperty('Authorization');
		expect(logoffRequest({ ...credentials, gatewayUrl: 'https://acme.mago.cloud/be', variant: 'account-manager' }, 'j').url).toBe(v2.replace('{root}', 'https://acme.mago.cloud/be'));
	});

	test('the TBSERVER URL comes from the mapper', () => {
		const documented = magoFacts().B_magocloud_gateway.operations.find((o: any) => o.op === 'serviceUrl');
		expect(serviceUrlRequest(credentials, 'j').url).toBe(documented.url.replace('{gwam}', 'gwam.mago.cloud').replace('{subscriptionKey}', 'SUB-1').replace('{service}', 'TBSERVER'));
		expect(readServiceUrl({ Content: 'https://tb.mago.cloud/x' })).toBe('https://tb.mago.cloud/x/');
		expect(() => readServiceUrl({})).toThrow(MagoCloudError);
	});

	test('bad credentials are named', () => {
		expect(() => loginRequest({ ...credentials, gatewayUrl: '' })).toThrow('gatewayUrl: is required');
		expect(() => loginRequest({ ...credentials, gatewayUrl: 'https://x?y=1' })).toThrow('gatewayUrl');
		expect(() => loginRequest({ ...credentials, accountName: '' })).toThrow('accountName');
		expect(() => loginRequest({ ...credentials, password: '' })).toThrow('password');
		expect(() => loginRequest({ ...credentials, variant: 'x' as any })).toThrow('variant');
	});
});

describeWithSpec(MAGO_FACTS_FILE, 'data service and getDataTable', () => {
	const ops = () => magoFacts().B_magocloud_gateway.operations;

	test('getdata: the documented example URL', () => {
		const documented = ops().find((o: any) => o.op === 'dataService.getData');
		const req = getDataRequest({ rootUrl: 'https://acme.mago.cloud/be', token: 'j', keys, namespace: 'ERP.Items.Dbl.Items' });
		expect(req.url).toBe(documented.example.replace('{root}', 'https://acme.mago.cloud/be'));
		expect(getDataRequest({ rootUrl: 'https://acme.mago.cloud/be', token: 'j', keys, namespace: 'ERP.Items.Dbl.Items', filter: 'A&B' }).url).toMatch(/\/default\?filter=A%26B$/);
		expect(() => getDataRequest({ rootUrl: 'https://a', token: 'j', keys, namespace: 'ERP/../x' })).toThrow('namespace');
	});

	test('getDataTable: the body of the sample, and the documented answer read as a page', () => {
		const documented = ops().find((o: any) => o.op === 'magoServices.getDataTable');
		const req = getDataTableRequest({ magoServicesHubUrl: 'https://hub.mago.cloud', token: 'j', keys, ...documented.json });
		expect(req.url).toBe(documented.url.replace('{magoServicesHubUrl}', 'https://hub.mago.cloud'));
		expect(req.body).toEqual(documented.json);
		expect(readDataTablePage(documented.response, 100)).toEqual({ records: [], totalRecords: 0, pageNumber: 0, pageRecords: 0, hasMore: false });
	});

	test('paging: more pages while the records seen are fewer than the total', () => {
		const page = (n: number, records: number) => ({ response: 'OK', responseData: { totalRecordsNumber: 250, currentPageRecordsNumber: records, currentPageNumber: n, records: Array.from({ length: records }, (_, i) => ({ item: `I${i}` })) } });
		expect(readDataTablePage(page(1, 100), 100, 0).hasMore).toBe(true);
		expect(readDataTablePage(page(2, 100), 100, 1).hasMore).toBe(true);
		expect(readDataTablePage(page(3, 50), 100, 2).hasMore).toBe(false);
		expect(() => getDataTableRequest({ magoServicesHubUrl: 'https://h', token: 'j', keys, tableName: 'MA_Items', extra: { tableName: 'x' } })).toThrow('extra.tableName');
		expect(getDataTableRequest({ magoServicesHubUrl: 'https://h', token: 'j', keys, tableName: 'MA_Items', extra: { pageNumber: 2 } }).body).toEqual({ tableName: 'MA_Items', pageNumber: 2 });
	});

	test('bad table reads are named', () => {
		expect(() => getDataTableRequest({ magoServicesHubUrl: 'https://h', token: 'j', keys, tableName: 'MA Items' })).toThrow('tableName');
		expect(() => getDataTableRequest({ magoServicesHubUrl: 'https://h', token: 'j', keys, tableName: 'MA_Items', fieldsName: ['a;b'] })).toThrow('fieldsName[0]');
		expect(() => getDataTableRequest({ magoServicesHubUrl: 'https://h', token: 'j', keys, tableName: 'MA_Items', filters: [{ key: 'item', value: {} as any }] })).toThrow('filters[0].value');
		expect(() => getDataTableRequest({ magoServicesHubUrl: 'https://h', token: 'j', keys, tableName: 'MA_Items', recordsPerPage: 0 })).toThrow('recordsPerPage');
		expect(() => readDataTablePage({ response: 'OK' }, 10)).toThrow('responseData');
	});
});

describeWithSpec(MAGO_FACTS_FILE, 'failures inside an HTTP 200 become clear errors', () => {
	test('the facts name both shapes', () => {
		expect(magoFacts().B_magocloud_gateway.errors).toMatch(/success:false, message:\{text\}\} or \{Result:false, Message\}/);
	});
	test.each([
		[{ success: false, message: { text: 'Document locked by another user' } }, 'Document locked by another user'],
		[{ Result: false, Message: 'Token expired' }, 'Token expired'],
		[{ ResultCode: 3, Message: 'No licence available' }, 'No licence available'],
		[{ response: 'KO', message: 'Table not found' }, 'Table not found'],
		[{ success: false }, 'success: false without a message'],
	])('%j -> "%s"', (answer, message) => {
		expect(readBusinessFailure(answer)).toMatchObject({ failed: true, message });
		expect(() => assertMagoSuccess(answer, 'getDataTable')).toThrow(`MagoCloud getDataTable failed`);
		expect(() => assertMagoSuccess(answer, 'getDataTable')).toThrow(message);
	});
	test('successful answers pass', () => {
		for (const ok of [{ success: true, retVal: true, result: [] }, { Result: true, JwtToken: 'j' }, { ResultCode: 0 }, { response: 'OK', responseData: {} }, [], null, 'text'])
			expect(readBusinessFailure(ok)).toEqual({ failed: false });
	});
});

describe('withSession always logs off', () => {
	test('after the work succeeds, and the result is returned', async () => {
		const calls: string[] = [];
		const result = await withSession(async () => (calls.push('login'), 'tok'), async (t) => (calls.push(`work ${t}`), 42), async (t) => calls.push(`logoff ${t}`));
		expect(result).toBe(42);
		expect(calls).toEqual(['login', 'work tok', 'logoff tok']);
	});
	test('after the work fails, and the work error is the one thrown', async () => {
		const logoff = jest.fn(async () => undefined);
		await expect(withSession(async () => 'tok', async () => { throw new Error('work failed'); }, logoff)).rejects.toThrow('work failed');
		expect(logoff).toHaveBeenCalledWith('tok');
	});
	test('a failed logoff never hides a done write: the result comes back and the failure is reported', async () => {
		const reported: unknown[] = [];
		const result = await withSession(async () => 'tok', async () => 'saved', async () => { throw new Error('logoff 500'); }, { onLogoffFailure: (e) => reported.push(e) });
		expect(result).toBe('saved');
		expect((reported[0] as Error).message).toBe('logoff 500');
	});
	test('no logoff when the login itself failed', async () => {
		const logoff = jest.fn(async () => undefined);
		await expect(withSession(async () => { throw new Error('refused'); }, async () => 1, logoff)).rejects.toThrow('refused');
		expect(logoff).not.toHaveBeenCalled();
	});
});
