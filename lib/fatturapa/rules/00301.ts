import { checkItalianVatId } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00301: SdiRule = {
	code: '00301',
	title: 'CedentePrestatore IdFiscaleIVA is not a valid partita IVA',
	check: ({ model }) =>
		checkItalianVatId(
			'00301',
			{ value: model?.FatturaElettronicaHeader?.CedentePrestatore?.DatiAnagrafici?.IdFiscaleIVA, path: `${HEADER}/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA` },
			'CedentePrestatore',
			'CedentePrestatore',
		),
};
