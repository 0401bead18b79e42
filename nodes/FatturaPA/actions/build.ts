/** Build: friendly input (fields, JSON or the item) -> FatturaPA XML file + JSON, checked by every layer. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildFatturaPA, validateFatturaPA, type FatturaInput } from '../../../lib/fatturapa';
import { formatCents } from '../../../lib/money';
import { findingJson, invalidInvoiceError, ruleOptions, summary, type OnInvalid } from './findings';
import type { ActionResult } from './types';

interface BuildOptions {
	includeModel?: boolean;
	includeXml?: boolean;
	binaryPropertyName?: string;
	receivedOn?: string;
	replaceCharacters?: boolean;
	serverSideWarnings?: boolean;
}

export async function build(ctx: IExecuteFunctions, itemIndex: number): Promise<ActionResult[]> {
	const options = ctx.getNodeParameter('buildOptions', itemIndex, {}) as BuildOptions;
	const onInvalid = ctx.getNodeParameter('onInvalid', itemIndex, 'fail') as OnInvalid;
	const input = invoiceInput(ctx, itemIndex);
	let built: ReturnType<typeof buildFatturaPA>;
	try {
		// the XSD and SdI checks run below, so that "Send to Invalid Output" sees their findings
		built = buildFatturaPA(input, { characters: options.replaceCharacters ? 'replace' : 'report', validate: false });
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Build: ${(error as Error).message}`, {
			itemIndex,
			description: 'Field names are those of the invoice input (righe[0] is the first line); see the README for the whole shape.',
		});
	}
	const validation = validateFatturaPA(built.xml, ruleOptions(ctx, options, itemIndex));
	const status = summary(validation.findings);
	if (!status.valid && onInvalid === 'fail') throw invalidInvoiceError(ctx, validation.findings, itemIndex, `The built invoice ${built.fileName}`);
	const doc = built.model.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento;
	const json: IDataObject = {
		fileName: built.fileName,
		formatoTrasmissione: built.model.versione,
		tipoDocumento: doc.TipoDocumento,
		numero: doc.Numero,
		data: doc.Data,
		totals: {
			imponibile: formatCents(built.totals.imponibileCents),
			imposta: formatCents(built.totals.impostaCents),
			bollo: formatCents(built.totals.bolloCents),
			totale: formatCents(built.totals.totaleCents),
		},
		...status,
		findings: validation.findings.map(findingJson),
		...(options.includeModel === false ? {} : { model: built.model as unknown as IDataObject }),
		...(options.includeXml ? { xml: built.xml } : {}),
	};
	const property = (options.binaryPropertyName ?? 'data').trim() || 'data';
	const binary = { [property]: await ctx.helpers.prepareBinaryData(Buffer.from(built.xml, 'utf8'), built.fileName, 'application/xml') };
	return [{ json, binary, invalid: !status.valid }];
}

function invoiceInput(ctx: IExecuteFunctions, itemIndex: number): FatturaInput {
	const mode = ctx.getNodeParameter('buildInput', itemIndex, 'fields') as string;
	if (mode === 'item') return ctx.getInputData()[itemIndex].json as unknown as FatturaInput;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('invoiceJson', itemIndex, '{}') as unknown;
		if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as FatturaInput;
		let parsed: unknown;
		try {
			parsed = JSON.parse(String(raw));
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Invoice (JSON): expected a JSON object, got text that is not JSON (${(error as Error).message})`, { itemIndex });
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
			throw new NodeOperationError(ctx.getNode(), `Invoice (JSON): expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`, { itemIndex });
		return parsed as FatturaInput;
	}
	return fromFields(ctx, itemIndex);
}

/** n8n gives '' for untouched fields: those become absent, as the friendly input wants. */
function clean(values: IDataObject | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values ?? {})) if (value !== '' && value !== undefined && value !== null) out[key] = typeof value === 'string' ? value.trim() : value;
	return out;
}

function fromFields(ctx: IExecuteFunctions, itemIndex: number): FatturaInput {
	const p = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, itemIndex, fallback) as T;
	const cedente = clean(p<{ details?: IDataObject }>('cedente', {}).details);
	const cessionario = clean(p<{ details?: IDataObject }>('cessionario', {}).details);
	if (!Object.keys(cedente).length) throw new NodeOperationError(ctx.getNode(), 'Cedente / Prestatore: add the seller (name, partita IVA, regime fiscale and address)', { itemIndex });
	if (!Object.keys(cessionario).length) throw new NodeOperationError(ctx.getNode(), 'Cessionario / Committente: add the buyer (name, partita IVA or codice fiscale, address)', { itemIndex });
	const righe = (p<{ riga?: IDataObject[] }>('righe', {}).riga ?? []).map(clean);
	if (!righe.length) throw new NodeOperationError(ctx.getNode(), 'Righe: add at least one invoice line', { itemIndex });
	const pagamenti = (p<{ dettaglio?: IDataObject[] }>('pagamento', {}).dettaglio ?? []).map(clean);
	const extra = clean(p<IDataObject>('additionalFields', {}));
	const input: IDataObject = {
		progressivoInvio: p('progressivoInvio', ''),
		tipoDocumento: p('tipoDocumento', 'TD01'),
		data: String(p('data', '')).trim(),
		numero: String(p('numero', '')).trim(),
		cedente,
		cessionario,
		righe,
	};
	if (pagamenti.length) input.pagamento = pagamenti.map((d, i) => (i === 0 && extra.condizioniPagamento ? { ...d, condizioni: extra.condizioniPagamento } : d));
	for (const key of ['arrotondamento', 'causale', 'codiceDestinatario', 'divisa', 'esigibilitaIVA', 'formatoTrasmissione', 'pecDestinatario']) if (extra[key] !== undefined) input[key] = extra[key];
	if (extra.bollo !== undefined) input.bollo = extra.bollo === 'yes' ? true : extra.bollo === 'no' ? false : 'auto';
	if (extra.trasmittenteIdCodice) input.trasmittente = { idPaese: extra.trasmittenteIdPaese ?? 'IT', idCodice: extra.trasmittenteIdCodice };
	return input as unknown as FatturaInput;
}
