/**
 * Request-body hygiene for Fatture in Cloud, from what users of the official SDKs trip on:
 * read-only fields of a fetched object are stripped so it can be sent back, dates go as
 * YYYY-MM-DD, and countries as `country_iso`.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Server-owned fields that every create refuses or ignores. */
const SERVER_FIELDS = ['id', 'created_at', 'updated_at'];

function removePath(target: Json, segments: string[]): void {
	if (target === null || typeof target !== 'object') return;
	const [head, ...rest] = segments;
	if (head.endsWith('[]')) {
		const key = head.slice(0, -2);
		const list = key ? (target as Record<string, Json>)[key] : target;
		if (Array.isArray(list)) for (const entry of list) if (rest.length) removePath(entry, rest);
		return;
	}
	if (Array.isArray(target)) return;
	if (rest.length === 0) {
		delete (target as Record<string, Json>)[head];
		return;
	}
	removePath((target as Record<string, Json>)[head], rest);
}

/** Splits "data.items_list[].vat.editable" into ["data", "items_list[]", "vat", "editable"]. */
function segmentsOf(path: string): string[] {
	return path.split('.');
}

/**
 * Removes the spec's read-only paths (given relative to the request body, e.g. "data.amount_net")
 * and, for creates, the server-owned id and timestamps of the data object.
 */
export function stripReadOnly<T>(body: T, readOnlyPaths: string[], isCreate: boolean): T {
	const copy = JSON.parse(JSON.stringify(body)) as Json;
	for (const path of readOnlyPaths) removePath(copy, segmentsOf(path));
	if (isCreate && copy && typeof copy === 'object' && !Array.isArray(copy)) {
		const data = (copy as Record<string, Json>).data;
		if (data && typeof data === 'object' && !Array.isArray(data)) {
			for (const field of SERVER_FIELDS) delete (data as Record<string, Json>)[field];
		}
	}
	return copy as unknown as T;
}

/** Accepts YYYY-MM-DD, an ISO date-time or a Date and gives YYYY-MM-DD; names the field when it cannot. */
export function toFicDate(value: unknown, field: string): string {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new Error(`${field}: invalid date`);
		return value.toISOString().slice(0, 10);
	}
	const text = String(value ?? '').trim();
	const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (plain) {
		const [, y, m, d] = plain;
		const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
		if (date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)) return text;
		throw new Error(`${field}: "${text}" is not a calendar date (expected YYYY-MM-DD)`);
	}
	const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(text);
	if (dateTime) return toFicDate(dateTime[1], field);
	const italian = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	if (italian) return toFicDate(`${italian[3]}-${italian[2].padStart(2, '0')}-${italian[1].padStart(2, '0')}`, field);
	throw new Error(`${field}: "${text}" is not a date (expected YYYY-MM-DD, an ISO date-time or DD/MM/YYYY)`);
}

/** Drops undefined, empty strings and empty objects, so an unset field never overwrites FIC's value. */
export function pruneEmpty<T extends Record<string, unknown>>(object: T): Partial<T> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === '') continue;
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const inner = pruneEmpty(value as Record<string, unknown>);
			if (Object.keys(inner).length) out[key] = inner;
			continue;
		}
		out[key] = value;
	}
	return out as Partial<T>;
}

/**
 * ISO 3166-1 alpha-2 code, upper case. FIC's `country` field wants Italian names and maps codes
 * wrongly (DE became "Costa d'Avorio"), so the code always travels as `country_iso`.
 */
export function toCountryIso(value: unknown, field: string): string {
	const text = String(value ?? '').trim().toUpperCase();
	if (!/^[A-Z]{2}$/.test(text)) throw new Error(`${field}: "${String(value)}" is not a two-letter ISO country code (e.g. IT, DE, FR)`);
	return text;
}
