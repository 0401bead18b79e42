import { checkItalianCodiceFiscale } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00306: SdiRule = {
	code: '00306',
	title: 'CessionarioCommittente CodiceFiscale is not valid',
	check: ({ model }) =>
		checkItalianCodiceFiscale(
			'00306',
			{ value: model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici?.CodiceFiscale, path: `${HEADER}/CessionarioCommittente/DatiAnagrafici/CodiceFiscale` },
			'CessionarioCommittente',
			'CessionarioCommittente',
		),
};
