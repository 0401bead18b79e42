import { redactUrl } from './redact';

/** One line per API call, as docs/error-contract.md asks: timestamp, method, path, status, latency, attempt. */
export interface CallLogEntry {
	system: string;
	method: string;
	url: string;
	status: number | string;
	latencyMs: number;
	attempt: number;
	timestamp: string;
}

export function callLogEntry(
	system: string,
	method: string,
	url: string,
	status: number | string,
	startedAt: number,
	attempt: number,
	now = Date.now(),
): CallLogEntry {
	return {
		system,
		method: method.toUpperCase(),
		url: redactUrl(url),
		status,
		latencyMs: now - startedAt,
		attempt,
		timestamp: new Date(startedAt).toISOString(),
	};
}

export function formatCallLog(entry: CallLogEntry): string {
	return `[${entry.system}] ${entry.method} ${entry.url} -> ${entry.status} in ${entry.latencyMs} ms (attempt ${entry.attempt})`;
}
