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
import { validateJson, parseJsonSchema } from '../../lib/webhook/jsonSchema';
import { takeToken, type RateLimitState } from '../../lib/webhook/rateLimit';
import { rememberId, type ReplayCacheState } from '../../lib/webhook/replayCache';
import { verifySignature, type HmacAlgorithm, type SignatureFormat } from '../../lib/webhook/signature';
import { loadWebhookState, resetWebhookState, saveWebhookState } from '../shared/webhookState';

interface TriggerState extends IDataObject {
	activatedAt?: number;
	replay?: ReplayCacheState;
	rateLimit?: RateLimitState;
}

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
		version: 1,
		subtitle: '={{"HMAC " + $parameter["format"]}}',
		description: 'Starts the workflow when a call signed with HMAC-SHA256 arrives; forged, replayed or oversized calls are refused',
		defaults: { name: 'Signed Webhook' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signedWebhookApi', required: true, testedBy: 'signedWebhookSecretTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true }],
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
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Max Body Size (KB)', name: 'maxBodyKb', type: 'number', default: 1024, description: 'Larger calls are refused with 413' },
					{
						displayName: 'Payload JSON Schema',
						name: 'jsonSchema',
						type: 'json',
						default: '',
						description: 'Optional: calls whose JSON body does not match are refused with 400 (type, required, properties, enum, minLength, maxLength, pattern, minimum, maximum, items)',
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
				state.replay = {};
				state.rateLimit = {};
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				resetWebhookState(this);
				const state = this.getWorkflowStaticData('node') as TriggerState;
				delete state.activatedAt;
				delete state.replay;
				delete state.rateLimit;
				return true;
			},
		},
	};

	methods = {
		credentialTest: {
			async signedWebhookSecretTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const secret = String(credential.data?.secret ?? '');
				if (secret.length < 16) return { status: 'Error', message: 'The secret should be at least 16 characters long' };
				if (secret.startsWith('whsec_') && !/^whsec_[A-Za-z0-9+/=]+$/.test(secret)) return { status: 'Error', message: 'A whsec_ secret must be base64 after the prefix' };
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
			return finish({ noWebhookResponse: true });
		};
		const state = loadWebhookState<TriggerState>(this, ['replay', 'rateLimit']);
		const now = Date.now();
		// Only replay ids are worth a static-data write (each write is a database update of the
		// workflow); rate-limit windows are per minute and stay in memory.
		let replayChanged = false;
		const finish = (response: IWebhookResponseData) => {
			if (replayChanged) saveWebhookState(this, { replay: state.replay ?? {} });
			return response;
		};

		const rateLimit = Number(options.rateLimit ?? 100);
		if (rateLimit > 0) {
			const ip = String(req.ip ?? req.socket?.remoteAddress ?? 'unknown');
			const decision = takeToken((state.rateLimit ??= {}), ip, now, { limit: rateLimit, windowMs: 60_000, maxTrackedIps: 10_000 });
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
		const deliveryId = result.id ?? (replayHeader ? (req.headers[replayHeader] as string | undefined) : undefined);
		if (replayHeader && !deliveryId) return reject(400, `missing ${replayHeader} header`);
		if (deliveryId) {
			if (!rememberId((state.replay ??= {}), deliveryId, now)) return reject(409, 'replayed delivery');
			replayChanged = true;
		}

		let body: unknown = req.body;
		const contentType = String(req.headers['content-type'] ?? '');
		if (contentType.includes('json')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return reject(400, 'body is not valid JSON');
			}
		}
		const schemaText = String(options.jsonSchema ?? '').trim();
		if (schemaText && schemaText !== '{}') {
			const schema = parseJsonSchema(schemaText);
			if (!schema.ok) return reject(500, `the node's JSON schema is invalid: ${schema.reason}`);
			const errors = validateJson(schema.schema, body);
			if (errors.length) return reject(400, `payload does not match the schema: ${errors.slice(0, 5).join('; ')}`);
		}

		// Signatures stay out of the output: they are credentials of a kind.
		const hidden = new Set([String(this.getNodeParameter('header', 'x-signature')).toLowerCase(), 'authorization', 'webhook-signature', 'stripe-signature']);
		const headers = Object.fromEntries(Object.entries(req.headers as IDataObject).filter(([name]) => !hidden.has(name)));
		return finish({
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
		});
	}
}
