/** The router: resource + operation -> one function; errors honour Continue On Fail. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { ARUBA_CREDENTIAL, arubaClient } from '../transport';
import { errorItem, nameFailedItem, stateWriteOutcome } from '../../shared/errorItem';
import { scrubError } from '../../shared/secrets';
import { directionOf, type OperationContext } from './common';
import { download, get, getMany, getNotifications } from './invoices';
import { accountInfo, exports, getOutcomeStatus, multicedenti, sendOutcome } from './other';
import { getHistory, resend, upload } from './sentInvoice';

type Operation = (op: OperationContext, resource: string, operation: string) => Promise<INodeExecutionData[]>;

const ROUTES: Record<string, Operation> = {
	'sentInvoice.upload': upload,
	'sentInvoice.resend': resend,
	'sentInvoice.getHistory': getHistory,
	'sentInvoice.getMany': (op, r) => getMany(op, directionOf(r)),
	'sentInvoice.get': (op, r) => get(op, directionOf(r)),
	'sentInvoice.getNotifications': (op, r) => getNotifications(op, directionOf(r)),
	'sentInvoice.download': (op, r) => download(op, directionOf(r)),
	'receivedInvoice.getMany': (op, r) => getMany(op, directionOf(r)),
	'receivedInvoice.get': (op, r) => get(op, directionOf(r)),
	'receivedInvoice.getNotifications': (op, r) => getNotifications(op, directionOf(r)),
	'receivedInvoice.download': (op, r) => download(op, directionOf(r)),
	'receivedInvoice.sendOutcome': sendOutcome,
	'receivedInvoice.getOutcomeStatus': getOutcomeStatus,
	'multicedente.getMany': (op, _r, o) => multicedenti(op, o),
	'multicedente.get': (op, _r, o) => multicedenti(op, o),
	'account.getInfo': accountInfo,
	'export.start': (op, _r, o) => exports(op, o),
	'export.get': (op, _r, o) => exports(op, o),
};

/** Operations that write at Aruba, and what their items are when they succeed. */
const WRITE_VERBS: Record<string, string> = {
	'sentInvoice.upload': 'uploaded',
	'sentInvoice.resend': 'uploaded',
	'receivedInvoice.sendOutcome': 'sent',
	'export.start': 'started',
};

export async function executeAruba(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const client = await arubaClient(this);
	const uploadedThisRun = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const route = ROUTES[`${resource}.${operation}`];
		try {
			if (!route) throw new NodeOperationError(this.getNode(), `Operation: "${operation}" is not an operation of "${resource}"`, { itemIndex });
			out.push(...(await route({ ctx: this, client, itemIndex, uploadedThisRun }, resource, operation)));
		} catch (error) {
			const verb = WRITE_VERBS[`${resource}.${operation}`];
			if (verb) stateWriteOutcome(error, verb);
			await scrubError(this, ARUBA_CREDENTIAL, error);
			if (this.continueOnFail()) {
				out.push(errorItem(error, itemIndex));
				continue;
			}
			nameFailedItem(error, itemIndex, verb ?? 'done');
			// both constructors hand back an error that is already theirs
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [out];
}
