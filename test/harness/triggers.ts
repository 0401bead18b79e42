/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Trigger nodes through n8n-core's own contexts: HookContext for webhook create/delete on
 * activation, WebhookContext for deliveries (with a fake express request/response), PollContext
 * for polls. Static data is the workflow's, as in a published workflow.
 */
import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, INodeType, IWebhookData, IWebhookResponseData } from 'n8n-workflow';

import { prepare, type WorkflowFixture } from './n8n';

let harnesses = 0;

export interface FakeResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
	ended: boolean;
}

export interface TriggerHarness {
	node: INode;
	nodeType: INodeType;
	staticData: IDataObject;
	webhookUrl(name?: string): string;
	activate(): Promise<boolean>;
	deactivate(): Promise<boolean>;
	checkExists(): Promise<boolean>;
	deliver(request: { name?: string; method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: Buffer; query?: Record<string, string>; ip?: string }): Promise<{ result: IWebhookResponseData; response: FakeResponse }>;
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
}

export async function triggerHarness(
	node: Omit<INode, 'id' | 'position' | 'typeVersion'> & { typeVersion?: number },
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { staticData?: IDataObject; webhookBaseUrl?: string } = {},
): Promise<TriggerHarness> {
	const fixture: WorkflowFixture = { nodes: [{ id: 'trigger', position: [0, 0], typeVersion: 1, webhookId: 'test-webhook-id', ...node } as INode], connections: {} };
	const staticData = options.staticData ?? {};
	// each harness is its own workflow: process-local trigger state never leaks between tests
	const { workflow, additionalData } = await prepare(fixture, credentials, { staticData, webhookBaseUrl: options.webhookBaseUrl, workflowId: `test-workflow-${++harnesses}` });
	const wfNode = workflow.getNode(node.name)!;
	const nodeType = workflow.nodeTypes.getByNameAndVersion(wfNode.type, wfNode.typeVersion) as INodeType;
	const webhookData = (name = 'default'): IWebhookData =>
		({
			httpMethod: 'POST',
			node: wfNode.name,
			path: 'webhook',
			webhookDescription: nodeType.description.webhooks!.find((w) => w.name === name)!,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: 'test-webhook-id',
		}) as unknown as IWebhookData;
	const hook = (method: 'create' | 'delete' | 'checkExists') => {
		const context = new HookContext(workflow, wfNode, additionalData, 'trigger', 'activate', webhookData());
		return (nodeType.webhookMethods!.default![method] as (this: unknown) => Promise<boolean>).call(context);
	};
	return {
		node: wfNode,
		nodeType,
		staticData: workflow.staticData as IDataObject,
		webhookUrl: (name = 'default') => new WebhookContext(workflow, wfNode, additionalData, 'trigger', webhookData(name), [], null).getNodeWebhookUrl(name as never)!,
		activate: () => hook('create'),
		deactivate: () => hook('delete'),
		checkExists: () => hook('checkExists'),
		async deliver(request) {
			const response: FakeResponse = { statusCode: 200, headers: {}, body: undefined, ended: false };
			const rawBody = request.rawBody ?? Buffer.from(request.body === undefined ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
			const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
			let parsed: unknown = request.body;
			if (request.rawBody && parsed === undefined) {
				try {
					parsed = JSON.parse(rawBody.toString('utf8'));
				} catch {
					parsed = {};
				}
			}
			const req = {
				method: request.method ?? 'POST',
				headers,
				body: parsed ?? {},
				rawBody,
				query: request.query ?? {},
				params: {},
				ip: request.ip ?? '127.0.0.1',
				socket: { remoteAddress: request.ip ?? '127.0.0.1' },
				readRawBody: async () => undefined,
			};
			const res = {
				status(code: number) {
					response.statusCode = code;
					return res;
				},
				setHeader(name: string, value: string) {
					response.headers[name.toLowerCase()] = String(value);
					return res;
				},
				header(name: string, value: string) {
					return res.setHeader(name, value);
				},
				set(name: string, value: string) {
					return res.setHeader(name, value);
				},
				json(body: unknown) {
					response.body = body;
					response.ended = true;
					return res;
				},
				send(body: unknown) {
					response.body = body;
					response.ended = true;
					return res;
				},
				end(body?: unknown) {
					if (body !== undefined) response.body = body;
					response.ended = true;
					return res;
				},
			};
			const data = { ...additionalData, httpRequest: req, httpResponse: res } as never;
			const context = new WebhookContext(workflow, wfNode, data, 'trigger', { ...webhookData(request.name), workflowExecuteAdditionalData: data } as IWebhookData, [], null);
			const result = await nodeType.webhook!.call(context as never);
			return { result, response };
		},
		async poll(mode = 'trigger') {
			const context = new PollContext(workflow, wfNode, additionalData, mode, 'activate');
			return await nodeType.poll!.call(context as never);
		},
	};
}
