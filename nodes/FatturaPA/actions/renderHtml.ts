/** Render HTML: a readable page of the invoice (our own template, Italian labels) as a binary file. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseFatturaPA, renderInvoiceHtml, type FatturaElettronica } from '../../../lib/fatturapa';
import { readPossiblySignedXml } from '../../../lib/p7m';
import { parseXml } from '../../../lib/xml';
import { readInvoiceInput } from './input';
import type { ActionResult } from './types';

interface RenderOptions {
	outputBinaryPropertyName?: string;
	title?: string;
}

export async function renderHtml(ctx: IExecuteFunctions, itemIndex: number): Promise<ActionResult[]> {
	const options = ctx.getNodeParameter('renderOptions', itemIndex, {}) as RenderOptions;
	const input = await readInvoiceInput(ctx, itemIndex);
	let model: FatturaElettronica | undefined;
	let failure: Error | undefined;
	try {
		if ('model' in input) model = input.model as unknown as FatturaElettronica;
		else {
			const doc = parseXml(readPossiblySignedXml(input.data).xml);
			if (doc.root.local === 'FatturaElettronicaSemplificata') failure = new Error('a fattura semplificata (FSM10) has no HTML template yet; expected a fattura ordinaria (FPA12 or FPR12)');
			else model = parseFatturaPA(doc);
		}
	} catch (error) {
		failure = error as Error;
	}
	if (!model) {
		const field = 'model' in input ? 'Model Field' : typeof input.data === 'string' ? 'XML' : 'Input Binary Field';
		throw new NodeOperationError(ctx.getNode(), `${field}: ${failure?.message}`, { itemIndex });
	}
	let html: string;
	try {
		html = renderInvoiceHtml(model, options.title ? { title: options.title } : {});
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Render HTML: ${(error as Error).message}`, { itemIndex });
	}
	const base = ('fileName' in input && input.fileName ? input.fileName : defaultName(model)).replace(/\.xml(\.p7m)?$/i, '').replace(/\.p7m$/i, '');
	const fileName = `${base}.html`;
	const property = (options.outputBinaryPropertyName ?? 'html').trim() || 'html';
	const binary = { [property]: await ctx.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), fileName, 'text/html') };
	return [{ json: { fileName, bytes: Buffer.byteLength(html, 'utf8') }, binary }];
}

function defaultName(model: FatturaElettronica): string {
	const dt = model.FatturaElettronicaHeader?.DatiTrasmissione;
	return dt?.IdTrasmittente ? `${dt.IdTrasmittente.IdPaese}${dt.IdTrasmittente.IdCodice}_${dt.ProgressivoInvio}` : 'fattura';
}
