import { discountWithoutAmount } from './discounts';
import { bodies, documentPath } from './helpers';
import type { SdiRule } from './types';

export const rule00437: SdiRule = {
	code: '00437',
	title: 'a document ScontoMaggiorazione has a Tipo but neither Percentuale nor Importo',
	check: ({ model }) => bodies(model).flatMap((b) => discountWithoutAmount('00437', documentPath(b), b.value?.DatiGenerali?.DatiGeneraliDocumento?.ScontoMaggiorazione)),
};
