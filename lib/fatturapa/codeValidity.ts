/**
 * When code-list values became valid or stopped being valid. The XSD keeps superseded values
 * (generic N2/N3/N6) so old invoices still validate, so the dates live here, not in the schema.
 * Dates are the invoice's DatiGeneraliDocumento/Data.
 */
export interface CodeValidity {
	/** first invoice date the code may carry (inclusive, YYYY-MM-DD) */
	validFrom?: string;
	/** last invoice date the code may carry (inclusive, YYYY-MM-DD) */
	validUntil?: string;
	/** why, for messages */
	note: string;
}

const SPEC_121 = 'introdotto con le specifiche 1.6 (schema 1.2.1), facoltativo dal 2020-10-01, obbligatorio dal 2021-01-01';
const GENERIC_NATURA = 'codice generico non più ammesso per fatture datate dal 2021-01-01 (errore SdI 00445)';

const natura: Record<string, CodeValidity> = {
	N2: { validUntil: '2020-12-31', note: GENERIC_NATURA },
	N3: { validUntil: '2020-12-31', note: GENERIC_NATURA },
	N6: { validUntil: '2020-12-31', note: GENERIC_NATURA },
};
for (const code of ['N2.1', 'N2.2', 'N3.1', 'N3.2', 'N3.3', 'N3.4', 'N3.5', 'N3.6', 'N6.1', 'N6.2', 'N6.3', 'N6.4', 'N6.5', 'N6.6', 'N6.7', 'N6.8', 'N6.9'])
	natura[code] = { validFrom: '2020-10-01', note: SPEC_121 };

const tipoDocumento: Record<string, CodeValidity> = {
	TD28: { validFrom: '2022-10-01', note: 'acquisti da San Marino con IVA: specifiche 1.7.1, dal 2022-10-01' },
	TD29: { validFrom: '2025-04-01', note: 'comunicazione per omessa o irregolare fatturazione: specifiche 1.9, dal 2025-04-01' },
};
for (const n of [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]) tipoDocumento[`TD${n}`] = { validFrom: '2020-10-01', note: SPEC_121 };

const regimeFiscale: Record<string, CodeValidity> = {
	RF20: { validFrom: '2025-04-01', note: 'regime transfrontaliero di franchigia IVA: specifiche 1.9, dal 2025-04-01' },
};

export const CODE_VALIDITY = {
	Natura: natura,
	TipoDocumento: tipoDocumento,
	RegimeFiscale: regimeFiscale,
} as const;

export type DatedCodeList = keyof typeof CODE_VALIDITY;

/**
 * Whether `code` of `list` may be used on an invoice dated `date` (YYYY-MM-DD).
 * Codes without a dated entry are valid whenever the XSD accepts them.
 */
export function isCodeValidOn(list: DatedCodeList, code: string, date: string): boolean {
	const v = CODE_VALIDITY[list][code];
	if (!v) return true;
	if (v.validFrom && date < v.validFrom) return false;
	if (v.validUntil && date > v.validUntil) return false;
	return true;
}

/** The validity entry of a code, when it has one. */
export function codeValidity(list: DatedCodeList, code: string): CodeValidity | undefined {
	return CODE_VALIDITY[list][code];
}
