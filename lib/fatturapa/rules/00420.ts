import { bodies, error, riepiloghi } from './helpers';
import type { SdiRule } from './types';

export const rule00420: SdiRule = {
	code: '00420',
	title: 'a DatiRiepilogo with Natura N6.x (reverse charge) has EsigibilitaIVA S (split payment)',
	check: ({ model }) =>
		bodies(model).flatMap((b) =>
			riepiloghi(b)
				.filter((r) => /^N6(\.\d)?$/.test(r.value?.Natura?.trim() ?? '') && r.value?.EsigibilitaIVA?.trim() === 'S')
				.map((r) =>
					error(
						'00420',
						`${r.path}/EsigibilitaIVA`,
						`con Natura ${r.value.Natura} (inversione contabile) EsigibilitaIVA non può essere S (scissione dei pagamenti)`,
						`with Natura ${r.value.Natura} (reverse charge) EsigibilitaIVA cannot be S (split payment)`,
					),
				),
		),
};
