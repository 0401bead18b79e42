/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * SDI messages in their two families: FPR12 receipts (fattura/messaggi v1.0: RicevutaConsegna,
 * RicevutaScarto, RicevutaImpossibilitaRecapito) and FPA12 SdICoop messages (sdi/messaggi v1.0:
 * RicevutaConsegna, NotificaScarto, NotificaMancataConsegna, NotificaEsito,
 * NotificaDecorrenzaTermini, AttestazioneTrasmissioneFattura). Unsigned: the emulator is no CA.
 */
import type { NotificationType } from './state';

export const B2B_NS = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0';
export const PA_NS = 'http://www.fatturapa.gov.it/sdi/messaggi/v1.0';

export interface MessageInput {
	type: NotificationType;
	family: 'b2b' | 'pa';
	identificativoSdI: string;
	nomeFile: string;
	hash: string;
	dataOraRicezione: string;
	/** RC: delivery; NS/MC/DT/AT: when the message was made */
	dataOra: string;
	messageId: string;
	destinatario?: { codice: string; descrizione?: string };
	errors?: Array<{ codice: string; descrizione: string; suggerimento?: string }>;
	esito?: 'EC01' | 'EC02';
	riferimentoFattura?: { numeroFattura: string; annoFattura: string };
	descrizione?: string;
	note?: string;
}

export function escapeXml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const el = (name: string, value: string | undefined): string => (value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`);

const ROOTS: Record<'b2b' | 'pa', Partial<Record<NotificationType, string>>> = {
	b2b: { RC: 'RicevutaConsegna', NS: 'RicevutaScarto', MC: 'RicevutaImpossibilitaRecapito' },
	pa: { RC: 'RicevutaConsegna', NS: 'NotificaScarto', MC: 'NotificaMancataConsegna', NE: 'NotificaEsito', DT: 'NotificaDecorrenzaTermini', AT: 'AttestazioneTrasmissioneFattura' },
};

export function rootElementOf(type: NotificationType, family: 'b2b' | 'pa'): string {
	const root = ROOTS[family][type];
	if (!root) throw new Error(`no ${family} SDI message for ${type}`);
	return root;
}

export function notificationXml(m: MessageInput): string {
	const root = rootElementOf(m.type, m.family);
	const prefix = m.family === 'b2b' ? 'ns3' : 'types';
	const ns = m.family === 'b2b' ? B2B_NS : PA_NS;
	const hash = m.family === 'b2b' ? el('Hash', m.hash) : '';
	const dest = m.destinatario ? `<Destinatario>${el('Codice', m.destinatario.codice)}${el('Descrizione', m.destinatario.descrizione)}</Destinatario>` : '';
	let inner: string;
	switch (m.type) {
		case 'RC':
			inner = `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}${hash}${el('DataOraRicezione', m.dataOraRicezione)}${el('DataOraConsegna', m.dataOra)}${dest || '<Destinatario/>'}${el('MessageId', m.messageId)}${el('Note', m.note)}`;
			break;
		case 'NS':
			inner = `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}${hash}${el('DataOraRicezione', m.dataOraRicezione)}<ListaErrori>${(m.errors ?? [])
				.map((e) => `<Errore>${el('Codice', e.codice)}${el('Descrizione', e.descrizione)}${el('Suggerimento', e.suggerimento)}</Errore>`)
				.join('')}</ListaErrori>${el('MessageId', m.messageId)}${el('Note', m.note)}`;
			break;
		case 'MC':
			inner =
				m.family === 'b2b'
					? `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}${hash}${el('DataOraRicezione', m.dataOraRicezione)}${el('DataMessaADisposizione', m.dataOra.slice(0, 10))}${el('Descrizione', m.descrizione)}${el('MessageId', m.messageId)}${el('Note', m.note)}`
					: `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}${el('DataOraRicezione', m.dataOraRicezione)}${el('Descrizione', m.descrizione)}${el('MessageId', m.messageId)}${el('Note', m.note)}`;
			break;
		case 'NE':
			inner = `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}<EsitoCommittente versione="1.0">${el('IdentificativoSdI', m.identificativoSdI)}${
				m.riferimentoFattura ? `<RiferimentoFattura>${el('NumeroFattura', m.riferimentoFattura.numeroFattura)}${el('AnnoFattura', m.riferimentoFattura.annoFattura)}</RiferimentoFattura>` : ''
			}${el('Esito', m.esito)}${el('Descrizione', m.descrizione)}${el('MessageIdCommittente', m.messageId)}</EsitoCommittente>${el('MessageId', m.messageId)}${el('Note', m.note)}`;
			break;
		case 'DT':
			inner = `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}${el('Descrizione', m.descrizione)}${el('MessageId', m.messageId)}${el('Note', m.note)}`;
			break;
		case 'AT':
			inner = `${el('IdentificativoSdI', m.identificativoSdI)}${el('NomeFile', m.nomeFile)}${el('DataOraRicezione', m.dataOraRicezione)}${dest}${el('MessageId', m.messageId)}${el('Note', m.note)}${el('HashFileOriginale', m.hash)}`;
			break;
	}
	return `<?xml version="1.0" encoding="UTF-8"?>\n<${prefix}:${root} xmlns:${prefix}="${ns}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" versione="1.0">${inner}</${prefix}:${root}>\n`;
}
