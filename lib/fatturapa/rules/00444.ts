import { bodies, casse, error, isZeroRate, lines, present, riepiloghi, type At } from './helpers';
import { hasMalformedPair } from './ratePairs';
import type { SdiRule } from './types';

function naturaSet(items: At<{ AliquotaIVA?: string; Natura?: string }>[]): Set<string> {
	return new Set(items.filter((i) => isZeroRate(i.value?.AliquotaIVA) && present(i.value?.Natura)).map((i) => i.value.Natura!.trim()));
}

/**
 * Natura codes must correspond both ways. When a rate/Natura pair is itself malformed (00400,
 * 00401, 00413, 00414, 00429, 00430) the correspondence cannot be judged, so only that error is
 * reported, as SdI does for the semantic samples.
 */
export const rule00444: SdiRule = {
	code: '00444',
	title: 'the Natura codes of lines and cassa do not correspond to those of DatiRiepilogo',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const detailItems = [...lines(b), ...casse(b)];
			const summaryItems = riepiloghi(b);
			if (hasMalformedPair([...detailItems, ...summaryItems])) return [];
			const detail = naturaSet(detailItems);
			const summary = naturaSet(summaryItems);
			const onlyDetail = [...detail].filter((n) => !summary.has(n));
			const onlySummary = [...summary].filter((n) => !detail.has(n));
			if (onlyDetail.length === 0 && onlySummary.length === 0) return [];
			const list = [...onlyDetail.map((n) => `${n} (linee/cassa)`), ...onlySummary.map((n) => `${n} (riepilogo)`)].join(', ');
			const listEn = [...onlyDetail.map((n) => `${n} (lines/cassa)`), ...onlySummary.map((n) => `${n} (DatiRiepilogo)`)].join(', ');
			return [
				error(
					'00444',
					`${b.path}/DatiBeniServizi/DatiRiepilogo`,
					`non c'è corrispondenza tra le Natura delle linee/cassa e quelle del riepilogo: ${list}`,
					`Natura codes of lines/cassa and DatiRiepilogo do not correspond: ${listEn}`,
				),
			];
		}),
};
