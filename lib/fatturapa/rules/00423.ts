import { addExact, multiplyExact, negateExact, type ExactDecimal } from '../../money';
import type { DettaglioLinee } from '../model';
import { bodies, decimal, error, lines, list, present, show } from './helpers';
import { absDiff, greaterThan, ONE_CENT } from './tolerance';
import type { SdiRule } from './types';

const ONE: ExactDecimal = { units: 1n, scale: 0 };

/**
 * The line total SdI expects: discounts and surcharges change the UNIT price, in order (an Importo
 * per unit, else a Percentuale of the running price, "a cascata"), then times Quantita (1 when
 * absent). Exact decimals: 22633 x 0.030987 must not become 701.3287709999999.
 *
 * A ScontoMaggiorazione carrying both Percentuale and Importo counts by its Importo alone. Source:
 * AdE, "Elenco dei controlli effettuati sul file fattura del Sistema di Interscambio" v2.0
 * (31/01/2025), "Controllo corretto calcolo del PrezzoTotale" (codice errore 00423), pp. 26-30:
 * "In caso di presenza contemporanea di Importo e Percentuale, si considera solo il primo ai fini
 * del calcolo" (p. 27), and its "Caso 3" (p. 30), whose second discount has Percentuale 5.15 and
 * Importo 23.56 and is applied as "457.50 - 23.56 = 433.94" (the Importo), giving PrezzoTotale
 * 41056.12. "Il primo" is the first one named (Importo), not the first in the file: the XSD puts
 * Percentuale before Importo, so a document-order reading would always take the Percentuale and
 * refuse AdE's own example (41055.99750, 0.12 away).
 */
export function expectedPrezzoTotale(line: DettaglioLinee): ExactDecimal | undefined {
	let price = decimal(line.PrezzoUnitario);
	if (!price) return undefined;
	for (const sm of list(line.ScontoMaggiorazione)) {
		const sign = sm?.Tipo?.trim() === 'SC' ? -1n : sm?.Tipo?.trim() === 'MG' ? 1n : 0n;
		if (sign === 0n) return undefined;
		const importo = decimal(sm.Importo);
		const percentuale = decimal(sm.Percentuale);
		// both present: the Importo, per the Elenco dei controlli v2.0 (see above)
		if (importo) price = addExact(price, sign < 0n ? negateExact(importo) : importo);
		else if (percentuale) {
			const change = { units: percentuale.units * sign, scale: percentuale.scale + 2 };
			price = multiplyExact(price, addExact(ONE, change));
		} else return undefined; // 00438 reports it
	}
	const quantita = present(line.Quantita) ? decimal(line.Quantita) : ONE;
	if (!quantita) return undefined;
	return multiplyExact(price, quantita);
}

export const rule00423: SdiRule = {
	code: '00423',
	title: 'PrezzoTotale is not (PrezzoUnitario +- ScontoMaggiorazione) x Quantita within 0.01',
	check: ({ model }) =>
		bodies(model).flatMap((b) =>
			lines(b).flatMap((l) => {
				const totale = decimal(l.value?.PrezzoTotale);
				const expected = l.value ? expectedPrezzoTotale(l.value) : undefined;
				if (!totale || !expected) return [];
				const diff = absDiff(totale, expected);
				if (!greaterThan(diff, ONE_CENT)) return [];
				return [
					error(
						'00423',
						`${l.path}/PrezzoTotale`,
						`PrezzoTotale ${show(totale)} non corrisponde a prezzo unitario (con sconti/maggiorazioni) per quantità = ${show(expected)} (differenza ${show(diff)}, tolleranza 0.01)`,
						`PrezzoTotale ${show(totale)} does not equal unit price (after discounts/surcharges) x quantity = ${show(expected)} (difference ${show(diff)}, tolerance 0.01)`,
					),
				];
			}),
		),
};
