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
