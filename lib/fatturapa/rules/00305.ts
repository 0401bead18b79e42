import { checkItalianVatId } from './identifiers';
import { parties } from './parties';
import type { AnyRuleContext, SdiRule } from './types';

const check = ({ model }: AnyRuleContext) => checkItalianVatId('00305', parties(model).cessionarioIva, 'CessionarioCommittente', 'CessionarioCommittente');

export const rule00305: SdiRule = {
	code: '00305',
	title: 'CessionarioCommittente IdFiscaleIVA is not a valid partita IVA',
	check,
	checkSemplificata: check,
};
