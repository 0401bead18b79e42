/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Invoice records: reading a FatturaPA into one, the two upload routes with Aruba's error codes,
 * received invoices, and the JSON shape the API answers with.
 */
import * as crypto from 'node:crypto';

import { parseFatturaPA } from '../../../lib/fatturapa';
import type { FatturaElettronica } from '../../../lib/fatturapa/model';
import { isP7m, unwrapP7m } from '../../../lib/p7m';
import type { EmulatorResponse } from '../common/server';
import type { ArubaState, InvoiceBody, InvoiceRecord, Party } from './state';
import { hexId, isoRome, json, romeMidnight, tinyPdf } from './util';

export const ARUBA_ID_TRASMITTENTE = 'IT01879020517';

const amount = (s: string | undefined): number => (s === undefined || s === '' ? 0 : Math.round(Number(s) * 100) / 100);

function partyOf(datiAnagrafici: { IdFiscaleIVA?: { IdPaese: string; IdCodice: string }; CodiceFiscale?: string; Anagrafica: { Denominazione?: string; Nome?: string; Cognome?: string } }, nazione?: string): Party {
	const a = datiAnagrafici.Anagrafica;
	return {
		description: a.Denominazione ?? [a.Nome, a.Cognome].filter(Boolean).join(' '),
		countryCode: datiAnagrafici.IdFiscaleIVA?.IdPaese ?? nazione ?? 'IT',
		vatCode: datiAnagrafici.IdFiscaleIVA?.IdCodice ?? '',
		fiscalCode: datiAnagrafici.CodiceFiscale ?? '',
	};
}

export interface ReadInvoice {
	model: FatturaElettronica;
	sender: Party;
	receiver: Party;
	senderIdFiscale: string;
	invoiceType: 'FPR12' | 'FPA12';
	bodies: InvoiceBody[];
	idTrasmittente: string;
	progressivoInvio: string;
	codiceDestinatario: string;
	pecDestinatario?: string;
}

/** Reads the parts of a FatturaPA the API exposes; throws with a reason when it is not one. */
export function readInvoice(xml: Buffer): ReadInvoice {
	const model = parseFatturaPA(xml);
	const header = model?.FatturaElettronicaHeader;
	if (!header?.CedentePrestatore?.DatiAnagrafici || !header.CessionarioCommittente?.DatiAnagrafici || !model.FatturaElettronicaBody?.length) {
		throw new Error('il file non contiene una FatturaElettronica completa (header o body mancanti)');
	}
	const dt = header.DatiTrasmissione;
	const ced = header.CedentePrestatore.DatiAnagrafici;
	const versione = String(model.versione ?? dt?.FormatoTrasmissione ?? '');
	if (versione !== 'FPR12' && versione !== 'FPA12') throw new Error(`formato di trasmissione ${JSON.stringify(versione)} non gestito (FPR12 o FPA12)`);
	const bodies = model.FatturaElettronicaBody.map((body): InvoiceBody => {
		const doc = body.DatiGenerali.DatiGeneraliDocumento;
		const riepilogo = body.DatiBeniServizi?.DatiRiepilogo ?? [];
		const totalVat = amount(String(riepilogo.reduce((s, r) => s + amount(r.Imposta), 0)));
		const imponibile = riepilogo.reduce((s, r) => s + amount(r.ImponibileImporto), 0);
		const totalDocument = (doc as { ImportoTotaleDocumento?: string }).ImportoTotaleDocumento !== undefined ? amount((doc as { ImportoTotaleDocumento?: string }).ImportoTotaleDocumento) : amount(String(imponibile + totalVat));
		const payments = (body.DatiPagamento ?? []).flatMap((p) => p.DettaglioPagamento ?? []);
		const netPayable = payments.length ? amount(String(payments.reduce((s, p) => s + amount(p.ImportoPagamento), 0))) : totalDocument;
		return { invoiceDate: doc.Data, number: doc.Numero, tipoDocumento: doc.TipoDocumento, totalDocument, totalVat, netPayable };
	});
	return {
		model,
		sender: partyOf(ced, header.CedentePrestatore.Sede?.Nazione),
		receiver: partyOf(header.CessionarioCommittente.DatiAnagrafici, header.CessionarioCommittente.Sede?.Nazione),
		senderIdFiscale: `${ced.IdFiscaleIVA?.IdPaese ?? ''}${ced.IdFiscaleIVA?.IdCodice ?? ''}`,
		invoiceType: versione,
		bodies,
		idTrasmittente: `${dt?.IdTrasmittente?.IdPaese ?? ''}${dt?.IdTrasmittente?.IdCodice ?? ''}`,
		progressivoInvio: dt?.ProgressivoInvio ?? '',
		codiceDestinatario: dt?.CodiceDestinatario ?? '',
		pecDestinatario: dt?.PECDestinatario,
	};
}

