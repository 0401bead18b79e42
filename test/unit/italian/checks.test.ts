/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fc from 'fast-check';
import {
	checkCodiceDestinatario,
	checkCodiceFiscale,
	checkIban,
	checkPartitaIva,
	codiceDestinatarioKind,
	isValidCodiceDestinatario,
	isValidCodiceFiscale,
	isValidIban,
	isValidPartitaIva,
	requireValid,
} from '../../../lib/italian';

describe('boolean checks', () => {
	test('isValidPartitaIva', () => {
		expect(isValidPartitaIva('01234567897')).toBe(true);
		expect(isValidPartitaIva('01234567890')).toBe(false);
		expect(isValidPartitaIva(undefined as unknown as string)).toBe(false);
	});
	test('isValidCodiceFiscale accepts persons, omocodic persons and companies', () => {
		expect(isValidCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
		expect(isValidCodiceFiscale('09876543217')).toBe(true);
		expect(isValidCodiceFiscale('09876543210')).toBe(false);
	});
	test('isValidCodiceDestinatario and isValidIban', () => {
		expect(isValidCodiceDestinatario('0000000')).toBe(true);
		expect(isValidCodiceDestinatario('UFXYZ1', 'FPA12')).toBe(true);
		expect(isValidIban('IT60X0542811101000000123456')).toBe(true);
		expect(isValidIban('DE89370400440532013000')).toBe(true);
		expect(isValidIban('DE8937040044053201300')).toBe(false);
	});
});

describe('omocodia', () => {
	// check letters computed independently from the official odd/even tables
	test.each([
		['RSSMRA85T10A56NH', 'last digit of the place code replaced'],
		['RSSMRA85T10A5RNS', 'two digits of the place code replaced'],
		['RSSMRAURTMLARNNG', 'all seven digits replaced'],
	])('%s (%s) is accepted', (code) => {
		expect(checkCodiceFiscale(code)).toEqual({ ok: true, value: code });
	});
	test('a letter outside LMNPQRSTUV in a digit position is refused', () => {
		expect(checkCodiceFiscale('RSSMRA85T10A56AH').ok).toBe(false);
	});
	test('a woman\'s code (day + 40) is accepted', () => {
		expect(checkCodiceFiscale('BNCLRA90E41L219F').ok).toBe(true);
	});
	test('changing any single character of a valid code breaks it', () => {
		const valid = 'RSSMRA85T10A562S';
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 15 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), (pos, ch) => {
				fc.pre(valid[pos] !== ch);
				const mutated = valid.slice(0, pos) + ch + valid.slice(pos + 1);
				return !checkCodiceFiscale(mutated).ok || isOmocodicSwap(valid, mutated);
			}),
		);
	});
});

// Replacing a digit by its own omocodia letter keeps the person but changes the check letter,
// so the mutated code can only pass when it is that same substitution with a valid letter.
function isOmocodicSwap(a: string, b: string): boolean {
	return a.length === b.length && [...a].some((c, i) => c !== b[i] && 'LMNPQRSTUV'.indexOf(b[i]) === Number(c));
}

describe('partita IVA', () => {
	test('a single changed digit is always detected (Luhn)', () => {
		const valid = '01234567897';
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 9 }), (pos, digit) => {
				fc.pre(Number(valid[pos]) !== digit);
				return !checkPartitaIva(valid.slice(0, pos) + digit + valid.slice(pos + 1)).ok;
			}),
		);
	});
	test('the office code check is opt-in and names the code', () => {
		expect(checkPartitaIva('01234567897').ok).toBe(true);
		expect(checkPartitaIva('01234567897', { checkOfficeCode: true })).toEqual({ ok: false, reason: expect.stringContaining('office code 789') });
		expect(checkPartitaIva('01573850516', { checkOfficeCode: true }).ok).toBe(true);
	});
	test('non-text input gives a reason, not a crash', () => {
		expect(checkPartitaIva(12345678901 as unknown as string)).toEqual({ ok: false, reason: 'partita IVA must be text, got number' });
		expect(checkCodiceFiscale(null as unknown as string)).toEqual({ ok: false, reason: 'codice fiscale must be text, got null' });
	});
});

describe('requireValid names the field', () => {
	test('returns the normalised value', () => {
		expect(requireValid(checkPartitaIva('IT 01234567897'), 'CedentePrestatore.IdFiscaleIVA')).toBe('01234567897');
	});
	test('throws with the field and the reason', () => {
		expect(() => requireValid(checkCodiceFiscale('RSSMRA80A01H501A'), 'cessionario.codiceFiscale')).toThrow(
			/^cessionario\.codiceFiscale: codice fiscale "RSSMRA80A01H501A" has a wrong check character$/,
		);
	});
});

describe('codice destinatario meaning', () => {
	test.each([
		['0000000', 'pec-or-online-area'],
		['XXXXXXX', 'foreign-buyer'],
		['UFXYZ1', 'pa-office'],
		['M5UXCR1', 'channel'],
	] as const)('%s -> %s', (code, kind) => {
		expect(codiceDestinatarioKind(code)).toBe(kind);
	});
	test('lower case is normalised', () => {
		expect(checkCodiceDestinatario('m5uxcr1')).toEqual({ ok: true, value: 'M5UXCR1' });
	});
});

describe('IBAN lengths by country', () => {
	test('a German IBAN must be 22 characters', () => {
		expect(checkIban('DE89 3704 0044 0532 0130 001')).toEqual({ ok: false, reason: expect.stringContaining('22 characters for country DE') });
	});
});
