/**
 * SdI notifications (receipts) of both families, read leniently: real messages violate their own
 * XSD (2018 receipts lack the required Hash), use any prefix, and arrive XAdES-signed inside the
 * XML or CAdES-signed as .p7m. So the root element's local name decides the type, every field is
 * optional, and nothing is XSD-gated.
 */
import { readPossiblySignedXml } from '../p7m';
import { parseXml, type XmlElement } from '../xml';
import { NOTIFICATION_ROOTS, statusOf, type NotificationStatus, type NotificationType } from './notification-status';

export type { NotificationStatus, NotificationType, StatusMeaning } from './notification-status';
export { statusOf, NOTIFICATION_ROOTS } from './notification-status';

export const PA_MESSAGES_NAMESPACE = 'http://www.fatturapa.gov.it/sdi/messaggi/v1.0';
export const B2B_MESSAGES_NAMESPACE = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0';

export interface SdiError {
	codice: string;
	descrizione?: string;
	suggerimento?: string;
}

export interface SdiNotification {
	type: NotificationType | 'unknown';
	/** 'pa' (SdICoop messages), 'b2b' (FatturaPA receipts), judged by namespace, else by root name */
	family: 'pa' | 'b2b' | 'unknown';
	rootElement: string;
	namespace: string;
	status: NotificationStatus;
	/** does the invoice count as issued after this message? undefined when it does not say */
	invoiceIssued?: boolean;
	description_it: string;
	description_en: string;
	identificativoSdI?: string;
	/** the invoice file this message is about (NomeFile) */
	nomeFile?: string;
	hash?: string;
	dataOraRicezione?: string;
	dataOraConsegna?: string;
	dataMessaADisposizione?: string;
	/** EC01/EC02 (NE, EC) or EN00/EN01 (SE) */
	esito?: string;
	errors: SdiError[];
	messageId?: string;
	messageIdCommittente?: string;
	pecMessageId?: string;
	descrizione?: string;
	note?: string;
	destinatario?: { codice?: string; descrizione?: string };
	riferimentoFattura?: { numeroFattura?: string; annoFattura?: string; posizioneFattura?: string };
	riferimentoArchivio?: { identificativoSdI?: string; nomeFile?: string };
	/** MT only */
	codiceDestinatario?: string;
	formato?: string;
	tentativiInvio?: string;
	/** how the message was signed: XAdES inside the XML, CAdES as .p7m, or not at all (signatures are not verified here) */
	signature: 'xades' | 'p7m' | 'none';
	/** from the notification's file name, when given */
	fileName?: NotificationFileName;
}

export class NotificationFormatError extends Error {
	constructor(message: string) {
		super(`SdI notification: ${message}`);
		this.name = 'NotificationFormatError';
	}
}

export interface ParseNotificationOptions {
	/** the notification's file name (IT01234567897_00001_RC_001.xml), to cross-check and report */
	fileName?: string;
	/** refuse larger inputs; default 5 MB for XML (p7m wrapping allowed on top) */
	maxBytes?: number;
}

/** Parses an SdI notification: XML text or bytes, or a signed .p7m of it. */
export function parseNotification(input: string | Buffer | Uint8Array, options: ParseNotificationOptions = {}): SdiNotification {
	if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
		throw new NotificationFormatError(`expected the message as XML text or bytes, got ${input === null ? 'null' : typeof input}`);
	}
	// XML given as text stays text: its declared encoding no longer applies to a JS string
	const plainText = typeof input === 'string' && /^\s*</.test(input.replace(/^\uFEFF/, ''));
	const { xml, signed } = plainText ? { xml: input, signed: false } : readSignedOrPlain(input);
	const doc = parseXml(xml, { maxBytes: options.maxBytes });
	const root = doc.root;
	const known = NOTIFICATION_ROOTS[root.local];
	const family = familyOf(root, known?.family);
	const type = known?.type ?? 'unknown';
	const esito = text(root, 'Esito') ?? text(child(root, 'EsitoCommittente'), 'Esito') ?? text(root, 'Scarto');
	const meaning = statusOf(type, family, esito);
	const n: SdiNotification = {
		type,
		family,
		rootElement: root.local,
		namespace: root.namespace,
		status: meaning.status,
		...(meaning.invoiceIssued === undefined ? {} : { invoiceIssued: meaning.invoiceIssued }),
		description_it: meaning.description_it,
		description_en: meaning.description_en,
		errors: children(child(root, 'ListaErrori'), 'Errore').map((e) => ({
			codice: text(e, 'Codice') ?? '',
			...optional('descrizione', text(e, 'Descrizione')),
			...optional('suggerimento', text(e, 'Suggerimento')),
		})),
		signature: signed ? 'p7m' : root.children.some((c) => c.local === 'Signature') ? 'xades' : 'none',
	};
	const ec = child(root, 'EsitoCommittente');
	assign(n, {
		identificativoSdI: text(root, 'IdentificativoSdI') ?? text(ec, 'IdentificativoSdI'),
		nomeFile: text(root, 'NomeFile'),
		hash: text(root, 'Hash') ?? text(root, 'HashFileOriginale'),
		dataOraRicezione: text(root, 'DataOraRicezione'),
		dataOraConsegna: text(root, 'DataOraConsegna'),
		dataMessaADisposizione: text(root, 'DataMessaADisposizione'),
		esito,
		messageId: text(root, 'MessageId'),
		messageIdCommittente: text(root, 'MessageIdCommittente') ?? text(ec, 'MessageIdCommittente'),
		pecMessageId: text(root, 'PecMessageId'),
		descrizione: text(root, 'Descrizione') ?? text(ec, 'Descrizione'),
		note: text(root, 'Note'),
		codiceDestinatario: text(root, 'CodiceDestinatario'),
		formato: text(root, 'Formato'),
		tentativiInvio: text(root, 'TentativiInvio'),
	});
	const dest = child(root, 'Destinatario');
	if (dest) n.destinatario = compact({ codice: text(dest, 'Codice'), descrizione: text(dest, 'Descrizione') });
	const rif = child(root, 'RiferimentoFattura') ?? child(ec, 'RiferimentoFattura');
	if (rif) n.riferimentoFattura = compact({ numeroFattura: text(rif, 'NumeroFattura'), annoFattura: text(rif, 'AnnoFattura'), posizioneFattura: text(rif, 'PosizioneFattura') });
	const arch = child(root, 'RiferimentoArchivio');
	if (arch) n.riferimentoArchivio = compact({ identificativoSdI: text(arch, 'IdentificativoSdI'), nomeFile: text(arch, 'NomeFile') });
	if (options.fileName !== undefined) {
		n.fileName = parseNotificationFileName(options.fileName);
		if (n.type !== 'unknown' && n.fileName.type !== n.type) {
			throw new NotificationFormatError(`file name ${options.fileName} says ${n.fileName.type} but the content is ${n.type} (<${root.local}>)`);
		}
	}
	return n;
}

