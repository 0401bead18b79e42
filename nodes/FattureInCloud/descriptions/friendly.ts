/**
 * Hand-written fields for the bodies consultants fill most: clients and suppliers, and new
 * issued documents. Every other body is sent as JSON (see fields.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { ISSUED_DOCUMENT_TYPES } from '../../../lib/fattureincloud/issuedDocument';

export const FRIENDLY_BODY_OPERATIONS = new Set([
	'client.create',
	'client.update',
	'client.upsert',
	'supplier.create',
	'supplier.update',
	'supplier.upsert',
	'issuedDocument.create',
]);

export const ENTITY_FIELD_OPTIONS: INodeProperties[] = [
	{ displayName: 'Address Extra', name: 'addressExtra', type: 'string', default: '' },
	{ displayName: 'Bank IBAN', name: 'bankIban', type: 'string', default: '' },
	{ displayName: 'City', name: 'addressCity', type: 'string', default: '' },
	{
		displayName: 'Codice Destinatario',
		name: 'eiCode',
		type: 'string',
		default: '',
		description: 'SDI recipient code: 7 characters (6 for public administration); 0000000 when unknown',
	},
	{ displayName: 'Code', name: 'code', type: 'string', default: '', description: 'Your own code for the record' },
	{ displayName: 'Contact Person', name: 'contactPerson', type: 'string', default: '' },
	{
		displayName: 'Country Code',
		name: 'countryIso',
		type: 'string',
		default: 'IT',
		description: 'ISO 3166 two-letter code, e.g. IT, DE, FR (sent as country_iso)',
	},
	{ displayName: 'Default Payment Terms (Days)', name: 'defaultPaymentTerms', type: 'number', default: 0 },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Fax', name: 'fax', type: 'string', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
	{ displayName: 'PEC', name: 'certifiedEmail', type: 'string', default: '', description: 'Certified e-mail (posta elettronica certificata)' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'addressPostalCode', type: 'string', default: '' },
	{ displayName: 'Province', name: 'addressProvince', type: 'string', default: '', description: 'Two-letter province, e.g. MI' },
	{ displayName: 'Street', name: 'addressStreet', type: 'string', default: '' },
	{ displayName: 'Tax Code', name: 'taxCode', type: 'string', default: '', description: 'Codice fiscale' },
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'company',
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Condominium', value: 'condo' },
			{ name: 'Person', value: 'person' },
			{ name: 'Public Administration', value: 'pa' },
		],
	},
	{ displayName: 'VAT Number', name: 'vatNumber', type: 'string', default: '', description: 'Partita IVA' },
];

/** The spec's Supplier has no Codice Destinatario and no default payment terms. */
const SUPPLIER_FIELD_OPTIONS = ENTITY_FIELD_OPTIONS.filter((option) => option.name !== 'eiCode' && option.name !== 'defaultPaymentTerms');

function entityProperties(resource: 'client' | 'supplier'): INodeProperties[] {
	const noun = resource === 'client' ? 'client' : 'supplier';
	const fieldOptions = resource === 'client' ? ENTITY_FIELD_OPTIONS : SUPPLIER_FIELD_OPTIONS;
	return [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: `The ${noun}'s name (ragione sociale)`,
			displayOptions: { show: { resource: [resource], operation: ['create', 'upsert'], inputMode: ['fields'] } },
		},
		{
			displayName: 'Fields',
			name: 'entityFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [resource], operation: ['create', 'upsert'], inputMode: ['fields'] } },
			options: fieldOptions,
		},
		{
			displayName: 'Update Fields',
			name: 'entityFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [resource], operation: ['update'], inputMode: ['fields'] } },
			options: [{ displayName: 'Name', name: 'name', type: 'string', default: '' }, ...fieldOptions],
		},
	];
}

const DOCUMENT_SHOW = { resource: ['issuedDocument'], operation: ['create'], inputMode: ['fields'] };

