import { checkItalianCodiceFiscale } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00304: SdiRule = {
	code: '00304',
	title: 'RappresentanteFiscale CodiceFiscale is not valid',
	check: ({ model }) =>
		checkItalianCodiceFiscale(
			'00304',
			{ value: model?.FatturaElettronicaHeader?.RappresentanteFiscale?.DatiAnagrafici?.CodiceFiscale, path: `${HEADER}/RappresentanteFiscale/DatiAnagrafici/CodiceFiscale` },
			'RappresentanteFiscale',
			'RappresentanteFiscale',
		),
};
