import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { changedSinceQuery, ficTimestamp, fingerprintFields, isPaid, listPath, MANUAL_SAMPLE_SCAN, manualSample, updatedAt, type WatchTarget, type WatchedResource } from '../../lib/fattureincloud/watch';
import { buildQuery } from '../../lib/fattureincloud/query';
import { fingerprint, runPoll, type ChangeKind, type PolledRecord, type PollState } from '../../lib/polling';
import { ISSUED_DOCUMENT_TYPES } from '../../lib/fattureincloud/issuedDocument';
import { FIC_AUTHENTICATION, FIC_CREDENTIALS, ficCompanyProperty } from './descriptions/common';
import { getCompanies } from './methods/loadOptions';
import { ficClient } from './transport';

const RECEIVED_TYPES = ['expense', 'passive_credit_note', 'passive_delivery_note', 'self_invoice'];

/**
 * Polling trigger for n8n instances the internet cannot reach: every N minutes it lists what
 * changed since the stored (timestamp, id) cursor and emits each new, changed or paid record
 * exactly once (lib/polling). State lives in workflow static data and is replaced only after a
 * poll that fully succeeded.
 */
export class FattureInCloudPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fatture in Cloud Polling Trigger',
		name: 'fattureInCloudPollingTrigger',
		icon: { light: 'file:fattureincloud.svg', dark: 'file:fattureincloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watch " + $parameter["watch"]}}',
		description: 'Starts the workflow for new, changed or paid Fatture in Cloud records, by polling (no public URL needed)',
		defaults: { name: 'Fatture in Cloud Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: FIC_CREDENTIALS,
		properties: [
			FIC_AUTHENTICATION,
			ficCompanyProperty('to watch'),
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				options: [
					{ name: 'Clients', value: 'clients' },
					{ name: 'Issued Documents', value: 'issuedDocuments' },
					{ name: 'Products', value: 'products' },
					{ name: 'Received Documents', value: 'receivedDocuments' },
					{ name: 'Suppliers', value: 'suppliers' },
				],
				default: 'issuedDocuments',
			},
			{
				displayName: 'Document Type',
				name: 'documentType',
				type: 'options',
				options: ISSUED_DOCUMENT_TYPES.map((value) => ({ name: value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), value })),
				default: 'invoice',
				displayOptions: { show: { watch: ['issuedDocuments'] } },
			},
			{
				displayName: 'Document Type',
				name: 'documentType',
				type: 'options',
				options: RECEIVED_TYPES.map((value) => ({ name: value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), value })),
				default: 'expense',
				displayOptions: { show: { watch: ['receivedDocuments'] } },
			},
			{
				displayName: 'Emit',
				name: 'kinds',
				type: 'multiOptions',
				options: [
					{ name: 'New', value: 'new', description: 'Records created since the last poll' },
					{ name: 'Changed', value: 'changed', description: 'Records whose content changed' },
					{ name: 'Paid', value: 'paid', description: 'Documents whose payments all became paid' },
				],
				default: ['new', 'changed', 'paid'],
				description: 'Which changes start the workflow. A manual run shows up to 5 of the newest records these kinds could emit (with Paid alone, only paid documents), each with kind "sample" and, in sampleOf, the kinds it stands for.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Records on First Poll',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description: 'Whether the first poll after activation emits what already exists, instead of starting from now',
					},
					{
						displayName: 'Overlap Window (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 120,
						description: 'How far before the cursor each poll looks again, for records saved late; duplicates are dropped',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getCompanies } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const companyId = this.getNodeParameter('companyId') as string;
		const watch = this.getNodeParameter('watch') as WatchedResource;
		const target: WatchTarget = {
			resource: watch,
			documentType: watch === 'issuedDocuments' || watch === 'receivedDocuments' ? (this.getNodeParameter('documentType') as string) : undefined,
		};
		const kinds = new Set(this.getNodeParameter('kinds', ['new', 'changed', 'paid']) as ChangeKind[]);
		if (!kinds.size) throw new NodeOperationError(this.getNode(), 'Emit: choose at least one kind of change');
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const client = await ficClient(this);
		const path = listPath(companyId, target);

		const toPolled = (data: IDataObject): PolledRecord => ({
			id: Number(data.id),
			updatedAt: updatedAt(data),
			createdAt: data.created_at ? String(data.created_at) : undefined,
			paid: isPaid(data),
			fingerprint: fingerprint(fingerprintFields(data)),
			data,
		});

		if (this.getMode() === 'manual') {
			// newest first; the sample keeps only what the chosen Emit kinds could emit (sampleOf says which)
			const qs = { ...changedSinceQuery(target, undefined, 1, MANUAL_SAMPLE_SCAN), sort: '-updated_at,-id' };
			const response = await client.request<IDataObject>({ method: 'GET', path, qs });
			const sample = manualSample((response?.body?.data ?? []) as IDataObject[], kinds);
			return sample.length ? [sample.map((data) => ({ json: data as IDataObject }))] : null;
		}

		const staticData = this.getWorkflowStaticData('node') as { poll?: PollState };
		const { changes, state } = await runPoll(
			staticData.poll ?? {},
			async (after, pageSize) => {
				const qs = changedSinceQuery(target, undefined, 1, pageSize);
				if (after) {
					// keyset: strictly after (updated_at, id), so pages never shift when records move or disappear
					const afterPosition = buildQuery(undefined, [{ field: 'updated_at', operator: '>', value: after.at }]);
					const sameTime = buildQuery(undefined, [
						{ field: 'updated_at', operator: '=', value: after.at },
						{ field: 'id', operator: '>', value: after.id },
					]);
					qs.q = `${afterPosition} or (${sameTime})`;
				}
				const response = await client.request<IDataObject>({ method: 'GET', path, qs });
				return ((response?.body?.data ?? []) as IDataObject[]).map(toPolled);
			},
			{ now: ficTimestamp(new Date()), overlapSeconds: Number(options.overlapSeconds ?? 120), emitExisting: Boolean(options.emitExisting) },
		);
		// Only now, after every page came back, does the cursor move.
		staticData.poll = state;
		const items = changes.filter((change) => kinds.has(change.kind)).map((change) => ({ json: { kind: change.kind, ...change.record.data } }));
		return items.length ? [items] : null;
	}
}
