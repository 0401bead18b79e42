/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * A stateful loopback emulator of the Fatture in Cloud API v2, routed from the node's own
 * operation table (so it also runs in the demo, where ../shared/specs is absent): OAuth2
 * authorize/token, every path over an in-memory store, the {data} envelope, pagination as the
 * spec has it, q filtering, sort, fields/fieldset, RateLimit headers, fault switches, and the
 * webhook side (verification GET, ES256-signed CloudEvents deliveries).
 */
import * as crypto from 'node:crypto';

import { FIC_OPERATIONS, type FicOperation } from '../../../nodes/FattureInCloud/generated/operations';
import { startEmulatorServer, type EmulatorRequest, type EmulatorResponse, type EmulatorServer, type Fault, type LoggedRequest } from '../common/server';
import { buildFatturaPA } from '../../../lib/fatturapa';
import { ficTimestamp } from '../../../lib/fattureincloud/watch';
import { parseFilter } from './filter';

type Row = Record<string, any>;

export interface FicEmulatorOptions {
	port?: number;
	seed?: 'empty' | 'demo' | { clients?: number; issuedDocuments?: number; issuedDocumentType?: string };
	/** Access-token lifetime for OAuth2 tokens, seconds. */
	accessTokenTtl?: number;
	/**
	 * Checks each request (query and JSON body) against a validator, refusing with 422 what it
	 * refuses. Tests pass the spec-based one (specValidator.ts); the demo runs without ../shared.
	 */
	validateRequest?: (operationId: string, request: { query: Record<string, unknown>; body?: unknown }) => string[];
	/** Checks each answer of an operation; what it reports is recorded in responseViolations. */
	validateResponse?: (operationId: string, status: number, body: unknown) => string[];
}

export interface FicEmulator {
	url: string;
	port: number;
	companyId: number;
	manualToken: string;
	oauthClient: { clientId: string; clientSecret: string };
	requests: LoggedRequest[];
	schemaViolations: Array<{ operationId: string; errors: string[] }>;
	/** Every e-invoice send the emulator applied, in order (a document sent twice appears twice). */
	eInvoiceSends: Array<{ documentId: number; name: string }>;
	/** Answers of the emulator that validateResponse found wrong (the emulator invented something). */
	responseViolations: Array<{ operationId: string; status: number; errors: string[] }>;
	/** The rows of a collection, e.g. 'entities/clients', 'issued_documents'. */
	rows(collection: string): Row[];
	/** Changes a stored row as a user would in the FIC app (updated_at moves). */
	update(collection: string, id: number, patch: Row): Row;
	/** Deletes a stored row (issued/received documents go to the bin). */
	remove(collection: string, id: number): void;
	fault(fault: Fault): Fault;
	expireAccessTokens(): void;
	seedIssuedDocuments(count: number, type?: string): void;
	seedClients(count: number): void;
	/** PEM of the key the emulator signs webhook JWTs with. */
	webhookPublicKey: string;
	emitEvent(subscriptionId: string, type: string, ids: Array<number | string>, options?: { ceId?: string }): Promise<{ status: number; body: string }>;
	signWebhookJwt(claims: Record<string, unknown>): string;
	close(): Promise<void>;
}

const COMPANY_ID = 12345;
const MANUAL_TOKEN = 'emulator-manual-token';

function b64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

