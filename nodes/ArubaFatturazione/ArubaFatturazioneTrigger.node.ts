import type { IBinaryKeyData, IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { fingerprint } from '../../lib/polling';
import { pollWindow, type WindowState } from '../../lib/polling/window';
import { decodeBase64, parsedInvoice, withStatus } from './actions/common';
import { notificationJson, notificationsOf } from './actions/invoices';
import { arubaClient, type ArubaClient } from './transport';

interface TriggerState {
	/** first activation: notifications older than this are history, not news */
	since?: string;
	received?: WindowState;
	sent?: WindowState;
	/** notification file name -> when it was emitted (bounded, oldest first) */
	notified?: Record<string, string>;
}

interface TriggerOptions {
	includeFile?: boolean;
	parse?: boolean;
	emitExisting?: boolean;
	lookBackHours?: number;
	overlapMinutes?: number;
	notificationTypes?: string[];
}

const MAX_NOTIFIED = 20_000;

async function listWindow(client: ArubaClient, direction: 'in' | 'out', from: string, to: string) {
	const qs = direction === 'in' ? { creationStartDate: from, creationEndDate: to } : { modifiedStartDate: from, modifiedEndDate: to };
	return await client.all({ method: 'GET', host: 'ws', path: `/api/v2/invoices-${direction}`, qs, bucket: 'search' }, {});
}

async function receivedItem(ctx: IPollFunctions, client: ArubaClient, invoice: IDataObject, options: TriggerOptions): Promise<INodeExecutionData> {
	const json: IDataObject = { event: 'receivedInvoice', ...withStatus(invoice) };
	delete json.file;
	const binary: IBinaryKeyData = {};
	if (options.includeFile !== false || options.parse !== false) {
		const response = await client.request<IDataObject>({ method: 'GET', host: 'ws', path: '/services/invoice/in/getInvoiceWithUnsignedFile', qs: { invoiceId: String(invoice.id), includeFile: true } }, {});
		const bytes = decodeBase64(response?.body?.file);
		if (bytes) {
			const name = String(invoice.filename ?? 'invoice.xml').replace(/\.p7m$/i, '');
			if (options.includeFile !== false) binary.data = await ctx.helpers.prepareBinaryData(bytes, name, 'application/xml');
			if (options.parse !== false) Object.assign(json, parsedInvoice(bytes));
		}
	}
	return { json, ...(Object.keys(binary).length ? { binary } : {}) };
}

export class ArubaFatturazioneTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aruba Fatturazione Elettronica Trigger',
		name: 'arubaFatturazioneTrigger',
		icon: { light: 'file:aruba.svg', dark: 'file:aruba.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on new received invoices and on SdI notifications of sent invoices, each exactly once',
		defaults: { name: 'Aruba Fatturazione Elettronica Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'arubaFatturazioneApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'New Received Invoice', value: 'receivedInvoice', description: 'An invoice from a supplier arrived (with its XML and the invoice read into JSON)' },
					{ name: 'Sent Invoice Notification', value: 'sentNotification', description: 'SdI sent a notification for an invoice you sent: RC, NS, MC, NE, DT, AT' },
				],
				default: ['receivedInvoice', 'sentNotification'],
				required: true,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Emit Existing on First Poll', name: 'emitExisting', type: 'boolean', default: false, description: 'Whether the first poll emits what arrived in the look-back period instead of starting from now' },
					{ displayName: 'Include File', name: 'includeFile', type: 'boolean', default: true, description: 'Whether to add the received invoice XML (without signature) as binary "data"' },
					{ displayName: 'Look Back (Hours)', name: 'lookBackHours', type: 'number', typeOptions: { minValue: 1 }, default: 24, description: 'How far back the first poll (with Emit Existing) and a manual test run look' },
					{
						displayName: 'Notification Types',
						name: 'notificationTypes',
						type: 'multiOptions',
						options: [
							{ name: 'AT - Transmitted, Not Deliverable (PA)', value: 'AT' },
							{ name: 'DT - Deadline Passed (PA)', value: 'DT' },
							{ name: 'MC - Not Delivered', value: 'MC' },
							{ name: 'NE - Buyer Outcome (PA)', value: 'NE' },
							{ name: 'NS - Rejected', value: 'NS' },
							{ name: 'RC - Delivered', value: 'RC' },
						],
						default: [],
						description: 'Only these notifications (all when empty)',
					},
					{ displayName: 'Overlap (Minutes)', name: 'overlapMinutes', type: 'number', typeOptions: { minValue: 0 }, default: 10, description: 'How far before the last poll each poll looks again, for late records; what was emitted is not emitted again' },
					{ displayName: 'Parse Invoice', name: 'parse', type: 'boolean', default: true, description: 'Whether to add the received invoice read into JSON as "fattura"' },
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Events: choose at least one event');
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const client = await arubaClient(this);
		// A manual test run shows what the look-back finds and leaves the stored state alone.
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node') as { aruba?: TriggerState };
		const previous: TriggerState = manual ? {} : (staticData.aruba ?? {});
		const now = Date.now();
		const since = previous.since ?? new Date(now).toISOString();
		const windowOptions = {
			now,
			overlapSeconds: (options.overlapMinutes ?? 10) * 60,
			emitExisting: manual || Boolean(options.emitExisting),
			firstLookBackSeconds: manual || options.emitExisting ? (options.lookBackHours ?? 24) * 3600 : 0,
		};
		const items: INodeExecutionData[] = [];
		const next: TriggerState = { ...previous, since };

		if (events.includes('receivedInvoice')) {
			const { changes, state } = await pollWindow(
				previous.received ?? {},
				async (from, to) => (await listWindow(client, 'in', from, to)).map((invoice) => ({ key: String(invoice.id), fingerprint: String(invoice.id), data: invoice })),
				windowOptions,
			);
			for (const change of changes) items.push(await receivedItem(this, client, change.data, options));
			next.received = state;
		}

		if (events.includes('sentNotification')) {
			const wanted = new Set(options.notificationTypes ?? []);
			const notified = { ...(previous.notified ?? {}) };
			const historyBefore = windowOptions.emitExisting ? now - windowOptions.firstLookBackSeconds * 1000 : Date.parse(since);
			const { changes, state } = await pollWindow(
				previous.sent ?? {},
				async (from, to) =>
					(await listWindow(client, 'out', from, to)).map((invoice) => ({
						key: String(invoice.id),
						fingerprint: fingerprint({ idSdi: invoice.idSdi ?? null, statuses: ((invoice.invoices ?? []) as IDataObject[]).map((d) => d.status) }),
						data: invoice,
					})),
				// the first poll still looks at invoices changed in the overlap, so nothing sent just before activation is missed
				{ ...windowOptions, emitExisting: true },
			);
			for (const { data: invoice } of changes) {
				for (const notification of await notificationsOf({ client, itemIndex: 0 }, 'out', 'id', String(invoice.id))) {
					const name = String(notification.filename ?? `${String(invoice.id)}:${String(notification.id)}`);
					if (notified[name]) continue;
					const at = Date.parse(String(notification.date ?? notification.notificationDate ?? ''));
					if (!Number.isNaN(at) && at < historyBefore) continue;
					notified[name] = new Date(now).toISOString();
					if (wanted.size && !wanted.has(String(notification.docType))) continue;
					const invoiceJson = withStatus(invoice);
					delete invoiceJson.file;
					items.push({ json: { event: 'sentNotification', ...notificationJson(notification, String(invoice.invoiceType ?? '')), invoice: invoiceJson } });
				}
			}
			const names = Object.keys(notified);
			if (names.length > MAX_NOTIFIED) for (const name of names.slice(0, names.length - MAX_NOTIFIED)) delete notified[name];
			next.sent = state;
			next.notified = notified;
		}

		// Only now, after every list and file came back, is the new state kept.
		if (!manual) staticData.aruba = next;
		return items.length ? [items] : null;
	}
}
