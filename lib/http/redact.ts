/**
 * Redaction for call logs, errors and node output: secrets never leave through them.
 */
const SECRET_KEY = /(authorization|token|secret|password|passwd|api[-_]?key|apikey|client[-_]?secret|cookie|signature|refresh)/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
	return SECRET_KEY.test(key);
}

/** A deep copy with the values of secret-looking keys replaced; cycles and depth are bounded. */
export function redact<T>(value: T, depth = 0, seen: WeakSet<object> = new WeakSet()): T {
	if (value === null || typeof value !== 'object') return value;
	if (depth > 8) return '[…]' as unknown as T;
	if (seen.has(value as object)) return '[circular]' as unknown as T;
	seen.add(value as object);
	if (Buffer.isBuffer(value)) return `[${(value as Buffer).length} bytes]` as unknown as T;
	if (Array.isArray(value)) return value.map((entry) => redact(entry, depth + 1, seen)) as unknown as T;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		out[key] = isSecretKey(key) && entry !== undefined && entry !== null && entry !== '' ? REDACTED : redact(entry, depth + 1, seen);
	}
	return out as T;
}

/** Removes query-string secrets (e.g. ?access_token=) from a URL or path before logging it. */
export function redactUrl(url: string): string {
	return url.replace(/([?&])([^=&]+)=([^&]*)/g, (match, sep: string, key: string) =>
		isSecretKey(key) ? `${sep}${key}=${REDACTED}` : match,
	);
}
