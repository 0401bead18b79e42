import { codeValidity } from '../codeValidity';
import { bodies, casse, dataDocumento, error, lines, riepiloghi, type At } from './helpers';
import type { SdiRule } from './types';

/** N2, N3 and N6 were split into N2.1-N6.9; the dates live in the shared code-validity table. */
export const rule00445: SdiRule = {
	code: '00445',
	title: 'a generic Natura N2, N3 or N6 on an invoice dated from 2021-01-01',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const data = dataDocumento(b);
			if (!data) return [];
			const items: At<{ Natura?: string }>[] = [...lines(b), ...casse(b), ...riepiloghi(b)];
			return items
				.filter((i) => {
					const until = codeValidity('Natura', i.value?.Natura?.trim() ?? '')?.validUntil;
					return until !== undefined && data > until;
				})
				.map((i) =>
					error(
						'00445',
						`${i.path}/Natura`,
						`Natura ${i.value.Natura} non più ammessa per fatture datate dal 2021-01-01: usare il codice di dettaglio (es. ${i.value.Natura}.1)`,
						`Natura ${i.value.Natura} is no longer allowed on invoices dated from 2021-01-01: use the detailed code (e.g. ${i.value.Natura}.1)`,
					),
				);
		}),
};
