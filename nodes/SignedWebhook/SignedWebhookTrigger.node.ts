import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createScrubber, secretsOfCredential } from '../../lib/http/secrets';
import { DEFAULT_MAX_JSON_DEPTH, parseJsonBody } from '../../lib/webhook/jsonBody';
import { cachedJsonSchema } from '../../lib/webhook/jsonSchema';
import { verifySignature, type HmacAlgorithm, type SignatureFormat } from '../../lib/webhook/signature';
import { webhookDescriptionFields, type WebhookField } from '../shared/webhookDescription';
import { rateLimiterOf, replayCacheOf, resetWebhookState, saveReplayCache } from '../shared/webhookState';

interface TriggerState extends IDataObject {
	activatedAt?: number;
}

/** Static-data key of the replay ids ([id, ms] entries). */
const REPLAY_KEY = 'replay';
/** A longer delivery id is refused: ids are kept for a day, so their size is bounded. */
const MAX_DELIVERY_ID_LENGTH = 200;

/**
 * The webhook-description fields n8n reads on every call, declared so that n8n resolves them from
 * the parameters without its expression engine (see nodes/shared/webhookDescription.ts).
 */
export const SIGNED_WEBHOOK_FIELDS = {
	path: { parameter: 'path' },
	responseMode: { parameter: 'responseMode', fallback: 'onReceived' },
	responseCode: { parameter: 'responseCode', fallback: 200 },
	// onReceived: empty means "the acknowledgement webhook() returns" ({ received: true, id }).
	// Self-contained: its source is also the template the editor evaluates.
	responseData: (p: IDataObject) =>
		p.responseMode === 'lastNode' ? p.responseData : ((p.options as IDataObject) || {}).noResponseBody ? 'noData' : ((p.options as IDataObject) || {}).responseData || '',
	responseBinaryPropertyName: { parameter: 'responseBinaryPropertyName' },
	responseContentType: { parameter: ['options', 'responseContentType'] },
	responsePropertyName: { parameter: ['options', 'responsePropertyName'] },
	responseHeaders: { parameter: ['options', 'responseHeaders'] },
} satisfies Record<string, WebhookField>;

/**
 * A webhook that starts the workflow only for calls signed with the shared secret: HMAC over the
 * raw body, constant-time compare, timestamp tolerance, replay cache, per-IP rate limit and a
 * body size cap. A rejected call never starts the workflow. State lives in workflow static data
 * (queue mode safe).
 */
