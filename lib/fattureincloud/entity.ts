/**
 * Friendly client/supplier fields -> the Fatture in Cloud entity object, and the look-up that
 * makes "create or update" find an existing record by partita IVA or codice fiscale.
 */
import { checkCodiceFiscale, checkIban, checkPartitaIva } from '../italian';
import { pruneEmpty, toCountryIso } from './body';
import { buildQuery } from './query';

export interface EntityFields {
	name?: string;
	type?: 'company' | 'person' | 'pa' | 'condo';
	code?: string;
	firstName?: string;
	lastName?: string;
	contactPerson?: string;
	vatNumber?: string;
	taxCode?: string;
	addressStreet?: string;
	addressPostalCode?: string;
	addressCity?: string;
	addressProvince?: string;
	addressExtra?: string;
	countryIso?: string;
	email?: string;
	certifiedEmail?: string;
	phone?: string;
	fax?: string;
	notes?: string;
	eiCode?: string;
	bankIban?: string;
	defaultPaymentTerms?: number;
}

/** Partita IVA as FIC stores it: no spaces, no "IT" prefix for Italian numbers. */
export function normalizeVatNumber(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const compact = value.replace(/[\s.-]/g, '').toUpperCase();
	return /^IT\d{11}$/.test(compact) ? compact.slice(2) : compact;
}

export function normalizeTaxCode(value: string | undefined): string | undefined {
	return value ? value.replace(/\s/g, '').toUpperCase() : undefined;
}

/**
 * Fields the spec's Supplier does not have (only Client and a document's entity do): sent for a
 * supplier they would be refused or dropped, so they are refused here, naming the field.
 */
export const CLIENT_ONLY_FIELDS: Array<{ field: keyof EntityFields; label: string }> = [
	{ field: 'eiCode', label: 'Codice Destinatario' },
	{ field: 'defaultPaymentTerms', label: 'Default Payment Terms (Days)' },
];

export function entityBody(fields: EntityFields, requireName: boolean, kind: 'client' | 'supplier' = 'client'): Record<string, unknown> {
	if (requireName && !fields.name?.trim()) throw new Error('Name: the client or supplier name is required');
	if (kind === 'supplier') {
		for (const { field, label } of CLIENT_ONLY_FIELDS) {
			const value = fields[field];
			if (value !== undefined && value !== '' && !(field === 'defaultPaymentTerms' && value === 0)) {
				throw new Error(`${label}: Fatture in Cloud suppliers have no such field (only clients do); remove it from the supplier`);
			}
		}
	}
	const eiCode = fields.eiCode?.trim().toUpperCase();
	if (eiCode && !/^[A-Z0-9]{6,7}$/.test(eiCode)) {
		throw new Error(`Codice Destinatario: "${fields.eiCode}" must be 7 characters (6 for public administration)`);
	}
	// Italian identifiers are checked here, with the field named, instead of coming back as a 422.
	const italian = !fields.countryIso || fields.countryIso.trim().toUpperCase() === 'IT';
	const vatNumber = normalizeVatNumber(fields.vatNumber);
	if (italian && vatNumber && /^\d+$/.test(vatNumber)) {
		const check = checkPartitaIva(vatNumber);
		if (!check.ok) throw new Error(`VAT Number: ${check.reason}`);
	}
	if (italian && fields.taxCode?.trim()) {
		const check = checkCodiceFiscale(fields.taxCode);
		if (!check.ok) throw new Error(`Tax Code: ${check.reason}`);
	}
	if (fields.bankIban?.trim()) {
		const check = checkIban(fields.bankIban);
		if (!check.ok) throw new Error(`Bank IBAN: ${check.reason}`);
	}
	if (fields.certifiedEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(fields.certifiedEmail.trim())) {
		throw new Error(`PEC: "${fields.certifiedEmail}" is not an e-mail address`);
	}
	return pruneEmpty({
		name: fields.name?.trim(),
		type: fields.type,
		code: fields.code,
		first_name: fields.firstName,
		last_name: fields.lastName,
		contact_person: fields.contactPerson,
		vat_number: vatNumber,
		tax_code: normalizeTaxCode(fields.taxCode),
		address_street: fields.addressStreet,
		address_postal_code: fields.addressPostalCode,
		address_city: fields.addressCity,
		address_province: fields.addressProvince?.toUpperCase(),
		address_extra: fields.addressExtra,
		country_iso: fields.countryIso ? toCountryIso(fields.countryIso, 'Country') : undefined,
		email: fields.email,
		certified_email: fields.certifiedEmail?.trim(),
		phone: fields.phone,
		fax: fields.fax,
		notes: fields.notes,
		ei_code: kind === 'client' ? eiCode : undefined,
		bank_iban: fields.bankIban?.replace(/\s/g, '').toUpperCase(),
		default_payment_terms: kind === 'client' ? fields.defaultPaymentTerms : undefined,
	});
}

/** The `q` that finds the same client or supplier: VAT number first, else tax code. */
export function entityLookupQuery(data: Record<string, unknown>): string {
	const vat = normalizeVatNumber(data.vat_number as string | undefined);
	const taxCode = normalizeTaxCode(data.tax_code as string | undefined);
	if (vat) return buildQuery(undefined, [{ field: 'vat_number', operator: '=', value: vat }])!;
	if (taxCode) return buildQuery(undefined, [{ field: 'tax_code', operator: '=', value: taxCode }])!;
	throw new Error('VAT Number or Tax Code: create-or-update needs at least one of them to find an existing record');
}
