import { bodies, dataDocumento, documentPath, error, list } from './helpers';
import type { SdiRule } from './types';

export const rule00418: SdiRule = {
	code: '00418',
	title: 'the invoice Data is earlier than the Data of an invoice it refers to (DatiFattureCollegate)',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const data = dataDocumento(b);
			if (!data) return [];
			return list(b.value?.DatiGenerali?.DatiFattureCollegate)
				.map((c, i) => ({ c, path: `${b.path}/DatiGenerali/DatiFattureCollegate[${i + 1}]/Data` }))
				.filter(({ c }) => typeof c?.Data === 'string' && /^\d{4}-\d{2}-\d{2}/.test(c.Data) && c.Data.slice(0, 10) > data)
				.map(({ c, path }) =>
					error(
						'00418',
						`${documentPath(b)}/Data`,
						`la data della fattura ${data} è precedente alla data ${c.Data} della fattura collegata ${c.IdDocumento ?? ''} (${path})`,
						`the invoice date ${data} is earlier than the date ${c.Data} of the linked invoice ${c.IdDocumento ?? ''} (${path})`,
					),
				);
		}),
};
