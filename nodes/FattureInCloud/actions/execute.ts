/**
 * One path for every operation: node parameters -> request (path, query, body) -> transport ->
 * output items. The operation table says what each operation needs; composite operations
 * (client/supplier create-or-update) are written out below.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pruneEmpty, stripReadOnly } from '../../../lib/fattureincloud/body';
import { entityBody, entityLookupQuery, type EntityFields } from '../../../lib/fattureincloud/entity';
import { issuedDocumentData, type IssuedDocumentFields } from '../../../lib/fattureincloud/issuedDocument';
import { buildQuery, type FilterCondition } from '../../../lib/fattureincloud/query';
import { findCreatedRecord } from '../../../lib/fattureincloud/recovery';
import { rateLimitHeaders, type ApiResponse, type CallOptions } from '../../shared/transport';
import { errorItem } from '../../shared/errorItem';
import { camel } from '../descriptions/fields';
import { FRIENDLY_BODY_OPERATIONS } from '../descriptions/friendly';
import { findOperation } from '../descriptions/resources';
import { FIC_OPERATIONS, type FicOperation } from '../generated/operations';
import { ficClient, fillPath, requiredScope, type FicClient } from '../transport';

/** Operations that POST but only compute or check: safe to send again. */
const IDEMPOTENT_POSTS = new Set(['getNewIssuedDocumentTotals', 'getExistingIssuedDocumentTotals', 'getNewReceivedDocumentTotals', 'getExistingReceivedDocumentTotals', 'verifyWebhooksSubscription']);

interface RunState {
	client: FicClient;
	/** Lists read once per run (VAT types, languages, payment methods), by path. */
	lists: Map<string, IDataObject[]>;
}

interface NodeOptions extends IDataObject {
	includeResponseMetadata?: boolean;
	maxAttempts?: number;
	retryInitialDelayMs?: number;
	returnNothingIfNotFound?: boolean;
	fields?: string;
	fieldset?: string;
	sort?: string;
}

function parseJsonParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter(name, itemIndex, '{}') as unknown;
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	try {
		const parsed = JSON.parse(String(raw || '{}')) as unknown;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
		return parsed as IDataObject;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Data (JSON): expected a JSON object, got ${String(raw).slice(0, 80)}`, {
			itemIndex,
			description: (error as Error).message,
		});
	}
}

/** `{data, options}` stays as it is; any other object becomes the `data` of the request. */
function envelope(object: IDataObject): IDataObject {
	const keys = Object.keys(object);
	if (keys.includes('data') && keys.every((key) => key === 'data' || key === 'options')) return object;
	return { data: object };
}

function callOptions(options: NodeOptions, itemIndex: number, scope: string | undefined): CallOptions {
	return {
		itemIndex,
		requiredScope: scope,
		notFound: options.returnNothingIfNotFound ? 'empty' : 'fail',
		policy: {
			maxAttempts: options.maxAttempts ?? 6,
			baseDelayMs: options.retryInitialDelayMs ?? 1000,
		},
	};
}

function withMetadata(json: IDataObject, response: ApiResponse | undefined, options: NodeOptions): IDataObject {
	if (!options.includeResponseMetadata || !response) return json;
	return {
		...json,
		_response: { status: response.status, latencyMs: response.latencyMs, attempts: response.attempts, rateLimit: rateLimitHeaders(response.headers) },
	};
}

function queryFor(ctx: IExecuteFunctions, op: FicOperation, itemIndex: number, options: NodeOptions): IDataObject {
	const qs: IDataObject = {};
	for (const param of op.queryParams) {
		if (param.required) {
			qs[param.name] = ctx.getNodeParameter(camel(param.name), itemIndex) as string;
		} else if (options[camel(param.name)] !== undefined && options[camel(param.name)] !== '') {
			qs[param.name] = options[camel(param.name)];
		}
	}
	// FIC answers only the listed fields: without `id` the items cannot be used downstream.
	if (typeof qs.fields === 'string' && qs.fields.trim()) {
		const fields = qs.fields.split(',').map((f) => f.trim()).filter(Boolean);
		if (!fields.includes('id')) fields.unshift('id');
		qs.fields = fields.join(',');
	}
	if (op.paginated) {
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as { q?: string; conditions?: { condition?: FilterCondition[] } };
		try {
			// n8n leaves out a collection value equal to its default ("=" for the operator)
			const conditions = (filters.conditions?.condition ?? []).map((condition) => ({ ...condition, operator: condition.operator || '=' }));
			const q = buildQuery(filters.q, conditions);
			if (q) qs.q = q;
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Filters: ${(error as Error).message}`, { itemIndex });
		}
	}
	return qs;
}

