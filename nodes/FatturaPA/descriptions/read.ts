/** Validate, Parse, Parse Notification and Render HTML: an invoice or a receipt comes in. */
import type { INodeProperties } from 'n8n-workflow';

import { RECEIVED_ON_OPTION, SERVER_SIDE_WARNINGS_OPTION, xmlSourceProperties } from './common';

export const READ_PROPERTIES: INodeProperties[] = [
	...xmlSourceProperties(['validate', 'renderHtml'], true),
	...xmlSourceProperties(['parse', 'parseNotification'], false),
	{
		displayName: 'Options',
		name: 'validateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['validate'] } },
		options: [
			{
				displayName: 'Findings Output',
				name: 'findingsOutput',
				type: 'options',
				default: 'attach',
				options: [
					{ name: 'Attached to the Item', value: 'attach', description: 'One item per invoice with valid, counts and the list of findings' },
					{ name: 'One Item per Finding', value: 'split', description: 'Each finding is an item; an invoice without findings gives none' },
				],
			},
			RECEIVED_ON_OPTION,
			SERVER_SIDE_WARNINGS_OPTION,
		],
	},
	{
		displayName: 'Options',
		name: 'parseOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['parse'] } },
		options: [
			{
				displayName: 'Attachments as Binary',
				name: 'attachmentsAsBinary',
				type: 'boolean',
				default: true,
				description: 'Whether to turn Allegati into binary files (attachment_1, attachment_2, ...) and drop their base64 from the JSON',
			},
			RECEIVED_ON_OPTION,
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: false,
				description: 'Whether to verify the .p7m signature (the certificate inside the file; no trust chain) and fail when it is broken',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'renderOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['renderHtml'] } },
		options: [
			{ displayName: 'Output Binary Field', name: 'outputBinaryPropertyName', type: 'string', default: 'html', description: 'Binary property the HTML page is written to' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Page title; empty: the document type, number and date' },
		],
	},
];
