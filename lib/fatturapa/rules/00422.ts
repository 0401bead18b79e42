import { addExact, type ExactDecimal } from '../../money';
import { bodies, casse, decimal, error, isZeroRate, lines, present, rateKey, riepiloghi, show, type At } from './helpers';
import { hasMalformedPair } from './ratePairs';
import { absDiff, atLeast, ONE_EURO } from './tolerance';
import type { SdiRule } from './types';

const ZERO: ExactDecimal = { units: 0n, scale: 2 };

/**
 * For each rate (and, at zero rate, each Natura): ImponibileImporto must equal the sum of the
 * lines' PrezzoTotale and the casse's ImportoContributoCassa plus the Arrotondamento. Differences
 * under 1.00 are accepted (the tolerance SdI applies in practice, see the research note), 1.00 or
 * more is refused. When a rate/Natura pair is malformed, zero-rate items are grouped by rate only.
 */
export const rule00422: SdiRule = {
	code: '00422',
	title: 'ImponibileImporto differs by 1.00 or more from the sum of PrezzoTotale and ImportoContributoCassa at its rate',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const detailLines = lines(b);
			const detailCasse = casse(b);
			const summary = riepiloghi(b);
			const byNatura = !hasMalformedPair([...detailLines, ...detailCasse, ...summary]);
			const key = (item: At<{ AliquotaIVA?: string; Natura?: string }>) => {
				const rate = rateKey(item.value?.AliquotaIVA);
				if (rate === undefined) return undefined;
				return byNatura && isZeroRate(item.value?.AliquotaIVA) && present(item.value?.Natura) ? `${rate}|${item.value.Natura!.trim()}` : rate;
			};
			const groups = new Map<string, { path: string; imponibile: ExactDecimal; arrotondamento: ExactDecimal; detail: ExactDecimal; broken: boolean }>();
			for (const r of summary) {
				const k = key(r);
				if (k === undefined) continue;
				const g = groups.get(k) ?? { path: `${r.path}/ImponibileImporto`, imponibile: ZERO, arrotondamento: ZERO, detail: ZERO, broken: false };
				const imponibile = decimal(r.value?.ImponibileImporto);
				const arrotondamento = present(r.value?.Arrotondamento) ? decimal(r.value.Arrotondamento) : ZERO;
				if (!imponibile || !arrotondamento) g.broken = true;
				else {
					g.imponibile = addExact(g.imponibile, imponibile);
					g.arrotondamento = addExact(g.arrotondamento, arrotondamento);
				}
				groups.set(k, g);
			}
			const addDetail = (k: string | undefined, amount: string | undefined) => {
				const g = k === undefined ? undefined : groups.get(k);
				if (!g) return; // a rate without riepilogo is 00419's finding
				const d = decimal(amount);
				if (!d) g.broken = true;
				else g.detail = addExact(g.detail, d);
			};
			for (const l of detailLines) addDetail(key(l), l.value?.PrezzoTotale);
			for (const c of detailCasse) addDetail(key(c), c.value?.ImportoContributoCassa);
			return [...groups.entries()].flatMap(([k, g]) => {
				if (g.broken) return [];
				const expected = addExact(g.detail, g.arrotondamento);
				const diff = absDiff(g.imponibile, expected);
				if (!atLeast(diff, ONE_EURO)) return [];
				const label = k.replace('|', '% ');
				return [
					error(
						'00422',
						g.path,
						`ImponibileImporto ${show(g.imponibile)} per l'aliquota ${label}${k.includes('|') ? '' : '%'} non corrisponde alla somma di PrezzoTotale e ImportoContributoCassa più Arrotondamento = ${show(expected)} (differenza ${show(diff)})`,
						`ImponibileImporto ${show(g.imponibile)} for rate ${label}${k.includes('|') ? '' : '%'} does not equal the sum of PrezzoTotale and ImportoContributoCassa plus Arrotondamento = ${show(expected)} (difference ${show(diff)})`,
					),
				];
			});
		}),
};
