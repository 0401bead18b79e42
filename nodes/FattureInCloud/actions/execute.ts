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
import { createdSince, newestId } from '../../../lib/fattureincloud/recovery';
import { type ApiResponse, type CallOptions, type WriteGuard } from '../../shared/transport';
import { errorItem, nameFailedItem, stateWriteOutcome } from '../../shared/errorItem';
import { callOptionsFrom, withMetadata, type RequestOptionValues } from '../../shared/kit/options';
import { jsonObjectParameter } from '../../shared/kit/router';
import { scrubError } from '../../shared/secrets';
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
	/**
	 * Per list, the newest id known before the next create: read once, then raised by each id this
	 * run's creates get back, and read again after a create that failed (its record may land later).
	 */
	newestIds: Map<string, number>;
}

interface NodeOptions extends RequestOptionValues {
	fields?: string;
	fieldset?: string;
	sort?: string;
}

/** `{data, options}` stays as it is; any other object becomes the `data` of the request. */
function envelope(object: IDataObject): IDataObject {
	const keys = Object.keys(object);
	if (keys.includes('data') && keys.every((key) => key === 'data' || key === 'options')) return object;
	return { data: object };
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
		body = mode === 'fields' ? await friendlyBody(ctx, state, op.resource, op.operation, itemIndex) : envelope(jsonObjectParameter(ctx, 'jsonData', 'Data (JSON)', itemIndex));
	} catch (error) {
		// Both constructors hand back an error that is already theirs; plain errors from lib/ name the field.
		if (error instanceof NodeApiError) throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
	const isCreate = op.operation === 'create' || op.operation === 'upsert';
	return stripReadOnly(body, op.readOnlyPaths, isCreate);
}

const LOOK_UP_PAGES = 10;

interface CreateGuard extends WriteGuard {
	/** After the create: raise the list's newest id by the id it got, or forget it when it failed. */
	done(created: IDataObject | undefined): void;
}

/**
 * A create's look-up: the list's newest id is known before the first attempt; after a lost answer
 * only a record newer than that which holds every sent value counts as this create's.
 */
async function createGuard(ctx: IExecuteFunctions, state: RunState, op: FicOperation, path: string, qs: IDataObject, body: IDataObject, itemIndex: number, call: CallOptions): Promise<CreateGuard | undefined> {
	const list = FIC_OPERATIONS.find((candidate) => candidate.resource === op.resource && candidate.operation === 'getAll' && candidate.path === op.path);
	if (!list || op.method !== 'POST') return undefined;
	const sent = (body.data ?? {}) as IDataObject;
	const listQs: IDataObject = { sort: '-id' };
	for (const param of list.queryParams.filter((p) => p.required)) listQs[param.name] = qs[param.name] ?? sent[param.name];
	// a list the create cannot fill the required filters of (the cashbook's date range) cannot be read
	// as the API requires: no look-up, so an uncertain answer is reported, never sent again
	if (Object.values(listQs).some((value) => value === undefined || value === '')) return undefined;
	const readOptions: CallOptions = { itemIndex, policy: call.policy, timeoutMs: call.timeoutMs, requiredScope: call.requiredScope };
	const key = `${path}?${JSON.stringify(listQs)}`;
	let sinceId = state.newestIds.get(key);
	try {
		if (sinceId === undefined) {
			const newest = await state.client.request<IDataObject>({ method: 'GET', path, qs: { ...listQs, page: 1, per_page: 1, fields: 'id' } }, readOptions);
			sinceId = newestId((newest?.body?.data ?? []) as IDataObject[]);
			state.newestIds.set(key, sinceId);
		}
	} catch (error) {
		// without the newest id no look-up can tell this create's record: it is sent once, never twice
		ctx.logger.warn(`[Fatture in Cloud] ${path}: the list could not be read before the create (${(error as Error).message}); an uncertain answer will not be sent again`);
		return undefined;
	}
	const what = `${op.resource === 'issuedDocument' && listQs.type ? `the issued documents of type ${String(listQs.type)}` : `the ${list.name.replace(/^List /i, '').toLowerCase()}`} in Fatture in Cloud newer than id ${sinceId}`;
	const since = sinceId;
	return {
		check: what,
		done(created) {
			const id = Number(created?.id);
			if (Number.isFinite(id) && id > 0) state.newestIds.set(key, Math.max(state.newestIds.get(key) ?? 0, id));
			else state.newestIds.delete(key);
		},
		async lookUp() {
			const candidates: IDataObject[] = [];
			for (let page = 1; page <= LOOK_UP_PAGES; page++) {
				const response = await state.client.request<IDataObject>({ method: 'GET', path, qs: { ...listQs, page, per_page: 100, fieldset: 'detailed' } }, readOptions);
				const data = (response?.body?.data ?? []) as IDataObject[];
				candidates.push(...data);
				const oldest = data.length ? Number(data[data.length - 1].id) : 0;
				if (!data.length || oldest <= since || Number(response?.body?.current_page ?? page) >= Number(response?.body?.last_page ?? page)) break;
				if (page === LOOK_UP_PAGES) return { applied: 'unknown' as const, check: `${what} (more than ${LOOK_UP_PAGES * 100} new records to look through)` };
			}
			const found = createdSince(sent, candidates, since);
			if (found.applied === 'unknown') return { applied: 'unknown', check: `ids ${found.ids.join(', ')} in ${what}: each holds what was sent` };
			return found.applied ? { applied: true, body: { data: found.record } } : { applied: false };
		},
	};
}

