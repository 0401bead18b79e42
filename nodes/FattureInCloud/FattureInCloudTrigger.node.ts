import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventTypeLabel, readFicEvent, resourcePathOf, type FicEvent } from '../../lib/fattureincloud/events';
import { verifyEs256Jwt, type JwtExpectations } from '../../lib/jwt/es256';
import { FIC_EVENT_TYPES, FIC_WEBHOOK_PUBLIC_KEY } from './generated/operations';
import { FIC_AUTHENTICATION, FIC_CREDENTIALS, ficCompanyProperty } from './descriptions/common';
import { getCompanies } from './methods/loadOptions';
import { replayCacheOf, resetWebhookState, saveReplayCache } from '../shared/webhookState';
import { ficClient } from './transport';

const VERIFICATION_HEADER = 'x-fic-verification-challenge';

function verifyBearer(authorization: string | undefined, expected: JwtExpectations) {
	const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
	return verifyEs256Jwt(token, expected);
}

interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	sink?: string;
}

/**
 * Instant trigger: on activation it subscribes the workflow's production URL to the chosen
 * events, answers Fatture in Cloud's verification GET, verifies every delivery's ES256 JWT and
 * drops redeliveries by ce-id. For n8n instances the internet cannot reach, use the Fatture in
 * Cloud Polling Trigger instead (n8n fixes polling vs webhook per node type, hence two nodes).
 */
