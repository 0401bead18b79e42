import { error, HEADER, present } from './helpers';
import type { SdiRule } from './types';

export const rule00417: SdiRule = {
	code: '00417',
	title: 'CessionarioCommittente has neither IdFiscaleIVA nor CodiceFiscale',
	check: ({ model }) => {
		const dati = model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici;
		if (!dati) return [];
		if (present(dati.IdFiscaleIVA?.IdCodice) || present(dati.CodiceFiscale)) return [];
		return [
			error(
				'00417',
				`${HEADER}/CessionarioCommittente/DatiAnagrafici`,
				'il cessionario/committente deve avere almeno uno tra IdFiscaleIVA e CodiceFiscale',
				'the buyer (CessionarioCommittente) needs at least one of IdFiscaleIVA and CodiceFiscale',
			),
		];
	},
};