export class SignedWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Signed Webhook Trigger',
		name: 'signedWebhookTrigger',
		icon: { light: 'file:signedwebhook.svg', dark: 'file:signedwebhook.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n (2.41, webhook-helpers parseRequestBody) reads a version-1 webhook
		// node's options.binaryData through the expression engine on every call; from 1.1 on it
		// does not, and it leaves bodies it cannot parse unread, which webhook() reads itself.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{"HMAC " + $parameter["format"]}}',
		description: 'Starts the workflow when a call signed with HMAC-SHA256 arrives; forged, replayed or oversized calls are refused',
		defaults: { name: 'Signed Webhook' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signedWebhookApi', required: true, testedBy: 'signedWebhookSecretTest' }],
		// The answer to a valid call follows the Respond parameter as in n8n's Webhook node. Refused
		// calls are answered by webhook() itself (401, 409, 413, 429, ...) whatever the mode.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				isFullPath: true,
				...webhookDescriptionFields(SIGNED_WEBHOOK_FIELDS),
			},
		],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'signed',
				required: true,
				description: 'The webhook path, e.g. order-paid → /webhook/order-paid',
			},
			{
				displayName: 'Signature Format',
				name: 'format',
				type: 'options',
				options: [
					{ name: 'Base64 Digest in a Header', value: 'base64' },
					{ name: 'Hex Digest in a Header (Optional Sha256= Prefix)', value: 'hex' },
					{ name: 'Standard Webhooks (Webhook-ID, -Timestamp, -Signature)', value: 'standard' },
					{ name: 'Stripe Style (T=…,v1=…)', value: 'stripe' },
				],
				default: 'hex',
			},
			{
				displayName: 'Signature Header',
				name: 'header',
				type: 'string',
				default: 'x-signature',
				displayOptions: { show: { format: ['hex', 'base64', 'stripe'] } },
			},
			{
				displayName: 'Algorithm',
				name: 'algorithm',
				type: 'options',
				options: [
					{ name: 'HMAC-SHA1', value: 'sha1' },
					{ name: 'HMAC-SHA256', value: 'sha256' },
					{ name: 'HMAC-SHA512', value: 'sha512' },
				],
				default: 'sha256',
				displayOptions: { show: { format: ['hex', 'base64', 'stripe'] } },
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{ name: 'Immediately', value: 'onReceived', description: 'As soon as the call is verified: a small JSON acknowledgement ({ received: true, ID })' },
					{ name: 'When Last Node Finishes', value: 'lastNode', description: 'Returns data of the last-executed node' },
					{ name: "Using 'Respond to Webhook' Node", value: 'responseNode', description: 'Response defined in that node' },
				],
				default: 'onReceived',
				description: 'When and how to answer a verified call (refused calls are always answered at once with their error)',
			},
			{
				displayName: 'Response Code',
				name: 'responseCode',
				type: 'number',
				typeOptions: { minValue: 100, maxValue: 599 },
				default: 200,
				displayOptions: { hide: { responseMode: ['responseNode'] } },
				description: 'The HTTP response code of a verified call',
			},
			{
				displayName: 'Response Data',
				name: 'responseData',
				type: 'options',
				options: [
					{ name: 'All Entries', value: 'allEntries', description: 'Returns all the entries of the last node. Always returns an array.' },
					{ name: 'First Entry JSON', value: 'firstEntryJson', description: 'Returns the JSON data of the first entry of the last node. Always returns a JSON object.' },
					{ name: 'First Entry Binary', value: 'firstEntryBinary', description: 'Returns the binary data of the first entry of the last node. Always returns a binary file.' },
					{ name: 'No Response Body', value: 'noData', description: 'Returns without a body' },
				],
				default: 'firstEntryJson',
				displayOptions: { show: { responseMode: ['lastNode'] } },
				description: 'What data should be returned',
			},
			{
				displayName: 'Property Name',
				name: 'responseBinaryPropertyName',
				type: 'string',
				required: true,
				default: 'data',
				displayOptions: { show: { responseMode: ['lastNode'], responseData: ['firstEntryBinary'] } },
				description: 'Name of the binary property to return',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Max Body Size (KB)', name: 'maxBodyKb', type: 'number', default: 1024, description: 'Larger calls are refused with 413' },
					{
						displayName: 'Max JSON Nesting Depth',
						name: 'maxJsonDepth',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1000 },
						default: DEFAULT_MAX_JSON_DEPTH,
						description: 'A JSON body nested deeper (arrays and objects) is refused with 400: very deep bodies break later nodes',
					},
					{
						displayName: 'No Response Body',
						name: 'noResponseBody',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/responseMode': ['onReceived'] } },
						description: 'Whether to answer a verified call without a body',
					},
					{
						displayName: 'Payload JSON Schema',
						name: 'jsonSchema',
						type: 'json',
						default: '',
						description:
							'Optional JSON Schema (draft 2020-12 by default; 04, 07, 2019-09 via $schema): calls whose JSON body does not match are refused with 400. A schema using a keyword or format this node does not enforce is refused, never half-applied.',
					},
					{ displayName: 'Rate Limit per IP (Requests/Minute)', name: 'rateLimit', type: 'number', default: 100, description: '0 disables it; over the limit answers 429 with Retry-After' },
					{
						displayName: 'Replay ID Header',
						name: 'replayHeader',
						type: 'string',
						default: '',
						placeholder: 'X-Request-ID',
						description: 'Header carrying a unique delivery ID; a repeated ID is refused. Standard Webhooks uses webhook-ID automatically.',
					},
					{
						displayName: 'Response Content-Type',
						name: 'responseContentType',
						type: 'string',
						default: '',
						placeholder: 'application/xml',
						displayOptions: { show: { '/responseMode': ['lastNode'], '/responseData': ['firstEntryJson'] } },
						description: 'Content-type of the answer when it is not application/JSON',
					},
					{
						displayName: 'Response Data',
						name: 'responseData',
						type: 'string',
						default: '',
						placeholder: 'success',
						displayOptions: { show: { '/responseMode': ['onReceived'] }, hide: { noResponseBody: [true] } },
						description: 'Custom answer to a verified call instead of the JSON acknowledgement',
					},
					{
						displayName: 'Response Headers',
						name: 'responseHeaders',
						placeholder: 'Add Response Header',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						displayOptions: { hide: { '/responseMode': ['responseNode'] } },
						description: 'Headers added to the answer of a verified call',
						options: [
							{
								name: 'entries',
								displayName: 'Entries',
								values: [
									{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the header' },
									{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value of the header' },
								],
							},
						],
					},
					{
						displayName: 'Response Property Name',
						name: 'responsePropertyName',
						type: 'string',
						default: 'data',
						displayOptions: { show: { '/responseMode': ['lastNode'], '/responseData': ['firstEntryJson'] } },
						description: 'Name of the property to return the data of instead of the whole JSON',
					},
					{ displayName: 'Timestamp Tolerance (Seconds)', name: 'toleranceSeconds', type: 'number', default: 300, description: 'For signed timestamps (Stripe, Standard Webhooks); 0 disables the check' },
				],
			},
		],
	};

	/**
	 * Nothing to register on a remote service: activation starts from fresh replay and rate-limit
	 * state, deactivation drops it.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return Boolean((this.getWorkflowStaticData('node') as TriggerState).activatedAt);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				resetWebhookState(this);
				const state = this.getWorkflowStaticData('node') as TriggerState;
				state.activatedAt = Date.now();
				state[REPLAY_KEY] = [];
				delete state.rateLimit;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				resetWebhookState(this);
				const state = this.getWorkflowStaticData('node') as TriggerState;
				delete state.activatedAt;
				delete state[REPLAY_KEY];
				delete state.rateLimit; // written by earlier versions
				return true;
			},
		},
	};

	methods = {
		credentialTest: {
			async signedWebhookSecretTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const secret = String(credential.data?.secret ?? '');
				if (secret.length < 16) return { status: 'Error', message: 'The secret should be at least 16 characters long' };
				if (secret.startsWith('whsec_') && !/^whsec_(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^whsec_(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$/.test(secret)) return { status: 'Error', message: 'A whsec_ secret must be base64 after the prefix' };
				return { status: 'OK', message: 'The secret can be used to verify signatures' };
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const reject = (status: number, reason: string, headers: Record<string, string> = {}): IWebhookResponseData => {
			for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
			res.status(status).json({ error: reason });
			return { noWebhookResponse: true };
		};
		const now = Date.now();

		const rateLimit = Number(options.rateLimit ?? 100);
		if (rateLimit > 0) {
			const ip = String(req.ip ?? req.socket?.remoteAddress ?? 'unknown');
			const decision = rateLimiterOf(this).take(ip, now, { limit: rateLimit, windowMs: 60_000, maxTrackedIps: 10_000 });
			if (!decision.allowed) return reject(429, 'too many requests', { 'Retry-After': String(decision.retryAfterSeconds) });
		}

		const maxBytes = Number(options.maxBodyKb ?? 1024) * 1024;
		const declared = Number(req.headers['content-length'] ?? 0);
		if (declared > maxBytes) return reject(413, 'body too large');
		if (!req.rawBody) await req.readRawBody();
		const rawBody: Buffer = req.rawBody ?? Buffer.alloc(0);
		if (rawBody.length > maxBytes) return reject(413, 'body too large');

		const credentials = await this.getCredentials('signedWebhookApi');
		const format = this.getNodeParameter('format') as SignatureFormat;
		const result = verifySignature(rawBody, req.headers as Record<string, unknown>, {
			format,
			secret: String(credentials.secret ?? ''),
			algorithm: format === 'standard' ? 'sha256' : (this.getNodeParameter('algorithm', 'sha256') as HmacAlgorithm),
			header: format === 'standard' ? undefined : (this.getNodeParameter('header', '') as string).toLowerCase() || undefined,
			toleranceSeconds: Number(options.toleranceSeconds ?? 300),
		});
		if (!result.ok) return reject(result.status, result.reason);

		const replayHeader = String(options.replayHeader ?? '').toLowerCase();
		const headerId = replayHeader ? req.headers[replayHeader] : undefined;
		const deliveryId = result.id ?? (Array.isArray(headerId) ? headerId[0] : headerId);
		if (replayHeader && !deliveryId) return reject(400, `missing ${replayHeader} header`);
		if (deliveryId && deliveryId.length > MAX_DELIVERY_ID_LENGTH) return reject(400, `delivery id longer than ${MAX_DELIVERY_ID_LENGTH} characters`);

		let body: unknown = req.body;
		const contentType = String(req.headers['content-type'] ?? '');
		if (contentType.includes('json')) {
			const parsed = parseJsonBody(rawBody, Number(options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH) || DEFAULT_MAX_JSON_DEPTH);
			if (!parsed.ok) return reject(400, parsed.reason);
			body = parsed.value;
		}
		const schemaText = String(options.jsonSchema ?? '').trim();
		if (schemaText && schemaText !== '{}') {
			const schema = cachedJsonSchema(schemaText);
			if (!schema.ok) return reject(500, `the node's Payload JSON Schema option is refused: ${schema.reason}`);
			const errors = schema.schema.validate(body);
			if (errors.length) return reject(400, `payload does not match the schema: ${errors.join('; ')}`);
		}

		const responseMode = this.getNodeParameter('responseMode', 'onReceived') as string;
		if (responseMode === 'responseNode' && !this.getChildNodes(this.getNode().name).some((node) => node.type === 'n8n-nodes-base.respondToWebhook')) {
			return reject(500, "Respond is set to 'Using Respond to Webhook Node' but no Respond to Webhook node follows this trigger");
		}

		// The id is taken only for a call that starts the workflow: a refused call can be fixed and re-sent.
		if (deliveryId) {
			const replay = replayCacheOf(this, REPLAY_KEY);
			if (!replay.remember(deliveryId, now)) return reject(409, 'replayed delivery');
			saveReplayCache(this, REPLAY_KEY, replay);
		}

		// Signatures stay out of the output: they are credentials of a kind.
		const hidden = new Set([String(this.getNodeParameter('header', 'x-signature')).toLowerCase(), 'authorization', 'webhook-signature', 'stripe-signature']);
		const headers = Object.fromEntries(Object.entries(req.headers as IDataObject).filter(([name]) => !hidden.has(name)));
		return {
			// the answer in "Respond: Immediately" mode unless a custom Response Data is set
			webhookResponse: { received: true, id: deliveryId ?? null },
			workflowData: [
				this.helpers.returnJsonArray(
					// a sender that also sends the secret itself (a token header, a field of the payload) does not put it in the output
					createScrubber(secretsOfCredential(credentials)).scrubDeep({
						body: body as IDataObject,
						headers,
						query: req.query as IDataObject,
						verified: { format, deliveryId: deliveryId ?? null, timestamp: result.timestamp ?? null },
					}),
				),
			],
		};
	}
}
