import { bodies, documentPath, error, present, tdNumber, tipoDocumento } from './helpers';
import { cessionarioId } from './parties';
import type { SdiRule } from './types';

/** Elenco dei controlli v2.0 (31/01/2025), p. 44: TD16-TD20, TD22, TD23, TD28 and TD29. */
const NEEDS_BUYER_VAT = new Set([16, 17, 18, 19, 20, 22, 23, 28, 29]);

export const rule00475: SdiRule = {
	code: '00475',
	title: 'TD16-TD20, TD22, TD23, TD28 or TD29 where the cessionario has no IdFiscaleIVA',
	check: ({ model }) => {
		if (present(cessionarioId(model)?.IdCodice)) return [];
		return bodies(model)
			.filter((b) => NEEDS_BUYER_VAT.has(tdNumber(tipoDocumento(b)) ?? 0))
			.map((b) =>
				error(
					'00475',
					`${documentPath(b)}/TipoDocumento`,
					`con TipoDocumento ${tipoDocumento(b)} il cessionario/committente deve avere IdFiscaleIVA`,
					`with TipoDocumento ${tipoDocumento(b)} the buyer must have an IdFiscaleIVA`,
				),
			);
	},
};
