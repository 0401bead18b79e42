/**
 * Fatture in Cloud transport: the shared apiCall (retry, call log, error contract) plus what is
 * FIC's own: the credential in use, the base URL, the `{data}` envelope, the error body and the
 * scope each operation needs, and page-by-page listing.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiCall, type ApiRequest, type ApiResponse, type CallOptions, type RequestContext, type SystemProfile } from '../shared/transport';
import type { FicOperation } from './generated/operations';

export const FIC_DEFAULT_BASE_URL = 'https://api-v2.fattureincloud.it';
export const FIC_PAGE_SIZE = 100;

export type FicCredentialType = 'fattureInCloudOAuth2Api' | 'fattureInCloudApi';

export function describeFicError(body: unknown): { message?: string; details: string[] } {
	if (!body || typeof body !== 'object') return { message: typeof body === 'string' && body ? body.slice(0, 500) : undefined, details: [] };
	const record = body as Record<string, unknown>;
	const error = record.error;
	if (typeof error === 'string') {
		return { message: [error, record.error_description].filter(Boolean).join(': '), details: [] };
	}
	const errorObject = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
	const details: string[] = [];
	const validation = errorObject.validation_result;
	if (validation && typeof validation === 'object') {
		for (const [field, messages] of Object.entries(validation as Record<string, unknown>)) {
			const list = Array.isArray(messages) ? messages : [messages];
			for (const message of list) details.push(`${field}: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
		}
	}
	const extra = record.extra as Record<string, unknown> | undefined;
	if (extra && typeof extra === 'object') details.push(`extra: ${JSON.stringify(extra).slice(0, 1000)}`);
	const message = typeof errorObject.message === 'string' ? errorObject.message : undefined;
	return { message, details };
}

export const FIC_PROFILE: SystemProfile = {
	system: 'Fatture in Cloud',
	describeBody: describeFicError,
	reauthoriseHint:
		'For the OAuth2 credential, reconnect it (Credentials > Fatture in Cloud OAuth2 API > Reconnect). For a manual token, create a new token in Fatture in Cloud and paste it in the credential.',
};

const DOCUMENT_SCOPE_NAME: Record<string, string> = {
	invoice: 'invoices',
	quote: 'quotes',
	proforma: 'proformas',
	receipt: 'receipts',
	delivery_note: 'delivery_notes',
	credit_note: 'credit_notes',
	order: 'orders',
	work_report: 'work_reports',
	supplier_order: 'supplier_orders',
	self_own_invoice: 'self_invoices',
	self_supplier_invoice: 'self_invoices',
};

/** The OAuth2 scope an operation needs, from the spec, or for issued documents from their type. */
export function requiredScope(op: Pick<FicOperation, 'scopes' | 'resource' | 'method'>, documentType?: string): string | undefined {
	if (op.scopes.length) return op.scopes[0];
	const access = op.method === 'GET' ? 'r' : 'a';
	if ((op.resource === 'issuedDocument' || op.resource === 'eInvoice') && documentType && DOCUMENT_SCOPE_NAME[documentType]) {
		return `issued_documents.${DOCUMENT_SCOPE_NAME[documentType]}:${access}`;
	}
	const byResource: Record<string, string> = {
		receivedDocument: 'received_documents',
		receipt: 'receipts',
		tax: 'taxes',
		archiveDocument: 'archive',
		cashbookEntry: 'cashbook',
		setting: 'settings',
		email: 'emails',
		client: 'entity.clients',
		supplier: 'entity.suppliers',
		product: 'products',
	};
	return byResource[op.resource] ? `${byResource[op.resource]}:${access}` : undefined;
}

export async function ficContext(ctx: RequestContext): Promise<{ credentialType: FicCredentialType; baseUrl: string }> {
	const authentication = ctx.getNodeParameter('authentication', 0, 'oAuth2') as string;
	const credentialType: FicCredentialType = authentication === 'accessToken' ? 'fattureInCloudApi' : 'fattureInCloudOAuth2Api';
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl || FIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
	return { credentialType, baseUrl };
}

export interface FicClient {
	credentialType: FicCredentialType;
	baseUrl: string;
	request<T = IDataObject>(req: Omit<ApiRequest, 'url'> & { path: string }, options?: CallOptions): Promise<ApiResponse<T> | undefined>;
	/** Every page of a paginated list (per_page 100), or up to `limit` records. */
	requestAllItems(path: string, qs: IDataObject, limit: number | undefined, options?: CallOptions): Promise<{ items: IDataObject[]; responses: ApiResponse[] }>;
}

export async function ficClient(ctx: RequestContext): Promise<FicClient> {
	const { credentialType, baseUrl } = await ficContext(ctx);
	const client: FicClient = {
		credentialType,
		baseUrl,
		async request(req, options) {
			const { path, ...rest } = req;
			return await apiCall(ctx, credentialType, FIC_PROFILE, { ...rest, url: `${baseUrl}${path}` }, options);
		},
		async requestAllItems(path, qs, limit, options) {
			const items: IDataObject[] = [];
			const responses: ApiResponse[] = [];
			const perPage = limit !== undefined ? Math.min(FIC_PAGE_SIZE, Math.max(1, limit)) : FIC_PAGE_SIZE;
			for (let page = 1; ; page++) {
				const response = await client.request<IDataObject>({ method: 'GET', path, qs: { ...qs, page, per_page: perPage } }, options);
				if (!response) break;
				responses.push(response);
				const data = (response.body?.data ?? []) as IDataObject[];
				items.push(...data);
				if (limit !== undefined && items.length >= limit) return { items: items.slice(0, limit), responses };
				const current = Number(response.body?.current_page ?? page);
				const last = Number(response.body?.last_page ?? current);
				if (!data.length || current >= last) break;
			}
			return { items, responses };
		},
	};
	return client;
}

/** Fills `{company_id}`-style placeholders, URL-encoding each value and naming the missing one. */
export function fillPath(template: string, values: Record<string, string | number | undefined>): string {
	return template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
		const value = values[name];
		if (value === undefined || value === '' || value === null) throw new Error(`${name}: a value is required for ${template}`);
		return encodeURIComponent(String(value));
	});
}
