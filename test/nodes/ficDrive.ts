/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Drives each operation of the official Fatture in Cloud spec through the built node run by
 * n8n-core, against any base URL (the emulator, Prism). The list of operations is read from the
 * spec itself; a JSON body is the spec's own request example (raw-JSON mode), or, for the
 * operations with friendly fields, a full set of those fields (friendly mode).
 */
import * as fs from 'node:fs';
import YAML from 'yaml';

import { FIC_OPERATIONS, type FicOperation } from '../../nodes/FattureInCloud/generated/operations';
import { camel } from '../../nodes/FattureInCloud/descriptions/fields';
import { chain, runWorkflow } from '../harness/n8n';
import { specPath } from '../helpers/specs';

export interface SpecOperation {
	operationId: string;
	method: string;
	path: string;
}

export function specOperations(): SpecOperation[] {
	const spec = YAML.parse(fs.readFileSync(specPath('fattureincloud', 'openapi.yaml'), 'utf8')) as {
		paths: Record<string, Record<string, { operationId?: string }>>;
	};
	const out: SpecOperation[] = [];
	for (const [path, item] of Object.entries(spec.paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (op && typeof op === 'object' && op.operationId) out.push({ operationId: op.operationId, method: method.toUpperCase(), path });
		}
	}
	return out;
}

export function requestExamples(): Record<string, { examples?: Record<string, unknown> }> {
	const file = specPath('fattureincloud', 'examples', 'request-examples.json');
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as { requests: Record<string, { examples?: Record<string, unknown> }> }).requests;
}

/** The path template as a regular expression: each {param} is one URL segment. */
export function pathPattern(template: string): RegExp {
	return new RegExp(`^${template.replace(/\{[a-z_]+\}/g, '[^/?]+')}(\\?.*)?$`);
}

export function nodeOperation(operationId: string): FicOperation {
	const op = FIC_OPERATIONS.find((candidate) => candidate.operationId === operationId);
	if (!op) throw new Error(`${operationId} is not in the node's operation table`);
	return op;
}

/** Node parameters for an operation in raw-JSON mode, its body the spec's first request example. */
export function rawParameters(op: FicOperation, examples: ReturnType<typeof requestExamples>, companyId: string, recordId: string): Record<string, unknown> {
	const parameters: Record<string, unknown> = {
		authentication: 'accessToken',
		resource: op.resource,
		operation: op.operation,
		companyId,
		options: {},
	};
	for (const param of op.pathParams.filter((p) => p !== 'company_id')) parameters[camel(param)] = recordId;
	for (const param of op.queryParams.filter((p) => p.required)) parameters[camel(param.name)] = param.enum?.[0] ?? (param.type === 'number' ? 1 : '2026-01-01');
	if (op.paginated) {
		parameters.returnAll = false;
		parameters.limit = 1;
	}
	if (op.body === 'json') {
		const example = Object.values(examples[op.operationId]?.examples ?? {})[0] as Record<string, unknown> | undefined;
		parameters.inputMode = 'json';
		parameters.jsonData = JSON.stringify(example ?? { data: {} });
	}
	return parameters;
}

const ENTITY_COMMON = {
	type: 'company',
	code: 'ROSSI-01',
	contactPerson: 'Mario Rossi',
	vatNumber: 'IT 01234567897',
	addressStreet: 'Via Roma 1',
	addressPostalCode: '20100',
	addressCity: 'Milano',
	addressProvince: 'mi',
	addressExtra: 'Scala B',
	countryIso: 'IT',
	email: 'amministrazione@rossi.example',
	certifiedEmail: 'rossi@pec.example.it',
	phone: '02 1234567',
	fax: '02 7654321',
	notes: 'Cliente dal 2020',
	bankIban: 'IT60 X054 2811 1010 0000 0123 456',
};
const CLIENT_ONLY = { eiCode: 'm5uxcr1', defaultPaymentTerms: 30 };

/**
 * Friendly-mode parameters: every field a user can fill. The IDs given (client, payment method,
 * language) are looked up by the node, so they are passed in: the emulator and Prism know others.
 */
export function friendlyParameters(
	op: FicOperation,
	companyId: string,
	ids: { recordId: string; clientId: string; paymentMethodId: number; paymentAccountId: number; vatId: number; language: string },
): Record<string, unknown> | undefined {
	const base = { authentication: 'accessToken', resource: op.resource, companyId, options: {}, inputMode: 'fields' };
	const entity = op.resource === 'client' ? { ...ENTITY_COMMON, ...CLIENT_ONLY } : ENTITY_COMMON;
	switch (`${op.resource}.${op.operation}`) {
		case 'client.create':
		case 'supplier.create':
			return { ...base, operation: 'create', name: 'Rossi Impianti Srl', entityFields: entity };
		case 'client.update':
		case 'supplier.update':
			return { ...base, operation: 'update', [op.resource === 'client' ? 'clientId' : 'supplierId']: ids.recordId, entityFields: { name: 'Rossi Impianti Srl', ...entity } };
		case 'issuedDocument.create':
			return {
				...base,
				operation: 'create',
				documentType: 'invoice',
				clientId: ids.clientId,
				date: '2026-02-10',
				items: { item: [{ name: 'Consulenza', description: 'Ore di consulenza', code: 'CONS-H', qty: 2, measure: 'h', netPrice: 150, discount: 10, vatRate: 22 }, { name: 'Rimborso spese', qty: 1, netPrice: 2, vatId: ids.vatId }] },
				payments: { payment: [{ amount: 331.4, dueDate: '2026-03-10', status: 'paid', paidDate: '2026-03-01', paymentAccountId: ids.paymentAccountId }] },
				documentFields: {
					numeration: '/A',
					currencyId: 'EUR',
					language: ids.language,
					subject: 'Consulenza febbraio',
					visibleSubject: 'Consulenza',
					notes: 'Grazie',
					eInvoice: true,
					paymentMethodId: ids.paymentMethodId,
					eiPaymentMethod: 'MP05',
					useGrossPrices: false,
				},
			};
	}
	return undefined;
}

/** The friendly upsert (a look-up then a create or an update) of a client or supplier. */
export function friendlyUpsertParameters(resource: 'client' | 'supplier', companyId: string): Record<string, unknown> {
	const entity = resource === 'client' ? { ...ENTITY_COMMON, ...CLIENT_ONLY } : ENTITY_COMMON;
	return { authentication: 'accessToken', resource, operation: 'upsert', companyId, options: {}, inputMode: 'fields', name: 'Rossi Impianti Srl', entityFields: entity };
}

export function inputFor(op: FicOperation) {
	return op.body === 'multipart'
		? [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 test').toString('base64'), mimeType: 'application/pdf', fileName: 'test.pdf' } } }]
		: [{ json: {} }];
}

/** Runs the node once with these parameters; errors go to the item (continue on fail). */
export async function runFic(parameters: Record<string, unknown>, baseUrl: string, accessToken: string, input: unknown[] = [{ json: {} }]) {
	return runWorkflow(
		chain({
			name: 'FIC',
			type: 'fattureInCloud',
			parameters: parameters as never,
			credentials: { fattureInCloudApi: { id: '1', name: 'fic' } },
			continueOnFail: true,
		}),
		{ fattureInCloudApi: { accessToken, baseUrl } },
		input as never,
	);
}
