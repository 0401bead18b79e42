import { bodies, casse } from './helpers';
import { zeroRateWithoutNatura } from './ratePairs';
import type { SdiRule } from './types';

export const rule00413: SdiRule = {
	code: '00413',
	title: 'a cassa previdenziale has AliquotaIVA 0 but no Natura',
	check: ({ model }) => bodies(model).flatMap((b) => zeroRateWithoutNatura('00413', casse(b), 'la cassa previdenziale', 'the cassa previdenziale')),
};
