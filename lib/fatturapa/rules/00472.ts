import { bodies, documentPath, error, tipoDocumento } from './helpers';
import { cedenteIsCessionario } from './parties';
import type { SdiRule } from './types';

export const rule00472: SdiRule = {
	code: '00472',
	title: 'TD21 (splafonamento) or TD27 (autoconsumo) with cedente different from cessionario',
	check: ({ model }) => {
		if (cedenteIsCessionario(model)) return [];
		return bodies(model)
			.filter((b) => tipoDocumento(b) === 'TD21' || tipoDocumento(b) === 'TD27')
			.map((b) =>
				error(
					'00472',
					`${documentPath(b)}/TipoDocumento`,
					`con TipoDocumento ${tipoDocumento(b)} (autofattura) cedente/prestatore e cessionario/committente devono essere lo stesso soggetto`,
					`with TipoDocumento ${tipoDocumento(b)} (self-invoice) the seller and the buyer must be the same subject`,
				),
			);
	},
};
