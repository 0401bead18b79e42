import { error, HEADER } from './helpers';
import type { AnyRuleContext, SdiFinding, SdiRule } from './types';

/** Elenco dei controlli v2.0: 6 characters are refused "a fronte di FormatoTrasmissione FPR12 o FSM10". */
const LENGTH: Record<string, number> = { FPA12: 6, FPR12: 7, FSM10: 7 };

function check({ model }: AnyRuleContext): SdiFinding[] {
	const dt = model?.FatturaElettronicaHeader?.DatiTrasmissione;
	const code = dt?.CodiceDestinatario?.trim();
	const formato = dt?.FormatoTrasmissione?.trim();
	if (!code) return [];
	const expected = formato ? LENGTH[formato] : undefined;
	if (expected === undefined || code.length === expected) return [];
	return [
		error(
			'00427',
			`${HEADER}/DatiTrasmissione/CodiceDestinatario`,
			`CodiceDestinatario ${code} ha ${code.length} caratteri: con FormatoTrasmissione ${formato} ne servono ${expected}${formato === 'FPA12' ? " (codice univoco ufficio IPA)" : ''}`,
			`CodiceDestinatario ${code} has ${code.length} characters: FormatoTrasmissione ${formato} needs ${expected}${formato === 'FPA12' ? ' (the IPA office code)' : ''}`,
		),
	];
}

export const rule00427: SdiRule = {
	code: '00427',
	title: 'CodiceDestinatario of 7 characters with FPA12, or of 6 with FPR12 or FSM10',
	check,
	checkSemplificata: check,
};
