/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { checkCodiceDestinatario, checkCodiceFiscale, checkIban, checkPartitaIva } from '../../../lib/italian';

describe('partita IVA', () => {
	// Aruba's two companies (public registry numbers) and a computed example
	test.each(['01573850516', 'IT01879020517', 'IT 01234567897'])('%s is valid', (value) => {
		expect(checkPartitaIva(value).ok).toBe(true);
	});
	test.each([
		['01234567890', 'wrong check digit'],
		['0123456789', 'must be 11 digits'],
		['00000000000', 'all zeros'],
	])('%s is refused: %s', (value, reason) => {
		expect(checkPartitaIva(value)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
	});
});

describe('codice fiscale', () => {
	test.each(['RSSMRA85T10A562S', 'MRTMTT25D09F205Z', 'rssmra80a01h501u'])('published example %s is valid', (value) => {
		expect(checkCodiceFiscale(value)).toEqual({ ok: true, value: value.toUpperCase() });
	});
	test('an omocodic code (a digit written as a letter) is accepted with exactly one check letter', () => {
		// RSSMRA85T10A562S with the last digit of the place code (2) written as N
		const body = 'RSSMRA85T10A56N';
		const passing = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((letter) => checkCodiceFiscale(body + letter).ok);
		expect(passing).toHaveLength(1);
		expect(checkCodiceFiscale(`RSSMRA85T10A56X${passing[0]}`)).toMatchObject({ ok: false });
	});
	test('a wrong check letter is refused', () => {
		expect(checkCodiceFiscale('RSSMRA80A01H501A')).toEqual({ ok: false, reason: expect.stringContaining('wrong check character') });
	});
	test('an impossible day is refused', () => {
		expect(checkCodiceFiscale('RSSMRA80A35H501U')).toEqual({ ok: false, reason: expect.stringContaining('impossible birth day') });
	});
	test('a company code (11 digits) follows the partita IVA rule', () => {
		expect(checkCodiceFiscale('01234567897').ok).toBe(true);
		expect(checkCodiceFiscale('01234567890').ok).toBe(false);
	});
});

describe('codice destinatario and IBAN', () => {
	test('7 characters for FPR12, 6 for FPA12', () => {
		expect(checkCodiceDestinatario('abc1234').ok).toBe(true);
		expect(checkCodiceDestinatario('UFXYZ1', 'FPA12').ok).toBe(true);
		expect(checkCodiceDestinatario('UFXYZ1')).toEqual({ ok: false, reason: expect.stringContaining('must be 7') });
	});
	test('IBAN mod-97', () => {
		expect(checkIban('IT60 X054 2811 1010 0000 0123 456').ok).toBe(true);
		expect(checkIban('IT61X0542811101000000123456').ok).toBe(false);
		expect(checkIban('IT60X05428111010000001234')).toEqual({ ok: false, reason: expect.stringContaining('27 characters') });
	});
});
