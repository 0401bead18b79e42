/**
 * Sending: upload (validated first), fix-and-resend of a rejected invoice, and the history of
 * every attempt for one invoice number and date. An upload whose answer was lost is looked up
 * before anything is sent again: the invoices of its seller, number and date are listed before
 * the first attempt, and only one that is new since then counts as this upload. Re-sending the
 * very same file in a later run returns the first upload instead of failing, so a retried
 * workflow never sends an invoice twice; within one run it is the error it is.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import type { CallOptions, WriteGuard } from '../../shared/transport';

import { InvoiceRefusedError, prepareUpload, type PreparedUpload } from '../../../lib/aruba/invoiceFile';
import { statusOfArubaInvoice } from '../../../lib/aruba/status';
import { describeUploadRefusal, uploadCode, type UploadAnswer } from '../../../lib/aruba/upload';
import { compact, required, withStatus, type OperationContext } from './common';
import { findInvoice, notificationJson, notificationsOf } from './invoices';

interface UploadOptions {
	validate?: boolean;
	retryInitialDelayMs?: number;
	timeoutMs?: number;
	setArubaTrasmittente?: boolean;
	senderPIVA?: string;
	skipExtraSchema?: boolean;
	credential?: string;
	domain?: string;
}

async function inputFile(op: OperationContext): Promise<Buffer> {
	const { ctx, itemIndex } = op;
	const input = ctx.getNodeParameter('input', itemIndex, 'binary') as string;
	if (input === 'xml') {
		const xml = ctx.getNodeParameter('xml', itemIndex, '') as string;
		if (!xml.trim()) throw new NodeOperationError(ctx.getNode(), 'XML: expected the FatturaPA XML text, got an empty value', { itemIndex });
		return Buffer.from(xml, 'utf8');
	}
	const property = (ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string) || 'data';
	const item = ctx.getInputData()[itemIndex];
	if (!item?.binary?.[property]) {
		const present = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `Input Binary Field: the item has no binary property "${property}"`, {
			itemIndex,
			description: present.length ? `Binary properties present: ${present.join(', ')}` : 'The item has no binary data: connect a node that outputs the invoice file, or choose "XML Text".',
		});
	}
	return await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
}

function prepare(op: OperationContext, file: Buffer, options: UploadOptions): PreparedUpload {
	let refusal: InvoiceRefusedError | undefined;
	let failure = '';
	try {
		return prepareUpload(file, { validate: options.validate, setArubaTrasmittente: options.setArubaTrasmittente });
	} catch (error) {
		if (error instanceof InvoiceRefusedError) refusal = error;
		else failure = (error as Error).message;
	}
	if (!refusal) throw new NodeOperationError(op.ctx.getNode(), `The invoice file could not be read: ${failure}`, { itemIndex: op.itemIndex });
	throw new NodeOperationError(op.ctx.getNode(), refusal.message, {
		itemIndex: op.itemIndex,
		description: refusal.findings.length ? refusal.findings.map((f) => `${f.code} ${f.path}: ${f.message_it}`).join('\n') : 'Give the FatturaPA XML of the invoice, or its signed .xml.p7m.',
	});
}

/** Sent invoices of this seller with this number and date, oldest first. */
async function attemptsFor(op: OperationContext, identity: { cedente?: string; numero: string; data: string }, call: CallOptions = {}): Promise<IDataObject[]> {
	const vat = identity.cedente?.replace(/^[A-Z]{2}/, '');
	// the filter only narrows the search (number and date are matched below): it starts a day before
	// the invoice date, so no time zone or clock difference between us and Aruba can leave an upload out
	const dayBefore = new Date(Date.parse(`${identity.data}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
	const qs = compact({ senderVatcode: vat, creationStartDate: `${dayBefore}T00:00:00` });
	const invoices = await op.client.all({ method: 'GET', host: 'ws', path: '/api/v2/invoices-out', qs, bucket: 'search' }, { ...call, itemIndex: op.itemIndex });
	return invoices
		.filter((invoice) => ((invoice.invoices ?? []) as IDataObject[]).some((doc) => String(doc.number) === identity.numero && String(doc.invoiceDate ?? '').slice(0, 10) === identity.data))
		.sort((a, b) => String(a.creationDate).localeCompare(String(b.creationDate)));
}

async function send(op: OperationContext, prepared: PreparedUpload, options: UploadOptions): Promise<{ answer: UploadAnswer; recovered?: string }> {
	const { ctx, itemIndex } = op;
	const body: IDataObject = compact({
		dataFile: prepared.dataFile,
		senderPIVA: options.senderPIVA?.trim(),
		skipExtraSchema: options.skipExtraSchema || undefined,
		...(prepared.signed ? {} : { credential: options.credential || undefined, domain: options.domain || undefined }),
	});
	const call: CallOptions = {
		itemIndex,
		timeoutMs: options.timeoutMs || undefined,
		policy: options.retryInitialDelayMs !== undefined ? { baseDelayMs: options.retryInitialDelayMs } : undefined,
	};
	const identity = prepared.identity;
	const first = identity?.documents[0];
	const notRejected = (invoice: IDataObject) => statusOfArubaInvoice(((invoice.invoices ?? []) as IDataObject[])[0]?.status) !== 'rejected';
	const sentOfThisNumber = async () => (first ? await attemptsFor(op, { cedente: identity?.cedente, numero: first.numero, data: first.data }, call) : []);
	// taken before the first attempt: after a lost answer only an invoice not listed here is this upload
	let earlier: IDataObject[] | undefined;
	try {
		earlier = await sentOfThisNumber();
	} catch (error) {
		// without the list no look-up can tell this upload: it is sent once, never twice
		ctx.logger.warn(`[Aruba] the sent invoices could not be listed before the upload (${(error as Error).message}); an uncertain answer will not be sent again`);
	}
	const before = new Set((earlier ?? []).map((invoice) => String(invoice.filename)));
	const check = first ? `Sent Invoice > Get History for number ${first.numero} of ${first.data} at Aruba` : 'the sent invoices at Aruba';
	const writeGuard: WriteGuard | undefined = earlier && {
		check,
		verb: 'uploaded',
		async lookUp() {
			if (!first) return { applied: 'unknown', check: `${check}: the file has no number and date to look it up by` };
			const fresh = (await sentOfThisNumber()).filter((invoice) => notRejected(invoice) && !before.has(String(invoice.filename)));
			if (fresh.length === 0) return { applied: false };
			if (fresh.length > 1) return { applied: 'unknown', check: `${check}: ${fresh.map((invoice) => String(invoice.filename)).join(', ')} are new` };
			return { applied: true, body: { errorCode: '0000', errorDescription: 'the answer was lost; the upload was found at Aruba', uploadFileName: String(fresh[0].filename), recovered: true } };
		},
	};
	const response = await op.client.request<UploadAnswer & { recovered?: boolean }>(
		{ method: 'POST', host: 'ws', path: prepared.route, body, headers: { 'Content-Type': 'application/json' }, bucket: 'upload' },
		{ ...call, writeGuard, passThrough: (failure) => failure.status === 400 && typeof (failure.body as UploadAnswer)?.errorCode === 'string' },
	);
	const answer = response?.body ?? {};
	const code = uploadCode(answer);
	if (code && code.code !== '0000') {
		if (code.code === '0001') {
			// the very same file is already at Aruba: when an earlier run sent it, that upload is the result
			const existing = earlier?.length ? String(earlier[earlier.length - 1].filename) : undefined;
			const earlierItem = existing !== undefined ? op.uploadedThisRun?.get(existing) : undefined;
			if (existing !== undefined && earlierItem === undefined) {
				op.uploadedThisRun?.set(existing, itemIndex);
				return { answer: { errorCode: '0000', errorDescription: 'the same file was uploaded before; this is that upload', uploadFileName: existing }, recovered: 'same file already uploaded' };
			}
			if (earlierItem !== undefined) {
				throw new NodeOperationError(ctx.getNode(), `Aruba refused the invoice: 0001 the same file as item index ${earlierItem} of this run, already uploaded as ${existing}`, {
					itemIndex,
					description: 'Two input items carry the very same invoice file: remove the repeated one.',
				});
			}
		}
		throw new NodeApiError(ctx.getNode(), answer as JsonObject, { message: describeUploadRefusal(answer), httpCode: String(response?.status ?? ''), itemIndex });
	}
	if (answer.uploadFileName) op.uploadedThisRun?.set(String(answer.uploadFileName), itemIndex);
	return { answer, recovered: (answer as { recovered?: boolean }).recovered ? 'answer lost, upload found' : undefined };
}

function uploadJson(prepared: PreparedUpload, answer: UploadAnswer, recovered: string | undefined): IDataObject {
	return {
		uploadFileName: answer.uploadFileName ?? null,
		errorCode: answer.errorCode ?? null,
		errorDescription: answer.errorDescription ?? null,
		signed: prepared.signed,
		trasmittenteSet: prepared.trasmittenteSet,
		bytes: prepared.bytes,
		invoice: (prepared.identity ?? null) as unknown as IDataObject,
		warnings: prepared.findings as unknown as IDataObject[],
		...(recovered ? { recovered } : {}),
	};
}

export async function upload(op: OperationContext): Promise<INodeExecutionData[]> {
	const options = op.ctx.getNodeParameter('uploadOptions', op.itemIndex, {}) as UploadOptions;
	const prepared = prepare(op, await inputFile(op), options);
	const { answer, recovered } = await send(op, prepared, options);
	return [{ json: uploadJson(prepared, answer, recovered), pairedItem: { item: op.itemIndex } }];
}

function historyEntry(invoice: IDataObject): IDataObject {
	const json = withStatus(invoice);
	return { id: json.id, filename: json.filename, creationDate: json.creationDate, lastUpdate: json.lastUpdate, idSdi: json.idSdi ?? null, status: json.status, arubaStatus: json.arubaStatus };
}

async function rejectionErrors(op: OperationContext, filename: string): Promise<IDataObject[]> {
	const notifications = await notificationsOf(op, 'out', 'filename', filename);
	return notifications.filter((n) => n.docType === 'NS').flatMap((n) => (notificationJson(n).errors ?? []) as IDataObject[]);
}

export async function resend(op: OperationContext): Promise<INodeExecutionData[]> {
	const { ctx, itemIndex } = op;
	const rejectedFilename = required(op, 'rejectedFilename', 'Rejected Invoice File Name', 'the file name of the invoice SdI rejected');
	const options = ctx.getNodeParameter('uploadOptions', itemIndex, {}) as UploadOptions;
	const rejected = await findInvoice(op, 'out', 'filename', rejectedFilename);
	const rejectedStatus = withStatus(rejected ?? {});
	if (rejectedStatus.status !== 'rejected') {
		throw new NodeOperationError(ctx.getNode(), `Rejected Invoice File Name: ${rejectedFilename} has status "${String(rejectedStatus.arubaStatus)}"; only an invoice SdI rejected (Scartata, NS) can be fixed and re-sent`, {
			itemIndex,
			description: 'A delivered invoice is issued: correct it with a credit note (TD04) instead.',
		});
	}
	const prepared = prepare(op, await inputFile(op), options);
	const docs = (rejected?.invoices ?? []) as IDataObject[];
	for (const [index, doc] of docs.entries()) {
		const fixed = prepared.identity?.documents[index];
		const wanted = { numero: String(doc.number), data: String(doc.invoiceDate ?? '').slice(0, 10) };
		if (!fixed || fixed.numero !== wanted.numero || fixed.data !== wanted.data) {
			const field = !fixed || fixed.numero !== wanted.numero ? 'Numero' : 'Data';
			throw new NodeOperationError(ctx.getNode(), `The corrected invoice must keep the ${field} of the rejected one: expected Numero ${wanted.numero} and Data ${wanted.data}, got ${fixed ? `Numero ${fixed.numero} and Data ${fixed.data}` : 'no such body'}`, {
				itemIndex,
				description: 'SdI wants a rejected invoice re-sent with the same number and date within 5 days, in a new file.',
			});
		}
	}
	const errorsBefore = await rejectionErrors(op, rejectedFilename);
	const { answer, recovered } = await send(op, prepared, options);
	if (recovered === 'same file already uploaded') {
		throw new NodeOperationError(ctx.getNode(), `The corrected file is identical to one already uploaded (${String(answer.uploadFileName)}): fix the errors SdI reported first`, {
			itemIndex,
			description: errorsBefore.map((e) => `${String(e.codice)} ${String(e.descrizione ?? '')}`).join('\n'),
		});
	}
	const first = prepared.identity?.documents[0];
	const history = first ? (await attemptsFor(op, { cedente: prepared.identity?.cedente, numero: first.numero, data: first.data })).map(historyEntry) : [];
	return [
		{
			json: { ...uploadJson(prepared, answer, recovered), resentFrom: rejectedFilename, rejectionErrors: errorsBefore, history },
			pairedItem: { item: itemIndex },
		},
	];
}

export async function getHistory(op: OperationContext): Promise<INodeExecutionData[]> {
	const numero = required(op, 'numero', 'Invoice Number');
	const data = required(op, 'data', 'Invoice Date', 'YYYY-MM-DD');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(data)) throw new NodeOperationError(op.ctx.getNode(), `Invoice Date: expected YYYY-MM-DD, got "${data}"`, { itemIndex: op.itemIndex });
	const vat = String(op.ctx.getNodeParameter('senderVatcode', op.itemIndex, '') ?? '').trim();
	const attempts = await attemptsFor(op, { cedente: vat || undefined, numero, data });
	const history: IDataObject[] = [];
	for (const attempt of attempts) {
		const entry = historyEntry(attempt);
		if (entry.status === 'rejected') entry.rejectionErrors = await rejectionErrors(op, String(attempt.filename));
		history.push(entry);
	}
	const lastStatus = history.length ? history[history.length - 1].status : null;
	return [{ json: { numero, data, attempts: history.length, status: lastStatus, history }, pairedItem: { item: op.itemIndex } }];
}
