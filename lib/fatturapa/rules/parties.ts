import type { FatturaElettronica, IdFiscale } from '../model';
import { present } from './helpers';

function normalisedId(id: IdFiscale | undefined): string | undefined {
	if (!id || !present(id.IdPaese) || !present(id.IdCodice)) return undefined;
	return `${id.IdPaese.trim().toUpperCase()}${id.IdCodice.trim().toUpperCase()}`;
}

export function cedenteId(model: FatturaElettronica): IdFiscale | undefined {
	return model?.FatturaElettronicaHeader?.CedentePrestatore?.DatiAnagrafici?.IdFiscaleIVA;
}

export function cessionarioId(model: FatturaElettronica): IdFiscale | undefined {
	return model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici?.IdFiscaleIVA;
}

/** Same subject on both sides: same IdFiscaleIVA, or the same codice fiscale given for both. */
export function cedenteIsCessionario(model: FatturaElettronica): boolean {
	const a = normalisedId(cedenteId(model));
	const b = normalisedId(cessionarioId(model));
	if (a && b) return a === b;
	const cfA = model?.FatturaElettronicaHeader?.CedentePrestatore?.DatiAnagrafici?.CodiceFiscale?.trim().toUpperCase();
	const cfB = model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici?.CodiceFiscale?.trim().toUpperCase();
	return !!cfA && cfA === cfB;
}

/** A buyer with only a codice fiscale is Italian (the codice fiscale is Italian by definition). */
export function cessionarioIsItalian(model: FatturaElettronica): boolean {
	const dati = model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici;
	if (present(dati?.IdFiscaleIVA?.IdPaese)) return dati!.IdFiscaleIVA!.IdPaese.trim() === 'IT';
	return present(dati?.CodiceFiscale);
}
