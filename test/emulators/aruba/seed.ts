/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Demo accounts and data, built with lib/fatturapa (no spec files: the demo runs without
 * ../shared). Partite IVA below have correct check digits; they are made up.
 */
import { buildFatturaPA, type FatturaInput } from '../../../lib/fatturapa';
import type { Account, Multicedente } from './state';

export const PREMIUM: Account = {
	username: 'demo.premium',
	password: 'Demo-Premium-1!',
	premium: true,
	description: 'Officine Demo S.r.l.',
	countryCode: 'IT',
	vatCode: '04123456784',
	fiscalCode: '04123456784',
	pec: 'officinedemo@pec.example.it',
};

export const BASIC: Account = {
	username: 'demo.basic',
	password: 'Demo-Basic-1!',
	premium: false,
	description: 'Studio Base di Mario Bianchi',
	countryCode: 'IT',
	vatCode: '05123409871',
	fiscalCode: 'BNCMRA75C12F205X',
	pec: 'studiobase@pec.example.it',
};

export const MULTICEDENTI: Array<Omit<Multicedente, 'id'>> = [
	{ description: 'Demo Logistica S.r.l.', countryCode: 'IT', vatCode: '02987654320', fiscalCode: '02987654320', status: 'ACTIVE' },
	{ description: 'Demo Servizi S.n.c.', countryCode: 'IT', vatCode: '03567890128', fiscalCode: '03567890128', status: 'ACTIVE' },
	{ description: 'Vecchia Demo S.r.l. (cessata)', countryCode: 'IT', vatCode: '07654321095', fiscalCode: '07654321095', status: 'INACTIVE' },
];

export const COMPANY_CEDENTE = {
	denominazione: PREMIUM.description,
	partitaIva: PREMIUM.vatCode,
	codiceFiscale: PREMIUM.fiscalCode,
	regimeFiscale: 'RF01' as const,
	indirizzo: 'Via dei Mille',
	numeroCivico: '10',
	cap: '40121',
	comune: 'Bologna',
	provincia: 'BO',
	nazione: 'IT',
};

export const ARUBA_TRASMITTENTE = { idPaese: 'IT', idCodice: '01879020517' };

/** A valid FPR12 the premium account can upload (Aruba as trasmittente). */
export function demoSentInvoice(overrides: Partial<FatturaInput> & { numero: string; data: string; progressivoInvio?: string }): string {
	return buildFatturaPA({
		trasmittente: ARUBA_TRASMITTENTE,
		progressivoInvio: overrides.progressivoInvio ?? 'A0001',
		codiceDestinatario: 'M5UXCR1',
		cedente: COMPANY_CEDENTE,
		cessionario: { denominazione: 'Cliente Demo S.p.A.', partitaIva: '06234567813', indirizzo: 'Corso Italia', numeroCivico: '5', cap: '20122', comune: 'Milano', provincia: 'MI' },
		righe: [{ descrizione: 'Consulenza', quantita: 1, prezzoUnitario: '1000.00', aliquotaIVA: 22 }],
		pagamento: { modalita: 'MP05', iban: 'IT60X0542811101000000123456' },
		...overrides,
	}).xml;
}

const SUPPLIERS = [
	{ denominazione: 'Forniture Ufficio Rossi S.r.l.', partitaIva: '09345678123', comune: 'Torino', provincia: 'TO', cap: '10121' },
	{ denominazione: 'Energia Pulita S.p.A.', partitaIva: '06234567813', comune: 'Milano', provincia: 'MI', cap: '20122' },
	{ denominazione: 'Trasporti Verdi S.n.c.', partitaIva: '03567890128', comune: 'Napoli', provincia: 'NA', cap: '80133' },
];

/** The three received invoices of the demo seed: [xml, signed?, days ago]. The second is FPA12 (the account as a public administration office). */
export function demoReceivedInvoices(dayOf: (daysAgo: number) => string): Array<{ xml: string; signed: boolean; daysAgo: number }> {
	const cessionario = { denominazione: PREMIUM.description, partitaIva: PREMIUM.vatCode, codiceFiscale: PREMIUM.fiscalCode, indirizzo: 'Via dei Mille', numeroCivico: '10', cap: '40121', comune: 'Bologna', provincia: 'BO' };
	const supplier = (i: number) => ({ ...SUPPLIERS[i], codiceFiscale: SUPPLIERS[i].partitaIva, regimeFiscale: 'RF01' as const, indirizzo: 'Via Garibaldi', numeroCivico: String(i + 1) });
	const make = (i: number, extra: Partial<FatturaInput>, daysAgo: number) =>
		buildFatturaPA({
			progressivoInvio: `R000${i + 1}`,
			codiceDestinatario: 'KRRH6B9',
			cedente: supplier(i),
			cessionario,
			data: dayOf(daysAgo),
			numero: `${100 + i}/${dayOf(daysAgo).slice(0, 4)}`,
			righe: [{ descrizione: ['Carta A4 e toner', 'Fornitura energia elettrica', 'Trasporto merci'][i], quantita: i + 2, prezzoUnitario: ['45.50', '120.00', '310.00'][i], aliquotaIVA: [22, 10, 22][i] }],
			pagamento: { modalita: 'MP05', iban: 'IT02L1234512345123456789012' },
			...extra,
		}).xml;
	return [
		{ xml: make(0, {}, 6), signed: false, daysAgo: 6 },
		{ xml: make(1, { formatoTrasmissione: 'FPA12', codiceDestinatario: 'UFQ4RT', cessionario: { ...cessionario, pubblicaAmministrazione: true } }, 3), signed: false, daysAgo: 3 },
		{ xml: make(2, {}, 1), signed: true, daysAgo: 1 },
	];
}
