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

export type FailureReading = { failed: false } | { failed: true; message: string; code?: string | number };

export function readBusinessFailure(answer: unknown): FailureReading {
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return { failed: false };
	const a = answer as Record<string, unknown>;
	if (a.success === false) return { failed: true, message: text(a.message) || text(a.Message) || 'success: false without a message' };
	if (a.Result === false) return { failed: true, message: text(a.Message) || text(a.message) || 'Result: false without a message' };
	if (a.ResultCode !== undefined && a.ResultCode !== null && Number(a.ResultCode) !== 0)
		return { failed: true, message: text(a.Message) || text(a.message) || `ResultCode ${String(a.ResultCode)}`, code: a.ResultCode as string | number };
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
