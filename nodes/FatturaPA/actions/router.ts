/**
 * One loop for every operation: each item runs its operation, results keep pairedItem, invalid
 * invoices go to the second output when "Send to Invalid Output" is chosen, and errors become
 * error items under "Continue on Fail".
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../../shared/errorItem';
import { VALIDATING_OPERATIONS } from '../descriptions/common';
import { build } from './build';
import { fileName } from './fileName';
import { parse } from './parse';
import { parseNotification } from './parseNotification';
import { renderHtml } from './renderHtml';
import type { ActionResult } from './types';
import { validate } from './validate';

const OPERATIONS: Record<string, (ctx: IExecuteFunctions, itemIndex: number) => Promise<ActionResult[]>> = {
	build,
	fileName,
	parse,
	parseNotification,
	renderHtml,
	validate,
};

export async function executeFatturaPA(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = OPERATIONS[operation];
	if (!run) throw new NodeOperationError(this.getNode(), `Operation: "${operation}" is not one of ${Object.keys(OPERATIONS).join(', ')}`);
	// the outputs are drawn from the first item's setting, so that is the one that counts
	const routed = VALIDATING_OPERATIONS.includes(operation) && this.getNodeParameter('onInvalid', 0, '') === 'route';
	const valid: INodeExecutionData[] = [];
	const invalid: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for (const result of await run(this, itemIndex)) {
				const item: INodeExecutionData = { json: result.json, ...(result.binary ? { binary: result.binary } : {}), pairedItem: { item: itemIndex } };
				(routed && result.invalid ? invalid : valid).push(item);
			}
		} catch (error) {
			if (this.continueOnFail()) {
				valid.push(errorItem(error, itemIndex));
				continue;
			}
			// an error that is already a NodeOperationError comes back as it is
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return routed ? [valid, invalid] : [valid];
}
