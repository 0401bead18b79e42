import { bodies, lines } from './helpers';
import { naturaWithRate } from './ratePairs';
import type { SdiRule } from './types';

export const rule00401: SdiRule = {
	code: '00401',
	title: 'a line has a Natura but a non-zero AliquotaIVA (TD16 excepted)',
	check: ({ model }) => bodies(model).flatMap((b) => naturaWithRate('00401', b, lines(b), 'la linea', 'the line')),
};
