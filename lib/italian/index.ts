/**
 * Italian identifiers with their check digits: partita IVA, codice fiscale (omocodia accepted),
 * codice destinatario, IBAN. Each check says what is wrong, so a node can name the field.
 */
export type Check = { ok: true; value: string } | { ok: false; reason: string };

/** true when the partita IVA (11 digits, "IT" prefix tolerated) has a correct check digit */
export function isValidPartitaIva(input: string): boolean {
	return typeof input === 'string' && checkPartitaIva(input).ok;
}

/** true for a 16-character personal codice fiscale (omocodia accepted) or an 11-digit one with a correct check */
export function isValidCodiceFiscale(input: string): boolean {
	return typeof input === 'string' && checkCodiceFiscale(input).ok;
}

export function isValidCodiceDestinatario(input: string, format: 'FPR12' | 'FPA12' = 'FPR12'): boolean {
	return typeof input === 'string' && checkCodiceDestinatario(input, format).ok;
}

export function isValidIban(input: string): boolean {
	return typeof input === 'string' && checkIban(input).ok;
}

/** Throws a RangeError naming `field` when the check fails; returns the normalised value otherwise. */
export function requireValid(check: Check, field: string): string {
	if (check.ok) return check.value;
	throw new RangeError(`${field}: ${check.reason}`);
}

/** Partita IVA: 11 digits, Luhn-style check digit (the rule SDI applies). An "IT" prefix and spaces are tolerated. */
export function checkPartitaIva(input: string, options: { checkOfficeCode?: boolean } = {}): Check {
	if (typeof input !== 'string') return notText('partita IVA', input);
	const value = input.replace(/[\s.-]/g, '').toUpperCase().replace(/^IT/, '');
	if (!/^\d{11}$/.test(value)) return { ok: false, reason: `partita IVA "${input}" must be 11 digits` };
	if (value === '00000000000') return { ok: false, reason: 'partita IVA cannot be all zeros' };
	let sum = 0;
	for (let i = 0; i < 10; i++) {
		const digit = Number(value[i]);
		if (i % 2 === 0) sum += digit;
		else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
	}
	const expected = (10 - (sum % 10)) % 10;
	if (expected !== Number(value[10])) return { ok: false, reason: `partita IVA "${input}" has a wrong check digit` };
	if (options.checkOfficeCode && !isOfficeCode(value.slice(7, 10)))
		return { ok: false, reason: `partita IVA "${input}" has office code ${value.slice(7, 10)}, which no Ufficio IVA uses (001-100, 120, 121, 888, 999)` };
	return { ok: true, value };
}

/**
 * Digits 8-10 name the provincial office that issued the number. Off by default: SdI checks the
 * tax registry, and widely used test numbers (01234567897) have no real office code.
 */
function isOfficeCode(code: string): boolean {
	const n = Number(code);
	return (n >= 1 && n <= 100) || n === 120 || n === 121 || n === 888 || n === 999;
}

function notText(what: string, input: unknown): Check {
	return { ok: false, reason: `${what} must be text, got ${input === null ? 'null' : typeof input}` };
}

const ODD: Record<string, number> = {
	0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21,
	A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function evenValue(ch: string): number {
	return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
}

/** Letters that replace digits in omocodic codes (positions 7,8,10,11,13,14,15). */
const OMOCODIA = 'LMNPQRSTUV';

/**
 * Codice fiscale of a person (16 characters, omocodia accepted) or of a company (11 digits, same rule
 * as the partita IVA).
 */
export function checkCodiceFiscale(input: string): Check {
	if (typeof input !== 'string') return notText('codice fiscale', input);
	const value = input.replace(/\s/g, '').toUpperCase();
	if (/^\d{11}$/.test(value)) {
		const numeric = checkPartitaIva(value);
		return numeric.ok ? numeric : { ok: false, reason: `codice fiscale "${input}" (numeric) has a wrong check digit` };
	}
	const digitPositions = [6, 7, 9, 10, 12, 13, 14];
	if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(value)) {
		return { ok: false, reason: `codice fiscale "${input}" must be 16 characters (6 letters, birth date and place, check letter) or 11 digits` };
	}
	const normalized = value
		.split('')
		.map((ch, i) => (digitPositions.includes(i) && OMOCODIA.includes(ch) ? String(OMOCODIA.indexOf(ch)) : ch))
		.join('');
	const day = Number(normalized.slice(9, 11));
	if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return { ok: false, reason: `codice fiscale "${input}" has an impossible birth day` };
	let sum = 0;
	for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? ODD[value[i]] : evenValue(value[i]);
	const expected = String.fromCharCode(65 + (sum % 26));
	return expected === value[15] ? { ok: true, value } : { ok: false, reason: `codice fiscale "${input}" has a wrong check character` };
}

/** Codice destinatario: 7 characters for B2B/B2C (FPR12), 6 for public administration (FPA12). */
export function checkCodiceDestinatario(input: string, format: 'FPR12' | 'FPA12' = 'FPR12'): Check {
	if (typeof input !== 'string') return notText('codice destinatario', input);
	const value = input.trim().toUpperCase();
	const length = format === 'FPA12' ? 6 : 7;
	if (!new RegExp(`^[A-Z0-9]{${length}}$`).test(value)) return { ok: false, reason: `codice destinatario "${input}" must be ${length} letters or digits for ${format}` };
	return { ok: true, value };
}

/** IBAN: country-specific length for Italy (27), mod-97 check for every country. */
export function checkIban(input: string): Check {
	if (typeof input !== 'string') return notText('IBAN', input);
	const value = input.replace(/\s/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return { ok: false, reason: `IBAN "${input}" is not in IBAN form` };
	if (value.startsWith('IT') && value.length !== 27) return { ok: false, reason: `Italian IBAN "${input}" must be 27 characters` };
	const expectedLength = IBAN_LENGTHS[value.slice(0, 2)];
	if (expectedLength && value.length !== expectedLength)
		return { ok: false, reason: `IBAN "${input}" must be ${expectedLength} characters for country ${value.slice(0, 2)}` };
	const rearranged = value.slice(4) + value.slice(0, 4);
	let remainder = 0;
	for (const ch of rearranged) {
		const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
		for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
	}
	return remainder === 1 ? { ok: true, value } : { ok: false, reason: `IBAN "${input}" has wrong check digits` };
}

/** IBAN lengths of the countries Italian invoices most often name (ISO 13616 registry). */
const IBAN_LENGTHS: Record<string, number> = {
	IT: 27, SM: 27, VA: 22, DE: 22, FR: 27, ES: 24, AT: 20, BE: 16, CH: 21, NL: 18, PT: 25, GB: 22, IE: 22, LU: 20, MC: 27, SI: 19, HR: 21, GR: 27, PL: 28, RO: 24,
};

export type CodiceDestinatarioKind = 'pec-or-online-area' | 'foreign-buyer' | 'pa-office' | 'channel';

/**
 * What a valid codice destinatario means for delivery: 0000000 = PEC address or, without one, the
 * buyer's online area; XXXXXXX = foreign buyer; 6 characters = a public administration office
 * (IPA code); otherwise the accredited channel of the buyer's provider.
 */
export function codiceDestinatarioKind(value: string): CodiceDestinatarioKind {
	const v = value.trim().toUpperCase();
	if (v === '0000000') return 'pec-or-online-area';
	if (v === 'XXXXXXX') return 'foreign-buyer';
	if (v.length === 6) return 'pa-office';
	return 'channel';
}
