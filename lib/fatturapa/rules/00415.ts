import { bodies, casse, error, list } from './helpers';
import type { SdiRule } from './types';

export const rule00415: SdiRule = {
	code: '00415',
	title: 'a cassa previdenziale has Ritenuta SI but the document has no DatiRitenuta',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			if (list(b.value?.DatiGenerali?.DatiGeneraliDocumento?.DatiRitenuta).length > 0) return [];
			return casse(b)
				.filter((c) => c.value?.Ritenuta?.trim() === 'SI')
				.map((c) =>
					error(
						'00415',
						`${c.path}/Ritenuta`,
						'cassa previdenziale soggetta a ritenuta (Ritenuta SI) ma il blocco DatiRitenuta è assente',
						'the cassa previdenziale is subject to withholding (Ritenuta SI) but there is no DatiRitenuta',
					),
				);
		}),
};
