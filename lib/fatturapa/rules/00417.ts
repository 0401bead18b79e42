import { error, present } from './helpers';
import { parties } from './parties';
import type { AnyRuleContext, SdiFinding, SdiRule } from './types';

/** Both shapes: the buyer's ids are DatiAnagrafici (1.4.1) in the ordinaria, IdentificativiFiscali (1.3.1) in the semplificata. */
function check({ model }: AnyRuleContext): SdiFinding[] {
	const p = parties(model);
	if (!p.cessionario.value) return [];
	if (present(p.cessionarioIva.value?.IdCodice) || present(p.cessionarioCodiceFiscale.value)) return [];
	return [
		error(
			'00417',
			p.cessionario.path,
			'il cessionario/committente deve avere almeno uno tra IdFiscaleIVA e CodiceFiscale',
			'the buyer (CessionarioCommittente) needs at least one of IdFiscaleIVA and CodiceFiscale',
		),
	];
}

export const rule00417: SdiRule = {
	code: '00417',
	title: 'CessionarioCommittente has neither IdFiscaleIVA nor CodiceFiscale',
	check,
	checkSemplificata: check,
};
