/**
 * What the Fatture in Cloud polling trigger watches: which list, how to ask for what changed
 * since a cursor, how to tell "paid" from any other change, and which fields make a record's
 * fingerprint. The exactly-once bookkeeping itself is lib/polling's.
 */
import type { ChangeKind } from '../polling';
import { buildQuery } from './query';

export type WatchedResource = 'issuedDocuments' | 'receivedDocuments' | 'clients' | 'suppliers' | 'products';

export interface WatchTarget {
	resource: WatchedResource;
	/** issued/received document type (invoice, credit_note, expense, ...) */
	documentType?: string;
}

const PATHS: Record<WatchedResource, string> = {
	issuedDocuments: 'issued_documents',
	receivedDocuments: 'received_documents',
	clients: 'entities/clients',
	suppliers: 'entities/suppliers',
	products: 'products',
};

export function listPath(companyId: string | number, target: WatchTarget): string {
	return `/c/${encodeURIComponent(String(companyId))}/${PATHS[target.resource]}`;
}

/** FIC timestamps are "YYYY-MM-DD HH:MM:SS" in Italian local time; we keep them as given and compare as strings. */
let romeFormat: Intl.DateTimeFormat | undefined;

export function ficTimestamp(date: Date): string {
	// building a DateTimeFormat costs far more than using one
	romeFormat ??= new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Rome',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hour12: false,
	});
	const parts = romeFormat.formatToParts(date);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')} ${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}:${get('second')}`;
}

/**
 * Query parameters for one page of "changed since": sorted by updated_at then id, so records
 * sharing a timestamp keep a stable order across pages (FIC repeats rows when sorted by date alone).
 */
export function changedSinceQuery(target: WatchTarget, since: string | undefined, page: number, perPage = 100): Record<string, string | number> {
	const qs: Record<string, string | number> = { fieldset: 'detailed', sort: 'updated_at,id', page, per_page: perPage };
	if (target.documentType) qs.type = target.documentType;
	const q = since ? buildQuery(undefined, [{ field: 'updated_at', operator: '>=', value: since }]) : undefined;
	if (q) qs.q = q;
	return qs;
}

/** A document is paid when it has payments and every one is paid. */
export function isPaid(record: Record<string, unknown>): boolean {
	const payments = record.payments_list as Array<{ status?: string }> | undefined;
	return Array.isArray(payments) && payments.length > 0 && payments.every((p) => p.status === 'paid');
}

/**
 * Which of the chosen kinds a record can stand for in a sample (a manual run, where there is no
 * cursor to tell what happened since the last poll): any record was once new and may change,
 * but only a paid document can stand for "paid". So a sample never shows what the real poll,
 * with the same Emit choice, could never emit (e.g. unpaid invoices when only Paid is chosen).
 */
export function sampleKinds(record: Record<string, unknown>, kinds: Iterable<ChangeKind>): ChangeKind[] {
	const chosen = new Set(kinds);
	return (['new', 'changed', 'paid'] as const).filter((kind) => chosen.has(kind) && (kind !== 'paid' || isPaid(record)));
}

/**
 * The sample a manual run shows: of the records given (newest first), the first `size` that the
 * chosen kinds could emit, each marked kind "sample" and, in sampleOf, the kinds it stands for.
 * With "paid" the only kind, only paid documents qualify: none in the page means an empty sample.
 */
export function manualSample(records: Record<string, unknown>[], kinds: Iterable<ChangeKind>, size = 5): Array<Record<string, unknown> & { kind: 'sample'; sampleOf: ChangeKind[] }> {
	const chosen = [...kinds];
	const sample: Array<Record<string, unknown> & { kind: 'sample'; sampleOf: ChangeKind[] }> = [];
	for (const record of records) {
		if (sample.length >= size) break;
		const sampleOf = sampleKinds(record, chosen);
		if (sampleOf.length) sample.push({ kind: 'sample', sampleOf, ...record });
	}
	return sample;
}

/** How many of the newest records a manual run looks through to find its sample (one request). */
export const MANUAL_SAMPLE_SCAN = 100;

/** Fields that change a record's meaning; updated_at alone (e.g. a view) does not. */
const VOLATILE_FIELDS = new Set(['updated_at', 'created_at', 'url', 'attachment_url', 'attachment_preview_url']);

export function fingerprintFields(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !VOLATILE_FIELDS.has(key)));
}

export function updatedAt(record: Record<string, unknown>): string {
	return String(record.updated_at ?? record.created_at ?? '');
}
