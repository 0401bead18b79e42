/**
 * After a create whose answer was lost (connection reset, timeout after the request was sent),
 * the document may exist. Fatture in Cloud has no idempotency key, so we look for what we sent
 * among the newest records and only send again when nothing matches: a retried create never
 * makes a second document.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields the server fills or rewrites, so they cannot tell two records apart. */
const IGNORED = new Set(['id', 'created_at', 'updated_at', 'number', 'numeration', 'permanent_token', 'url', 'attachment_url']);

function samePrimitive(a: Json, b: Json): boolean {
	if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
	if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
	return a === b;
}

function matches(sent: Json, stored: Json | undefined, depth: number): boolean {
	if (stored === undefined) return sent === null || sent === '' || sent === false;
	if (sent === null || typeof sent !== 'object') return samePrimitive(sent, stored);
	if (Array.isArray(sent)) {
		if (!Array.isArray(stored) || stored.length !== sent.length) return false;
		return sent.every((entry, i) => matches(entry, stored[i], depth + 1));
	}
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return false;
	if (depth > 0 && sent.id !== undefined && sent.id !== null) return samePrimitive(sent.id, stored.id ?? null);
	return Object.entries(sent).every(([key, value]) => IGNORED.has(key) || depth > 3 || matches(value, stored[key], depth + 1));
}

/** The newest candidate holding every value that was sent, or undefined. */
export function findCreatedRecord<T extends Record<string, unknown>>(sent: Record<string, unknown>, candidates: T[]): T | undefined {
	const newestFirst = [...candidates].sort((a, b) => Number(b.id ?? 0) - Number(a.id ?? 0));
	return newestFirst.find((candidate) => matches(sent as Json, candidate as unknown as Json, 0));
}
