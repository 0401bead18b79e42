import { checkItalianVatId } from './identifiers';
import { HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00300: SdiRule = {
	code: '00300',
	title: 'IdTrasmittente/IdCodice is not a valid Italian codice fiscale or partita IVA',
	check: ({ model }) =>
		checkItalianVatId(
			'00300',
			{ value: model?.FatturaElettronicaHeader?.DatiTrasmissione?.IdTrasmittente, path: `${HEADER}/DatiTrasmissione/IdTrasmittente` },
			'IdTrasmittente',
			'IdTrasmittente',
			true,
		),
};
