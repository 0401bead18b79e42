import { discountWithoutAmount } from './discounts';
import { bodies, lines } from './helpers';
import type { SdiRule } from './types';

export const rule00438: SdiRule = {
	code: '00438',
	title: 'a line ScontoMaggiorazione has a Tipo but neither Percentuale nor Importo',
	check: ({ model }) => bodies(model).flatMap((b) => lines(b).flatMap((l) => discountWithoutAmount('00438', l.path, l.value?.ScontoMaggiorazione))),
};
