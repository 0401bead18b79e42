import { bodies, riepiloghi } from './helpers';
import { naturaWithRate } from './ratePairs';
import type { SdiRule } from './types';

export const rule00430: SdiRule = {
	code: '00430',
	title: 'a DatiRiepilogo has a Natura but a non-zero AliquotaIVA (TD16 excepted)',
	check: ({ model }) => bodies(model).flatMap((b) => naturaWithRate('00430', b, riepiloghi(b), 'il riepilogo', 'the DatiRiepilogo')),
};
