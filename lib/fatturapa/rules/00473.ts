import { bodies, documentPath, error, tipoDocumento } from './helpers';
import { cedenteId } from './parties';
import type { SdiRule } from './types';

const FOREIGN_SUPPLIER = new Set(['TD17', 'TD18', 'TD19', 'TD28']);

export const rule00473: SdiRule = {
	code: '00473',
	title: 'TD17, TD18, TD19 or TD28 (purchases from abroad) with an Italian cedente',
	check: ({ model }) => {
		if (cedenteId(model)?.IdPaese?.trim() !== 'IT') return [];
		return bodies(model)
			.filter((b) => FOREIGN_SUPPLIER.has(tipoDocumento(b) ?? ''))
			.map((b) =>
				error(
					'00473',
					`${documentPath(b)}/TipoDocumento`,
					`con TipoDocumento ${tipoDocumento(b)} (integrazione/acquisto dall'estero) il cedente/prestatore non può avere IdPaese IT`,
					`with TipoDocumento ${tipoDocumento(b)} (purchase from abroad) the seller cannot have IdPaese IT`,
				),
			);
	},
};
