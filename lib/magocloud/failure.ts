/**
 * MagoCloud answers many failures with HTTP 200 (the samples' own Post() helper checks
 * `success == false` and reads `message.text`; login answers carry `Result:false` + `Message`;
 * getDataTable answers `response: "OK"` on success). Each becomes a MagoCloudError with the
 * vendor's words, so a node fails as the error contract says ("business error inside a 200").
 */
import { MagoCloudError } from './errors';

function text(value: unknown): string {
	if (typeof value === 'string') return value.trim().slice(0, 1000);
	if (value && typeof value === 'object') {
		const v = value as Record<string, unknown>;
		for (const k of ['text', 'Text', 'message', 'Message']) if (typeof v[k] === 'string') return (v[k] as string).trim().slice(0, 1000);
	}
	return '';
}

/** A ResultCode that says "failed": present and not 0. Only numbers and digit text count as codes. */
export function failedResultCode(value: unknown): string | number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') return value === 0 ? undefined : value;
	if (typeof value === 'string') return /^\s*-?0+\s*$/.test(value) ? undefined : value.trim().slice(0, 40);
	return 'unreadable';
}

export type FailureReading = { failed: false } | { failed: true; message: string; code?: string | number };

export function readBusinessFailure(answer: unknown): FailureReading {
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return { failed: false };
	const a = answer as Record<string, unknown>;
	if (a.success === false) return { failed: true, message: text(a.message) || text(a.Message) || 'success: false without a message' };
	if (a.Result === false) return { failed: true, message: text(a.Message) || text(a.message) || 'Result: false without a message' };
	const code = failedResultCode(a.ResultCode);
	if (code !== undefined) return { failed: true, message: text(a.Message) || text(a.message) || `ResultCode ${code}`, code };
	if (typeof a.response === 'string' && a.response.toUpperCase() !== 'OK')
		return { failed: true, message: text(a.message) || text(a.Message) || a.response.slice(0, 1000) };
	return { failed: false };
}

/** Throws the failure as a MagoCloudError naming what was attempted; returns the answer otherwise. */
export function assertMagoSuccess<T>(answer: T, what: string): T {
	const r = readBusinessFailure(answer);
	if (r.failed) throw new MagoCloudError(`MagoCloud ${what} failed${r.code !== undefined ? ` (code ${r.code})` : ''}: ${r.message}`, r.message, r.code);
	return answer;
}