const uploadError = (status: number, errorCode: string, errorDescription: string): EmulatorResponse => json(status, { errorCode, errorDescription });

export interface UploadBody {
	dataFile?: unknown;
	credential?: string;
	domain?: string;
	senderPIVA?: string;
	skipExtraSchema?: boolean;
}

function decodeBase64(value: unknown): Buffer | undefined {
	if (typeof value !== 'string') return undefined;
	const compact = value.replace(/\s+/g, '');
	if (!compact || compact.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
	const bytes = Buffer.from(compact, 'base64');
	return bytes.length ? bytes : undefined;
}

/** POST /services/invoice/upload and /uploadSigned */
export function upload(state: ArubaState, username: string, body: UploadBody, signedRoute: boolean): EmulatorResponse {
	const bytes = decodeBase64(body?.dataFile);
	if (!bytes) return uploadError(400, '0005', 'Il campo dataFile non contiene un file codificato in base64 valido');
	if (bytes.length > state.options.maxFileBytes) {
		return json(413, { message: `Il file supera la dimensione massima consentita di ${state.options.maxFileBytes} byte`, errorCode: '0099', errorDescription: 'File troppo grande' });
	}
	let xml: Buffer;
	if (signedRoute) {
		if (!isP7m(bytes)) return uploadError(400, '0099', 'File non conforme: uploadSigned richiede un file firmato CAdES (.p7m)');
		try {
			xml = unwrapP7m(bytes).content;
		} catch (error) {
			return uploadError(400, '0099', `File non conforme: la busta p7m non è leggibile (${(error as Error).message})`);
		}
	} else {
		if (isP7m(bytes) && bytes[0] !== 0x3c) return uploadError(400, '0099', 'File non conforme: il file è firmato, usare uploadSigned');
		xml = bytes;
	}
	let read: ReadInvoice;
	try {
		read = readInvoice(xml);
	} catch (error) {
		return uploadError(400, '0099', `File non conforme al formato FatturaPA: ${(error as Error).message}`);
	}
	if (!signedRoute && read.idTrasmittente !== ARUBA_ID_TRASMITTENTE) {
		return uploadError(400, '0099', `File non conforme: IdTrasmittente deve essere ${ARUBA_ID_TRASMITTENTE} (Aruba trasmette come intermediario), trovato ${read.idTrasmittente || 'vuoto'}`);
	}
	const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
	const mine = state.invoices.filter((i) => i.username === username);
	if (mine.some((i) => i.direction === 'out' && i.sha256 === sha256)) return uploadError(400, '0001', 'Nome file già presente nel sistema: lo stesso file è già stato caricato');
	const account = state.account(username)!;
	const active = (state.multicedenti.get(username) ?? []).filter((m) => m.status === 'ACTIVE');
	const cedenteVat = read.sender.vatCode;
	if (body.senderPIVA) {
		const piva = String(body.senderPIVA).replace(/^IT/i, '');
		if (piva !== account.vatCode && !active.some((m) => m.vatCode === piva)) {
			return uploadError(400, '0097', `Errore controlli deleghe: la partita IVA ${body.senderPIVA} non è un multicedente attivo dell'account`);
		}
	} else if (!(read.sender.countryCode === 'IT' && (cedenteVat === account.vatCode || active.some((m) => m.vatCode === cedenteVat)))) {
		return uploadError(400, '0097', `Errore controlli deleghe: il cedente ${read.senderIdFiscale} non è l'account né un suo multicedente attivo`);
	}
	const duplicate = read.bodies.find((b) =>
		mine.some(
			(i) => i.direction === 'out' && i.status !== 'Scartata' && i.senderIdFiscale === read.senderIdFiscale && i.bodies.some((o) => o.tipoDocumento === b.tipoDocumento && o.number === b.number && o.invoiceDate === b.invoiceDate),
		),
	);
	if (duplicate) return uploadError(400, '0002', `Fattura duplicata: esiste già la fattura ${duplicate.tipoDocumento} n. ${duplicate.number} del ${duplicate.invoiceDate} non scartata`);
	const used = mine.reduce((s, i) => s + i.file.length, 0);
	if (used + bytes.length > state.options.quotaBytes) return uploadError(400, '0003', 'Superato limite spazio disponibile');

	const now = state.now();
	const record: InvoiceRecord = {
		id: hexId(),
		filename: `${ARUBA_ID_TRASMITTENTE}_${state.nextProgressivo()}.xml.p7m`,
		direction: 'out',
		username,
		sender: read.sender,
		receiver: read.receiver,
		senderIdFiscale: read.senderIdFiscale,
		invoiceType: read.invoiceType,
		creationDate: now,
		lastUpdate: now,
		idSdi: null,
		file: bytes,
		xml,
		signed: signedRoute,
		sha256,
		bodies: read.bodies,
		status: 'Inviata',
		statusDescription: 'Fattura inviata allo SdI, in attesa di esito',
		codiceDestinatario: read.codiceDestinatario,
		pecDestinatario: read.pecDestinatario,
		notifications: [],
		scripted: state.scriptQueue.shift(),
	};
	state.invoices.push(record);
	state.schedule(now + state.options.sdiDelayMs, record.id, 'take');
	return json(200, { errorCode: '0000', errorDescription: 'Operazione effettuata', uploadFileName: record.filename });
}

/** A received invoice, as SDI delivers it to the account. */
export function addReceived(state: ArubaState, username: string, xml: Buffer, file: Buffer, signed: boolean, receivedAt: number): InvoiceRecord {
	const read = readInvoice(xml);
	const base = `${read.idTrasmittente}_${read.progressivoInvio}`;
	const stem = /^[A-Z]{2}[A-Za-z0-9]{2,28}_[A-Za-z0-9]{1,5}$/.test(base) && !state.invoices.some((i) => i.filename.startsWith(`${base}.`)) ? base : `${read.senderIdFiscale || 'IT00000000000'}_${state.nextProgressivo()}`;
	const record: InvoiceRecord = {
		id: hexId(),
		filename: `${stem}.xml${signed ? '.p7m' : ''}`,
		direction: 'in',
		username,
		sender: read.sender,
		receiver: read.receiver,
		senderIdFiscale: read.senderIdFiscale,
		invoiceType: read.invoiceType,
		creationDate: receivedAt,
		lastUpdate: receivedAt,
		idSdi: state.nextIdSdi(),
		file,
		xml,
		signed,
		sha256: crypto.createHash('sha256').update(file).digest('hex'),
		bodies: read.bodies,
		status: 'Ricevuta',
		statusDescription: 'Fattura ricevuta dallo SdI',
		codiceDestinatario: read.codiceDestinatario,
		pecDestinatario: read.pecDestinatario,
		notifications: [],
		sdiReceivedAt: receivedAt,
	};
	state.invoices.push(record);
	return record;
}

export interface JsonOptions {
	includeFile?: boolean;
	includePdf?: boolean;
	/** v1 getInvoiceWithUnsignedFile: `file` is the unsigned XML */
	unsignedAsFile?: boolean;
	/** v2 includeUnsignedFile: an `unsignedFile` field with the XML */
	includeUnsignedFile?: boolean;
}

export function pdfOf(record: InvoiceRecord): Buffer {
	const b = record.bodies[0];
	return tinyPdf(`Fattura ${b?.number ?? ''} del ${b?.invoiceDate ?? ''} - ${record.sender.description} -> ${record.receiver.description} - ${record.filename}`);
}

export function invoiceJson(record: InvoiceRecord, options: JsonOptions = {}): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: record.id,
		filename: record.filename,
		sender: { ...record.sender },
		receiver: { ...record.receiver },
		invoiceType: record.invoiceType,
		docType: record.direction,
		username: record.username,
		creationDate: isoRome(record.creationDate),
		lastUpdate: isoRome(record.lastUpdate),
		idSdi: record.idSdi,
		pddAvailable: record.direction === 'in' || record.idSdi !== null,
		file: null,
		pdfFile: null,
		invoices: record.bodies.map((b) => ({
			invoiceDate: isoRome(romeMidnight(b.invoiceDate)),
			number: b.number,
			status: record.status,
			statusDescription: record.statusDescription,
			totalDocument: b.totalDocument,
			totalVat: b.totalVat,
			netPayable: b.netPayable,
		})),
	};
	if (options.includeFile) out.file = (options.unsignedAsFile ? record.xml : record.file).toString('base64');
	else if (options.unsignedAsFile) out.file = record.xml.toString('base64');
	if (options.includeUnsignedFile) out.unsignedFile = record.xml.toString('base64');
	if (options.includePdf) out.pdfFile = pdfOf(record).toString('base64');
	return out;
}