export class FattureInCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fatture in Cloud Trigger',
		name: 'fattureInCloudTrigger',
		icon: { light: 'file:fattureincloud.svg', dark: 'file:fattureincloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length + " event type(s)"}}',
		description: 'Starts the workflow when Fatture in Cloud sends an event (webhook subscription, ES256-verified)',
		defaults: { name: 'Fatture in Cloud Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: FIC_CREDENTIALS,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			FIC_AUTHENTICATION,
			ficCompanyProperty('whose events start the workflow'),
			{
				displayName: 'Event Names or IDs',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: FIC_EVENT_TYPES.map((type) => ({ name: eventTypeLabel(type), value: type })).sort((a, b) => a.name.localeCompare(b.name)),
				description:
					'Event types to subscribe to; "all" groups cover every document type. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Fetch Resources',
				name: 'enrich',
				type: 'boolean',
				default: true,
				description: 'Whether to fetch each resource by ID (events carry IDs only). Deletions are emitted with their IDs.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Delivery Mapping',
						name: 'mapping',
						type: 'options',
						options: [
							{ name: 'Binary (CloudEvents in Headers)', value: 'binary' },
							{ name: 'Structured (CloudEvents in the Body)', value: 'structured' },
						],
						default: 'binary',
					},
					{
						displayName: 'Public Key (PEM)',
						name: 'publicKey',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
						description: 'Key that signs the deliveries; empty means the key Fatture in Cloud documents',
					},
					{
						displayName: 'Verification Method',
						name: 'verificationMethod',
						type: 'options',
						options: [
							{ name: 'Header', value: 'header' },
							{ name: 'Query Parameter', value: 'query' },
						],
						default: 'header',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getCompanies } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				if (!state.subscriptionId) return false;
				const client = await ficClient(this);
				const companyId = this.getNodeParameter('companyId') as string;
				const response = await client.request<IDataObject>(
					{ method: 'GET', path: `/c/${encodeURIComponent(companyId)}/subscriptions/${encodeURIComponent(state.subscriptionId)}` },
					{ notFound: 'empty' },
				);
				const subscription = response?.body?.data as IDataObject | undefined;
				if (subscription && subscription.sink === this.getNodeWebhookUrl('default')) return true;
				delete state.subscriptionId;
				delete state.sink;
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				resetWebhookState(this);
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				const companyId = this.getNodeParameter('companyId') as string;
				const events = this.getNodeParameter('events') as string[];
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Events: choose at least one event type');
				const options = this.getNodeParameter('options', {}) as IDataObject;
				const sink = this.getNodeWebhookUrl('default')!;
				const client = await ficClient(this);
				const response = await client.request<IDataObject>({
					method: 'POST',
					path: `/c/${encodeURIComponent(companyId)}/subscriptions`,
					body: {
						data: {
							sink,
							types: events,
							verification_method: options.verificationMethod ?? 'header',
							config: { mapping: options.mapping ?? 'binary' },
						},
					},
				});
				const subscription = response?.body?.data as IDataObject | undefined;
				if (!subscription?.id) {
					throw new NodeApiError(this.getNode(), (response?.body ?? {}) as never, { message: 'Fatture in Cloud did not return a subscription id' });
				}
				state.subscriptionId = String(subscription.id);
				state.sink = sink;
				const warnings = response?.body?.warnings as string[] | undefined;
				if (warnings?.length) this.logger.warn(`[Fatture in Cloud] subscription ${state.subscriptionId}: ${warnings.join('; ')}`);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				if (!state.subscriptionId) return true;
				const companyId = this.getNodeParameter('companyId') as string;
				const client = await ficClient(this);
				// A subscription already gone (410 deletes it on FIC's side) counts as deleted.
				await client.request(
					{ method: 'DELETE', path: `/c/${encodeURIComponent(companyId)}/subscriptions/${encodeURIComponent(state.subscriptionId)}` },
					{ notFound: 'empty' },
				);
				delete state.subscriptionId;
				delete state.sink;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const credentials = await this.getCredentials(
			(this.getNodeParameter('authentication', 'oAuth2') as string) === 'accessToken' ? 'fattureInCloudApi' : 'fattureInCloudOAuth2Api',
		);
		const publicKey = String(options.publicKey || FIC_WEBHOOK_PUBLIC_KEY);
		const issuer = String(credentials.baseUrl || 'https://api-v2.fattureincloud.it').replace(/\/+$/, '');
		const sink = this.getNodeWebhookUrl('default')!;
		const headers = req.headers as Record<string, unknown>;
		const reject = (status: number, reason: string): IWebhookResponseData => {
			res.status(status).json({ error: reason });
			return { noWebhookResponse: true };
		};

		if (this.getWebhookName() === 'setup') {
			const challenge = (headers[VERIFICATION_HEADER] as string | undefined) ?? (req.query?.[VERIFICATION_HEADER] as string | undefined);
			if (!challenge) return reject(400, 'missing verification challenge');
			const auth = verifyBearer(headers.authorization as string | undefined, { publicKey, issuer, audience: sink });
			if (!auth.ok) return reject(401, auth.reason);
			res.status(200).json({ verification: challenge });
			return { noWebhookResponse: true };
		}

		let event: FicEvent;
		try {
			event = readFicEvent(headers, req.body);
		} catch (error) {
			return reject(400, (error as Error).message);
		}
		const auth = verifyBearer(headers.authorization as string | undefined, { publicKey, issuer, audience: sink, jti: event.id });
		if (!auth.ok) return reject(401, auth.reason);

		const seen = replayCacheOf(this, 'seen');
		const firstDelivery = seen.remember(event.id, Date.now());
		if (firstDelivery) saveReplayCache(this, 'seen', seen);
		if (!firstDelivery) {
			// Already delivered: acknowledge so FIC stops retrying, but do not start the workflow again.
			res.status(200).json({ duplicate: true });
			return { noWebhookResponse: true };
		}

		const base: IDataObject = { eventId: event.id, eventType: event.type, time: event.time, companyId: event.companyId, subject: event.subject };
		const enrich = this.getNodeParameter('enrich', true) as boolean;
		const resourcePath = resourcePathOf(event.type);
		const items: INodeExecutionData[] = [];
		if (enrich && resourcePath && event.companyId) {
			const client = await ficClient(this);
			for (const id of event.ids) {
				const response = await client.request<IDataObject>(
					{ method: 'GET', path: `/c/${event.companyId}/${resourcePath}/${encodeURIComponent(String(id))}`, qs: { fieldset: 'detailed' } },
					{ notFound: 'empty' },
				);
				items.push({ json: { ...base, id, resource: (response?.body?.data as IDataObject) ?? null } });
			}
		} else {
			for (const id of event.ids) items.push({ json: { ...base, id } });
		}
		if (!items.length) items.push({ json: { ...base, ids: event.ids } });
		return { workflowData: [items] };
	}
}
