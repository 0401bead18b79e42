import { checkItalianCodiceFiscale } from './identifiers';
import { parties } from './parties';
import type { SdiRule } from './types';

/** Ordinaria only: the semplificata's RappresentanteFiscale has no CodiceFiscale. */
export const rule00304: SdiRule = {
	code: '00304',
	title: 'RappresentanteFiscale CodiceFiscale is not valid',
	check: ({ model }) => checkItalianCodiceFiscale('00304', parties(model).rappresentanteCodiceFiscale, 'RappresentanteFiscale', 'RappresentanteFiscale'),
};
