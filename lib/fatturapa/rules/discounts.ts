import type { ScontoMaggiorazione } from '../model';
import { error, list, present } from './helpers';
import type { SdiFinding } from './types';

/** A ScontoMaggiorazione with a Tipo but no amount: SdI cannot tell how much (00437 document, 00438 line). */
export function discountWithoutAmount(code: string, parentPath: string, discounts: ScontoMaggiorazione[] | undefined): SdiFinding[] {
	return list(discounts)
		.map((d, i) => ({ d, path: `${parentPath}/ScontoMaggiorazione[${i + 1}]` }))
		.filter(({ d }) => present(d?.Tipo) && !present(d?.Percentuale) && !present(d?.Importo))
		.map(({ d, path }) =>
			error(
				code,
				path,
				`ScontoMaggiorazione di tipo ${d.Tipo} senza Percentuale né Importo`,
				`ScontoMaggiorazione of type ${d.Tipo} has neither Percentuale nor Importo`,
			),
		);
}
