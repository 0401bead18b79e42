/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The tiny HTTP layer every loopback emulator shares: body parsing (JSON, form, multipart kept
 * raw), a request log with secrets redacted, and fault switches tests can set per route.
 */
import * as http from 'node:http';

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	body: unknown;
}

export interface EmulatorResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Raw text (e.g. XML) instead of JSON. */
	text?: string;
	/** Raw bytes (e.g. a ZIP) instead of JSON; content-type application/octet-stream unless headers say otherwise. */
	raw?: Buffer;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorization?: string;
	status?: number | 'reset';
	at: number;
}

/**
 * status: answer `status` without handling the request (nothing applied); statusAfterApply: handle
 * it (a write is applied), then answer `status` instead; reset: close the connection once the
 * request is read, without handling it; resetAfterApply: handle it, then close; delay: wait
 * `delayMs`, then handle it (a client that timed out meanwhile never sees the answer).
 */
export type FaultKind = 'status' | 'statusAfterApply' | 'reset' | 'resetAfterApply' | 'delay';

export interface Fault {
	method?: string;
	/** Matched against the path (no query string). */
	path?: RegExp;
	kind: FaultKind;
	/** How many matching requests it hits; Infinity for all. */
	times: number;
	/** Matching requests to let through before it starts hitting. */
	skip?: number;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	delayMs?: number;
}

export interface EmulatorServer {
	url: string;
	port: number;
	requests: LoggedRequest[];
	faults: Fault[];
	/** Adds a fault switch; returns it so a test can inspect `times` left. */
	fault(fault: Fault): Fault;
	close(): Promise<void>;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (!raw.length) return undefined;
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/json')) {
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			return { __invalidJson: raw.toString('utf8').slice(0, 200) };
		}
	}
	if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
	if (type.includes('multipart/form-data')) return { __multipart: parseMultipart(raw, contentType ?? '') };
	return raw.toString('utf8');
}

/** Enough multipart for uploads: field name -> {filename?, value or bytes}. */
function parseMultipart(raw: Buffer, contentType: string): Record<string, { filename?: string; size: number; text?: string }> {
	const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
	const out: Record<string, { filename?: string; size: number; text?: string }> = {};
	if (!boundary) return out;
	const parts = raw.toString('latin1').split(`--${boundary}`);
	for (const part of parts) {
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) continue;
		const headers = part.slice(0, headerEnd);
		const name = /name="([^"]+)"/.exec(headers)?.[1];
		if (!name) continue;
		const filename = /filename="([^"]*)"/.exec(headers)?.[1];
		const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
		out[name] = { filename, size: Buffer.byteLength(content, 'latin1'), text: filename ? undefined : content };
	}
	return out;
}

export async function startEmulatorServer(
	handler: (req: EmulatorRequest) => Promise<EmulatorResponse> | EmulatorResponse,
	options: { port?: number; host?: string; onApplied?: () => void } = {},
): Promise<EmulatorServer> {
	const requests: LoggedRequest[] = [];
	const faults: Fault[] = [];
	const takeFault = (method: string, path: string): Fault | undefined => {
		const fault = faults.find((f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)));
		if (!fault) return undefined;
		if (fault.skip) {
			fault.skip--;
			return undefined;
		}
		fault.times--;
		return fault;
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const rawBody = Buffer.concat(chunks);
			const request: EmulatorRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				rawBody,
				body: parseBody(rawBody, req.headers['content-type']),
			};
			const logged: LoggedRequest = {
				method: request.method,
				path: request.path,
				query: request.query,
				body: request.body,
				authorization: req.headers.authorization ? req.headers.authorization.replace(/^(\w+) .*/, '$1 [redacted]') : undefined,
				at: Date.now(),
			};
			requests.push(logged);
			const fault = takeFault(request.method, request.path);
			try {
				if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 0));
				if (fault?.kind === 'reset') {
					logged.status = 'reset';
					req.socket.destroy();
					return;
				}
				if (fault?.kind === 'status') {
					logged.status = fault.status ?? 500;
					res.writeHead(logged.status, { 'content-type': 'application/json', ...fault.headers });
					res.end(JSON.stringify(fault.body ?? { error: { message: `emulated fault ${logged.status}` } }));
					return;
				}
				const answer = await handler(request);
				if (fault?.kind === 'statusAfterApply') {
					logged.status = fault.status ?? 500;
					res.writeHead(logged.status, { 'content-type': 'application/json', ...fault.headers });
					res.end(JSON.stringify(fault.body ?? { error: { message: `emulated fault ${logged.status}` } }));
					return;
				}
				if (fault?.kind === 'resetAfterApply') {
					logged.status = 'reset';
					req.socket.destroy();
					return;
				}
				logged.status = answer.status;
				if (answer.raw !== undefined) {
					res.writeHead(answer.status, { 'content-type': 'application/octet-stream', 'content-length': String(answer.raw.length), ...answer.headers });
					res.end(answer.raw);
				} else if (answer.text !== undefined) {
					res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8', ...answer.headers });
					res.end(answer.text);
				} else if (answer.body === undefined) {
					res.writeHead(answer.status, answer.headers);
					res.end();
				} else {
					res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
					res.end(JSON.stringify(answer.body));
				}
			} catch (error) {
				logged.status = 500;
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `emulator error: ${(error as Error).message}` } }));
			}
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as { port: number };
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		port,
		requests,
		faults,
		fault(fault) {
			faults.push(fault);
			return fault;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
