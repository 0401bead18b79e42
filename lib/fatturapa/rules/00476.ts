import { error, HEADER, present } from './helpers';
import { cedenteId, cessionarioIsItalian } from './parties';
import type { SdiRule } from './types';

export const rule00476: SdiRule = {
	code: '00476',
	title: 'neither the cedente nor the cessionario is Italian',
	check: ({ model }) => {
		const paese = cedenteId(model)?.IdPaese?.trim();
		if (!present(paese) || paese === 'IT') return [];
		const buyer = model?.FatturaElettronicaHeader?.CessionarioCommittente?.DatiAnagrafici;
		if (!buyer || cessionarioIsItalian(model)) return [];
		return [
			error(
				'00476',
				`${HEADER}/CessionarioCommittente/DatiAnagrafici`,
				'cedente/prestatore e cessionario/committente non possono essere entrambi non residenti: almeno uno deve essere italiano',
				'the seller and the buyer cannot both be foreign: at least one must be Italian',
			),
		];
	},
};
