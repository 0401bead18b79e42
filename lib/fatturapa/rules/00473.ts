import { bodies, documentPath, error, tipoDocumento } from './helpers';
import { cedenteId } from './parties';
import type { SdiRule } from './types';

const FOREIGN_SUPPLIER = new Set(['TD17', 'TD18', 'TD19', 'TD28']);

/**
 * Elenco dei controlli v2.0 (31/01/2025), p. 42: TD17/TD18/TD19/TD28 refuse an Italian cedente,
 * TD29 (omitted or irregular invoicing by an Italian cedente) refuses any other.
 */
export const rule00473: SdiRule = {
	code: '00473',
	title: 'TD17, TD18, TD19 or TD28 (purchases from abroad) with an Italian cedente, or TD29 with a foreign one',
	check: ({ model }) => {
		const paese = cedenteId(model)?.IdPaese?.trim();
		if (!paese) return [];
		return bodies(model)
			.filter((b) => (paese === 'IT' ? FOREIGN_SUPPLIER.has(tipoDocumento(b) ?? '') : tipoDocumento(b) === 'TD29'))
			.map((b) =>
				paese === 'IT'
					? error(
							'00473',
							`${documentPath(b)}/TipoDocumento`,
							`con TipoDocumento ${tipoDocumento(b)} (integrazione/acquisto dall'estero) il cedente/prestatore non può avere IdPaese IT`,
							`with TipoDocumento ${tipoDocumento(b)} (purchase from abroad) the seller cannot have IdPaese IT`,
						)
					: error(
							'00473',
							`${documentPath(b)}/TipoDocumento`,
							`con TipoDocumento TD29 (omessa o irregolare fatturazione del cedente italiano) il cedente/prestatore deve avere IdPaese IT, non ${paese}`,
							`with TipoDocumento TD29 (omitted or irregular invoicing by an Italian seller) the seller must have IdPaese IT, not ${paese}`,
						),
			);
	},
};
