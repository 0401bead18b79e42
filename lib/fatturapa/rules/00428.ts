import { error, HEADER, ROOT } from './helpers';
import type { SdiRule } from './types';

export const rule00428: SdiRule = {
	code: '00428',
	title: 'FormatoTrasmissione is not FPA12/FPR12 or differs from the versione attribute',
	check: ({ model }) => {
		const formato = model?.FatturaElettronicaHeader?.DatiTrasmissione?.FormatoTrasmissione?.trim();
		const versione = typeof model?.versione === 'string' ? model.versione.trim() : undefined;
		if (!formato) return [];
		if ((formato === 'FPA12' || formato === 'FPR12') && (!versione || versione === formato)) return [];
		return [
			error(
				'00428',
				`${HEADER}/DatiTrasmissione/FormatoTrasmissione`,
				`FormatoTrasmissione ${formato} non coerente con l'attributo versione ${versione ?? '(assente)'} di ${ROOT}`,
				`FormatoTrasmissione ${formato} does not match the versione attribute ${versione ?? '(missing)'} of ${ROOT}`,
			),
		];
	},
};
