import { checkCodiceFiscale, checkPartitaIva } from '../../italian';
import type { IdFiscale } from '../model';
import { error, present, type At } from './helpers';
import type { SdiFinding } from './types';

/**
 * Check digits of an Italian IdFiscaleIVA (partita IVA). SdI also looks the number up in the tax
 * registry, which no offline check can do; a wrong check digit is certain to be refused.
 */
export function checkItalianVatId(code: string, id: At<IdFiscale | undefined>, who_it: string, who_en: string, allowCodiceFiscale = false): SdiFinding[] {
	const v = id.value;
	if (!v || v.IdPaese?.trim() !== 'IT' || !present(v.IdCodice)) return [];
	const idCodice = v.IdCodice.trim();
	const check = allowCodiceFiscale && !/^\d{11}$/.test(idCodice) ? checkCodiceFiscale(idCodice) : checkPartitaIva(idCodice);
	if (check.ok && check.value === idCodice) return [];
	return [
		error(
			code,
			`${id.path}/IdCodice`,
			`IdCodice ${idCodice} di ${who_it} non valido: ${reasonIt(idCodice, allowCodiceFiscale)}`,
			`${who_en} IdCodice ${idCodice} is not valid: ${check.ok ? 'it must be written without prefix or spaces' : check.reason}`,
		),
	];
}

export function checkItalianCodiceFiscale(code: string, cf: At<string | undefined>, who_it: string, who_en: string): SdiFinding[] {
	if (!present(cf.value)) return [];
	const value = cf.value!.trim();
	const check = checkCodiceFiscale(value);
	if (check.ok && check.value === value) return [];
	return [
		error(
			code,
			cf.path,
			`CodiceFiscale ${value} di ${who_it} non valido: ${/^\d+$/.test(value) ? 'cifra di controllo errata o lunghezza diversa da 11' : 'carattere di controllo errato o formato non valido'}`,
			`${who_en} CodiceFiscale ${value} is not valid: ${check.ok ? 'it must be written in upper case without spaces' : check.reason}`,
		),
	];
}

function reasonIt(value: string, allowCodiceFiscale: boolean): string {
	if (/^\d{11}$/.test(value)) return 'la cifra di controllo della partita IVA è errata';
	return allowCodiceFiscale ? 'atteso un codice fiscale di 16 caratteri o una partita IVA di 11 cifre' : 'attesa una partita IVA di 11 cifre';
}
