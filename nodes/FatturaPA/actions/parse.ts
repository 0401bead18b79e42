/** Parse: XML or signed .p7m -> one item per FatturaElettronicaBody, header merged in, Allegati as binary. */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseFatturaPA, parseFatturaSemplificata, validateFatturaPA, type FatturaFinding } from '../../../lib/fatturapa';
import { readPossiblySignedXml, type UnwrappedP7m } from '../../../lib/p7m';
import { parseXml, type XmlDocument } from '../../../lib/xml';
import { findingJson, invalidInvoiceError, ruleOptions, summary, type OnInvalid } from './findings';
import { readXmlInput } from './input';
import type { ActionResult } from './types';

interface ParseOptions {
	attachmentsAsBinary?: boolean;
	receivedOn?: string;
	verifySignature?: boolean;
}

interface Allegato {
	NomeAttachment?: string;
	FormatoAttachment?: string;
	Attachment?: string;
	[key: string]: unknown;
}

const MIME_TYPES: Record<string, string> = {
	PDF: 'application/pdf',
	XML: 'application/xml',
	TXT: 'text/plain',
	HTML: 'text/html',
	HTM: 'text/html',
	CSV: 'text/csv',
	JPG: 'image/jpeg',
	JPEG: 'image/jpeg',
	PNG: 'image/png',
	TIF: 'image/tiff',
	TIFF: 'image/tiff',
	ZIP: 'application/zip',
	P7M: 'application/pkcs7-mime',
};

export async function parse(ctx: IExecuteFunctions, itemIndex: number): Promise<ActionResult[]> {
	const options = ctx.getNodeParameter('parseOptions', itemIndex, {}) as ParseOptions;
	const onInvalid = ctx.getNodeParameter('onInvalid', itemIndex, 'ignore') as OnInvalid;
	const input = await readXmlInput(ctx, itemIndex);
	const field = typeof input.data === 'string' ? 'XML' : 'Input Binary Field';
	let read: { xml: Buffer; signed: boolean; p7m?: UnwrappedP7m } | undefined;
	let doc: XmlDocument | undefined;
	let failure: Error | undefined;
	try {
		read = readPossiblySignedXml(input.data, { verify: options.verifySignature === true });
		doc = parseXml(read.xml);
	} catch (error) {
		failure = error as Error;
	}
	if (!read || !doc) throw new NodeOperationError(ctx.getNode(), `${field}: expected a FatturaPA as XML or signed .p7m; ${failure?.message}`, { itemIndex });
	const verification = read.p7m?.verification;
	if (verification && verification.status === 'invalid') {
		const reasons = verification.signers.map((s) => s.reason ?? s.status).join('; ');
		throw new NodeOperationError(ctx.getNode(), `Verify Signature: the .p7m signature of ${input.fileName ?? 'the file'} is not valid (${reasons})`, { itemIndex });
	}
	const semplificata = doc.root.local === 'FatturaElettronicaSemplificata';
	if (!semplificata && doc.root.local !== 'FatturaElettronica') {
		throw new NodeOperationError(ctx.getNode(), `${field}: the root element is <${doc.root.name}>; expected <FatturaElettronica> or <FatturaElettronicaSemplificata>`, {
			itemIndex,
			description: /^(RicevutaConsegna|NotificaScarto|NotificaMancataConsegna|NotificaEsito|NotificaDecorrenzaTermini|AttestazioneTrasmissioneFattura|NotificaEsitoCommittente|ScartoEsitoCommittente|MetadatiInvioFile|RicevutaScarto|RicevutaImpossibilitaRecapito)$/.test(doc.root.local)
				? 'This is an SdI notification: use the Parse Notification operation.'
				: undefined,
		});
	}
	const model = (semplificata ? parseFatturaSemplificata(doc) : parseFatturaPA(doc)) as unknown as { versione: string; FatturaElettronicaHeader: IDataObject; FatturaElettronicaBody: IDataObject[] };
	let findings: FatturaFinding[] | undefined;
	if (onInvalid !== 'ignore') findings = validateFatturaPA(read.xml, ruleOptions(ctx, options, itemIndex)).findings;

	const header = model.FatturaElettronicaHeader;
	const dt = header.DatiTrasmissione as { IdTrasmittente?: { IdPaese?: string; IdCodice?: string }; ProgressivoInvio?: string } | undefined;
	const fileName = input.fileName ?? (dt?.IdTrasmittente ? `${dt.IdTrasmittente.IdPaese}${dt.IdTrasmittente.IdCodice}_${dt.ProgressivoInvio}.xml` : undefined);
	const bodies = model.FatturaElettronicaBody;
	const results: ActionResult[] = [];
	for (const [index, body] of bodies.entries()) {
		const meta: IDataObject = {
			...(fileName ? { fileName } : {}),
			formato: model.versione,
			semplificata,
			signed: read.signed,
			...(read.p7m ? { signers: read.p7m.signers as unknown as IDataObject[] } : {}),
			...(verification ? { signature: { status: verification.status, trustChecked: verification.trustChecked } } : {}),
			bodyIndex: index + 1,
			bodyCount: bodies.length,
		};
		let invalid = false;
		if (findings) {
			// header findings belong to every body; body findings to their own
			const own = findings.filter((f) => !/FatturaElettronicaBody\[\d+\]/.test(f.path) || f.path.includes(`FatturaElettronicaBody[${index + 1}]`));
			const status = summary(own);
			if (!status.valid && onInvalid === 'fail') throw invalidInvoiceError(ctx, own, itemIndex, `Invoice body ${index + 1} of ${fileName ?? 'the file'}`);
			invalid = !status.valid;
			Object.assign(meta, status, { findings: own.map(findingJson) });
		}
		const { json: bodyJson, binary } = options.attachmentsAsBinary === false ? { json: body, binary: undefined } : await attachments(ctx, body, index);
		results.push({ json: { ...meta, versione: model.versione, FatturaElettronicaHeader: header, FatturaElettronicaBody: bodyJson }, ...(binary ? { binary } : {}), invalid });
	}
	return results;
}

async function attachments(ctx: IExecuteFunctions, body: IDataObject, bodyIndex: number): Promise<{ json: IDataObject; binary?: IBinaryKeyData }> {
	const allegati = (body.Allegati as Allegato[] | undefined) ?? [];
	if (!allegati.length) return { json: body };
	const binary: IBinaryKeyData = {};
	const listed: IDataObject[] = [];
	for (const [i, allegato] of allegati.entries()) {
		const property = `attachment_${i + 1}`;
		const bytes = Buffer.from(String(allegato.Attachment ?? '').replace(/\s+/g, ''), 'base64');
		const name = allegato.NomeAttachment || `allegato-${bodyIndex + 1}-${i + 1}${allegato.FormatoAttachment ? `.${allegato.FormatoAttachment.toLowerCase()}` : ''}`;
		const mime = MIME_TYPES[(allegato.FormatoAttachment ?? name.split('.').pop() ?? '').trim().toUpperCase()];
		binary[property] = await ctx.helpers.prepareBinaryData(bytes, name, mime);
		const described: IDataObject = { ...(allegato as IDataObject), binaryProperty: property, size: bytes.length };
		delete described.Attachment;
		listed.push(described);
	}
	return { json: { ...body, Allegati: listed }, binary };
}
