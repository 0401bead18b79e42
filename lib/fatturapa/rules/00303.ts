import { checkItalianVatId } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

/** both fiscal representatives: the cedente's (1.3) and the cessionario's (1.4.4) */
export const rule00303: SdiRule = {
	code: '00303',
	title: 'RappresentanteFiscale IdFiscaleIVA is not a valid partita IVA',
	check: ({ model }) => [
		...checkItalianVatId(
			'00303',
			{ value: model?.FatturaElettronicaHeader?.RappresentanteFiscale?.DatiAnagrafici?.IdFiscaleIVA, path: `${HEADER}/RappresentanteFiscale/DatiAnagrafici/IdFiscaleIVA` },
			'RappresentanteFiscale',
			'RappresentanteFiscale',
		),
		...checkItalianVatId(
			'00303',
			{ value: model?.FatturaElettronicaHeader?.CessionarioCommittente?.RappresentanteFiscale?.IdFiscaleIVA, path: `${HEADER}/CessionarioCommittente/RappresentanteFiscale/IdFiscaleIVA` },
			'RappresentanteFiscale del cessionario',
			"the cessionario's RappresentanteFiscale",
		),
	],
};
