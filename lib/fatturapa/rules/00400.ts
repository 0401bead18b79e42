import { bodies, lines } from './helpers';
import { zeroRateWithoutNatura } from './ratePairs';
import type { SdiRule } from './types';

export const rule00400: SdiRule = {
	code: '00400',
	title: 'a line has AliquotaIVA 0 but no Natura',
	check: ({ model }) => bodies(model).flatMap((b) => zeroRateWithoutNatura('00400', lines(b), 'la linea', 'the line')),
};