function collectionOf(op: FicOperation): string {
	// '/c/{company_id}/entities/clients/{client_id}' -> 'entities/clients'
	return op.path
		.replace(/^\/c\/\{company_id\}\//, '')
		.replace(/^\//, '')
		.split('/')
		.filter((part) => !part.startsWith('{'))
		.join('/');
}

function pathRegex(template: string): RegExp {
	return new RegExp(`^${template.replace(/\{([a-z_]+)\}/g, '(?<$1>[^/]+)')}$`);
}

const ROUTES = FIC_OPERATIONS.map((op) => ({ op, regex: pathRegex(op.path), collection: collectionOf(op) }))
	// literal segments first: '/issued_documents/info' must not be read as '/issued_documents/{document_id}'
	.sort((a, b) => (a.op.path.match(/\{/g)?.length ?? 0) - (b.op.path.match(/\{/g)?.length ?? 0));

function error(status: number, message: string, validation?: Record<string, string[]>): EmulatorResponse {
	return { status, body: { error: { message, validation_result: validation ?? null } } };
}

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/** FIC timestamps: "YYYY-MM-DD HH:MM:SS", Italian local time. */
function stamp(): string {
	return ficTimestamp(new Date());
}

function cents(value: unknown): number {
	return Math.round(Number(value ?? 0) * 100);
}

/**
 * The demo company's fiscal data, the cedente of its e-invoices. Its partita IVA is the one of the
 * Aruba emulator's demo account, so the demo's "FIC invoice -> Aruba" flow sends for its own seller.
 */
export const COMPANY_FISCAL = {
	denominazione: 'Studio Demo Srl',
	partitaIva: '04123456784',
	codiceFiscale: '04123456784',
	regimeFiscale: 'RF01',
	indirizzo: 'Via dei Mille',
	numeroCivico: '10',
	cap: '40121',
	comune: 'Bologna',
	provincia: 'BO',
} as const;

const VAT_TYPES: Row[] = [
	{ id: 0, value: 22, description: 'IVA 22%', is_disabled: false, ei_type: '' },
	{ id: 1, value: 10, description: 'IVA 10%', is_disabled: false, ei_type: '' },
	{ id: 2, value: 4, description: 'IVA 4%', is_disabled: false, ei_type: '' },
	{ id: 3, value: 5, description: 'IVA 5%', is_disabled: false, ei_type: '' },
	{ id: 10, value: 0, description: 'Esente art. 10', is_disabled: false, ei_type: 'N4' },
	{ id: 21, value: 0, description: 'Non imponibile art. 8', is_disabled: false, ei_type: 'N3.1' },
];

/** Collections whose records have created_at/updated_at in the spec. */
const TIMESTAMPED = new Set(['entities/clients', 'entities/suppliers', 'products', 'issued_documents', 'received_documents', 'receipts']);

const INFO_LISTS: Record<string, Row[]> = {
	'info/vat_types': VAT_TYPES,
	'info/payment_methods': [{ id: 1, name: 'Bonifico', type: 'standard', ei_payment_method: 'MP05' }, { id: 2, name: 'Contanti', type: 'standard', ei_payment_method: 'MP01' }],
	// the spec's PaymentAccount type is standard or bank (a cash box is a standard account)
	'info/payment_accounts': [{ id: 1, name: 'Conto corrente', type: 'bank', iban: 'IT60X0542811101000000123456' }, { id: 2, name: 'Cassa', type: 'standard' }],
	// these lists are plain strings in the spec
	'info/archive_categories': ['Contratti'] as unknown as Row[],
	'info/cost_centers': ['Amministrazione'] as unknown as Row[],
	'info/revenue_centers': ['Consulenza'] as unknown as Row[],
	'info/product_categories': ['Servizi'] as unknown as Row[],
	'info/received_document_categories': ['Utenze'] as unknown as Row[],
	'info/countries': ['Italia', 'Germania', 'Francia'] as unknown as Row[],
	'info/detailed_countries': [{ name: 'Italia', settings_name: 'Italia', iso: 'IT', fiscal_iso: 'IT', uic: '086' }, { name: 'Germania', settings_name: 'Germania', iso: 'DE', fiscal_iso: 'DE', uic: '094' }],
	'info/cities': [{ postal_code: '20100', city: 'Milano', province: 'MI' }, { postal_code: '00100', city: 'Roma', province: 'RM' }],
	'info/currencies': [{ id: 'EUR', symbol: '€', exchange_rate: '1.00000' }, { id: 'USD', symbol: '$', exchange_rate: '1.08000' }],
	'info/languages': [{ code: 'it', name: 'Italiano' }, { code: 'en', name: 'English' }],
	'info/measures': ['pz', 'ore'] as unknown as Row[],
	'info/templates': [{ id: 1, name: 'Standard', type: 'standard' }],
	'info/dn_causals': ['Vendita'] as unknown as Row[],
};

export async function startFicEmulator(options: FicEmulatorOptions = {}): Promise<FicEmulator> {
	const accessTokenTtl = options.accessTokenTtl ?? 3600;
	const store = new Map<string, Row[]>();
	const bin = new Map<string, Row[]>();
	const nextId = new Map<string, number>();
	const accessTokens = new Map<string, number>(); // token -> expires at (ms)
	const refreshTokens = new Set<string>();
	const codes = new Set<string>();
	const oauthClient = { clientId: 'emulator-client-id', clientSecret: 'emulator-client-secret' };
	const schemaViolations: Array<{ operationId: string; errors: string[] }> = [];
	const eInvoiceSends: Array<{ documentId: number; name: string }> = [];
	const responseViolations: Array<{ operationId: string; status: number; errors: string[] }> = [];
	const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const webhookPublicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
	let server: EmulatorServer;

	const rows = (collection: string): Row[] => {
		if (!store.has(collection)) store.set(collection, []);
		return store.get(collection)!;
	};
	const binRows = (collection: string): Row[] => {
		if (!bin.has(collection)) bin.set(collection, []);
		return bin.get(collection)!;
	};
	const newId = (collection: string): number => {
		const id = (nextId.get(collection) ?? 1000) + 1;
		nextId.set(collection, id);
		return id;
	};
	const insert = (collection: string, data: Row): Row => {
		// the spec's subscription and cashbook ids are strings; only these records carry timestamps
		const id = typeof data.id === 'string' && collection === 'subscriptions' ? data.id : collection === 'cashbook' ? String(newId(collection)) : newId(collection);
		const row = TIMESTAMPED.has(collection) ? { ...data, id, created_at: stamp(), updated_at: stamp() } : { ...data, id };
		rows(collection).push(row);
		return row;
	};

	function documentTotals(document: Row): Row {
		let net = 0;
		let vat = 0;
		for (const item of (document.items_list ?? []) as Row[]) {
			const qty = Number(item.qty ?? 1);
			const discount = Number(item.discount ?? 0);
			const lineNet = Math.round(cents(item.net_price) * qty * (1 - discount / 100));
			const rate = VAT_TYPES.find((v) => v.id === Number(item.vat?.id ?? 0))?.value ?? 22;
			net += lineNet;
			vat += Math.round((lineNet * rate) / 100);
		}
		return { amount_net: net / 100, amount_vat: vat / 100, amount_gross: (net + vat) / 100 };
	}

	function nextNumber(type: string, date: string, numeration: string): number {
		const year = date.slice(0, 4);
		const used = rows('issued_documents').filter((d) => d.type === type && String(d.date).startsWith(year) && (d.numeration ?? '') === numeration);
		return used.reduce((max, d) => Math.max(max, Number(d.number ?? 0)), 0) + 1;
	}

	function createIssuedDocument(data: Row): EmulatorResponse {
		if (!data.type) return error(422, 'Il tipo di documento è obbligatorio.', { type: ['The type field is required.'] });
		if (!data.entity || (!data.entity.id && !data.entity.name)) return error(422, "L'intestatario è obbligatorio.", { entity: ['The entity field is required.'] });
		if (data.entity.id && !rows('entities/clients').some((c) => c.id === Number(data.entity.id))) {
			return error(422, 'Cliente inesistente.', { 'entity.id': ['The selected entity.id is invalid.'] });
		}
		const date = data.date ?? today();
		const numeration = data.numeration ?? '';
		if (data.number !== undefined) {
			const clash = rows('issued_documents').some((d) => d.type === data.type && String(d.date).slice(0, 4) === date.slice(0, 4) && (d.numeration ?? '') === numeration && Number(d.number) === Number(data.number));
			if (clash) return error(409, `Il numero ${data.number} è già stato usato.`, { number: ['The number has already been taken.'] });
			const later = rows('issued_documents').some((d) => d.type === data.type && String(d.date).slice(0, 4) === date.slice(0, 4) && String(d.date) < date && Number(d.number) > Number(data.number));
			if (later) return error(422, 'Il numero è inferiore a quello di un documento con data precedente.', { number: ['The number is lower than a previous document.'] });
		}
		const entity = data.entity.id ? { ...rows('entities/clients').find((c) => c.id === Number(data.entity.id)), ...data.entity } : data.entity;
		const document = insert('issued_documents', {
			...data,
			entity,
			date,
			numeration,
			number: data.number ?? nextNumber(data.type, date, numeration),
			...documentTotals(data),
		});
		return { status: 200, body: { data: document } };
	}

	function listResponse(all: Row[], req: EmulatorRequest, op: FicOperation): EmulatorResponse {
		let list = all;
		if (req.query.type && ['issued_documents', 'received_documents', 'received_documents/pending'].includes(collectionOf(op))) {
			list = list.filter((row) => row.type === req.query.type);
		}
		if (req.query.q) {
			try {
				list = list.filter(parseFilter(req.query.q));
			} catch (e) {
				return error(400, `Invalid filter: ${(e as Error).message}`);
			}
		}
		if (req.query.sort) {
			const keys = req.query.sort.split(',').map((k) => k.trim()).filter(Boolean);
			list = [...list].sort((a, b) => {
				for (const key of [...keys, 'id']) {
					const desc = key.startsWith('-');
					const field = desc ? key.slice(1) : key;
					const av = a[field];
					const bv = b[field];
					if (av === bv) continue;
					const cmp = av === undefined ? -1 : bv === undefined ? 1 : av < bv ? -1 : 1;
					return desc ? -cmp : cmp;
				}
				return 0;
			});
		}
		const project = (row: Row): Row => {
			if (typeof row !== 'object' || row === null) return row; // lists of plain strings
			let out: Row = row;
			if (req.query.fieldset !== 'detailed') {
				const { created_at, updated_at, ...rest } = row;
				out = rest;
			}
			if (req.query.fields) {
				const fields = req.query.fields.split(',').map((f) => f.trim());
				out = Object.fromEntries(Object.entries(out).filter(([k]) => fields.includes(k)));
			}
			return out;
		};
		if (!op.paginated) return { status: 200, body: { data: list.map(project) } };
		const perPage = Math.min(100, Math.max(1, Number(req.query.per_page ?? 5)));
		const total = list.length;
		const lastPage = Math.max(1, Math.ceil(total / perPage));
		const page = Math.max(1, Number(req.query.page ?? 1));
		const slice = list.slice((page - 1) * perPage, page * perPage);
		const pageUrl = (n: number) => `page=${n}`;
		return {
			status: 200,
			body: {
				current_page: page,
				data: slice.map(project),
				first_page_url: pageUrl(1),
				from: slice.length ? (page - 1) * perPage + 1 : null,
				last_page: lastPage,
				last_page_url: pageUrl(lastPage),
				next_page_url: page < lastPage ? pageUrl(page + 1) : null,
				path: req.path,
				per_page: perPage,
				prev_page_url: page > 1 ? pageUrl(page - 1) : null,
				to: slice.length ? (page - 1) * perPage + slice.length : null,
				total,
			},
		};
	}

	/**
	 * The e-invoice XML of a document, as Fatture in Cloud writes it: a complete FatturaPA
	 * (lib/fatturapa's builder) from the document, its client and the company when they carry what
	 * an e-invoice needs; otherwise only what the document has, which validation then refuses as
	 * SdI would (e.g. a client without address).
	 */
	function eInvoiceXml(document: Row): string {
		const client = rows('entities/clients').find((c) => c.id === document.entity?.id) ?? document.entity ?? {};
		const eiData = (document.ei_data ?? {}) as Row;
		try {
			return buildFatturaPA({
				progressivoInvio: Number(document.id).toString(36).toUpperCase().slice(-5),
				codiceDestinatario: client.ei_code || undefined,
				pecDestinatario: client.certified_email || undefined,
				cedente: COMPANY_FISCAL,
				cessionario: {
					denominazione: client.name,
					partitaIva: client.vat_number || undefined,
					codiceFiscale: client.tax_code || undefined,
					indirizzo: client.address_street,
					cap: client.address_postal_code,
					comune: client.address_city,
					provincia: client.address_province || undefined,
					nazione: client.country_iso || 'IT',
				},
				data: String(document.date),
				numero: `${document.number}${document.numeration ?? ''}`,
				righe: ((document.items_list ?? []) as Row[]).map((item) => {
					const vat = VAT_TYPES.find((v) => v.id === Number(item.vat?.id ?? 0)) ?? VAT_TYPES[0];
					return { descrizione: String(item.name ?? item.description ?? ''), quantita: Number(item.qty ?? 1), prezzoUnitario: Number(item.net_price ?? 0).toFixed(2), aliquotaIVA: Number(vat.value), ...(vat.ei_type ? { natura: vat.ei_type } : {}) };
				}),
				...(eiData.payment_method ? { pagamento: { modalita: eiData.payment_method } } : {}),
			} as never).xml;
		} catch {
			return partialEInvoiceXml(document);
		}
	}

	function partialEInvoiceXml(document: Row): string {
		const esc = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		return `<?xml version="1.0" encoding="UTF-8"?>
<p:FatturaElettronica versione="FPR12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">
  <FatturaElettronicaHeader>
    <CessionarioCommittente><DatiAnagrafici><Anagrafica><Denominazione>${esc(document.entity?.name)}</Denominazione></Anagrafica></DatiAnagrafici></CessionarioCommittente>
  </FatturaElettronicaHeader>
  <FatturaElettronicaBody>
    <DatiGenerali><DatiGeneraliDocumento><TipoDocumento>TD01</TipoDocumento><Divisa>EUR</Divisa><Data>${esc(document.date)}</Data><Numero>${esc(document.number)}</Numero><ImportoTotaleDocumento>${Number(document.amount_gross ?? 0).toFixed(2)}</ImportoTotaleDocumento></DatiGeneraliDocumento></DatiGenerali>
  </FatturaElettronicaBody>
</p:FatturaElettronica>
`;
	}

	async function verifySink(subscription: Row, method: string): Promise<boolean> {
		const challenge = crypto.randomBytes(32).toString('hex');
		const url = new URL(String(subscription.sink));
		const headers: Record<string, string> = { 'User-Agent': 'FattureInCloud/API-WEBHOOK', Authorization: `Bearer ${signWebhookJwt({ sub: `company:${COMPANY_ID}`, aud: [subscription.sink], jti: crypto.randomUUID() })}` };
		if (method === 'query') url.searchParams.set('x-fic-verification-challenge', challenge);
		else headers['x-fic-verification-challenge'] = challenge;
		try {
			const response = await fetch(url, { headers, signal: AbortSignal.timeout(3000) });
			const body = (await response.json().catch(() => ({}))) as Row;
			return response.status === 200 && body.verification === challenge;
		} catch {
			return false;
		}
	}

	function signWebhookJwt(claims: Record<string, unknown>): string {
		const now = Math.floor(Date.now() / 1000);
		const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }));
		const payload = b64url(JSON.stringify({ iss: server.url, iat: now, exp: now + 3 * 3600, aid: 42, ...claims }));
		const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
		return `${header}.${payload}.${b64url(signature)}`;
	}

	async function special(op: FicOperation, req: EmulatorRequest, params: Record<string, string>): Promise<EmulatorResponse | undefined> {
		const data = ((req.body as Row | undefined)?.data ?? {}) as Row;
		const documentId = Number(params.document_id);
		const findDocument = () => rows('issued_documents').find((d) => d.id === documentId);
		switch (op.operationId) {
			case 'getUserInfo':
				return { status: 200, body: { data: { id: 1, name: 'Mario Rossi', first_name: 'Mario', last_name: 'Rossi', email: 'mario.rossi@example.com', hash: 'emulator' }, info: { need_marketing_consents_confirmation: false }, email_confirmation_state: { need_confirmation: false } } };
			case 'listUserCompanies':
				return { status: 200, body: { data: { companies: [{ id: COMPANY_ID, name: 'Studio Demo Srl', type: 'company', controlled_companies: [{ id: COMPANY_ID + 1, name: 'Cliente Controllato Snc', type: 'company' }] }] } } };
			case 'getCompanyInfo':
				return { status: 200, body: { data: { id: COMPANY_ID, name: 'Studio Demo Srl', email: 'studio@example.com', type: 'company', fic_plan_name: 'premium' } } };
			case 'getCompanyPlanUsage':
				return { status: 200, body: { data: { usage: rows(String(req.query.category ?? 'clients')).length, limit: 5000 } } };
			case 'getClientInfo':
				return { status: 200, body: { data: { vat_types_list: VAT_TYPES, payment_methods_list: INFO_LISTS['info/payment_methods'], payment_accounts_list: INFO_LISTS['info/payment_accounts'] } } };
			case 'getIssuedDocumentPreCreateInfo':
				return { status: 200, body: { data: { numerations: { [today().slice(0, 4)]: { '': 1 } }, vat_types_list: VAT_TYPES, payment_methods_list: INFO_LISTS['info/payment_methods'], payment_accounts_list: INFO_LISTS['info/payment_accounts'] } } };
			case 'getReceivedDocumentPreCreateInfo':
				return { status: 200, body: { data: { vat_types_list: VAT_TYPES, payment_accounts_list: INFO_LISTS['info/payment_accounts'] } } };
			case 'getReceiptPreCreateInfo':
				return { status: 200, body: { data: { vat_types_list: VAT_TYPES, payment_accounts_list: INFO_LISTS['info/payment_accounts'] } } };
			case 'getNewIssuedDocumentTotals':
			case 'getNewReceivedDocumentTotals':
				return { status: 200, body: { data: documentTotals(data) } };
			case 'getExistingIssuedDocumentTotals':
			case 'getExistingReceivedDocumentTotals': {
				const collection = op.operationId.includes('Issued') ? 'issued_documents' : 'received_documents';
				const existing = rows(collection).find((d) => d.id === documentId);
				if (!existing) return error(404, 'Documento non trovato.');
				return { status: 200, body: { data: documentTotals({ ...existing, ...data }) } };
			}
			case 'uploadIssuedDocumentAttachment':
			case 'uploadReceivedDocumentAttachment':
			case 'uploadF24Attachment':
			case 'uploadArchiveDocumentAttachment': {
				const parts = (req.body as { __multipart?: Record<string, { size: number }> } | undefined)?.__multipart;
				if (!parts?.attachment?.size) return error(422, "L'allegato è obbligatorio.", { attachment: ['The attachment field is required.'] });
				return { status: 200, body: { data: { attachment_token: crypto.randomBytes(16).toString('hex') } } };
			}
			case 'joinIssuedDocuments': {
				const ids = String(req.query.ids ?? '').split(',').map(Number);
				const docs = rows('issued_documents').filter((d) => ids.includes(d.id));
				return { status: 200, body: { data: { type: req.query.type ?? 'invoice', ...(docs[0]?.entity ? { entity: docs[0].entity } : {}), items_list: docs.flatMap((d) => d.items_list ?? []) } } };
			}
			case 'transformIssuedDocument': {
				const original = rows('issued_documents').find((d) => d.id === Number(req.query.original_document_id));
				if (!original) return error(404, 'Documento non trovato.');
				const { id, number, ...rest } = original;
				return { status: 200, body: { data: { ...rest, type: req.query.new_type } } };
			}
			case 'getEmailData': {
				const document = findDocument();
				if (!document) return error(404, 'Documento non trovato.');
				return { status: 200, body: { data: { recipient_email: document.entity?.email ?? '', default_sender_email: { id: 1, email: 'studio@example.com' }, subject: `Fattura n. ${document.number}`, body: 'Gentile cliente, ...' } } };
			}
			case 'scheduleEmail': {
				const document = findDocument();
				if (!document) return error(404, 'Documento non trovato.');
				insert('emails', { recipient_email: data.recipient_email ?? document.entity?.email, subject: data.subject, status: 'sent', sent_date: stamp(), content: data.body });
				return { status: 200, body: undefined };
			}
			case 'sendEInvoice': {
				const document = findDocument();
				if (!document) return error(404, 'Documento non trovato.');
				if (!document.e_invoice) return error(422, 'Il documento non è una fattura elettronica.', { e_invoice: ['The document is not an e-invoice.'] });
				document.ei_status = 'sent';
				document.updated_at = stamp();
				const name = `IT01234567890_${String(document.id).padStart(5, '0')}.xml`;
				eInvoiceSends.push({ documentId: document.id, name });
				return { status: 200, body: { data: { name, date: stamp() } } };
			}
			case 'verifyEInvoiceXml': {
				const document = findDocument();
				if (!document) return error(404, 'Documento non trovato.');
				return { status: 200, body: { data: { success: true } } };
			}
			case 'getEInvoiceXml': {
				const document = findDocument();
				if (!document) return error(404, 'Documento non trovato.');
				return { status: 200, text: eInvoiceXml(document), headers: { 'content-type': 'text/xml; charset=utf-8' } };
			}
			case 'getEInvoiceRejectionReason': {
				const document = findDocument();
				if (!document) return error(404, 'Documento non trovato.');
				return { status: 200, body: { data: { reason: document.ei_status === 'rejected' ? '00404 Fattura duplicata' : '', ei_status: document.ei_status ?? null, solution: '', code: '', date: stamp() } } };
			}
			case 'ListBinIssuedDocuments':
			case 'ListBinReceivedDocuments':
				return { status: 200, body: { data: binRows(op.operationId.includes('Issued') ? 'issued_documents' : 'received_documents') } };
			case 'GetBinIssuedDocument':
			case 'GetBinReceivedDocument': {
				const found = binRows(op.operationId.includes('Issued') ? 'issued_documents' : 'received_documents').find((d) => d.id === documentId);
				return found ? { status: 200, body: { data: found } } : error(404, 'Documento non trovato nel cestino.');
			}
			case 'DeleteBinIssuedDocument':
			case 'DeleteBinReceivedDocument': {
				const list = binRows(op.operationId.includes('Issued') ? 'issued_documents' : 'received_documents');
				const index = list.findIndex((d) => d.id === documentId);
				if (index < 0) return error(404, 'Documento non trovato nel cestino.');
				list.splice(index, 1);
				return { status: 200, body: undefined };
			}
			case 'RecoverBinIssuedDocument':
			case 'RecoverBinReceivedDocument': {
				const collection = op.operationId.includes('Issued') ? 'issued_documents' : 'received_documents';
				const list = binRows(collection);
				const index = list.findIndex((d) => d.id === documentId);
				if (index < 0) return error(404, 'Documento non trovato nel cestino.');
				rows(collection).push(...list.splice(index, 1));
				return { status: 200, body: undefined };
			}
			case 'getReceiptsMonthlyTotals':
				return { status: 200, body: { data: Array.from({ length: 12 }, () => ({ net: 0, gross: 0, count: 0 })) } };
			case 'getTaxProfile':
				return { status: 200, body: { data: { company_type: 'company', profession: '', regime: 'ordinario', rivalsa_name: '', default_rivalsa: 0, cassa_name: '', default_cassa: 0, default_withholding_tax: 0 } } };
			case 'listTemplates':
				return { status: 200, body: { data: INFO_LISTS['info/templates'] } };
			case 'getTemplate':
				return Number(params.template_id) === 1 ? { status: 200, body: { data: INFO_LISTS['info/templates'][0] } } : error(404, 'Modello non trovato.');
			case 'getPriceLists':
				return { status: 200, body: { data: [{ id: '1', name: 'Listino base', prices_type: 'net', is_default: true, valid_from: '2026-01-01', valid_to: '2026-12-31' }] } };
			case 'getPriceListItems':
				return params.price_list_id === '1' ? { status: 200, body: { data: Object.fromEntries(rows('products').map((p) => [p.id, { price: p.net_price ?? 0 }])) } } : error(404, 'Listino non trovato.');
			case 'listCashbookEntries': {
				if (!req.query.date_from || !req.query.date_to) return error(422, 'Date obbligatorie.', { date_from: ['The date from field is required.'] });
				return { status: 200, body: { data: rows('cashbook').filter((e) => String(e.date) >= req.query.date_from && String(e.date) <= req.query.date_to) } };
			}
			case 'CreateWebhooksSubscription': {
				if (!data.sink || !Array.isArray(data.types) || !data.types.length) return error(422, 'Dati non validi.', { sink: ['The sink field is required.'], types: ['The types field is required.'] });
				const subscription = insert('subscriptions', { id: `SUB${newId('subscriptions-counter')}`, sink: data.sink, types: data.types, verified: false, config: data.config ?? { mapping: 'binary' } });
				subscription.verified = await verifySink(subscription, String(data.verification_method ?? 'header'));
				return { status: 200, body: { data: subscription, warnings: [] } };
			}
			case 'verifyWebhooksSubscription': {
				const subscription = rows('subscriptions').find((s) => s.id === params.subscription_id);
				if (!subscription) return error(404, 'Sottoscrizione non trovata.');
				subscription.verified = await verifySink(subscription, String(data.verification_method ?? 'header'));
				return { status: 200, body: undefined };
			}
		}
		return undefined;
	}

	async function crud(op: FicOperation, collection: string, req: EmulatorRequest, params: Record<string, string>): Promise<EmulatorResponse> {
		const idParam = op.pathParams.find((p) => p !== 'company_id');
		const rawId = idParam ? params[idParam] : undefined;
		const match = (row: Row) => String(row.id) === rawId;
		const data = ((req.body as Row | undefined)?.data ?? {}) as Row;
		if (op.operation === 'getAll' || op.operation.startsWith('get') && !rawId && op.method === 'GET') {
			const source = collection.startsWith('info/') ? INFO_LISTS[collection] ?? [] : rows(collection === 'received_documents/pending' ? 'received_documents/pending' : collection);
			return listResponse(source, req, op);
		}
		if (op.method === 'POST' && op.operation.startsWith('create')) {
			if (collection === 'issued_documents') return createIssuedDocument(data);
			if ((collection === 'entities/clients' || collection === 'entities/suppliers') && !data.name) {
				return error(422, 'Il nome è obbligatorio.', { name: ['The name field is required.'] });
			}
			const created = insert(collection, data);
			return { status: 200, body: { data: created } };
		}
		const list = rows(collection);
		const index = list.findIndex(match);
		if (index < 0) return error(404, 'Risorsa non trovata.');
		if (op.method === 'GET') return { status: 200, body: { data: list[index] } };
		if (op.method === 'PUT') {
			list[index] = { ...list[index], ...data, id: list[index].id, ...(TIMESTAMPED.has(collection) ? { updated_at: stamp() } : {}) };
			if (collection === 'issued_documents' || collection === 'received_documents') Object.assign(list[index], documentTotals(list[index]));
			return { status: 200, body: { data: list[index] } };
		}
		if (op.method === 'DELETE') {
			if (op.operation === 'deleteAttachment') {
				delete list[index].attachment_token;
				return { status: 200, body: undefined };
			}
			const [removed] = list.splice(index, 1);
			if (collection === 'issued_documents' || collection === 'received_documents') binRows(collection).push(removed);
			return { status: 200, body: undefined };
		}
		return error(405, 'Metodo non consentito.');
	}

	function rateLimitHeaders(): Record<string, string> {
		return { 'RateLimit-HourlyLimit': '1000', 'RateLimit-HourlyRemaining': '999', 'RateLimit-MonthlyLimit': '40000', 'RateLimit-MonthlyRemaining': '39999' };
	}

	function authorized(req: EmulatorRequest): boolean {
		const header = String(req.headers.authorization ?? '');
		const token = header.startsWith('Bearer ') ? header.slice(7) : '';
		if (token === MANUAL_TOKEN) return true;
		const expires = accessTokens.get(token);
		return expires !== undefined && expires > Date.now();
	}

	function issueTokens(): Row {
		const access = `emu-access-${crypto.randomBytes(12).toString('hex')}`;
		const refresh = `emu-refresh-${crypto.randomBytes(12).toString('hex')}`;
		accessTokens.set(access, Date.now() + accessTokenTtl * 1000);
		refreshTokens.add(refresh);
		return { token_type: 'bearer', access_token: access, refresh_token: refresh, expires_in: accessTokenTtl };
	}

	function oauth(req: EmulatorRequest): EmulatorResponse {
		if (req.path === '/oauth/authorize') {
			const redirect = req.query.redirect_uri;
			if (!redirect || req.query.client_id !== oauthClient.clientId) return error(400, 'invalid client or redirect_uri');
			const code = `emu-code-${crypto.randomBytes(8).toString('hex')}`;
			codes.add(code);
			const target = new URL(redirect);
			target.searchParams.set('code', code);
			if (req.query.state) target.searchParams.set('state', req.query.state);
			return { status: 302, headers: { location: target.toString() } };
		}
		const body = (req.body ?? {}) as Row;
		let clientId = body.client_id;
		let clientSecret = body.client_secret;
		const basic = String(req.headers.authorization ?? '');
		if (basic.startsWith('Basic ')) [clientId, clientSecret] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':').map(decodeURIComponent);
		if (clientId !== oauthClient.clientId || clientSecret !== oauthClient.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
		if (body.grant_type === 'authorization_code') {
			if (!codes.delete(String(body.code))) return { status: 400, body: { error: 'invalid_grant', error_description: 'The authorization code is invalid.' } };
			return { status: 200, body: issueTokens() };
		}
		if (body.grant_type === 'refresh_token') {
			if (!refreshTokens.has(String(body.refresh_token))) return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid.' } };
			return { status: 200, body: { ...issueTokens(), refresh_token: body.refresh_token } };
		}
		return { status: 400, body: { error: 'unsupported_grant_type' } };
	}

	async function handle(req: EmulatorRequest): Promise<EmulatorResponse> {
		if (req.path.startsWith('/oauth/')) return oauth(req);
		if (!authorized(req)) return { status: 401, body: { error: { message: 'Unauthenticated.', code: 'UNAUTHENTICATED' } }, headers: rateLimitHeaders() };
		for (const route of ROUTES) {
			if (route.op.method !== req.method) continue;
			const match = route.regex.exec(req.path);
			if (!match) continue;
			const params = match.groups ?? {};
			if (params.company_id && Number(params.company_id) !== COMPANY_ID && Number(params.company_id) !== COMPANY_ID + 1) return error(403, 'Non hai accesso a questa azienda.');
			if (options.validateRequest) {
				const errors = options.validateRequest(route.op.operationId, { query: req.query, body: route.op.body === 'json' ? req.body : undefined });
				if (errors.length) {
					schemaViolations.push({ operationId: route.op.operationId, errors });
					return error(422, 'Dati non validi (schema).', Object.fromEntries(errors.map((e) => [e.split(':')[0], [e]])));
				}
			}
			const answer = (await special(route.op, req, params)) ?? (await crud(route.op, route.collection, req, params));
			if (options.validateResponse && answer.text === undefined) {
				const errors = options.validateResponse(route.op.operationId, answer.status, answer.body);
				if (errors.length) responseViolations.push({ operationId: route.op.operationId, status: answer.status, errors });
			}
			return { ...answer, headers: { ...rateLimitHeaders(), ...answer.headers } };
		}
		return error(404, `No route for ${req.method} ${req.path}`);
	}

	server = await startEmulatorServer(handle, { port: options.port });

	const seedClients = (count: number) => {
		for (let i = 1; i <= count; i++) {
			insert('entities/clients', { name: `Cliente ${String(i).padStart(5, '0')} Srl`, type: 'company', vat_number: String(10000000000 + i).slice(-11), country_iso: 'IT', email: `cliente${i}@example.com` });
		}
	};
	const seedIssuedDocuments = (count: number, type = 'invoice') => {
		if (!rows('entities/clients').length) seedClients(1);
		const client = rows('entities/clients')[0];
		const start = Date.UTC(2025, 0, 1);
		for (let i = 1; i <= count; i++) {
			const date = new Date(start + Math.floor((i * 364) / Math.max(1, count)) * 86400000).toISOString().slice(0, 10);
			const items = [{ name: `Servizio ${i}`, qty: 1, net_price: 100 + (i % 50), vat: { id: 0 } }];
			insert('issued_documents', { type, date, number: i, numeration: '', entity: { id: client.id, name: client.name }, items_list: items, payments_list: [], e_invoice: true, ...documentTotals({ items_list: items }) });
		}
	};

	const seed = options.seed ?? 'demo';
	if (seed === 'demo') {
		seedClients(3);
		insert('products', { name: 'Consulenza oraria', code: 'CONS-H', net_price: 80, measure: 'h', default_vat: { id: 0 } });
		insert('entities/suppliers', { name: 'Fornitore Carta Srl', vat_number: '09876543210', country_iso: 'IT' });
		seedIssuedDocuments(5);
		// one client with everything an e-invoice needs, and an invoice of today for it: the demo's
		// "FIC invoice -> Aruba" flow sends this one and stops the others (their clients have no address)
		const complete = insert('entities/clients', { name: 'Rossi Impianti Srl', type: 'company', vat_number: '01234567897', ei_code: 'M5UXCR1', address_street: 'Via Roma 1', address_postal_code: '20100', address_city: 'Milano', address_province: 'MI', country_iso: 'IT', email: 'amministrazione@rossi.example' });
		const items = [{ name: 'Consulenza automazione', qty: 2, net_price: 150, vat: { id: 0 } }];
		insert('issued_documents', { type: 'invoice', date: today(), number: 1, numeration: '', entity: { id: complete.id, name: complete.name }, items_list: items, payments_list: [], e_invoice: true, ei_data: { payment_method: 'MP05' }, ...documentTotals({ items_list: items }) });
	} else if (typeof seed === 'object') {
		if (seed.clients) seedClients(seed.clients);
		if (seed.issuedDocuments) seedIssuedDocuments(seed.issuedDocuments, seed.issuedDocumentType);
	}

	return {
		url: server.url,
		port: server.port,
		companyId: COMPANY_ID,
		manualToken: MANUAL_TOKEN,
		oauthClient,
		requests: server.requests,
		schemaViolations,
		eInvoiceSends,
		responseViolations,
		rows,
		update(collection, id, patch) {
			const row = rows(collection).find((r) => r.id === id);
			if (!row) throw new Error(`no ${collection} ${id}`);
			Object.assign(row, patch, { updated_at: stamp() });
			return row;
		},
		remove(collection, id) {
			const list = rows(collection);
			const index = list.findIndex((r) => r.id === id);
			if (index >= 0) {
				const [removed] = list.splice(index, 1);
				if (collection === 'issued_documents' || collection === 'received_documents') binRows(collection).push(removed);
			}
		},
		fault: (fault) => server.fault(fault),
		expireAccessTokens: () => {
			for (const token of accessTokens.keys()) accessTokens.set(token, 0);
		},
		seedIssuedDocuments,
		seedClients,
		webhookPublicKey,
		signWebhookJwt,
		async emitEvent(subscriptionId, type, ids, emitOptions = {}) {
			const subscription = rows('subscriptions').find((s) => s.id === subscriptionId);
			if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
			const ceId = emitOptions.ceId ?? `${Date.now()}:${crypto.randomBytes(8).toString('hex')}`;
			const jwt = signWebhookJwt({ sub: `company:${COMPANY_ID}`, aud: [subscription.sink], jti: ceId });
			const cloudEvent = { specversion: '1.0', id: ceId, type, source: server.url, subject: `company:${COMPANY_ID}`, time: new Date().toISOString(), data: { ids } };
			const structured = subscription.config?.mapping === 'structured';
			const headers: Record<string, string> = structured
				? { 'content-type': 'application/cloudevents+json', authorization: `Bearer ${jwt}` }
				: { 'content-type': 'application/json', authorization: `Bearer ${jwt}`, 'ce-id': ceId, 'ce-type': type, 'ce-source': server.url, 'ce-subject': `company:${COMPANY_ID}`, 'ce-time': cloudEvent.time, 'ce-specversion': '1.0' };
			const response = await fetch(subscription.sink, { method: 'POST', headers, body: JSON.stringify(structured ? cloudEvent : { data: { ids } }) });
			return { status: response.status, body: await response.text() };
		},
		close: () => server.close(),
	};
}
