/**
 * Upload results of /services/invoice/upload and /uploadSigned: Aruba answers with an errorCode
 * (0000 = done) that a node turns into a clear error, and tells which ones may be retried.
 */
export interface UploadAnswer {
	errorCode?: string;
	errorDescription?: string;
	uploadFileName?: string;
}

export interface UploadCode {
	code: string;
	message_it: string;
	message_en: string;
	/** what the user should do */
	hint: string;
	retryable: boolean;
}

export const UPLOAD_CODES: Record<string, UploadCode> = {
	'0000': { code: '0000', message_it: 'Operazione effettuata', message_en: 'Uploaded', hint: '', retryable: false },
	'0001': {
		code: '0001',
		message_it: 'Nome file già presente nel sistema',
		message_en: 'This file was already uploaded (same file name)',
		hint: 'The same file was sent before: look it up with "Sent Invoice > Get Many" instead of sending it again.',
		retryable: false,
	},
	'0002': {
		code: '0002',
		message_it: 'Fattura duplicata',
		message_en: 'Duplicate invoice: one with the same seller, type, number and date was already sent',
		hint: 'An invoice with this number and date was already sent and not rejected. Use a new number, or check the earlier one.',
		retryable: false,
	},
	'0003': {
		code: '0003',
		message_it: 'Superato limite spazio disponibile',
		message_en: 'The account has no storage space left',
		hint: 'Buy more space on the Aruba account or archive old invoices.',
		retryable: false,
	},
	'0005': {
		code: '0005',
		message_it: 'Base64 non valido',
		message_en: 'The file was not valid base64',
		hint: 'Pass the invoice as a binary property or as XML text; the node encodes it.',
		retryable: false,
	},
	'0096': {
		code: '0096',
		message_it: 'Servizio temporaneamente non disponibile',
		message_en: 'The service is temporarily unavailable',
		hint: 'Aruba is down for a moment: the node retried; run the workflow again later.',
		retryable: true,
	},
	'0097': {
		code: '0097',
		message_it: 'Errore controlli deleghe',
		message_en: 'Delegation check failed: the account may not send for this seller',
		hint: 'The seller (CedentePrestatore) must be the account itself or one of its ACTIVE multicedenti: check "Sender VAT Number (Multicedente)" and the delegations on Aruba.',
		retryable: false,
	},
};

export function uploadCode(answer: UploadAnswer | undefined): UploadCode | undefined {
	const code = answer?.errorCode;
	if (code === undefined || code === null) return undefined;
	const known = UPLOAD_CODES[String(code)];
	if (known) return known;
	return {
		code: String(code),
		message_it: String(answer?.errorDescription ?? ''),
		message_en: String(answer?.errorDescription ?? 'Aruba refused the file'),
		hint: 'See the description Aruba gave.',
		retryable: false,
	};
}

/** One sentence for a refused upload: code, Aruba's words and what to do. */
export function describeUploadRefusal(answer: UploadAnswer): string {
	const code = uploadCode(answer);
	if (!code) return 'Aruba refused the upload without an error code';
	const own = answer.errorDescription && answer.errorDescription !== code.message_it ? ` (${answer.errorDescription})` : '';
	return `Aruba refused the invoice: ${code.code} ${code.message_it}${own} - ${code.message_en}. ${code.hint}`.trim();
}
