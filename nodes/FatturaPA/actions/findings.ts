/** What happens to an invoice with errors: its findings, as a node error or as output items. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FatturaFinding } from '../../../lib/fatturapa';

export type OnInvalid = 'fail' | 'route' | 'output' | 'ignore';

/** The finding as n8n JSON: code, path, Italian and English message, severity (and serverSide / line when set). */
export function findingJson(f: FatturaFinding): IDataObject {
	return { ...f } as IDataObject;
}

export function errorsOf(findings: FatturaFinding[]): FatturaFinding[] {
	return findings.filter((f) => f.severity === 'error');
}

export function summary(findings: FatturaFinding[]): IDataObject {
	const errors = errorsOf(findings).length;
	return { valid: errors === 0, errorCount: errors, warningCount: findings.length - errors };
}

/** "Stop With Error": every error code and path in the message, the messages in the description. */
export function invalidInvoiceError(ctx: IExecuteFunctions, findings: FatturaFinding[], itemIndex: number, what = 'The invoice'): NodeOperationError {
	const errors = errorsOf(findings);
	const listed = errors.slice(0, 10).map((f) => `${f.code} at ${f.path}`);
	return new NodeOperationError(ctx.getNode(), `${what} is not valid (${errors.length} error${errors.length === 1 ? '' : 's'}): ${listed.join('; ')}${errors.length > 10 ? '; ...' : ''}`, {
		itemIndex,
		description: errors.map((f) => `${f.code} ${f.path}: ${f.message_en} / ${f.message_it}`).join('\n'),
	});
}

/** The SdI rule options from a node's Options, with Received On checked here so the error names the field. */
export function ruleOptions(ctx: IExecuteFunctions, options: { receivedOn?: string; serverSideWarnings?: boolean }, itemIndex: number): { receivedOn?: string; serverSideWarnings: boolean } {
	const receivedOn = String(options.receivedOn ?? '').trim();
	if (receivedOn && !/^\d{4}-\d{2}-\d{2}$/.test(receivedOn))
		throw new NodeOperationError(ctx.getNode(), `Received On: expected a date YYYY-MM-DD (or empty for today), got ${JSON.stringify(options.receivedOn)}`, { itemIndex });
	return { ...(receivedOn ? { receivedOn } : {}), serverSideWarnings: options.serverSideWarnings ?? true };
}
