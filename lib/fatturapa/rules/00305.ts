import { checkItalianVatId } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00305: SdiRule = {
	code: '00305',
	title: 'CessionarioCommittente IdFiscaleIVA is not a valid partita IVA',
	check: ({ model }) =>
		checkItalianVatId(
			'00305',
			{ value: model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici?.IdFiscaleIVA, path: `${HEADER}/CessionarioCommittente/DatiAnagrafici/IdFiscaleIVA` },
			'CessionarioCommittente',
			'CessionarioCommittente',
		),
};
