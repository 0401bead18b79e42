import { bodies, casse } from './helpers';
import { naturaWithRate } from './ratePairs';
import type { SdiRule } from './types';

export const rule00414: SdiRule = {
	code: '00414',
	title: 'a cassa previdenziale has a Natura but a non-zero AliquotaIVA (TD16 excepted)',
	check: ({ model }) => bodies(model).flatMap((b) => naturaWithRate('00414', b, casse(b), 'la cassa previdenziale', 'the cassa previdenziale')),
};
