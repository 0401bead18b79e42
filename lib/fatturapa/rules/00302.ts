import { checkItalianCodiceFiscale } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00302: SdiRule = {
	code: '00302',
	title: 'CedentePrestatore CodiceFiscale is not valid',
	check: ({ model }) =>
		checkItalianCodiceFiscale(
			'00302',
			{ value: model?.FatturaElettronicaHeader?.CedentePrestatore?.DatiAnagrafici?.CodiceFiscale, path: `${HEADER}/CedentePrestatore/DatiAnagrafici/CodiceFiscale` },
			'CedentePrestatore',
			'CedentePrestatore',
		),
};
