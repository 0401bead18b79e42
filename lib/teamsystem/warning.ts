/**
 * TSE answers a create or update that raises business warnings with a `warningCode`; the same
 * request sent again with `&force=<codes>` accepts them (docs: "warnings returned as
 * warningCode, re-submit with &force=<codes>", example force=97788). Accepting a warning is the
 * user's decision: a request is only rebuilt with the codes the user listed, never on its own.
 */
import { TeamSystemInputError } from './errors';
import { requireWarningCodes, type TseRequest } from './path';

export interface TseWarning {
	code: string;
	/** the server's text next to the code, when it gave one */
	text: string;
}

export type WarningReading = { kind: 'none' } | { kind: 'needs-force'; warnings: TseWarning[]; message: string };

// where the text next to a warningCode may be: the names are our assumption (the DTO is per tenant)
const TEXT_KEYS = ['warningMessage', 'warningDescription', 'message', 'Message', 'description', 'text'];
const MAX_NODES = 10_000;

/** Every warningCode in the answer (top level, or in nested objects and lists, breadth-first, bounded). */
export function readWarning(answer: unknown): WarningReading {
	const warnings: TseWarning[] = [];
	const queue: { value: unknown; depth: number }[] = [{ value: answer, depth: 0 }];
	for (let i = 0, seen = 0; i < queue.length && seen < MAX_NODES; i++, seen++) {
		const { value, depth } = queue[i];
		if (!value || typeof value !== 'object') continue;
		if (Array.isArray(value)) {
			if (depth < 6) for (const v of value) queue.push({ value: v, depth: depth + 1 });
			continue;
		}
		const record = value as Record<string, unknown>;
		const raw = record.warningCode;
		if (raw !== undefined && raw !== null && raw !== '') {
			const codeLike = (c: unknown) => typeof c === 'string' || typeof c === 'number';
			const codes = Array.isArray(raw) ? raw.filter(codeLike) : codeLike(raw) ? String(raw).split(',') : ['unreadable'];
			const textKey = TEXT_KEYS.find((k) => typeof record[k] === 'string' && (record[k] as string).trim() !== '');
			const text = textKey ? (record[textKey] as string).trim().slice(0, 500) : '';
			for (const c of codes) {
				const code = String(c).trim();
				if (code && !warnings.some((w) => w.code === code)) warnings.push({ code, text });
			}
		}
		if (depth < 6) for (const v of Object.values(record)) if (v && typeof v === 'object') queue.push({ value: v, depth: depth + 1 });
	}
	if (warnings.length === 0) return { kind: 'none' };
	const list = warnings.map((w) => (w.text ? `${w.code} (${w.text})` : w.code)).join('; ');
	return {
		kind: 'needs-force',
		warnings,
		message: `TeamSystem did not save the record because of warning ${list}. To save it anyway, add ${warnings.map((w) => w.code).join(', ')} to "Accept Warnings (force)" and run again.`,
	};
}

export type ForceDecision = { kind: 'resubmit'; request: TseRequest; forced: string[] } | { kind: 'refused'; message: string; missing: string[] };

/**
 * The request to send again when every warning is one the user accepted, else why not. The
 * force list of the first request is kept and extended; nothing else changes.
 */
export function resubmitWithForce(request: TseRequest, reading: Extract<WarningReading, { kind: 'needs-force' }>, accepted: readonly (string | number)[]): ForceDecision {
	if (request.method !== 'POST' && request.method !== 'PUT' && request.method !== 'PATCH') throw new TeamSystemInputError('request', 'only a create or update can be resubmitted with force');
	const acceptedCodes = requireWarningCodes(accepted, 'acceptWarnings');
	const missing = reading.warnings.map((w) => w.code).filter((c) => !acceptedCodes.includes(c));
	if (missing.length) return { kind: 'refused', missing, message: reading.message };
	// the query is edited as written, so every other parameter keeps its exact encoding
	const [address, query = ''] = request.url.split('?', 2);
	if (/\/search$/.test(address)) throw new TeamSystemInputError('request', 'a search is not resubmitted with force');
	const parts = query.split('&').filter((p) => p !== '');
	const already = parts.filter((p) => p.startsWith('force=')).flatMap((p) => decodeURIComponent(p.slice(6)).split(','));
	const forced = requireWarningCodes([...already, ...reading.warnings.map((w) => w.code)], 'force');
	const rest = parts.filter((p) => !p.startsWith('force='));
	// the docs write the list comma-separated, unencoded
	return { kind: 'resubmit', forced, request: { ...request, url: `${address}?${[...rest, `force=${forced.join(',')}`].join('&')}` } };
}
