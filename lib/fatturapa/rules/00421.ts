import { multiplyExact, roundHalfUp } from '../../money';
import { bodies, decimal, error, riepiloghi, show, warning } from './helpers';
import { absDiff, atLeast, greaterThan, ONE_CENT, ONE_EURO } from './tolerance';
import type { SdiRule } from './types';

/**
 * Imposta = round2(ImponibileImporto x AliquotaIVA / 100). Tolerance (research note, section 2):
 * up to 0.01 accepted; more than 0.01 but under 1.00 is a warning (SdI has accepted invoices
 * other validators refused at that size); 1.00 or more is an error.
 */
export const rule00421: SdiRule = {
	code: '00421',
	title: 'Imposta is not ImponibileImporto x AliquotaIVA (error from 1.00, warning above 0.01)',
	check: ({ model }) =>
		bodies(model).flatMap((b) =>
			riepiloghi(b).flatMap((r) => {
				const imponibile = decimal(r.value?.ImponibileImporto);
				const rate = decimal(r.value?.AliquotaIVA);
				const imposta = decimal(r.value?.Imposta);
				if (!imponibile || !rate || !imposta) return [];
				const expected = roundHalfUp(multiplyExact(imponibile, { units: rate.units, scale: rate.scale + 2 }), 2);
				const diff = absDiff(imposta, expected);
				if (!greaterThan(diff, ONE_CENT)) return [];
				const make = atLeast(diff, ONE_EURO) ? error : warning;
				return [
					make(
						'00421',
						`${r.path}/Imposta`,
						`Imposta ${show(imposta)} non corrisponde a ImponibileImporto ${show(imponibile)} x aliquota ${show(rate)}% = ${show(expected)} (differenza ${show(diff)})`,
						`Imposta ${show(imposta)} does not equal ImponibileImporto ${show(imponibile)} x rate ${show(rate)}% = ${show(expected)} (difference ${show(diff)})`,
					),
				];
			}),
		),
};
