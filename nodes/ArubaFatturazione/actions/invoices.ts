/** Operations both directions share: find, get, notifications, download. */
import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { statusOfNotification } from '../../../lib/aruba/status';
import { parseNotification } from '../../../lib/fatturapa/notifications';
import { binaryFile, compact, decodeBase64, mimeOf, parsedInvoice, required, withStatus, type Direction, type OperationContext } from './common';

export async function getMany(op: OperationContext, direction: Direction): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex, client } = op;
	const version = ctx.getNodeParameter('apiVersion', itemIndex, 'v2') as string;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const qs =
		version === 'v1'
			? { username: client.username, ...compact(ctx.getNodeParameter('filtersV1', itemIndex, {}) as IDataObject) }
			: compact(ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const path = version === 'v1' ? `/services/invoice/${direction}/findByUsername` : `/api/v2/invoices-${direction}`;
	const invoices = await client.all({ method: 'GET', host: 'ws', path, qs, bucket: 'search' }, { itemIndex, limit });
	return invoices.map((invoice) => ({ json: withStatus(invoice), pairedItem: { item: itemIndex } }));
}

export async function findInvoice(op: OperationContext, direction: Direction, by: string, value: string, qs: IDataObject = {}, notFound: 'fail' | 'empty' = 'fail'): Promise<IDataObject | undefined> {
	const base = `/services/invoice/${direction}`;
	const path = by === 'id' ? `${base}/${encodeURIComponent(value)}` : by === 'idSdi' ? `${base}/getByIdSdi` : `${base}/getByFilename`;
	const query = by === 'id' ? qs : { ...qs, [by === 'idSdi' ? 'idSdi' : 'filename']: value };
	const response = await op.client.request<IDataObject>({ method: 'GET', host: 'ws', path, qs: query }, { itemIndex: op.itemIndex, notFound });
	return response?.body;
}

export async function get(op: OperationContext, direction: Direction): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex } = op;
	const by = ctx.getNodeParameter('by', itemIndex) as string;
	const value = required(op, 'value', 'Value', `the invoice ${by === 'id' ? 'ID' : by === 'idSdi' ? 'SdI identifier' : 'file name'}`);
	const options = ctx.getNodeParameter('getOptions', itemIndex, {}) as { includeFile?: boolean; includePdf?: boolean; parse?: boolean; unsigned?: boolean; returnNothingIfNotFound?: boolean };
	const includeFile = options.includeFile ?? true;
	const notFound = options.returnNothingIfNotFound ? 'empty' : 'fail';
	const property = (ctx.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') as string) || 'data';
	let invoice = await findInvoice(op, direction, by, value, { includeFile: includeFile && !(direction === 'in' && options.unsigned !== false), includePdf: Boolean(options.includePdf) }, notFound);
	if (!invoice) return [];
	let fileName = String(invoice.filename ?? 'invoice.xml');
	if (includeFile && direction === 'in' && options.unsigned !== false) {
		const unsigned = await op.client.request<IDataObject>(
			{ method: 'GET', host: 'ws', path: '/services/invoice/in/getInvoiceWithUnsignedFile', qs: { invoiceId: String(invoice.id ?? ''), includeFile: true } },
			{ itemIndex },
		);
		invoice = { ...invoice, file: unsigned?.body?.file ?? null };
		fileName = fileName.replace(/\.p7m$/i, '');
	}
	const { file, pdfFile, ...rest } = invoice;
	const json: IDataObject = withStatus(rest);
	const binary: IBinaryKeyData = {};
	const bytes = decodeBase64(file);
	if (includeFile && bytes) {
		binary[property] = await binaryFile(op, bytes, fileName, mimeOf(fileName));
		if (options.parse !== false) Object.assign(json, parsedInvoice(bytes));
	}
	const pdf = decodeBase64(pdfFile);
	if (options.includePdf && pdf) binary.pdf = await binaryFile(op, pdf, fileName.replace(/\.xml(\.p7m)?$/i, '') + '.pdf', 'application/pdf');
	return [{ json, ...(Object.keys(binary).length ? { binary } : {}), pairedItem: { item: itemIndex } }];
}

export async function notificationsOf(op: Pick<OperationContext, 'client' | 'itemIndex'>, direction: Direction, by: 'id' | 'filename', value: string): Promise<IDataObject[]> {
	const response = await op.client.request<IDataObject>(
		{ method: 'GET', host: 'ws', path: `/api/v2/invoices-${direction}/notifications`, qs: { [by]: value }, bucket: 'notification' },
		{ itemIndex: op.itemIndex },
	);
	const body = response?.body ?? {};
	return (Array.isArray(body.notifications) ? body.notifications : Array.isArray(body) ? body : []) as IDataObject[];
}

/** A notification as an item: Aruba's fields, the status it gives, and the message read. */
export function notificationJson(notification: IDataObject, invoiceType?: string): IDataObject {
	const { file, ...rest } = notification;
	const json: IDataObject = { ...rest, type: notification.docType ?? null };
	const bytes = decodeBase64(file);
	if (bytes) {
		try {
			const parsed = parseNotification(bytes, { fileName: typeof notification.filename === 'string' ? notification.filename : undefined });
			json.notification = parsed as unknown as IDataObject;
			json.status = parsed.status;
			json.errors = parsed.errors as unknown as IDataObject[];
			return json;
		} catch (error) {
			json.notificationError = `the notification file could not be read: ${(error as Error).message}`;
		}
	}
	json.status = statusOfNotification(String(notification.docType ?? ''), notification.result as string | undefined, invoiceType);
	return json;
}

export async function getNotifications(op: OperationContext, direction: Direction): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex } = op;
	const by = ctx.getNodeParameter('by', itemIndex) as 'id' | 'filename';
	const value = required(op, 'value', 'Value', `the invoice ${by === 'id' ? 'ID' : 'file name'}`);
	const includeFile = (ctx.getNodeParameter('notificationOptions', itemIndex, {}) as { includeFile?: boolean }).includeFile;
	const out: INodeExecutionData[] = [];
	for (const notification of await notificationsOf(op, direction, by, value)) {
		const item: INodeExecutionData = { json: notificationJson(notification), pairedItem: { item: itemIndex } };
		const bytes = decodeBase64(notification.file);
		if (includeFile && bytes) item.binary = { data: await binaryFile(op, bytes, String(notification.filename ?? 'notification.xml'), 'application/xml') };
		out.push(item);
	}
	return out;
}

export async function download(op: OperationContext, direction: Direction): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex } = op;
	const by = ctx.getNodeParameter('by', itemIndex) as 'id' | 'filename';
	const value = required(op, 'value', 'Value', `the invoice ${by === 'id' ? 'ID' : 'file name'}`);
	const kind = ctx.getNodeParameter('kind', itemIndex, 'zip') as 'zip' | 'pdd';
	const property = (ctx.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') as string) || 'data';
	const response = await op.client.request<ArrayBuffer>(
		{ method: 'GET', host: 'ws', path: `/api/v2/invoices-${direction}/${kind}`, qs: { [by]: value }, responseFormat: 'binary' },
		{ itemIndex },
	);
	const bytes = Buffer.from(response?.body ?? new ArrayBuffer(0));
	const base = by === 'filename' ? value.replace(/\.xml(\.p7m)?$/i, '') : value;
	return [
		{
			json: { [by]: value, kind, bytes: bytes.length },
			binary: { [property]: await binaryFile(op, bytes, `${base}${kind === 'pdd' ? '_pdd' : ''}.zip`, 'application/zip') },
			pairedItem: { item: itemIndex },
		},
	];
}
