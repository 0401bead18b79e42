import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeFattureInCloud } from './actions/execute';
import { FIC_CREDENTIALS } from './descriptions/common';
import { buildProperties } from './descriptions/fields';
import { friendlyProperties } from './descriptions/friendly';
import { getCompanies } from './methods/loadOptions';

export class FattureInCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fatture in Cloud',
		name: 'fattureInCloud',
		icon: { light: 'file:fattureincloud.svg', dark: 'file:fattureincloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Clients, invoices, e-invoices and every other Fatture in Cloud API v2 operation',
		defaults: { name: 'Fatture in Cloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: FIC_CREDENTIALS,
		properties: [...buildProperties(), ...friendlyProperties()],
	};

	methods = {
		loadOptions: { getCompanies },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeFattureInCloud.call(this);
	}
}
