/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * A loopback HTTP server whose answers a test scripts request by request, for behaviours that
 * need exact control (a 429 then a 200, a reset after the body was read). Stateful API
 * behaviour is the emulators' job.
 */
import * as http from 'node:http';

export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export type Answer =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { reset: true };

export type Handler = (req: RecordedRequest, index: number) => Answer | Promise<Answer>;

export interface ScriptedServer {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
	const requests: RecordedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			const answer = await handler(recorded, requests.length - 1);
			if ('reset' in answer) {
				req.socket.destroy();
				return;
			}
			const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json', ...answer.headers });
			res.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
