import { checkItalianVatId } from './identifiers';
import { parties } from './parties';
import type { AnyRuleContext, SdiRule } from './types';

/** Both shapes: IdTrasmittente is 1.1.1 in the ordinaria and in the semplificata. */
const check = ({ model }: AnyRuleContext) => checkItalianVatId('00300', parties(model).trasmittente, 'IdTrasmittente', 'IdTrasmittente', true);

export const rule00300: SdiRule = {
	code: '00300',
	title: 'IdTrasmittente/IdCodice is not a valid Italian codice fiscale or partita IVA',
	check,
	checkSemplificata: check,
};