function pathFor(ctx: IExecuteFunctions, op: Pick<FicOperation, 'path' | 'pathParams'>, itemIndex: number): string {
	const values: Record<string, string> = {};
	for (const param of op.pathParams) {
		const value = String(ctx.getNodeParameter(param === 'company_id' ? 'companyId' : camel(param), itemIndex, '') ?? '').trim();
		if (!value) {
			throw new NodeOperationError(ctx.getNode(), `${param === 'company_id' ? 'Company' : camel(param)}: a value is required`, { itemIndex });
		}
		values[param] = value;
	}
	return fillPath(op.path, values);
}

/** A list the run reads once (VAT types, languages, payment methods), keyed by its path. */
async function cachedList(state: RunState, path: string, itemIndex: number): Promise<IDataObject[]> {
	let list = state.lists.get(path);
	if (!list) {
		const response = await state.client.request<IDataObject>({ method: 'GET', path }, { itemIndex });
		list = (response?.body?.data ?? []) as IDataObject[];
		state.lists.set(path, list);
	}
	return list;
}

/**
 * The spec's VatType carries the natura as `ei_type` (a FatturaPA code N1-N7, e.g. "N2.1"); an
 * ordinary rate has none. Anything that is not such a code (empty, or the numbers of the spec's
 * own example) is read as no natura.
 */
function natura(type: IDataObject): string {
	const value = typeof type.ei_type === 'string' ? type.ei_type.trim().toUpperCase() : '';
	return /^N\d(\.\d+)?$/.test(value) ? value : '';
}

/**
 * The VAT type of a rate. A rate above 0% takes the company's type of that rate without a natura
 * (the default one first); 0% is never guessed, since each 0% type is an exemption with its own
 * natura (N1-N7) and picking one would put the wrong legal ground on the invoice.
 */
async function vatIdForRate(state: RunState, ctx: IExecuteFunctions, companyId: string, rate: number, line: number, itemIndex: number): Promise<number> {
	const types = (await cachedList(state, `/c/${encodeURIComponent(companyId)}/info/vat_types`, itemIndex)).filter((t) => !t.is_disabled);
	if (rate === 0) {
		const zero = types.filter((t) => Number(t.value) === 0);
		throw new NodeOperationError(ctx.getNode(), `Items line ${line} VAT Rate: 0% needs the VAT Type ID of its exemption, not a rate`, {
			itemIndex,
			description: zero.length
				? `0% VAT types of this company: ${zero.map((t) => `${t.id} (${t.description ?? ''}${natura(t) ? `, natura ${natura(t)}` : ''})`).join('; ')}`
				: 'This company has no 0% VAT type.',
		});
	}
	const sameRate = types.filter((t) => Number(t.value) === rate);
	const ordinary = sameRate.filter((t) => !natura(t));
	const match = ordinary.find((t) => t.default === true) ?? ordinary[0];
	if (!match) {
		throw new NodeOperationError(ctx.getNode(), `Items line ${line} VAT Rate: no VAT type of ${rate}% exists in this company`, {
			itemIndex,
			description: `Available rates: ${[...new Set(types.filter((t) => !natura(t)).map((t) => t.value))].join(', ')}`,
		});
	}
	return Number(match.id);
}

