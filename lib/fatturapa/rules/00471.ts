import { bodies, documentPath, error, tdNumber, tipoDocumento } from './helpers';
import { cedenteIsCessionario } from './parties';
import type { SdiRule } from './types';

const DIFFERENT_PARTIES = new Set([1, 2, 3, 6, 16, 17, 18, 19, 20, 24, 25, 28]);

export const rule00471: SdiRule = {
	code: '00471',
	title: 'cedente and cessionario are the same subject for TD01-03, TD06, TD16-20, TD24, TD25 or TD28',
	check: ({ model }) => {
		if (!cedenteIsCessionario(model)) return [];
		return bodies(model)
			.filter((b) => DIFFERENT_PARTIES.has(tdNumber(tipoDocumento(b)) ?? 0))
			.map((b) =>
				error(
					'00471',
					`${documentPath(b)}/TipoDocumento`,
					`con TipoDocumento ${tipoDocumento(b)} cedente/prestatore e cessionario/committente non possono essere lo stesso soggetto`,
					`with TipoDocumento ${tipoDocumento(b)} the seller and the buyer cannot be the same subject`,
				),
			);
	},
};
