/**
 * Aruba's invoice status words and SdI notification types mapped to one status vocabulary
 * (lib/fatturapa/notification-status), so a flow can switch on "delivered" or "rejected"
 * whichever it read.
 */
import { statusOf, type NotificationStatus, type NotificationType } from '../fatturapa/notification-status';

export type InvoiceStatus = NotificationStatus | 'sent' | 'processing_error';

const BY_ARUBA_STATUS: Record<string, InvoiceStatus> = {
	inviata: 'sent',
	consegnata: 'delivered',
	'non consegnata': 'not_delivered',
	scartata: 'rejected',
	accettata: 'accepted',
	rifiutata: 'refused',
	'decorrenza termini': 'expired',
	'errore elaborazione': 'processing_error',
	ricevuta: 'received',
	'impossibilità di recapito': 'not_delivered',
};

export function statusOfArubaInvoice(arubaStatus: unknown): InvoiceStatus {
	if (typeof arubaStatus !== 'string') return 'unknown';
	return BY_ARUBA_STATUS[arubaStatus.trim().toLowerCase()] ?? 'unknown';
}

/** The status an SdI notification gives a sent invoice (NE: EC01 accepted, EC02 refused). */
export function statusOfNotification(type: string, esito?: string | null, invoiceType?: string): InvoiceStatus {
	const family = invoiceType === 'FPA12' || type === 'NE' || type === 'DT' || type === 'AT' ? 'pa' : 'b2b';
	return statusOf(type as NotificationType, family, esito ?? undefined).status;
}
