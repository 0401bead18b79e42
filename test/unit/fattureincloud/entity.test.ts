/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { entityBody, entityLookupQuery, normalizeVatNumber } from '../../../lib/fattureincloud/entity';

describe('client and supplier fields', () => {
	test('Italian VAT numbers lose spaces and the IT prefix', () => {
		expect(normalizeVatNumber('IT 0123456789 0')).toBe('01234567890');
		expect(normalizeVatNumber('DE123456789')).toBe('DE123456789');
	});

	test('the country is sent as country_iso', () => {
		expect(entityBody({ name: 'Rossi Srl', countryIso: 'it' }, true)).toEqual({ name: 'Rossi Srl', country_iso: 'IT' });
	});

	test('a codice destinatario of the wrong length is refused', () => {
		expect(() => entityBody({ name: 'A', eiCode: 'ABC' }, true)).toThrow(/Codice Destinatario/);
	});

	test('an Italian VAT number with a wrong check digit is refused naming the field', () => {
		expect(() => entityBody({ name: 'A', vatNumber: '01234567890' }, true)).toThrow(/VAT Number: .*wrong check digit/);
	});

	test('a foreign VAT number is not held to the Italian check digit', () => {
		expect(entityBody({ name: 'A GmbH', vatNumber: 'DE123456789', countryIso: 'DE' }, true)).toMatchObject({ vat_number: 'DE123456789' });
	});

	test('a wrong tax code and a wrong IBAN are refused naming their fields', () => {
		expect(() => entityBody({ name: 'A', taxCode: 'RSSMRA85T10A562X' }, true)).toThrow(/Tax Code/);
		expect(() => entityBody({ name: 'A', bankIban: 'IT61X0542811101000000123456' }, true)).toThrow(/Bank IBAN/);
	});

	test('a supplier is never sent the client-only Codice Destinatario or payment terms', () => {
		expect(entityBody({ name: 'Rossi Srl', eiCode: 'm5uxcr1', defaultPaymentTerms: 30 }, true, 'client')).toMatchObject({ ei_code: 'M5UXCR1', default_payment_terms: 30 });
		expect(() => entityBody({ name: 'Carta Srl', eiCode: 'M5UXCR1' }, true, 'supplier')).toThrow(/^Codice Destinatario: .*suppliers have no such field/);
		expect(() => entityBody({ name: 'Carta Srl', defaultPaymentTerms: 30 }, true, 'supplier')).toThrow(/^Default Payment Terms \(Days\): /);
		expect(entityBody({ name: 'Carta Srl', defaultPaymentTerms: 0, email: 'a@b.it' }, true, 'supplier')).toEqual({ name: 'Carta Srl', email: 'a@b.it' });
	});

	test('create needs a name', () => {
		expect(() => entityBody({ vatNumber: '01234567890' }, true)).toThrow(/Name/);
	});

	test('create-or-update looks up by VAT number first, then tax code', () => {
		expect(entityLookupQuery({ vat_number: '01234567890', tax_code: 'RSSMRA80A01H501U' })).toBe("vat_number = '01234567890'");
		expect(entityLookupQuery({ tax_code: 'rssmra80a01h501u' })).toBe("tax_code = 'RSSMRA80A01H501U'");
		expect(() => entityLookupQuery({ name: 'x' })).toThrow(/VAT Number or Tax Code/);
	});
});