function readSignedOrPlain(input: string | Uint8Array): { xml: string | Buffer; signed: boolean } {
	let failure: Error;
	try {
		return readPossiblySignedXml(input);
	} catch (e) {
		failure = e as Error;
	}
	throw new NotificationFormatError(`neither XML nor a readable signed .p7m (${failure.message})`);
}

function familyOf(root: XmlElement, byName: 'pa' | 'b2b' | 'both' | undefined): SdiNotification['family'] {
	if (root.namespace === PA_MESSAGES_NAMESPACE) return 'pa';
	if (root.namespace.startsWith('http://ivaservizi.agenziaentrate.gov.it/')) return 'b2b';
	return byName === 'pa' || byName === 'b2b' ? byName : 'unknown';
}

function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
	return el?.children.find((c) => c.local === local);
}

function children(el: XmlElement | undefined, local: string): XmlElement[] {
	return el ? el.children.filter((c) => c.local === local) : [];
}

function text(el: XmlElement | undefined, local: string): string | undefined {
	const c = child(el, local);
	const t = c?.text.trim();
	return t ? t : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
	return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function compact<T extends Record<string, string | undefined>>(o: T): T {
	for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
	return o;
}

function assign(n: SdiNotification, fields: Partial<Record<keyof SdiNotification, string | undefined>>): void {
	for (const [k, v] of Object.entries(fields)) if (v !== undefined) (n as unknown as Record<string, unknown>)[k] = v;
}

export interface NotificationFileName {
	/** the invoice file name without extension: IT01234567897_00001 */
	invoiceStem: string;
	type: NotificationType;
	/** the message's sequence number: '001' */
	progressivo: string;
	/** '.xml' or '.xml.p7m' */
	extension: string;
}

const NOTIFICATION_NAME = /^(?:.*[\\/])?([A-Z]{2}[A-Za-z0-9]{2,28}_[A-Za-z0-9]{1,5})_(RC|NS|MC|NE|DT|AT|EC|SE|MT)_(\d{3})(\.xml(?:\.p7m)?)$/i;

/** Reads IT01234567897_00001_RC_001.xml (SdI's naming of notifications). */
export function parseNotificationFileName(name: string): NotificationFileName {
	const m = NOTIFICATION_NAME.exec(name?.trim?.() ?? '');
	if (!m) {
		throw new NotificationFormatError(
			`file name ${JSON.stringify(name)} is not a notification name: expected <invoice name>_<RC|NS|MC|NE|DT|AT|EC|SE|MT>_<3 digits>.xml, e.g. IT01234567897_00001_RC_001.xml`,
		);
	}
	return { invoiceStem: m[1], type: m[2].toUpperCase() as NotificationType, progressivo: m[3], extension: m[4].toLowerCase() };
}

/** The notification name for an invoice file name: ('IT01234567897_00001.xml.p7m', 'RC', 1) -> IT01234567897_00001_RC_001.xml */
export function notificationFileName(invoiceFileName: string, type: NotificationType, progressivo: number): string {
	const stem = /^([A-Z]{2}[A-Za-z0-9]{2,28}_[A-Za-z0-9]{1,5})(\.xml(\.p7m)?|\.zip)?$/i.exec(invoiceFileName?.trim?.() ?? '');
	if (!stem) throw new NotificationFormatError(`invoice file name ${JSON.stringify(invoiceFileName)} is not an SdI file name (e.g. IT01234567897_00001.xml)`);
	if (!Number.isInteger(progressivo) || progressivo < 1 || progressivo > 999) throw new NotificationFormatError(`progressivo must be an integer from 1 to 999, got ${progressivo}`);
	if (!(type in TYPE_SET)) throw new NotificationFormatError(`type must be one of ${Object.keys(TYPE_SET).join(', ')}, got ${JSON.stringify(type)}`);
	return `${stem[1]}_${type}_${String(progressivo).padStart(3, '0')}.xml`;
}

const TYPE_SET: Record<NotificationType, true> = { RC: true, NS: true, MC: true, NE: true, DT: true, AT: true, EC: true, SE: true, MT: true };
