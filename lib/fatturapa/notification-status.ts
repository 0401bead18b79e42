/**
 * What each SdI message means for the invoice it refers to. Kept as data so a trigger can map a
 * notification to a status change and a person can read why (users report statuses stuck at
 * "sent" after a scarto, and EC01 not recognised).
 */

export type NotificationType = 'RC' | 'NS' | 'MC' | 'NE' | 'DT' | 'AT' | 'EC' | 'SE' | 'MT';

/** Open set: new SdI messages must not crash a caller that switches on it. */
export type NotificationStatus =
	| 'delivered'
	| 'rejected'
	| 'not_delivered'
	| 'accepted'
	| 'refused'
	| 'expired'
	| 'transmitted_undeliverable'
	| 'outcome_rejected'
	| 'received'
	| 'unknown';

export interface StatusMeaning {
	status: NotificationStatus;
	/** does the invoice now count as issued (emessa) for tax purposes? undefined when the message does not say */
	invoiceIssued?: boolean;
	description_it: string;
	description_en: string;
}

/** root element local name -> type and family; PA (SdICoop v1.0 messages) and B2B (fattura/messaggi v1.0) */
export const NOTIFICATION_ROOTS: Record<string, { type: NotificationType; family: 'pa' | 'b2b' | 'both' }> = {
	RicevutaConsegna: { type: 'RC', family: 'both' },
	NotificaScarto: { type: 'NS', family: 'pa' },
	RicevutaScarto: { type: 'NS', family: 'b2b' },
	NotificaMancataConsegna: { type: 'MC', family: 'pa' },
	RicevutaImpossibilitaRecapito: { type: 'MC', family: 'b2b' },
	NotificaEsito: { type: 'NE', family: 'pa' },
	NotificaDecorrenzaTermini: { type: 'DT', family: 'pa' },
	AttestazioneTrasmissioneFattura: { type: 'AT', family: 'pa' },
	NotificaEsitoCommittente: { type: 'EC', family: 'pa' },
	ScartoEsitoCommittente: { type: 'SE', family: 'pa' },
	MetadatiInvioFile: { type: 'MT', family: 'pa' },
	FileMetadati: { type: 'MT', family: 'b2b' },
};

export function statusOf(type: NotificationType | 'unknown', family: 'pa' | 'b2b' | 'unknown', esito?: string): StatusMeaning {
	switch (type) {
		case 'RC':
			return {
				status: 'delivered',
				invoiceIssued: true,
				description_it: 'Ricevuta di consegna: la fattura è stata recapitata al destinatario',
				description_en: 'Delivery receipt: the invoice reached the recipient',
			};
		case 'NS':
			return {
				status: 'rejected',
				invoiceIssued: false,
				description_it: 'Notifica di scarto: la fattura NON è emessa; correggerla e reinviarla entro 5 giorni con lo stesso numero e la stessa data',
				description_en: 'Rejected by SdI: the invoice is NOT issued; fix it and resend within 5 days with the same number and date',
			};
		case 'MC':
			return family === 'b2b'
				? {
						status: 'not_delivered',
						invoiceIssued: true,
						description_it: "Impossibilità di recapito: la fattura è emessa e messa a disposizione nell'area riservata del cessionario; comunicarglielo",
						description_en: "Could not be delivered: the invoice is issued and available in the buyer's online area; tell the buyer",
					}
				: {
						status: 'not_delivered',
						description_it: "Mancata consegna alla PA: il SdI ritenta per 10 giorni, poi invia l'attestazione di trasmissione (AT)",
						description_en: 'Not delivered to the public administration: SdI retries for 10 days, then sends an AT',
					};
		case 'NE':
		case 'EC':
			if (esito === 'EC01')
				return { status: 'accepted', invoiceIssued: true, description_it: 'Esito committente EC01: fattura accettata dalla PA', description_en: 'Buyer outcome EC01: accepted by the public administration' };
			if (esito === 'EC02')
				return {
					status: 'refused',
					invoiceIssued: true,
					description_it: 'Esito committente EC02: fattura rifiutata dalla PA; emettere una nota di credito se necessario',
					description_en: 'Buyer outcome EC02: refused by the public administration; issue a credit note if needed',
				};
			return { status: 'unknown', description_it: `Esito committente ${esito ?? 'non indicato'}`, description_en: `Buyer outcome ${esito ?? 'missing'}` };
		case 'DT':
			return {
				status: 'expired',
				invoiceIssued: true,
				description_it: 'Decorrenza termini: la PA non ha risposto entro 15 giorni',
				description_en: 'Deadline passed: the public administration did not answer within 15 days',
			};
		case 'AT':
			return {
				status: 'transmitted_undeliverable',
				invoiceIssued: true,
				description_it: "Attestazione di avvenuta trasmissione con impossibilità di recapito: inviare la fattura alla PA per altra via",
				description_en: 'Certificate of transmission with impossible delivery: send the invoice to the public administration another way',
			};
		case 'SE':
			return {
				status: 'outcome_rejected',
				description_it: "Scarto esito committente: il SdI ha scartato la notifica di esito della PA",
				description_en: "SdI rejected the public administration's outcome message",
			};
		case 'MT':
			return { status: 'received', description_it: 'File dei metadati di una fattura ricevuta', description_en: 'Metadata file of a received invoice' };
		default:
			return { status: 'unknown', description_it: 'Messaggio SdI non riconosciuto', description_en: 'Unrecognised SdI message' };
	}
}
