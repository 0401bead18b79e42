import { documents, error, tdNumber } from './helpers';
import { cedenteIsCessionario } from './parties';
import type { AnyRuleContext, SdiFinding, SdiRule } from './types';

/**
 * TD07 is the semplificata's: AdE's specifiche tecniche v1.7.1 (in force 2022-10-01) extended the
 * 00471 criterion to "TD01, TD02, TD03, TD06, TD24, TD25 e TD28 (fattura ordinaria) e TD07
 * (fattura semplificata)". TD29: Elenco dei controlli v2.0 (31/01/2025), p. 40, whose pseudo-code
 * lists TD16-TD20 and TD29 only; it does not repeat the 1.7.1 types, which we keep (SdI's 2022
 * extension, and the oracle sample S00471_TD01_cedente_equals_cessionario) until an official text
 * says they were dropped.
 */
const DIFFERENT_PARTIES = new Set([1, 2, 3, 6, 7, 16, 17, 18, 19, 20, 24, 25, 28, 29]);

function check({ model }: AnyRuleContext): SdiFinding[] {
	if (!cedenteIsCessionario(model)) return [];
	return documents(model)
		.filter((d) => DIFFERENT_PARTIES.has(tdNumber(d.value.TipoDocumento) ?? 0))
		.map((d) =>
			error(
				'00471',
				`${d.path}/TipoDocumento`,
				`con TipoDocumento ${d.value.TipoDocumento} cedente/prestatore e cessionario/committente non possono essere lo stesso soggetto`,
				`with TipoDocumento ${d.value.TipoDocumento} the seller and the buyer cannot be the same subject`,
			),
		);
}

export const rule00471: SdiRule = {
	code: '00471',
	title: 'cedente and cessionario are the same subject for TD01-03, TD06, TD07, TD16-20, TD24, TD25, TD28 or TD29',
	check,
	checkSemplificata: check,
};
