/**
 * Write safety for MagicLink creates (docs/error-contract.md). SetData documents no idempotency
 * key, and postingAction 0 means "insert or update", so a blind re-send may write a second
 * document. A document whose key fields are given (for a sales invoice DocNo and DocumentDate:
 * an invoice number is unique within its year by law) is looked up with GetData before the
 * first attempt, and must be absent then; after an uncertain failure the same look-up finds it
 * or proves it was not applied. Without those fields (Mago numbers the document itself) we
 * cannot tell, and say where to check.
 */
import { MagoInputError, shown } from './errors';
import { magicLinkParametersXml, type MagicLinkData, type MagicLinkDocument, type MagicLinkTarget } from './magicLink';

/** Key fields per document, for those whose keys the samples show. */
export const MAGICLINK_KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
	'Document.ERP.Sales.Documents.Invoice': ['DocNo', 'DocumentDate'],
	'Document.ERP.Sales.Documents.AccInvoice': ['DocNo', 'DocumentDate'],
	'Document.ERP.Accounting.Documents.SaleDocJE': ['DocNo', 'DocumentDate'],
	'Document.ERP.AP_AR.Documents.Receivables': ['DocNo', 'DocumentDate'],
};

export type MagicLinkLookupPlan =
	| { kind: 'by-key'; key: Record<string, string>; parametersXml: string }
	| { kind: 'cannot-tell'; message: string };

function valuesOf(data: MagicLinkData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(data.master?.fields ?? {})) out[k] = String(v);
	for (const s of data.slaves ?? []) if (s.fields) for (const [k, v] of Object.entries(s.fields)) if (!(k in out)) out[k] = String(v);
	return out;
}

export function planMagicLinkCreateLookup(target: MagicLinkTarget, data: MagicLinkData, keyFields?: readonly string[]): MagicLinkLookupPlan {
	const fields = keyFields ?? MAGICLINK_KEY_FIELDS[target.tbNamespace];
	const values = valuesOf(data);
	const what = target.tbNamespace.split('.').pop();
	if (!fields?.length || fields.some((f) => !values[f]?.trim())) {
		const party = values.CustSupp ? ` for customer/supplier ${shown(values.CustSupp)}` : '';
		const date = values.DocumentDate ? ` dated ${values.DocumentDate}` : '';
		return {
			kind: 'cannot-tell',
			message: `The ${what} may have been saved by Mago but the answer was lost, and without ${fields?.length ? fields.join(' and ') : 'its key fields'} the node cannot tell it from an older one: check the ${what} documents in Mago${party}${date} before running again.`,
		};
	}
	const key = Object.fromEntries(fields.map((f) => [f, values[f].trim()]));
	return { kind: 'by-key', key, parametersXml: magicLinkParametersXml(target, key) };
}

function holds(doc: MagicLinkDocument, key: Record<string, string>): boolean {
	const values = doc.data ? valuesOf(doc.data) : {};
	return Object.entries(key).every(([k, v]) => (values[k] ?? '').trim() === v);
}

/** Before the first attempt: no document may hold the key yet. */
export function checkKeyUnused(plan: Extract<MagicLinkLookupPlan, { kind: 'by-key' }>, found: readonly MagicLinkDocument[]): void {
	const n = found.filter((d) => holds(d, plan.key)).length;
	if (n) throw new MagoInputError(Object.keys(plan.key).join('+'), `${n} document(s) already hold ${Object.entries(plan.key).map(([k, v]) => `${k} ${v}`).join(', ')}: this may be a re-run of an item already saved`);
}

export type MagicLinkRecovery = { kind: 'created'; document: MagicLinkDocument } | { kind: 'not-applied' } | { kind: 'cannot-tell'; message: string };

export function recoverMagicLinkCreate(plan: MagicLinkLookupPlan, foundNow: readonly MagicLinkDocument[]): MagicLinkRecovery {
	if (plan.kind === 'cannot-tell') return plan;
	const hits = foundNow.filter((d) => holds(d, plan.key));
	if (hits.length === 1) return { kind: 'created', document: hits[0] };
	if (hits.length === 0) return { kind: 'not-applied' };
	return { kind: 'cannot-tell', message: `The document may have been saved: ${hits.length} documents hold ${Object.entries(plan.key).map(([k, v]) => `${k} ${v}`).join(', ')}; check them in Mago.` };
}
