/** What an HTTP helper error tells us, whatever wrapped it (axios, n8n's request helpers, NodeApiError). */
export interface HttpFailure {
	status?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
	code?: string;
	message: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}

export function readHttpFailure(error: unknown): HttpFailure {
	const chain: Record<string, unknown>[] = [];
	let current = asRecord(error);
	for (let depth = 0; current && depth < 5; depth++) {
		chain.push(current);
		current = asRecord(current.cause) ?? asRecord(current.reason);
	}
	const failure: HttpFailure = { message: String((asRecord(error)?.message as string) ?? error) };
	for (const link of chain) {
		const response = asRecord(link.response);
		if (response && failure.status === undefined) {
			const status = Number(response.status ?? response.statusCode);
			if (Number.isFinite(status) && status > 0) failure.status = status;
			failure.headers = asRecord(response.headers);
			failure.body = parseMaybeJson(response.data ?? response.body);
		}
		if (failure.code === undefined && typeof link.code === 'string' && /^E[A-Z_]+$/.test(link.code)) {
			failure.code = link.code;
		}
		if (failure.status === undefined && typeof link.statusCode === 'number') failure.status = link.statusCode;
	}
	if (failure.status === undefined) {
		const httpCode = Number(chain[0]?.httpCode);
		if (Number.isFinite(httpCode) && httpCode >= 100) failure.status = httpCode;
	}
	if (!failure.code && failure.status === undefined && /socket hang up|ECONNRESET/i.test(failure.message)) {
		failure.code = 'ECONNRESET';
	}
	if (!failure.code && failure.status === undefined && /timeout|ETIMEDOUT/i.test(failure.message)) {
		failure.code = 'ETIMEDOUT';
	}
	return failure;
}
