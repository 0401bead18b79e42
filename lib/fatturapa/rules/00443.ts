import { bodies, casse, error, lines, rateKey, riepiloghi } from './helpers';
import type { SdiRule } from './types';

/** Rates must correspond both ways: each detailed rate summarised, each summary rate used. */
export const rule00443: SdiRule = {
	code: '00443',
	title: 'the VAT rates of lines and cassa do not correspond to those of DatiRiepilogo',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const detail = new Set([...lines(b), ...casse(b)].map((i) => rateKey(i.value?.AliquotaIVA)).filter((r): r is string => r !== undefined));
			const summary = new Set(riepiloghi(b).map((r) => rateKey(r.value?.AliquotaIVA)).filter((r): r is string => r !== undefined));
			const onlyDetail = [...detail].filter((r) => !summary.has(r));
			const onlySummary = [...summary].filter((r) => !detail.has(r));
			if (onlyDetail.length === 0 && onlySummary.length === 0) return [];
			const it: string[] = [];
			const en: string[] = [];
			if (onlyDetail.length) {
				it.push(`aliquote nelle linee/cassa ma non nel riepilogo: ${onlyDetail.join(', ')}`);
				en.push(`rates in lines/cassa but not in DatiRiepilogo: ${onlyDetail.join(', ')}`);
			}
			if (onlySummary.length) {
				it.push(`aliquote nel riepilogo ma non nelle linee/cassa: ${onlySummary.join(', ')}`);
				en.push(`rates in DatiRiepilogo but in no line or cassa: ${onlySummary.join(', ')}`);
			}
			return [error('00443', `${b.path}/DatiBeniServizi/DatiRiepilogo`, `non c'è corrispondenza tra le aliquote IVA: ${it.join('; ')}`, `VAT rates do not correspond: ${en.join('; ')}`)];
		}),
};
