import { checkItalianCodiceFiscale } from './identifiers';
import { parties } from './parties';
import type { AnyRuleContext, SdiRule } from './types';

const check = ({ model }: AnyRuleContext) => checkItalianCodiceFiscale('00306', parties(model).cessionarioCodiceFiscale, 'CessionarioCommittente', 'CessionarioCommittente');

export const rule00306: SdiRule = {
	code: '00306',
	title: 'CessionarioCommittente CodiceFiscale is not valid',
	check,
	checkSemplificata: check,
};
