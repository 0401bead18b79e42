import { bodies, dataDocumento, documentPath, error, list, tipoDocumento } from './helpers';
import type { SdiRule } from './types';

/**
 * Credit notes only: AdE "Elenco dei controlli" v2.0 (31/01/2025), "Controllo coerenza data nota di
 * credito", p. 21: IF (TipoDoc == "TD04") IF (DataNC < DataFattColl) ERRORE (00418). Another type
 * may legitimately link a later document.
 */
export const rule00418: SdiRule = {
	code: '00418',
	title: 'a credit note (TD04) is dated earlier than an invoice it refers to (DatiFattureCollegate)',
	check: ({ model }) =>
		bodies(model).flatMap((b) => {
			const data = dataDocumento(b);
			if (!data || tipoDocumento(b)?.trim() !== 'TD04') return [];
			return list(b.value?.DatiGenerali?.DatiFattureCollegate)
				.map((c, i) => ({ c, path: `${b.path}/DatiGenerali/DatiFattureCollegate[${i + 1}]/Data` }))
				.filter(({ c }) => typeof c?.Data === 'string' && /^\d{4}-\d{2}-\d{2}/.test(c.Data) && c.Data.slice(0, 10) > data)
				.map(({ c, path }) =>
					error(
						'00418',
						`${documentPath(b)}/Data`,
						`la data della nota di credito ${data} è precedente alla data ${c.Data} della fattura collegata ${c.IdDocumento ?? ''} (${path})`,
						`the credit note date ${data} is earlier than the date ${c.Data} of the linked invoice ${c.IdDocumento ?? ''} (${path})`,
					),
				);
		}),
};