/** The name of a record the user gave by ID or code: the spec requires it beside the ID. */
async function nameOf(state: RunState, ctx: IExecuteFunctions, path: string, key: 'id' | 'code', value: string | number, label: string, itemIndex: number): Promise<string> {
	const list = await cachedList(state, path, itemIndex);
	const found = list.find((entry) => String(entry[key]) === String(value));
	if (!found || typeof found.name !== 'string' || !found.name) {
		throw new NodeOperationError(ctx.getNode(), `${label}: "${value}" is not one of this company's (${list.map((entry) => entry[key]).slice(0, 20).join(', ')})`, { itemIndex });
	}
	return found.name;
}

async function clientName(state: RunState, companyId: string, clientId: string, itemIndex: number): Promise<string> {
	const path = `/c/${encodeURIComponent(companyId)}/entities/clients/${encodeURIComponent(clientId)}`;
	const response = await state.client.request<IDataObject>({ method: 'GET', path, qs: { fields: 'id,name' } }, { itemIndex });
	return String(((response?.body?.data ?? {}) as IDataObject).name ?? '');
}

function collection<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, key: string): T[] {
	const value = ctx.getNodeParameter(name, itemIndex, {}) as Record<string, T[]>;
	return value?.[key] ?? [];
}

async function friendlyBody(ctx: IExecuteFunctions, state: RunState, resource: string, operation: string, itemIndex: number): Promise<IDataObject> {
	if (resource === 'client' || resource === 'supplier') {
		const fields = ctx.getNodeParameter('entityFields', itemIndex, {}) as EntityFields;
		const name = operation === 'update' ? fields.name : (ctx.getNodeParameter('name', itemIndex, '') as string);
		return { data: entityBody({ ...fields, name }, operation !== 'update', resource) };
	}
	// issuedDocument.create
	const companyId = ctx.getNodeParameter('companyId', itemIndex) as string;
	const extra = ctx.getNodeParameter('documentFields', itemIndex, {}) as IDataObject;
	const items = collection<IssuedDocumentFields['items'][number] & { vatId?: number; productId?: number }>(ctx, 'items', itemIndex, 'item');
	const payments = collection<NonNullable<IssuedDocumentFields['payments']>[number] & { paymentAccountId?: number }>(ctx, 'payments', itemIndex, 'payment');
	const vatIds = new Map<number, number>();
	for (const [index, item] of items.entries()) {
		if (!item.vatId && item.vatRate !== undefined) vatIds.set(index + 1, await vatIdForRate(state, ctx, companyId, Number(item.vatRate), index + 1, itemIndex));
	}
	const clientId = String(ctx.getNodeParameter('clientId', itemIndex, '') ?? '').trim();
	const language = String(extra.language ?? '').trim();
	const paymentMethodId = extra.paymentMethodId ? Number(extra.paymentMethodId) : undefined;
	const fields: IssuedDocumentFields = {
		type: ctx.getNodeParameter('documentType', itemIndex) as string,
		date: (ctx.getNodeParameter('date', itemIndex, '') as string) || undefined,
		clientId: clientId ? Number(clientId) : undefined,
		clientName: clientId ? await clientName(state, companyId, clientId, itemIndex) : undefined,
		entity: clientId ? undefined : (ctx.getNodeParameter('documentEntity', itemIndex, {}) as EntityFields),
		items: items.map((item) => ({ ...item, vatId: item.vatId || undefined, productId: item.productId || undefined })),
		payments: payments.map((p) => ({ ...p, paymentAccountId: p.paymentAccountId || undefined, paidDate: p.paidDate || undefined })),
		number: extra.number ? Number(extra.number) : undefined,
		numeration: extra.numeration as string,
		currencyId: extra.currencyId as string,
		language: language || undefined,
		languageName: language ? await nameOf(state, ctx, '/info/languages', 'code', language, 'Language Code', itemIndex) : undefined,
		subject: extra.subject as string,
		visibleSubject: extra.visibleSubject as string,
		notes: extra.notes as string,
		eInvoice: extra.eInvoice as boolean,
		paymentMethodId,
		paymentMethodName: paymentMethodId ? await nameOf(state, ctx, `/c/${encodeURIComponent(companyId)}/info/payment_methods`, 'id', paymentMethodId, 'Payment Method ID', itemIndex) : undefined,
		eiPaymentMethod: extra.eiPaymentMethod as string,
		useGrossPrices: extra.useGrossPrices as boolean,
	};
	const data = issuedDocumentData(fields, (_rate, line) => vatIds.get(line)!);
	const fixPayments = extra.fixPayments === undefined ? true : Boolean(extra.fixPayments);
	return fields.payments?.length ? { data, options: { fix_payments: fixPayments } } : { data };
}

