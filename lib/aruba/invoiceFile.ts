/**
 * Getting an invoice file ready for Aruba's upload: plain XML goes to /upload (Aruba signs it and
 * transmits it as intermediary, so IdTrasmittente must be Aruba's), a signed .p7m goes untouched
 * to /uploadSigned. Both are checked with lib/fatturapa first (the SdI checks we can make here),
 * so an invoice SdI would reject never leaves; the file's identity (seller, type, number, date)
 * is returned to link notifications and re-sends to it.
 */
import { parseFatturaPA, serializeFatturaPA, validateFatturaPA, type FatturaElettronica, type FatturaFinding } from '../fatturapa';
import { readPossiblySignedXml } from '../p7m';
import { ARUBA_ID_TRASMITTENTE, ARUBA_MAX_FILE_BYTES } from './environment';

export interface InvoiceIdentity {
	formato?: string;
	/** IT01234567890 */
	cedente: string;
	cedenteDenominazione?: string;
	cessionario?: string;
	documents: Array<{ tipoDocumento: string; numero: string; data: string; importoTotale?: string }>;
}

export interface PreparedUpload {
	route: '/services/invoice/upload' | '/services/invoice/uploadSigned';
	signed: boolean;
	/** base64 of the bytes to send */
	dataFile: string;
	bytes: number;
	identity?: InvoiceIdentity;
	/** findings of severity warning (and errors when validation was off) */
	findings: FatturaFinding[];
	/** IdTrasmittente was rewritten to Aruba's */
	trasmittenteSet: boolean;
}

export class InvoiceRefusedError extends Error {
	constructor(
		message: string,
		readonly findings: FatturaFinding[] = [],
		readonly field?: string,
	) {
		super(message);
		this.name = 'InvoiceRefusedError';
	}
}

export interface PrepareOptions {
	validate?: boolean;
	setArubaTrasmittente?: boolean;
	/** the day SdI receives the file, YYYY-MM-DD (rule 00403); default today in Europe/Rome */
	receivedOn?: string;
}

export function identityOf(model: FatturaElettronica): InvoiceIdentity {
	const header = model.FatturaElettronicaHeader;
	const cedente = header?.CedentePrestatore?.DatiAnagrafici;
	const id = cedente?.IdFiscaleIVA;
	const anagrafica = cedente?.Anagrafica as { Denominazione?: string; Nome?: string; Cognome?: string } | undefined;
	const buyer = header?.CessionarioCommittente?.DatiAnagrafici as { IdFiscaleIVA?: { IdPaese: string; IdCodice: string }; CodiceFiscale?: string } | undefined;
	return {
		formato: model.versione,
		cedente: id ? `${id.IdPaese}${id.IdCodice}` : '',
		cedenteDenominazione: anagrafica?.Denominazione ?? ([anagrafica?.Nome, anagrafica?.Cognome].filter(Boolean).join(' ') || undefined),
		cessionario: buyer?.IdFiscaleIVA ? `${buyer.IdFiscaleIVA.IdPaese}${buyer.IdFiscaleIVA.IdCodice}` : buyer?.CodiceFiscale,
		documents: (model.FatturaElettronicaBody ?? []).map((body) => {
			const doc = body.DatiGenerali.DatiGeneraliDocumento;
			return { tipoDocumento: doc.TipoDocumento, numero: doc.Numero, data: doc.Data, importoTotale: doc.ImportoTotaleDocumento };
		}),
	};
}

function describeFindings(findings: FatturaFinding[]): string {
	const shown = findings.slice(0, 10).map((f) => `${f.code} ${f.path}: ${f.message_en}`);
	return shown.join('; ') + (findings.length > 10 ? `; and ${findings.length - 10} more` : '');
}

export function prepareUpload(file: Buffer, options: PrepareOptions = {}): PreparedUpload {
	if (!file.length) throw new InvoiceRefusedError('The invoice file is empty: expected FatturaPA XML or a signed .p7m', [], 'file');
	let read: ReturnType<typeof readPossiblySignedXml> | undefined;
	let unreadable = '';
	try {
		read = readPossiblySignedXml(file);
	} catch (error) {
		unreadable = (error as Error).message;
	}
	if (!read) throw new InvoiceRefusedError(`The invoice file is neither FatturaPA XML nor a readable signed .p7m: ${unreadable}`, [], 'file');
	const validation = validateFatturaPA(read.signed ? read.xml : file, options.receivedOn ? { receivedOn: options.receivedOn } : {});
	const errors = validation.findings.filter((f) => f.severity === 'error');
	if (options.validate !== false && errors.length) {
		throw new InvoiceRefusedError(`The invoice would be rejected by SdI (${errors.length} error${errors.length > 1 ? 's' : ''}): ${describeFindings(errors)}`, errors);
	}
	let model: FatturaElettronica | undefined;
	if (validation.model && (validation.model as { versione?: string }).versione !== 'FSM10') model = validation.model as FatturaElettronica;
	else if (!validation.model) {
		try {
			model = parseFatturaPA(read.xml);
		} catch {
			model = undefined;
		}
	}
	const findings = options.validate !== false ? validation.findings.filter((f) => f.severity !== 'error') : validation.findings;
	let bytes: Buffer = file;
	let trasmittenteSet = false;
	if (!read.signed && model && options.setArubaTrasmittente !== false) {
		const id = model.FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente;
		if (id.IdPaese !== ARUBA_ID_TRASMITTENTE.IdPaese || id.IdCodice !== ARUBA_ID_TRASMITTENTE.IdCodice) {
			model.FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente = { ...ARUBA_ID_TRASMITTENTE };
			bytes = Buffer.from(serializeFatturaPA(model), 'utf8');
			trasmittenteSet = true;
		}
	}
	if (bytes.length > ARUBA_MAX_FILE_BYTES) {
		throw new InvoiceRefusedError(`The invoice file is ${bytes.length} bytes: Aruba accepts at most ${ARUBA_MAX_FILE_BYTES} (5 MB). Move large attachments (Allegati) out of the invoice.`, [], 'file');
	}
	return {
		route: read.signed ? '/services/invoice/uploadSigned' : '/services/invoice/upload',
		signed: read.signed,
		dataFile: bytes.toString('base64'),
		bytes: bytes.length,
		identity: model ? identityOf(model) : undefined,
		findings,
		trasmittenteSet,
	};
}
