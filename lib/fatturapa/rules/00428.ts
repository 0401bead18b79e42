import { error, HEADER, ROOT } from './helpers';
import { isSemplificata } from './parties';
import type { AnyRuleContext, SdiFinding, SdiRule } from './types';

/** FormatoTrasmissione must equal the root's versione: FPA12/FPR12 for the ordinaria, FSM10 for the semplificata. */
function check({ model }: AnyRuleContext): SdiFinding[] {
	const formato = model?.FatturaElettronicaHeader?.DatiTrasmissione?.FormatoTrasmissione?.trim();
	const versione = typeof model?.versione === 'string' ? model.versione.trim() : undefined;
	if (!formato) return [];
	const allowed = isSemplificata(model) ? ['FSM10'] : ['FPA12', 'FPR12'];
	if (allowed.includes(formato) && (!versione || versione === formato)) return [];
	return [
		error(
			'00428',
			`${HEADER}/DatiTrasmissione/FormatoTrasmissione`,
			`FormatoTrasmissione ${formato} non coerente con l'attributo versione ${versione ?? '(assente)'} di ${ROOT}`,
			`FormatoTrasmissione ${formato} does not match the versione attribute ${versione ?? '(missing)'} of ${ROOT}`,
		),
	];
}

export const rule00428: SdiRule = {
	code: '00428',
	title: 'FormatoTrasmissione is not FPA12/FPR12 (FSM10 for a semplificata) or differs from the versione attribute',
	check,
	checkSemplificata: check,
};
