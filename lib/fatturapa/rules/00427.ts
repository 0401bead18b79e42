import { error, HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00427: SdiRule = {
	code: '00427',
	title: 'CodiceDestinatario of 7 characters with FPA12, or of 6 with FPR12',
	check: ({ model }) => {
		const dt = model?.FatturaElettronicaHeader?.DatiTrasmissione;
		const code = dt?.CodiceDestinatario?.trim();
		const formato = dt?.FormatoTrasmissione?.trim();
		if (!code) return [];
		const expected = formato === 'FPA12' ? 6 : formato === 'FPR12' ? 7 : undefined;
		if (expected === undefined || code.length === expected) return [];
		return [
			error(
				'00427',
				`${HEADER}/DatiTrasmissione/CodiceDestinatario`,
				`CodiceDestinatario ${code} ha ${code.length} caratteri: con FormatoTrasmissione ${formato} ne servono ${expected}${formato === 'FPA12' ? " (codice univoco ufficio IPA)" : ''}`,
				`CodiceDestinatario ${code} has ${code.length} characters: FormatoTrasmissione ${formato} needs ${expected}${formato === 'FPA12' ? ' (the IPA office code)' : ''}`,
			),
		];
	},
};
