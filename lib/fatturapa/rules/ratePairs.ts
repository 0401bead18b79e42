import type { FatturaElettronicaBody } from '../model';
import { error, isZeroRate, present, rateKey, tipoDocumento, type At } from './helpers';
import type { SdiFinding } from './types';

interface RateBearing {
	AliquotaIVA?: string;
	Natura?: string;
}

/**
 * The AliquotaIVA/Natura pair: a zero rate needs a Natura saying why no VAT is due (00400, 00413,
 * 00429), and a Natura goes only with a zero rate (00401, 00414, 00430). TD16 (domestic reverse
 * charge integration) keeps the received invoice's Natura next to the integrated rate, so SdI
 * accepts a Natura with a rate there.
 */
export function zeroRateWithoutNatura<T extends RateBearing>(code: string, items: At<T>[], what_it: string, what_en: string): SdiFinding[] {
	return items
		.filter((i) => isZeroRate(i.value?.AliquotaIVA) && !present(i.value?.Natura))
		.map((i) =>
			error(
				code,
				`${i.path}/AliquotaIVA`,
				`${what_it} con AliquotaIVA zero senza Natura: indicare la natura dell'operazione (N1-N7)`,
				`${what_en} has a zero AliquotaIVA but no Natura: give the reason no VAT is charged (N1-N7)`,
			),
		);
}

export function naturaWithRate<T extends RateBearing>(code: string, body: At<FatturaElettronicaBody>, items: At<T>[], what_it: string, what_en: string): SdiFinding[] {
	if (tipoDocumento(body) === 'TD16') return [];
	return items
		.filter((i) => present(i.value?.Natura) && rateKey(i.value?.AliquotaIVA) !== undefined && !isZeroRate(i.value?.AliquotaIVA))
		.map((i) =>
			error(
				code,
				`${i.path}/Natura`,
				`${what_it} con Natura ${i.value.Natura} e AliquotaIVA ${i.value.AliquotaIVA}: la Natura si indica solo con aliquota zero`,
				`${what_en} has Natura ${i.value.Natura} with AliquotaIVA ${i.value.AliquotaIVA}: a Natura goes only with a zero rate`,
			),
		);
}

/** true when any line, cassa or riepilogo has a malformed rate/Natura pair (reported by the pair rules) */
export function hasMalformedPair(items: At<RateBearing>[]): boolean {
	return items.some((i) => {
		const zero = isZeroRate(i.value?.AliquotaIVA);
		const natura = present(i.value?.Natura);
		return (zero && !natura) || (!zero && natura);
	});
}
