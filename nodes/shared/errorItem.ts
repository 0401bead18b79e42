/**
 * The item a failed input becomes under "Continue On Fail". n8n sends an item to a node's error
 * output ("On Error: Continue (using error output)") only when its JSON has no keys other than
 * `error`, `message` and `details`.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const message = (error as Error)?.message ?? String(error);
	const description = (error as { description?: unknown })?.description;
	const httpCode = error instanceof NodeApiError ? error.httpCode : undefined;
	const details = [typeof description === 'string' ? description : '', httpCode ? `HTTP ${httpCode}` : ''].filter(Boolean).join('\n');
	return {
		json: { error: message, ...(details ? { details } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * A failed write says whether it was applied. The transport states it in the message for the
 * request it sent; any other failure of a write operation (bad parameter, a read before the write)
 * came before anything was sent, which the description says.
 */
export function stateWriteOutcome(error: unknown, verb: string): void {
	if (!error || typeof error !== 'object') return;
	const record = error as { writeOutcome?: unknown; description?: unknown };
	if (record.writeOutcome !== undefined) return;
	record.description = [`Nothing was ${verb}.`, typeof record.description === 'string' ? record.description : ''].filter(Boolean).join('\n');
	record.writeOutcome = false;
}

/**
 * Without Continue On Fail the run stops at the first failed item: the message names its index and
 * how many items before it were done, so a re-run can skip them.
 */
export function nameFailedItem(error: unknown, itemIndex: number, doneVerb: string): void {
	if (itemIndex === 0 || !error || typeof error !== 'object' || typeof (error as Error).message !== 'string') return;
	const before = itemIndex === 1 ? 'the 1 item before it was' : `the ${itemIndex} items before it were`;
	(error as Error).message = `${(error as Error).message} (item index ${itemIndex}; ${before} ${doneVerb}: re-run from index ${itemIndex} to skip them)`;
}
