import type { INodePropertyOptions } from 'n8n-workflow';

import { FIC_OPERATIONS, type FicOperation } from '../generated/operations';

/** Operations the node adds on top of the API's own (they combine several calls). */
export const COMPOSITE_OPERATIONS: Array<Pick<FicOperation, 'resource' | 'operation' | 'name' | 'description'>> = [
	{
		resource: 'client',
		operation: 'upsert',
		name: 'Create or update',
		description: 'Find the client by VAT number or tax code; update it when found, create it otherwise',
	},
	{
		resource: 'supplier',
		operation: 'upsert',
		name: 'Create or update',
		description: 'Find the supplier by VAT number or tax code; update it when found, create it otherwise',
	},
];

export const RESOURCES: Array<{ value: string; name: string; description: string }> = [
	{ value: 'archiveDocument', name: 'Archive Document', description: 'Documents kept in the archive' },
	{ value: 'cashbookEntry', name: 'Cashbook Entry', description: 'Prima nota: cash in and out' },
	{ value: 'client', name: 'Client', description: 'Clienti' },
	{ value: 'company', name: 'Company', description: 'The company (azienda) and its plan' },
	{ value: 'eInvoice', name: 'E-Invoice', description: 'Fattura elettronica of an issued document: send to SDI, verify, XML' },
	{ value: 'email', name: 'Email', description: 'Emails sent from Fatture in Cloud' },
	{ value: 'info', name: 'Info', description: 'Reference lists: VAT types, payment methods, countries,' },
	{ value: 'issuedDocument', name: 'Issued Document', description: 'Invoices, quotes, credit notes, orders, ... (documenti emessi).' },
	{ value: 'priceList', name: 'Price List', description: 'Listini' },
	{ value: 'product', name: 'Product', description: 'Prodotti' },
	{ value: 'receipt', name: 'Receipt', description: 'Corrispettivi' },
	{ value: 'receivedDocument', name: 'Received Document', description: 'Expenses and received invoices (documenti ricevuti)' },
	{ value: 'setting', name: 'Setting', description: 'Payment accounts and methods, VAT types, templates, tax profile' },
	{ value: 'supplier', name: 'Supplier', description: 'Fornitori' },
	{ value: 'tax', name: 'Tax (F24)', description: 'F24 tax payments' },
	{ value: 'user', name: 'User', description: 'The signed-in user and the companies it can reach' },
	{ value: 'webhookSubscription', name: 'Webhook Subscription', description: 'Subscriptions to Fatture in Cloud events' },
];

const RESOURCE_NOUN: Record<string, string> = Object.fromEntries(RESOURCES.map((r) => [r.value, r.name.toLowerCase()]));

export function operationsOf(resource: string): FicOperation[] {
	return FIC_OPERATIONS.filter((op) => op.resource === resource);
}

export function findOperation(resource: string, operation: string): FicOperation | undefined {
	return FIC_OPERATIONS.find((op) => op.resource === resource && op.operation === operation);
}

function optionName(operation: string, generated: string): string {
	switch (operation) {
		case 'getAll':
			return 'Get Many';
		case 'get':
			return 'Get';
		case 'create':
			return 'Create';
		case 'update':
			return 'Update';
		case 'delete':
			return 'Delete';
		case 'upsert':
			return 'Create or Update';
		default:
			return generated.replace(/\b\w/g, (c) => c.toUpperCase());
	}
}

/** The operation dropdown of one resource: API operations plus composite ones, sorted by name. */
export function operationOptions(resource: string): INodePropertyOptions[] {
	const noun = RESOURCE_NOUN[resource] ?? resource;
	const own = operationsOf(resource).map((op) => ({
		name: optionName(op.operation, op.name),
		value: op.operation,
		description: op.description,
		action: op.operation === 'getAll' ? `Get many ${noun}s` : op.name.replace(/^(\w+)/, (w) => w),
	}));
	const composite = COMPOSITE_OPERATIONS.filter((op) => op.resource === resource).map((op) => ({
		name: optionName(op.operation, op.name),
		value: op.operation,
		description: op.description,
		action: `Create or update a ${noun}`,
	}));
	return [...own, ...composite].sort((a, b) => a.name.localeCompare(b.name));
}
