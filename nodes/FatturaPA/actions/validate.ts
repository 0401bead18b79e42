/** Validate: safe parsing, XSD structure and SdI rules on an XML, a .p7m or a model; findings as items or attached. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { validateFatturaPA, type FatturaElettronica, type FatturaValidation } from '../../../lib/fatturapa';
import { findingJson, invalidInvoiceError, ruleOptions, summary, type OnInvalid } from './findings';
import { readInvoiceInput } from './input';
import type { ActionResult } from './types';

interface ValidateOptions {
	findingsOutput?: 'attach' | 'split';
	receivedOn?: string;
	serverSideWarnings?: boolean;
}

export async function validate(ctx: IExecuteFunctions, itemIndex: number): Promise<ActionResult[]> {
	const options = ctx.getNodeParameter('validateOptions', itemIndex, {}) as ValidateOptions;
	const onInvalid = ctx.getNodeParameter('onInvalid', itemIndex, 'output') as OnInvalid;
	const input = await readInvoiceInput(ctx, itemIndex);
	const rules = ruleOptions(ctx, options, itemIndex);
	let validation: FatturaValidation | undefined;
	let failure: Error | undefined;
	try {
		validation = validateFatturaPA('model' in input ? (input.model as unknown as FatturaElettronica) : input.data, rules);
	} catch (error) {
		failure = error as Error;
	}
	// a file that is neither XML nor a readable .p7m (P7M-FORMAT) is the wrong input, not an invalid invoice
	const unreadable = validation?.findings.find((f) => f.code === 'P7M-FORMAT');
	if (!validation || unreadable) {
		const field = 'model' in input ? 'Model Field' : typeof input.data === 'string' ? 'XML' : 'Input Binary Field';
		const reason = failure?.message ?? unreadable!.message_en.replace(/^.*?: (?=p7m: )/, '');
		throw new NodeOperationError(ctx.getNode(), `${field}: expected a FatturaPA as XML or signed .p7m; ${reason}`, { itemIndex });
	}
	const status = summary(validation.findings);
	const fileName = 'fileName' in input ? input.fileName : undefined;
	if (!status.valid && onInvalid === 'fail') throw invalidInvoiceError(ctx, validation.findings, itemIndex, fileName ? `The invoice ${fileName}` : 'The invoice');
	const invalid = !status.valid;
	if (options.findingsOutput === 'split') {
		return validation.findings.map((f) => ({ json: { ...findingJson(f), ...(fileName ? { fileName } : {}), invoiceValid: status.valid }, invalid }));
	}
	const item = ctx.getInputData()[itemIndex];
	return [
		{
			json: {
				...item.json,
				validation: {
					...status,
					...(fileName ? { fileName } : {}),
					...(validation.formato ? { formato: validation.formato } : {}),
					signed: validation.signed,
					findings: validation.findings.map(findingJson),
				},
			},
			// the file goes on with its verdict, e.g. to the intermediary that sends it to SdI
			...(item.binary ? { binary: item.binary } : {}),
			invalid,
		},
	];
}
