import { error, present } from './helpers';
import { cessionarioIsItalian, parties } from './parties';
import type { AnyRuleContext, SdiFinding, SdiRule } from './types';

/** Both shapes (the semplificata's buyer ids are under IdentificativiFiscali). */
function check({ model }: AnyRuleContext): SdiFinding[] {
	const p = parties(model);
	const paese = p.cedenteIva.value?.IdPaese?.trim();
	if (!present(paese) || paese === 'IT') return [];
	if (!p.cessionario.value || cessionarioIsItalian(model)) return [];
	return [
		error(
			'00476',
			p.cessionario.path,
			'cedente/prestatore e cessionario/committente non possono essere entrambi non residenti: almeno uno deve essere italiano',
			'the seller and the buyer cannot both be foreign: at least one must be Italian',
		),
	];
}

export const rule00476: SdiRule = {
	code: '00476',
	title: 'neither the cedente nor the cessionario is Italian',
	check,
	checkSemplificata: check,
};
