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
