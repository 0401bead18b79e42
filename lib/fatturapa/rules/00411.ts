import { bodies, error, lines, list } from './helpers';
import type { SdiRule } from './types';

export const rule00411: SdiRule = {
	code: '00411',
	title: 'a line has Ritenuta SI but the document has no DatiRitenuta',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			if (list(b.value?.DatiGenerali?.DatiGeneraliDocumento?.DatiRitenuta).length > 0) return [];
			return lines(b)
				.filter((l) => l.value?.Ritenuta?.trim() === 'SI')
				.map((l) =>
					error(
						'00411',
						`${l.path}/Ritenuta`,
						'linea soggetta a ritenuta (Ritenuta SI) ma il blocco DatiRitenuta è assente in DatiGeneraliDocumento',
						'the line is subject to withholding (Ritenuta SI) but DatiGeneraliDocumento has no DatiRitenuta',
					),
				);
		}),
};
