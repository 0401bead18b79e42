import { checkItalianCodiceFiscale } from './identifiers';
import { parties } from './parties';
import type { AnyRuleContext, SdiRule } from './types';

const check = ({ model }: AnyRuleContext) => checkItalianCodiceFiscale('00302', parties(model).cedenteCodiceFiscale, 'CedentePrestatore', 'CedentePrestatore');

export const rule00302: SdiRule = {
	code: '00302',
	title: 'CedentePrestatore CodiceFiscale is not valid',
	check,
	checkSemplificata: check,
};
