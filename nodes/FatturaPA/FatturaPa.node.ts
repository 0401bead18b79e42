import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeFatturaPA } from './actions/router';
import { BUILD_PROPERTIES } from './descriptions/build';
import { onInvalidProperties, OUTPUTS_EXPRESSION } from './descriptions/common';
import { FILE_NAME_PROPERTIES } from './descriptions/fileName';
import { OPERATION_PROPERTY } from './descriptions/operations';
import { READ_PROPERTIES } from './descriptions/read';

/**
 * Italian e-invoices without a gestionale: build, validate (XSD + SdI rules), parse (XML and
 * signed .p7m), read SdI notifications, render HTML and name files. Everything runs locally on
 * lib/fatturapa; no credential, no network.
 */
export class FatturaPa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FatturaPA',
		name: 'fatturaPa',
		icon: { light: 'file:fatturapa.svg', dark: 'file:fatturapa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Build, validate and parse Italian SdI e-invoices (FatturaPA XML and .p7m), read SdI notifications, render HTML',
		defaults: { name: 'FatturaPA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_EXPRESSION,
		properties: [OPERATION_PROPERTY, ...BUILD_PROPERTIES, ...READ_PROPERTIES, ...FILE_NAME_PROPERTIES, ...onInvalidProperties()],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeFatturaPA.call(this);
	}
}