async function bodyFor(ctx: IExecuteFunctions, state: RunState, op: FicOperation | { resource: string; operation: string; readOnlyPaths: string[] }, itemIndex: number): Promise<IDataObject> {
	const key = `${op.resource}.${op.operation}`;
	const mode = FRIENDLY_BODY_OPERATIONS.has(key) ? (ctx.getNodeParameter('inputMode', itemIndex, 'fields') as string) : 'json';
	let body: IDataObject;
	try {
		body = mode === 'fields' ? await friendlyBody(ctx, state, op.resource, op.operation, itemIndex) : envelope(parseJsonParameter(ctx, 'jsonData', itemIndex));
	} catch (error) {
		// Both constructors hand back an error that is already theirs; plain errors from lib/ name the field.
		if (error instanceof NodeApiError) throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
	const isCreate = op.operation === 'create' || op.operation === 'upsert';
	return stripReadOnly(body, op.readOnlyPaths, isCreate);
}

/** After a create whose answer was lost: the newest records of the same list, matched against what was sent. */
function recoveryFor(state: RunState, op: FicOperation, path: string, qs: IDataObject, body: IDataObject, itemIndex: number) {
	const list = FIC_OPERATIONS.find((candidate) => candidate.resource === op.resource && candidate.operation === 'getAll' && candidate.path === op.path);
	if (!list || op.method !== 'POST') return undefined;
	return async () => {
		const listQs: IDataObject = { sort: '-id', per_page: 100, page: 1, fieldset: 'detailed' };
		const sent = (body.data ?? {}) as IDataObject;
		for (const param of list.queryParams.filter((p) => p.required)) listQs[param.name] = qs[param.name] ?? sent[param.name];
		const response = await state.client.request<IDataObject>({ method: 'GET', path, qs: listQs }, { itemIndex });
		const candidates = (response?.body?.data ?? []) as IDataObject[];
		const found = findCreatedRecord(sent, candidates);
		return found ? { data: found } : undefined;
	};
}

function outputOf(op: { paginated?: boolean; response?: string }, body: unknown): IDataObject[] {
	if (body === undefined || body === null || body === '') return [{ success: true }];
	if (typeof body !== 'object') return [{ data: body as string }];
	const data = (body as IDataObject).data;
	if (Array.isArray(data)) return data.map((entry) => (entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry as string }));
	if (data && typeof data === 'object') return [data as IDataObject];
	return [body as IDataObject];
}

async function runOperation(ctx: IExecuteFunctions, state: RunState, op: FicOperation, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const path = pathFor(ctx, op, itemIndex);
	const qs = queryFor(ctx, op, itemIndex, options);

	if (op.paginated) {
		const call = callOptions(options, itemIndex, requiredScope(op, qs.type as string | undefined));
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		const { items, responses } = await state.client.requestAllItems(path, qs, limit, call);
		const last = responses[responses.length - 1];
		return items.map((json) => ({ json: withMetadata(json, last, options), pairedItem: { item: itemIndex } }));
	}

	let body: unknown;
	if (op.body === 'json') {
		body = await bodyFor(ctx, state, op, itemIndex);
	} else if (op.body === 'multipart') {
		const binaryPropertyName = ctx.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const binary = ctx.helpers.assertBinaryData(itemIndex, binaryPropertyName);
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
		const fileName = binary.fileName ?? 'attachment';
		const form = new FormData();
		form.append('filename', fileName);
		form.append('attachment', new Blob([new Uint8Array(buffer)], { type: binary.mimeType }), fileName);
		body = form;
	}
	const documentType = (qs.type as string | undefined) ?? (((body as IDataObject | undefined)?.data as IDataObject | undefined)?.type as string | undefined);
	const call = callOptions(options, itemIndex, requiredScope(op, documentType));

	const response = await state.client.request(
		{
			method: op.method,
			path,
			qs,
			body,
			responseFormat: op.response === 'text' ? 'text' : 'json',
			idempotent: IDEMPOTENT_POSTS.has(op.operationId) ? true : undefined,
		},
		{ ...call, recoverAfterUncertainSend: op.body === 'json' ? recoveryFor(state, op, path, qs, body as IDataObject, itemIndex) : undefined },
	);
	if (!response) return [];

	if (op.response === 'text') {
		const outputField = ctx.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') as string;
		const documentId = ctx.getNodeParameter('documentId', itemIndex, 'document') as string;
		const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
		const binary: IBinaryKeyData = {
			[outputField]: await ctx.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), `fattura-${documentId}.xml`, 'application/xml'),
		};
		return [{ json: withMetadata({ documentId, fileName: `fattura-${documentId}.xml` }, response, options), binary, pairedItem: { item: itemIndex } }];
	}
	return outputOf(op, response.body).map((json) => ({ json: withMetadata(json, response, options), pairedItem: { item: itemIndex } }));
}

