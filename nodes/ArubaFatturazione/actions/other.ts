/** Buyer outcomes (esito committente), multicedenti, account and bulk exports. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { describeUploadRefusal, type UploadAnswer } from '../../../lib/aruba/upload';
import { binaryFile, compact, decodeBase64, required, type OperationContext } from './common';

const item = (op: OperationContext, json: IDataObject): INodeExecutionData => ({ json, pairedItem: { item: op.itemIndex } });

export async function sendOutcome(op: OperationContext): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex } = op;
	const filename = required(op, 'filename', 'Invoice File Name');
	const sdiId = required(op, 'sdiId', 'SdI Identifier', 'IdentificativoSdI of the received invoice');
	const esito = ctx.getNodeParameter('esito', itemIndex) as string;
	const descrizione = String(ctx.getNodeParameter('descrizione', itemIndex, '') ?? '').trim();
	if (esito !== 'EC01' && esito !== 'EC02') throw new NodeOperationError(ctx.getNode(), `Outcome: expected EC01 or EC02, got "${esito}"`, { itemIndex });
	if (esito === 'EC02' && !descrizione) throw new NodeOperationError(ctx.getNode(), 'Description: a refusal (EC02) needs the reason, so the seller knows what to correct', { itemIndex });
	if (descrizione.length > 255) throw new NodeOperationError(ctx.getNode(), `Description: at most 255 characters, got ${descrizione.length}`, { itemIndex });
	const response = await op.client.request<UploadAnswer>(
		{ method: 'POST', host: 'ws', path: '/services/invoice/in/sendEsitoCommittente', body: compact({ filename, sdiId, esito, descrizione: descrizione || undefined }), headers: { 'Content-Type': 'application/json' } },
		{ itemIndex, writeVerb: 'sent' },
	);
	const answer = response?.body ?? {};
	if (answer.errorCode && answer.errorCode !== '0000') throw new NodeApiError(ctx.getNode(), answer as JsonObject, { message: describeUploadRefusal(answer), itemIndex });
	return [item(op, { filename, sdiId, esito, ...(answer as IDataObject) })];
}

export async function getOutcomeStatus(op: OperationContext): Promise<INodeExecutionData[]> {
	const filename = required(op, 'filename', 'Invoice File Name');
	const response = await op.client.request<IDataObject>({ method: 'GET', host: 'ws', path: `/services/invoice/in/sendEsitoCommittente/${encodeURIComponent(filename)}` }, { itemIndex: op.itemIndex });
	return [item(op, { filename, ...(response?.body ?? {}) })];
}

export async function multicedenti(op: OperationContext, operation: string): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex, client } = op;
	if (operation === 'get') {
		const id = required(op, 'multicedenteId', 'Multicedente ID');
		const response = await client.request<IDataObject>({ method: 'GET', host: 'auth', path: `/auth/multicedenti/${encodeURIComponent(id)}` }, { itemIndex });
		return [item(op, response?.body ?? {})];
	}
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const qs = compact(ctx.getNodeParameter('multicedenteFilters', itemIndex, {}) as IDataObject);
	const list = await client.all({ method: 'GET', host: 'auth', path: '/auth/multicedenti', qs }, { itemIndex, limit });
	return list.map((entry) => item(op, entry));
}

export async function accountInfo(op: OperationContext): Promise<INodeExecutionData[]> {
	const response = await op.client.request<IDataObject>({ method: 'GET', host: 'auth', path: '/auth/userInfo' }, { itemIndex: op.itemIndex });
	return [item(op, response?.body ?? {})];
}

export async function exports(op: OperationContext, operation: string): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex, client } = op;
	if (operation === 'start') {
		const scope = ctx.getNodeParameter('scope', itemIndex) as 'out' | 'in' | 'multicedenti';
		if (scope === 'multicedenti') {
			const response = await client.request<IDataObject>({ method: 'POST', host: 'ws', path: '/api/v2/multicedenti/report', body: {}, headers: { 'Content-Type': 'application/json' } }, { itemIndex, writeVerb: 'started' });
			return [item(op, { scope, ...(response?.body ?? {}) })];
		}
		const ids = required(op, 'ids', 'Invoice IDs', 'comma-separated Aruba invoice IDs')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		const downloadTypes = ctx.getNodeParameter('downloadTypes', itemIndex, []) as string[];
		if (!downloadTypes.length) throw new NodeOperationError(ctx.getNode(), 'Contents: choose at least one content (XML, PDF, ...)', { itemIndex });
		const response = await client.request<IDataObject>(
			{ method: 'POST', host: 'ws', path: `/api/v2/invoices-${scope}/download`, body: { ids, downloadTypes }, headers: { 'Content-Type': 'application/json' } },
			{ itemIndex, writeVerb: 'started' },
		);
		return [item(op, { scope, ids, downloadTypes, ...(response?.body ?? {}) })];
	}
	const jobId = required(op, 'jobId', 'Job ID');
	const response = await client.request<IDataObject>({ method: 'GET', host: 'ws', path: `/api/v2/download/${encodeURIComponent(jobId)}` }, { itemIndex });
	const { file, ...json } = response?.body ?? {};
	const bytes = decodeBase64(file);
	const property = (ctx.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') as string) || 'data';
	return [{ json: { jobId, ...json }, ...(bytes ? { binary: { [property]: await binaryFile(op, bytes, `export-${jobId}.zip`, 'application/zip') } } : {}), pairedItem: { item: itemIndex } }];
}