/** E-invoice states in which the e-invoice was not (yet) handed to SdI: a send moves the document out of them. */
const E_INVOICE_NOT_SENT = new Set(['', 'not_sent', 'missing', 'error', 'discarded', 'rejected', 'manual_rejected', 'not_delivered']);

/** An e-invoice send's look-up: the document's ei_status before the first attempt, compared after a lost answer. */
async function eInvoiceSendGuard(ctx: IExecuteFunctions, state: RunState, path: string, itemIndex: number, call: CallOptions): Promise<WriteGuard | undefined> {
	const documentPath = path.replace(/\/e_invoice\/send$/, '');
	const documentId = documentPath.split('/').pop();
	const readOptions: CallOptions = { itemIndex, policy: call.policy, timeoutMs: call.timeoutMs, requiredScope: call.requiredScope };
	const status = async () => {
		const response = await state.client.request<IDataObject>({ method: 'GET', path: documentPath, qs: { fields: 'id,ei_status' } }, readOptions);
		return String(((response?.body?.data ?? {}) as IDataObject).ei_status ?? '');
	};
	let before: string;
	try {
		before = await status();
	} catch (error) {
		ctx.logger.warn(`[Fatture in Cloud] ${documentPath}: the e-invoice status could not be read before the send (${(error as Error).message}); an uncertain answer will not be sent again`);
		return undefined;
	}
	const check = `the e-invoice status of document ${documentId} in Fatture in Cloud (it was "${before || 'not_sent'}" before this send)`;
	return {
		check,
		verb: 'sent',
		async lookUp() {
			const now = await status();
			if (now !== before) return { applied: true, body: { data: { document_id: Number(documentId), ei_status: now, recovered: 'the answer was lost; the document shows the e-invoice sent' } } };
			if (E_INVOICE_NOT_SENT.has(before)) return { applied: false };
			return { applied: 'unknown', check };
		},
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
		const call = callOptionsFrom(options, itemIndex, { requiredScope: requiredScope(op, qs.type as string | undefined) });
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
	const call = callOptionsFrom(options, itemIndex, { requiredScope: requiredScope(op, documentType) });

	const idempotent = IDEMPOTENT_POSTS.has(op.operationId) || op.method === 'GET' || op.method === 'PUT' || op.method === 'DELETE';
	let writeGuard: WriteGuard | undefined;
	let created: CreateGuard | undefined;
	if (!idempotent && op.operationId === 'sendEInvoice') writeGuard = await eInvoiceSendGuard(ctx, state, path, itemIndex, call);
	else if (!idempotent && op.body === 'json') writeGuard = created = await createGuard(ctx, state, op, path, qs, body as IDataObject, itemIndex, call);
	let response: ApiResponse | undefined;
	try {
		response = await state.client.request(
			{
				method: op.method,
				path,
				qs,
				body,
				responseFormat: op.response === 'text' ? 'text' : 'json',
				idempotent: IDEMPOTENT_POSTS.has(op.operationId) ? true : undefined,
			},
			{ ...call, writeGuard, writeVerb: writeVerb(op.resource, op.operation) },
		);
	} finally {
		created?.done((response?.body as IDataObject | undefined)?.data as IDataObject | undefined);
	}
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
	const call = callOptionsFrom({ ...options, returnNothingIfNotFound: false }, itemIndex, { requiredScope: requiredScope(create) });
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
		const writeGuard = await createGuard(ctx, state, create, listPath, {}, body, itemIndex, call);
		try {
			response = await state.client.request<IDataObject>({ method: 'POST', path: listPath, body }, { ...call, writeGuard });
		} finally {
			writeGuard?.done(response?.body?.data as IDataObject | undefined);
		}
	}
	return outputOf({}, response?.body).map((json) => ({ json: withMetadata({ ...json, _action: action }, response, options), pairedItem: { item: itemIndex } }));
}

/** What a write operation's items are when they succeed: "created", "sent"; undefined for reads. */
function writeVerb(resource: string, operation: string): string | undefined {
	if (operation === 'upsert') return 'created or updated';
	const op = findOperation(resource, operation);
	if (!op || op.method === 'GET' || IDEMPOTENT_POSTS.has(op.operationId)) return undefined;
	if (op.method === 'PUT') return 'updated';
	if (op.method === 'DELETE') return 'deleted';
	if (op.operationId === 'sendEInvoice' || op.operationId === 'scheduleEmail') return 'sent';
	if (op.body === 'multipart') return 'uploaded';
	return 'created';
}

export async function executeFattureInCloud(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const state: RunState = { client: await ficClient(this), lists: new Map(), newestIds: new Map() };
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let verb: string | undefined;
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			verb = writeVerb(resource, operation);
			if (operation === 'upsert' && (resource === 'client' || resource === 'supplier')) {
				output.push(...(await runUpsert(this, state, resource, itemIndex)));
				continue;
			}
			const op = findOperation(resource, operation);
			if (!op) throw new NodeOperationError(this.getNode(), `Operation "${operation}" is not available for resource "${resource}"`, { itemIndex });
			output.push(...(await runOperation(this, state, op, itemIndex)));
		} catch (error) {
			if (verb) stateWriteOutcome(error, verb);
			await scrubError(this, state.client.credentialType, error);
			if (this.continueOnFail()) {
				output.push(errorItem(error, itemIndex));
				continue;
			}
			nameFailedItem(error, itemIndex, verb ?? 'done');
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
