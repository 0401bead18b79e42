import type { FatturaElettronica as FatturaSemplificata } from '../semplificata/model';
import { addExact, compareExact, type ExactDecimal } from '../../money';
import { decimal, error, list, ROOT, show } from './helpers';
import type { SdiFinding, SdiRule } from './types';

const LIMIT: ExactDecimal = { units: 40000n, scale: 2 };

/**
 * Fattura semplificata (FSM10) only up to 400 euro per document; since specs 1.9 the regimes
 * RF19 (forfettario) and RF20 (cross-border franchise) are exempt.
 */
export function check00460(model: FatturaSemplificata): SdiFinding[] {
	const regime = model?.FatturaElettronicaHeader?.CedentePrestatore?.RegimeFiscale?.trim();
	if (regime === 'RF19' || regime === 'RF20') return [];
	return list(model?.FatturaElettronicaBody).flatMap((body, i) => {
		let total: ExactDecimal = { units: 0n, scale: 2 };
		for (const item of list(body?.DatiBeniServizi)) {
			const importo = decimal(item?.Importo);
			if (!importo) return [];
			total = addExact(total, importo);
		}
		if (compareExact(total, LIMIT) <= 0) return [];
		return [
			error(
				'00460',
				`${ROOT}/FatturaElettronicaBody[${i + 1}]/DatiBeniServizi`,
				`importo complessivo della fattura semplificata ${show(total)} superiore al limite di 400,00 euro`,
				`the fattura semplificata totals ${show(total)}, over the 400.00 euro limit`,
			),
		];
	});
}

/** Semplificata only: on an ordinaria there is no limit to check. */
export const rule00460: SdiRule = {
	code: '00460',
	title: 'fattura semplificata over 400 euro (RF19 and RF20 exempt)',
	check: () => [],
	checkSemplificata: ({ model }) => check00460(model),
};
