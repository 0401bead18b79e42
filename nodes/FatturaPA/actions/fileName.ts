/**
 * File Name: IT<id>_<progressivo>.xml. "Next" counts on from the last progressivo given, or from
 * the last one this node produced for the same transmitter (kept in workflow static data, so a
 * progressivo is not handed out twice across executions).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileName as sdiFileName, nextProgressivo, parseFileName, type FileExtension } from '../../../lib/fatturapa';
import type { ActionResult } from './types';

export async function fileName(ctx: IExecuteFunctions, itemIndex: number): Promise<ActionResult[]> {
	const mode = ctx.getNodeParameter('fileNameMode', itemIndex, 'next') as string;
	if (mode === 'read') {
		const name = String(ctx.getNodeParameter('fileNameToRead', itemIndex, '') ?? '').trim();
		const parts = parseFileName(name);
		if (!parts) throw new NodeOperationError(ctx.getNode(), `File Name: expected an SdI file name like IT01234567897_00001.xml, got ${JSON.stringify(name)}`, { itemIndex });
		return [{ json: { fileName: name, ...parts } }];
	}
	const idPaese = String(ctx.getNodeParameter('idPaese', itemIndex, 'IT') ?? 'IT').trim().toUpperCase() || 'IT';
	const idCodice = String(ctx.getNodeParameter('idCodice', itemIndex, '') ?? '').trim().toUpperCase();
	const extension = ctx.getNodeParameter('extension', itemIndex, 'xml') as FileExtension;
	const counters = ctx.getWorkflowStaticData('node') as IDataObject & { lastProgressivo?: Record<string, string> };
	const key = `${idPaese}${idCodice}`;
	let progressivo: string;
	try {
		if (mode === 'given') progressivo = String(ctx.getNodeParameter('progressivo', itemIndex, '') ?? '').trim().toUpperCase();
		else {
			const last = String(ctx.getNodeParameter('lastProgressivo', itemIndex, '') ?? '').trim();
			progressivo = nextProgressivo(last || counters.lastProgressivo?.[key]);
		}
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Last Progressivo: ${(error as Error).message}`, { itemIndex });
	}
	let name: string;
	try {
		name = sdiFileName({ idPaese, idCodice, progressivo, extension });
	} catch (error) {
		const message = (error as Error).message;
		const field = message.startsWith('idPaese') ? 'ID Paese' : message.startsWith('idCodice') ? 'ID Codice' : message.startsWith('progressivo') ? 'Progressivo' : 'Extension';
		throw new NodeOperationError(ctx.getNode(), `${field}: ${message.replace(/^\w+: /, '')}`, { itemIndex });
	}
	if (mode === 'next') counters.lastProgressivo = { ...(counters.lastProgressivo ?? {}), [key]: progressivo };
	return [{ json: { fileName: name, idPaese, idCodice, progressivo, extension } }];
}
