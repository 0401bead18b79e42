import { bodies, riepiloghi } from './helpers';
import { zeroRateWithoutNatura } from './ratePairs';
import type { SdiRule } from './types';

export const rule00429: SdiRule = {
	code: '00429',
	title: 'a DatiRiepilogo has AliquotaIVA 0 but no Natura',
	check: ({ model }) => bodies(model).flatMap((b) => zeroRateWithoutNatura('00429', riepiloghi(b), 'il riepilogo', 'the DatiRiepilogo')),
};