/** Client/supplier create-or-update: find by partita IVA or codice fiscale, then PUT or POST. */
async function runUpsert(ctx: IExecuteFunctions, state: RunState, resource: 'client' | 'supplier', itemIndex: number): Promise<INodeExecutionData[]> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const list = findOperation(resource, 'getAll')!;
	const create = findOperation(resource, 'create')!;
	const update = findOperation(resource, 'update')!;
	const companyId = ctx.getNodeParameter('companyId', itemIndex) as string;
	const body = await bodyFor(ctx, state, { resource, operation: 'upsert', readOnlyPaths: create.readOnlyPaths }, itemIndex);
	const data = body.data as IDataObject;
	let q: string;
	try {
		q = entityLookupQuery(data);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
	}
	const listPath = fillPath(list.path, { company_id: companyId });
	const call = callOptions({ ...options, returnNothingIfNotFound: false }, itemIndex, requiredScope(create));
	const found = await state.client.request<IDataObject>({ method: 'GET', path: listPath, qs: { q, per_page: 2, page: 1, fieldset: 'detailed' } }, call);
	const matches = (found?.body?.data ?? []) as IDataObject[];
	if (matches.length > 1) {
		throw new NodeOperationError(ctx.getNode(), `${resource === 'client' ? 'Client' : 'Supplier'}: several records match ${q} (IDs ${matches.map((m) => m.id).join(', ')})`, {
			itemIndex,
			description: 'Merge them in Fatture in Cloud, or use Update with the ID to choose one.',
		});
	}
	let response: ApiResponse<IDataObject> | undefined;
	let action: 'created' | 'updated';
	if (matches.length === 1) {
		action = 'updated';
		const path = fillPath(update.path, { company_id: companyId, [update.pathParams[1]]: String(matches[0].id) });
		response = await state.client.request<IDataObject>({ method: 'PUT', path, body: { data: pruneEmpty(data) } }, call);
	} else {
		action = 'created';
		response = await state.client.request<IDataObject>(
			{ method: 'POST', path: listPath, body },
			{ ...call, recoverAfterUncertainSend: recoveryFor(state, create, listPath, {}, body, itemIndex) },
		);
	}
	return outputOf({}, response?.body).map((json) => ({ json: withMetadata({ ...json, _action: action }, response, options), pairedItem: { item: itemIndex } }));
}

export async function executeFattureInCloud(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const state: RunState = { client: await ficClient(this), lists: new Map() };
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			if (operation === 'upsert' && (resource === 'client' || resource === 'supplier')) {
				output.push(...(await runUpsert(this, state, resource, itemIndex)));
				continue;
			}
			const op = findOperation(resource, operation);
			if (!op) throw new NodeOperationError(this.getNode(), `Operation "${operation}" is not available for resource "${resource}"`, { itemIndex });
			output.push(...(await runOperation(this, state, op, itemIndex)));
		} catch (error) {
			if (this.continueOnFail()) {
				output.push(errorItem(error, itemIndex));
				continue;
			}
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