const DOCUMENT_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		default: 'invoice',
		options: ISSUED_DOCUMENT_TYPES.map((value) => ({ name: value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), value })),
		displayOptions: { show: DOCUMENT_SHOW },
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		description: 'ID of an existing client. Leave empty to give the client fields below instead.',
		displayOptions: { show: DOCUMENT_SHOW },
	},
	{
		displayName: 'Client',
		name: 'documentEntity',
		type: 'collection',
		placeholder: 'Add Client Field',
		default: {},
		description: 'Used when Client ID is empty: the client as it appears on the document',
		displayOptions: { show: DOCUMENT_SHOW },
		options: [{ displayName: 'Name', name: 'name', type: 'string', default: '' }, ...ENTITY_FIELD_OPTIONS],
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'Document date; empty means today',
		displayOptions: { show: DOCUMENT_SHOW },
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show: DOCUMENT_SHOW },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Code',
						name: 'code',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Discount	%',
						name: 'discount',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Net Price',
						name: 'netPrice',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Quantity',
						name: 'qty',
						type: 'number',
						default: 1
					},
					{
						displayName: 'Unit of Measure',
						name: 'measure',
						type: 'string',
						default: '',
					},
					{
						displayName: 'VAT Rate	%',
						name: 'vatRate',
						type: 'number',
						default: 22,
						description: 'Resolved to the company\'s VAT type with this rate;	use VAT Type ID for exemptions (Natura)',
					},
					{
						displayName: 'VAT Type ID',
						name: 'vatId',
						type: 'number',
						default: 0,
						description: 'Overrides VAT Rate when set',
					},
				],
			},
		],
	},
	{
		displayName: 'Payments',
		name: 'payments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Payment',
		default: {},
		displayOptions: { show: DOCUMENT_SHOW },
		options: [
			{
				displayName: 'Payment',
				name: 'payment',
				values: [
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Due Date',
						name: 'dueDate',
						type: 'string',
						default: '',
						placeholder: 'YYYY-MM-DD',
					},
					{
						displayName: 'Paid Date',
						name: 'paidDate',
						type: 'string',
						default: '',
						placeholder: 'YYYY-MM-DD',
					},
					{
						displayName: 'Payment Account ID',
						name: 'paymentAccountId',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						default: 'not_paid',
						options: [
							{
								name: 'Not Paid',
								value: 'not_paid',
							},
							{
								name: 'Paid',
								value: 'paid',
							},
						]
					},
			],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'documentFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: DOCUMENT_SHOW },
		options: [
			{ displayName: 'Currency', name: 'currencyId', type: 'string', default: 'EUR' },
			{ displayName: 'E-Invoice', name: 'eInvoice', type: 'boolean', default: false, description: 'Whether the document is an electronic invoice (fattura elettronica)' },
			{
				displayName: 'E-Invoice Payment Method',
				name: 'eiPaymentMethod',
				type: 'string',
				default: '',
				placeholder: 'MP05',
				description: 'FatturaPA ModalitaPagamento code, e.g. MP05 (bank transfer)',
			},
			{
				displayName: 'Fix Payments',
				name: 'fixPayments',
				type: 'boolean',
				default: true,
				description: 'Whether Fatture in Cloud adjusts the payments so that they add up to the document total',
			},
			{ displayName: 'Language Code', name: 'language', type: 'string', default: '', placeholder: 'it' },
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
			{
				displayName: 'Number',
				name: 'number',
				type: 'number',
				default: 0,
				description: 'Leave 0 to let Fatture in Cloud give the next number',
			},
			{ displayName: 'Numeration', name: 'numeration', type: 'string', default: '', description: 'Numbering series, e.g. /A' },
			{ displayName: 'Payment Method ID', name: 'paymentMethodId', type: 'number', default: 0 },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			{ displayName: 'Use Gross Prices', name: 'useGrossPrices', type: 'boolean', default: false },
			{ displayName: 'Visible Subject', name: 'visibleSubject', type: 'string', default: '' },
		],
	},
];

export function friendlyProperties(): INodeProperties[] {
	return [...entityProperties('client'), ...entityProperties('supplier'), ...DOCUMENT_PROPERTIES];
}
