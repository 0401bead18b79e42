import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeAruba } from './actions/execute';
import { fieldProperties, operationProperties, resourceProperty } from './descriptions';

export class ArubaFatturazione implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aruba Fatturazione Elettronica',
		name: 'arubaFatturazione',
		icon: { light: 'file:aruba.svg', dark: 'file:aruba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send invoices to SdI through Aruba, follow their notifications and receive invoices',
		defaults: { name: 'Aruba Fatturazione Elettronica' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'arubaFatturazioneApi', required: true }],
		properties: [resourceProperty, ...operationProperties, ...fieldProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAruba.call(this);
	}
}
