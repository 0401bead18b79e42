/**
 * Where an invoice or receipt comes from: a binary property, a text field, or a model object in
 * the item JSON. Every refusal names the field and says what was expected.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface XmlInput {
	data: Buffer | string;
	/** the binary's file name, when it came as a file */
	fileName?: string;
}

export type InvoiceInput = XmlInput | { model: IDataObject };

export async function readXmlInput(ctx: IExecuteFunctions, itemIndex: number): Promise<XmlInput> {
	const source = ctx.getNodeParameter('inputSource', itemIndex) as string;
	if (source === 'binary') {
		const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
		if (!property) throw new NodeOperationError(ctx.getNode(), 'Input Binary Field: give the name of the binary property holding the file, e.g. data', { itemIndex });
		const binary = ctx.helpers.assertBinaryData(itemIndex, property);
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		if (data.length === 0) throw new NodeOperationError(ctx.getNode(), `Input Binary Field: the file in "${property}" is empty; expected an XML or .p7m file`, { itemIndex });
		return { data, fileName: binary.fileName };
	}
	if (source === 'text') {
		const text = ctx.getNodeParameter('xmlText', itemIndex, '') as unknown;
		if (typeof text !== 'string' || text.trim() === '')
			throw new NodeOperationError(ctx.getNode(), `XML: expected the XML as text, got ${typeof text === 'string' ? 'an empty value' : typeof text}`, { itemIndex });
		return { data: text };
	}
	throw new NodeOperationError(ctx.getNode(), `Input: expected Binary File or XML Text, got "${source}"`, { itemIndex });
}

export async function readInvoiceInput(ctx: IExecuteFunctions, itemIndex: number): Promise<InvoiceInput> {
	const source = ctx.getNodeParameter('inputSource', itemIndex) as string;
	if (source !== 'json') return await readXmlInput(ctx, itemIndex);
	const field = String(ctx.getNodeParameter('modelField', itemIndex, 'model') ?? '').trim();
	const json = ctx.getInputData()[itemIndex].json;
	const value = field ? valueAt(json, field) : json;
	const isModel = (v: unknown): v is IDataObject => !!v && typeof v === 'object' && !Array.isArray(v) && 'FatturaElettronicaHeader' in v && 'FatturaElettronicaBody' in v;
	if (!isModel(value)) {
		const found = value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : typeof value === 'object' && value ? `an object with ${Object.keys(value).slice(0, 5).join(', ') || 'no keys'}` : typeof value;
		throw new NodeOperationError(
			ctx.getNode(),
			`Model Field: expected ${field ? `"${field}"` : 'the item JSON'} to hold an invoice model (an object with FatturaElettronicaHeader and FatturaElettronicaBody), found ${found}`,
			{ itemIndex, description: 'Build gives the model in "model" (option Include Model); Parse gives one body per item, so validate its XML instead.' },
		);
	}
	return { model: value };
}

/** a.b.c in an object (n8n users write paths that way) */
function valueAt(object: IDataObject, path: string): unknown {
	let current: unknown = object;
	for (const key of path.split('.')) {
		if (!current || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}
