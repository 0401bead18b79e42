/** Small pieces every Aruba operation uses: parameters, binary files, invoice JSON. */
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { statusOfArubaInvoice } from '../../../lib/aruba/status';
import { parseFatturaPA } from '../../../lib/fatturapa';
import { readPossiblySignedXml } from '../../../lib/p7m';
import type { ArubaClient } from '../transport';

export interface OperationContext {
	ctx: IExecuteFunctions;
	client: ArubaClient;
	itemIndex: number;
	/** Files uploaded by earlier items of this run -> their item index (the same file twice in one run is an error). */
	uploadedThisRun?: Map<string, number>;
}

export type Direction = 'out' | 'in';

export function directionOf(resource: string): Direction {
	return resource === 'receivedInvoice' ? 'in' : 'out';
}

export function required(op: OperationContext, name: string, label: string, hint = ''): string {
	const value = String(op.ctx.getNodeParameter(name, op.itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(op.ctx.getNode(), `${label}: a value is required${hint ? ` (${hint})` : ''}`, { itemIndex: op.itemIndex });
	return value;
}

/** Query values without the empty ones n8n leaves for unset collection fields. */
export function compact(values: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) if (value !== '' && value !== undefined && value !== null) out[key] = value;
	return out;
}

export async function binaryFile(op: OperationContext, data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> {
	return await op.ctx.helpers.prepareBinaryData(data, fileName, mimeType);
}

export function mimeOf(fileName: string): string {
	if (/\.p7m$/i.test(fileName)) return 'application/pkcs7-mime';
	if (/\.xml$/i.test(fileName)) return 'application/xml';
	if (/\.zip$/i.test(fileName)) return 'application/zip';
	if (/\.pdf$/i.test(fileName)) return 'application/pdf';
	return 'application/octet-stream';
}

/** The invoice's status in one vocabulary beside Aruba's own words (first body's status). */
export function withStatus(invoice: IDataObject): IDataObject {
	const bodies = (Array.isArray(invoice.invoices) ? invoice.invoices : []) as IDataObject[];
	const arubaStatus = bodies[0]?.status;
	return { ...invoice, status: statusOfArubaInvoice(arubaStatus), arubaStatus: arubaStatus ?? null };
}

/** The FatturaPA model of an invoice file (plain or signed), or a reason it could not be read. */
export function parsedInvoice(file: Buffer): IDataObject {
	try {
		const { xml } = readPossiblySignedXml(file);
		return { fattura: parseFatturaPA(xml) as unknown as IDataObject };
	} catch (error) {
		return { fatturaError: `the invoice file could not be read as FatturaPA: ${(error as Error).message}` };
	}
}

export function decodeBase64(value: unknown): Buffer | undefined {
	if (typeof value !== 'string' || !value) return undefined;
	const buffer = Buffer.from(value, 'base64');
	return buffer.length ? buffer : undefined;
}
