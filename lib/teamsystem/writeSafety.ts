/**
 * Write safety for creates (docs/error-contract.md, "Write safety"). The WebAPI documents no
 * idempotency key, and the public docs name no field of Documento or CustomerSupplierCo that the
 * server keeps unique (the document number is assigned by TSE). So a create is recognised only by
 * a marker the user chose: a field of the DTO that holds a value unique to this attempt (for
 * example an external reference carrying the workflow's order id). The marker is looked up
 * before the first attempt, and must be unused then, so an older record can never be taken for
 * the new one. Without a marker, a create whose answer was lost is reported, not re-sent.
 */
import { TeamSystemInputError, shown } from './errors';
import { requireCompany, requireName } from './path';

export interface CreateMarker {
	/** dot path of the DTO field, e.g. riferimentoEsterno or testata.rifOrdine */
	field: string;
	value: string | number;
}

export type CreateLookupPlan =
	| { kind: 'by-marker'; module: string; resource: string; company: string; field: string; value: string }
	| { kind: 'cannot-tell'; message: string };

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function valueAt(record: unknown, path: string): unknown {
	let v: unknown = record;
	for (const key of path.split('.')) {
		if (!v || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
		v = (v as Record<string, unknown>)[key];
	}
	return v;
}

function sameValue(a: unknown, b: string): boolean {
	return (typeof a === 'string' || typeof a === 'number') && String(a).trim() === b;
}

/** Where a user should look when we cannot tell: as precise as the body allows. */
export function whereToCheck(module: string, resource: string, company: string, body: Record<string, unknown>): string {
	if (module === 'MG' && resource === 'Documento') {
		const type = valueAt(body, 'anagraficaDocumentoDitta.codDocumMg36');
		const section = valueAt(body, 'sezdoc');
		const party = valueAt(body, 'customerSupplierMG.cliFor');
		const rows = Array.isArray(body.righe) ? body.righe.length : undefined;
		const parts = [type !== undefined ? `type ${shown(type)}` : '', section !== undefined ? `section ${shown(section)}` : '', party !== undefined ? `customer/supplier ${shown(party)}` : '', rows !== undefined ? `${rows} rows` : '']
			.filter(Boolean)
			.join(', ');
		return `the MG Documento list of company ${company} for the newest document${parts ? ` (${parts})` : ''}`;
	}
	if (module === 'CO' && resource === 'CustomerSupplierCo') return `the customers and suppliers (CO CustomerSupplierCo) of company ${company} for this name and VAT number`;
	return `the ${module} ${resource} records of company ${company}`;
}

/** What the node must do to recognise this create after an uncertain failure. */
export function planCreateLookup(input: { module: string; resource: string; company: string | number; body: Record<string, unknown>; marker?: CreateMarker }): CreateLookupPlan {
	const module = requireName(input.module, 'module');
	const resource = requireName(input.resource, 'resource');
	const company = requireCompany(input.company);
	if (!input.body || typeof input.body !== 'object' || Array.isArray(input.body)) throw new TeamSystemInputError('body', 'expected the record as a JSON object');
	if (!input.marker) {
		return {
			kind: 'cannot-tell',
			message: `The create may have been applied by TeamSystem but its answer was lost, and nothing in the request can tell this record from an older one: check ${whereToCheck(module, resource, company, input.body)} before running again, or set a "Create Marker" field with a value unique to each run so the node can check by itself.`,
		};
	}
	const field = typeof input.marker.field === 'string' ? input.marker.field.trim() : '';
	if (!PATH.test(field)) throw new TeamSystemInputError('marker.field', `expected a field path of the record like riferimentoEsterno or testata.rifOrdine, got ${shown(input.marker.field)}`);
	const value = typeof input.marker.value === 'number' || typeof input.marker.value === 'string' ? String(input.marker.value).trim() : '';
	if (value === '') throw new TeamSystemInputError('marker.value', 'the marker needs a value unique to this run (e.g. the order id)');
	if (!sameValue(valueAt(input.body, field), value)) throw new TeamSystemInputError('marker.field', `the record does not hold the marker value ${shown(value)} at ${field}: put it there so the created record carries it`);
	return { kind: 'by-marker', module, resource, company, field, value };
}

/** Before the first attempt: the marker must not be on any record yet, or it cannot tell ours apart. */
export function checkMarkerUnused(plan: Extract<CreateLookupPlan, { kind: 'by-marker' }>, existing: readonly unknown[]): void {
	const holders = existing.filter((r) => sameValue(valueAt(r, plan.field), plan.value));
	if (holders.length)
		throw new TeamSystemInputError('marker.value', `${holders.length} ${plan.module} ${plan.resource} record(s) of company ${plan.company} already hold ${plan.field} = ${shown(plan.value)}: a marker must be new for each create (it may be a re-run of an item already created)`);
}

export type RecoveryOutcome = { kind: 'created'; record: unknown } | { kind: 'not-applied' } | { kind: 'cannot-tell'; message: string };

/**
 * After an uncertain failure: the records found with the marker now. One = ours (the marker was
 * unused before the attempt); none = surely not applied, send once more; more = do not guess.
 */
export function recoverCreate(plan: CreateLookupPlan, foundNow: readonly unknown[]): RecoveryOutcome {
	if (plan.kind === 'cannot-tell') return plan;
	const holders = foundNow.filter((r) => sameValue(valueAt(r, plan.field), plan.value));
	if (holders.length === 1) return { kind: 'created', record: holders[0] };
	if (holders.length === 0) return { kind: 'not-applied' };
	return {
		kind: 'cannot-tell',
		message: `The create may have been applied: ${holders.length} ${plan.module} ${plan.resource} records of company ${plan.company} hold ${plan.field} = ${shown(plan.value)}; check them and remove the duplicate before running again.`,
	};
}
