#!/usr/bin/env node
/*
 * Development-time generator: reads the official Fatture in Cloud OpenAPI spec from
 * ../shared/specs/fattureincloud/openapi.yaml and writes the operation table the node, the
 * emulator and the coverage test share: nodes/FattureInCloud/generated/operations.ts.
 * The spec stays out of the repository; the generated file is committed and reviewed.
 *
 * Resource and operation names are curated here (the spec's tags are too coarse for a node UI);
 * everything else (method, path, parameters, scopes, body type, pagination) comes from the spec.
 *
 * Usage: node scripts/generate-fic-operations.js [path/to/openapi.yaml]
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const specFile =
	process.argv[2] || path.resolve(__dirname, '..', '..', 'shared', 'specs', 'fattureincloud', 'openapi.yaml');
const outFile = path.resolve(__dirname, '..', 'nodes', 'FattureInCloud', 'generated', 'operations.ts');

// operationId -> [resource, operation]. CRUD verbs follow n8n's words (getAll, get, create, update, delete).
const NAMES = {
	getUserInfo: ['user', 'getInfo'],
	listUserCompanies: ['user', 'getCompanies'],
	getCompanyInfo: ['company', 'getInfo'],
	getCompanyPlanUsage: ['company', 'getPlanUsage'],

	listClients: ['client', 'getAll'],
	createClient: ['client', 'create'],
	getClientInfo: ['client', 'getPreCreateInfo'],
	getClient: ['client', 'get'],
	modifyClient: ['client', 'update'],
	deleteClient: ['client', 'delete'],

	listSuppliers: ['supplier', 'getAll'],
	createSupplier: ['supplier', 'create'],
	getSupplier: ['supplier', 'get'],
	modifySupplier: ['supplier', 'update'],
	deleteSupplier: ['supplier', 'delete'],

	listProducts: ['product', 'getAll'],
	createProduct: ['product', 'create'],
	getProduct: ['product', 'get'],
	modifyProduct: ['product', 'update'],
	deleteProduct: ['product', 'delete'],

	listIssuedDocuments: ['issuedDocument', 'getAll'],
	createIssuedDocument: ['issuedDocument', 'create'],
	getIssuedDocument: ['issuedDocument', 'get'],
	modifyIssuedDocument: ['issuedDocument', 'update'],
	deleteIssuedDocument: ['issuedDocument', 'delete'],
	uploadIssuedDocumentAttachment: ['issuedDocument', 'uploadAttachment'],
	deleteIssuedDocumentAttachment: ['issuedDocument', 'deleteAttachment'],
	getIssuedDocumentPreCreateInfo: ['issuedDocument', 'getPreCreateInfo'],
	joinIssuedDocuments: ['issuedDocument', 'join'],
	transformIssuedDocument: ['issuedDocument', 'transform'],
	getNewIssuedDocumentTotals: ['issuedDocument', 'getNewTotals'],
	getExistingIssuedDocumentTotals: ['issuedDocument', 'getExistingTotals'],
	getEmailData: ['issuedDocument', 'getEmailData'],
	scheduleEmail: ['issuedDocument', 'scheduleEmail'],
	ListBinIssuedDocuments: ['issuedDocument', 'getAllInBin'],
	GetBinIssuedDocument: ['issuedDocument', 'getFromBin'],
	DeleteBinIssuedDocument: ['issuedDocument', 'deleteFromBin'],
	RecoverBinIssuedDocument: ['issuedDocument', 'recoverFromBin'],

	sendEInvoice: ['eInvoice', 'send'],
	verifyEInvoiceXml: ['eInvoice', 'verifyXml'],
	getEInvoiceXml: ['eInvoice', 'getXml'],
	getEInvoiceRejectionReason: ['eInvoice', 'getRejectionReason'],

	listReceivedDocuments: ['receivedDocument', 'getAll'],
	createReceivedDocument: ['receivedDocument', 'create'],
	getReceivedDocument: ['receivedDocument', 'get'],
	modifyReceivedDocument: ['receivedDocument', 'update'],
	deleteReceivedDocument: ['receivedDocument', 'delete'],
	uploadReceivedDocumentAttachment: ['receivedDocument', 'uploadAttachment'],
	deleteReceivedDocumentAttachment: ['receivedDocument', 'deleteAttachment'],
	getReceivedDocumentPreCreateInfo: ['receivedDocument', 'getPreCreateInfo'],
	getNewReceivedDocumentTotals: ['receivedDocument', 'getNewTotals'],
	getExistingReceivedDocumentTotals: ['receivedDocument', 'getExistingTotals'],
	listPendingReceivedDocuments: ['receivedDocument', 'getAllPending'],
	getPendingReceivedDocument: ['receivedDocument', 'getPending'],
	ListBinReceivedDocuments: ['receivedDocument', 'getAllInBin'],
	GetBinReceivedDocument: ['receivedDocument', 'getFromBin'],
	DeleteBinReceivedDocument: ['receivedDocument', 'deleteFromBin'],
	RecoverBinReceivedDocument: ['receivedDocument', 'recoverFromBin'],

	listReceipts: ['receipt', 'getAll'],
	createReceipt: ['receipt', 'create'],
	getReceipt: ['receipt', 'get'],
	modifyReceipt: ['receipt', 'update'],
	deleteReceipt: ['receipt', 'delete'],
	getReceiptPreCreateInfo: ['receipt', 'getPreCreateInfo'],
	getReceiptsMonthlyTotals: ['receipt', 'getMonthlyTotals'],

	listF24: ['tax', 'getAll'],
	createF24: ['tax', 'create'],
	getF24: ['tax', 'get'],
	modifyF24: ['tax', 'update'],
	deleteF24: ['tax', 'delete'],
	uploadF24Attachment: ['tax', 'uploadAttachment'],
	deleteF24Attachment: ['tax', 'deleteAttachment'],

	listArchiveDocuments: ['archiveDocument', 'getAll'],
	createArchiveDocument: ['archiveDocument', 'create'],
	getArchiveDocument: ['archiveDocument', 'get'],
	modifyArchiveDocument: ['archiveDocument', 'update'],
	deleteArchiveDocument: ['archiveDocument', 'delete'],
	uploadArchiveDocumentAttachment: ['archiveDocument', 'uploadAttachment'],

	listCashbookEntries: ['cashbookEntry', 'getAll'],
	createCashbookEntry: ['cashbookEntry', 'create'],
	getCashbookEntry: ['cashbookEntry', 'get'],
	modifyCashbookEntry: ['cashbookEntry', 'update'],
	deleteCashbookEntry: ['cashbookEntry', 'delete'],

	getPriceLists: ['priceList', 'getAll'],
	getPriceListItems: ['priceList', 'getItems'],

	listArchiveCategories: ['info', 'getArchiveCategories'],
	listCostCenters: ['info', 'getCostCenters'],
	listPaymentAccounts: ['info', 'getPaymentAccounts'],
	listPaymentMethods: ['info', 'getPaymentMethods'],
	listProductCategories: ['info', 'getProductCategories'],
	listReceivedDocumentCategories: ['info', 'getReceivedDocumentCategories'],
	listRevenueCenters: ['info', 'getRevenueCenters'],
	listVatTypes: ['info', 'getVatTypes'],
	listCities: ['info', 'getCities'],
	listCountries: ['info', 'getCountries'],
	listCurrencies: ['info', 'getCurrencies'],
	listDetailedCountries: ['info', 'getDetailedCountries'],
	listDeliveryNotesDefaultCausals: ['info', 'getDeliveryNoteCausals'],
	listLanguages: ['info', 'getLanguages'],
	listUnitsOfMeasure: ['info', 'getUnitsOfMeasure'],
	listDefaultTemplates: ['info', 'getDefaultTemplates'],

	createPaymentAccount: ['setting', 'createPaymentAccount'],
	getPaymentAccount: ['setting', 'getPaymentAccount'],
	modifyPaymentAccount: ['setting', 'updatePaymentAccount'],
	deletePaymentAccount: ['setting', 'deletePaymentAccount'],
	createPaymentMethod: ['setting', 'createPaymentMethod'],
	getPaymentMethod: ['setting', 'getPaymentMethod'],
	modifyPaymentMethod: ['setting', 'updatePaymentMethod'],
	deletePaymentMethod: ['setting', 'deletePaymentMethod'],
	getTaxProfile: ['setting', 'getTaxProfile'],
	listTemplates: ['setting', 'getTemplates'],
	getTemplate: ['setting', 'getTemplate'],
	createVatType: ['setting', 'createVatType'],
	getVatType: ['setting', 'getVatType'],
	modifyVatType: ['setting', 'updateVatType'],
	deleteVatType: ['setting', 'deleteVatType'],

	listEmails: ['email', 'getAll'],

	listWebhooksSubscriptions: ['webhookSubscription', 'getAll'],
	CreateWebhooksSubscription: ['webhookSubscription', 'create'],
	getWebhooksSubscription: ['webhookSubscription', 'get'],
	modifyWebhooksSubscription: ['webhookSubscription', 'update'],
	deleteWebhooksSubscription: ['webhookSubscription', 'delete'],
	verifyWebhooksSubscription: ['webhookSubscription', 'verify'],
};

function deref(spec, node) {
	let current = node;
	while (current && current.$ref) {
		const parts = current.$ref.replace(/^#\//, '').split('/');
		current = parts.reduce((acc, key) => acc[key], spec);
	}
	return current;
}

function paramOf(spec, raw) {
	const p = deref(spec, raw);
	const schema = deref(spec, p.schema || {});
	const out = {
		name: p.name,
		in: p.in,
		required: Boolean(p.required),
		type: schema.type === 'integer' || schema.type === 'number' ? 'number' : schema.type === 'boolean' ? 'boolean' : 'string',
		description: (p.description || '').trim().replace(/\s+/g, ' '),
	};
	if (Array.isArray(schema.enum)) out.enum = schema.enum.map(String);
	if (schema.default !== undefined) out.default = schema.default;
	return out;
}

function isPaginated(spec, op) {
	const ok = deref(spec, op.responses && op.responses['200']);
	const schema = ok && ok.content && ok.content['application/json'] && deref(spec, ok.content['application/json'].schema);
	if (!schema) return false;
	const parts = schema.allOf ? schema.allOf.map((s) => deref(spec, s)) : [schema];
	return parts.some((s) => s.properties && s.properties.current_page);
}

function responseType(spec, op) {
	const ok = deref(spec, op.responses && op.responses['200']);
	if (!ok || !ok.content) return 'none';
	if (ok.content['application/json']) return 'json';
	return 'text';
}

/** Dotted paths (arrays as `[]`) of the properties the spec marks readOnly inside a request schema. */
function readOnlyPaths(spec, schema, prefix = '', depth = 0, out = new Set()) {
	const node = deref(spec, schema);
	if (!node || depth > 8) return out;
	for (const part of node.allOf || []) readOnlyPaths(spec, part, prefix, depth + 1, out);
	if (node.items) readOnlyPaths(spec, node.items, `${prefix}[]`, depth + 1, out);
	for (const [key, child] of Object.entries(node.properties || {})) {
		const resolved = deref(spec, child);
		const childPath = prefix ? `${prefix}.${key}` : key;
		if (resolved && resolved.readOnly) out.add(childPath);
		else readOnlyPaths(spec, resolved, childPath, depth + 1, out);
	}
	return out;
}

