/**
 * Fields shared by several operations: where the invoice comes from (binary file, text, JSON
 * model) and what happens to an invoice that does not pass.
 */
import type { INodeProperties } from 'n8n-workflow';

export const VALIDATING_OPERATIONS = ['build', 'validate', 'parse'];

export function xmlSourceProperties(operations: string[], withModel: boolean): INodeProperties[] {
	const show = { operation: operations };
	return [
		{
			displayName: 'Input',
			name: 'inputSource',
			type: 'options',
			default: 'binary',
			displayOptions: { show },
			options: [
				{ name: 'Binary File', value: 'binary', description: 'An XML or signed .p7m file in a binary property of the item' },
				...(withModel ? [{ name: 'JSON Model', value: 'json', description: 'The invoice as a model object in the item JSON (as Build or Parse give it)' }] : []),
				{ name: 'XML Text', value: 'text', description: 'The XML as text, e.g. from an expression' },
			],
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'Name of the binary property holding the file',
			displayOptions: { show: { ...show, inputSource: ['binary'] } },
		},
		{
			displayName: 'XML',
			name: 'xmlText',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			required: true,
			placeholder: '<p:FatturaElettronica ...',
			displayOptions: { show: { ...show, inputSource: ['text'] } },
		},
		...(withModel
			? [
					{
						displayName: 'Model Field',
						name: 'modelField',
						type: 'string',
						default: 'model',
						description: 'Property of the item JSON that holds the invoice model (FatturaElettronicaHeader and FatturaElettronicaBody). Empty: the whole item.',
						displayOptions: { show: { ...show, inputSource: ['json'] } },
					} satisfies INodeProperties,
				]
			: []),
	];
}

export const ON_INVALID_FAIL_OR_ROUTE = [
	{ name: 'Stop With Error', value: 'fail', description: 'Fail the node with the SdI codes and paths of every error' },
	{ name: 'Send to "Invalid" Output', value: 'route', description: 'Add a second output; invalid invoices leave through it with their findings' },
];

export function onInvalidProperties(): INodeProperties[] {
	return [
		{
			displayName: 'On Invalid Invoice',
			name: 'onInvalid',
			type: 'options',
			default: 'fail',
			description: 'What to do when the invoice has errors (XSD or SdI rules)',
			displayOptions: { show: { operation: ['build'] } },
			options: ON_INVALID_FAIL_OR_ROUTE,
		},
		{
			displayName: 'On Invalid Invoice',
			name: 'onInvalid',
			type: 'options',
			default: 'output',
			description: 'What to do when the invoice has errors (XSD or SdI rules)',
			displayOptions: { show: { operation: ['validate'] } },
			options: [{ name: 'Output Findings', value: 'output', description: 'Every invoice on the one output, with valid: false and its findings' }, ...ON_INVALID_FAIL_OR_ROUTE],
		},
		{
			displayName: 'On Invalid Invoice',
			name: 'onInvalid',
			type: 'options',
			default: 'ignore',
			description: 'Whether to validate each parsed invoice, and what to do when it has errors',
			displayOptions: { show: { operation: ['parse'] } },
			options: [{ name: 'Do Not Validate', value: 'ignore', description: 'Parse only (received invoices SdI already accepted)' }, ...ON_INVALID_FAIL_OR_ROUTE],
		},
	];
}

/** n8n evaluates this to draw the node: a second output only when invalid invoices are routed. */
export const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{${JSON.stringify(VALIDATING_OPERATIONS)}.includes($parameter["operation"]) && $parameter["onInvalid"] === "route" ? [{ "type": "main", "displayName": "Valid" }, { "type": "main", "displayName": "Invalid" }] : [{ "type": "main" }]}}`;

export const RECEIVED_ON_OPTION: INodeProperties = {
	displayName: 'Received On',
	name: 'receivedOn',
	type: 'string',
	default: '',
	placeholder: 'YYYY-MM-DD',
	description: 'The day SdI receives the file, for its date checks (00403). Empty: today in Italy.',
};

export const SERVER_SIDE_WARNINGS_OPTION: INodeProperties = {
	displayName: 'Warn About Checks Only SdI Can Make',
	name: 'serverSideWarnings',
	type: 'boolean',
	default: true,
	description: 'Whether to add warnings for what SdI checks against its registries (partita IVA existence, duplicates, codice destinatario)',
};
