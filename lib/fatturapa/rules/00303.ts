import { checkItalianVatId } from './identifiers';
import { parties } from './parties';
import type { AnyRuleContext, SdiRule } from './types';

/** both fiscal representatives: the cedente's (1.3, FSM10 1.2.6) and the cessionario's (1.4.4, FSM10 1.3.2.6) */
const check = ({ model }: AnyRuleContext) => parties(model).rappresentanti.flatMap((r) => checkItalianVatId('00303', r.id, r.who_it, r.who_en));

export const rule00303: SdiRule = {
	code: '00303',
	title: 'RappresentanteFiscale IdFiscaleIVA is not a valid partita IVA',
	check,
	checkSemplificata: check,
};
