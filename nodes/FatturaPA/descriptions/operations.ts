import type { INodeProperties } from 'n8n-workflow';

export const OPERATION_PROPERTY: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'build',
	options: [
		{ name: 'Build', value: 'build', action: 'Build an invoice', description: 'Write the FatturaPA XML of an invoice from fields or JSON, with totals computed and checked' },
		{ name: 'File Name', value: 'fileName', action: 'Name an invoice file', description: 'The SdI file name (IT, partita IVA, _, progressivo, .xml), or the next progressivo' },
		{ name: 'Parse', value: 'parse', action: 'Parse an invoice', description: 'Read an XML or signed .p7m invoice: one item per invoice body, attachments as files' },
		{ name: 'Parse Notification', value: 'parseNotification', action: 'Parse an invoice notification', description: 'Read an SdI receipt (RC, NS, MC, NE, DT, AT, EC, SE, MT) of either family' },
		{ name: 'Render HTML', value: 'renderHtml', action: 'Render an invoice as HTML', description: 'A readable page of the invoice, for e-mails and archives' },
		{ name: 'Validate', value: 'validate', action: 'Validate an invoice', description: 'Safe parsing, XSD structure and SdI rules, with each finding by code and path' },
	],
};