function actionFrom(summary) {
	const words = summary.trim().split(/\s+/);
	const verb = words[0].toLowerCase() === 'list' ? 'Get many' : words[0];
	const rest = words.slice(1).join(' ');
	const sentence = `${verb} ${rest}`.trim();
	return sentence.charAt(0).toUpperCase() + sentence.slice(1).toLowerCase().replace(/\bf24\b/g, 'F24');
}

function main() {
	const spec = YAML.parse(fs.readFileSync(specFile, 'utf8'));
	const operations = [];
	for (const [route, item] of Object.entries(spec.paths)) {
		const shared = item.parameters || [];
		for (const [method, op] of Object.entries(item)) {
			if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
			const names = NAMES[op.operationId];
			if (!names) throw new Error(`no resource/operation name for ${op.operationId}: add it to NAMES`);
			const params = [...shared, ...(op.parameters || [])].map((p) => paramOf(spec, p));
			const security = (op.security || []).find((s) => s.OAuth2AuthenticationCodeFlow);
			const body = op.requestBody ? deref(spec, op.requestBody) : undefined;
			const bodyType = body
				? body.content['multipart/form-data']
					? 'multipart'
					: 'json'
				: null;
			const bodySchema = body && body.content['application/json'] ? deref(spec, body.content['application/json'].schema) : null;
			operations.push({
				operationId: op.operationId,
				resource: names[0],
				operation: names[1],
				name: actionFrom(op.summary || op.operationId),
				description: (op.description || op.summary || '').trim().replace(/\s+/g, ' '),
				method: method.toUpperCase(),
				path: route,
				pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
				queryParams: params
					.filter((p) => p.in === 'query')
					.map(({ in: _in, ...rest }) => rest),
				body: bodyType,
				bodyRequiresData: Boolean(bodySchema && (bodySchema.required || []).includes('data')),
				readOnlyPaths: bodySchema ? [...readOnlyPaths(spec, bodySchema)].sort() : [],
				scopes: security ? security.OAuth2AuthenticationCodeFlow : [],
				paginated: isPaginated(spec, op),
				response: responseType(spec, op),
			});
		}
	}
	const unused = Object.keys(NAMES).filter((id) => !operations.some((o) => o.operationId === id));
	if (unused.length) throw new Error(`NAMES lists operations the spec does not have: ${unused.join(', ')}`);

	const eventTypes = new Set();
	(function collect(node) {
		if (!node || typeof node !== 'object') return;
		if (node.title === 'EventType' && Array.isArray(node.enum)) node.enum.forEach((type) => eventTypes.add(String(type).trim()));
		for (const child of Object.values(node)) collect(child);
	})(spec);
	const webhooksFile = path.join(path.dirname(specFile), 'examples', 'webhooks.json');
	const publicKey = JSON.parse(fs.readFileSync(webhooksFile, 'utf8')).jwt.public_key_pem;

	const scopes = Object.keys(spec.components.securitySchemes.OAuth2AuthenticationCodeFlow.flows.authorizationCode.scopes);
	const header = `// GENERATED by scripts/generate-fic-operations.js from the Fatture in Cloud OpenAPI spec
// (info.version ${spec.info.version}). Do not edit by hand: change the generator and run it again.
`;
	const body = `${header}
export interface FicQueryParam {
	name: string;
	required: boolean;
	type: 'string' | 'number' | 'boolean';
	description: string;
	enum?: string[];
	default?: string | number | boolean;
}

export interface FicOperation {
	operationId: string;
	resource: string;
	operation: string;
	name: string;
	description: string;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	pathParams: string[];
	queryParams: FicQueryParam[];
	body: 'json' | 'multipart' | null;
	bodyRequiresData: boolean;
	/** Properties the spec marks read-only in the request body (dotted, arrays as []): stripped before sending. */
	readOnlyPaths: string[];
	scopes: string[];
	paginated: boolean;
	response: 'json' | 'text' | 'none';
}

export const FIC_SPEC_VERSION = ${JSON.stringify(spec.info.version)};

export const FIC_OAUTH_SCOPES: string[] = ${JSON.stringify(scopes, null, '\t')};

export const FIC_OPERATIONS: FicOperation[] = ${JSON.stringify(operations, null, '\t')};

/** Webhook event types of the spec (EventType enum), \`*.all.*\` groups included. */
export const FIC_EVENT_TYPES: string[] = ${JSON.stringify([...eventTypes], null, '\t')};

/** The ES256 public key Fatture in Cloud documents for verifying webhook JWTs (public, not a secret). */
export const FIC_WEBHOOK_PUBLIC_KEY = ${JSON.stringify(publicKey)};
`;
	fs.mkdirSync(path.dirname(outFile), { recursive: true });
	fs.writeFileSync(outFile, body);
	console.log(`wrote ${operations.length} operations to ${path.relative(process.cwd(), outFile)}`);
}

main();
