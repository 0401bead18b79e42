import { checkItalianVatId } from './identifiers';
import { parties } from './parties';
import type { AnyRuleContext, SdiRule } from './types';

const check = ({ model }: AnyRuleContext) => checkItalianVatId('00301', parties(model).cedenteIva, 'CedentePrestatore', 'CedentePrestatore');

export const rule00301: SdiRule = {
	code: '00301',
	title: 'CedentePrestatore IdFiscaleIVA is not a valid partita IVA',
	check,
	checkSemplificata: check,
};
