import { bodies, casse, error, lines, rateKey, riepiloghi } from './helpers';
import type { SdiRule } from './types';

export const rule00419: SdiRule = {
	code: '00419',
	title: 'a VAT rate used by a line or a cassa previdenziale has no DatiRiepilogo',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const summarised = new Set(riepiloghi(b).map((r) => rateKey(r.value?.AliquotaIVA)));
			const reported = new Set<string>();
			return [...lines(b), ...casse(b)].flatMap((item) => {
				const rate = rateKey(item.value?.AliquotaIVA);
				if (rate === undefined || summarised.has(rate) || reported.has(rate)) return [];
				reported.add(rate);
				return [
					error(
						'00419',
						`${item.path}/AliquotaIVA`,
						`manca il blocco DatiRiepilogo per l'aliquota IVA ${rate}% usata in ${item.path}`,
						`there is no DatiRiepilogo for the VAT rate ${rate}% used in ${item.path}`,
					),
				];
			});
		}),
};
