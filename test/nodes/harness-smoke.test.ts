/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as http from 'node:http';
import { chain, runWorkflow } from '../harness/n8n';

test('harness runs the built node through n8n-core against a loopback server', async () => {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ data: { user: { id: 1, name: 'Mario' } } }));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as { port: number }).port;
	try {
		const result = await runWorkflow(
			chain({
				name: 'FIC',
				type: 'fattureInCloud',
				parameters: { authentication: 'accessToken', resource: 'user', operation: 'getInfo' },
				credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
			}),
			{ fattureInCloudApi: { accessToken: 'test-token', baseUrl: `http://127.0.0.1:${port}` } },
		);
		expect(result.error()).toBeUndefined();
		expect(result.output('FIC')[0].json).toEqual({ user: { id: 1, name: 'Mario' } });
		expect(seen).toEqual(['GET /user/info Bearer test-token']);
	} finally {
		server.close();
	}
});
