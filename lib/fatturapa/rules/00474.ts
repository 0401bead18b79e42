import { bodies, error, isZeroRate, lines, tipoDocumento } from './helpers';
import type { SdiRule } from './types';

export const rule00474: SdiRule = {
	code: '00474',
	title: 'TD21 (splafonamento) with a zero-rate line',
	check: ({ model }) =>
		bodies(model)
			.filter((b) => tipoDocumento(b) === 'TD21')
			.flatMap((b) =>
				lines(b)
					.filter((l) => isZeroRate(l.value?.AliquotaIVA))
					.map((l) =>
						error(
							'00474',
							`${l.path}/AliquotaIVA`,
							"con TipoDocumento TD21 (autofattura per splafonamento) l'AliquotaIVA delle linee non può essere zero",
							'with TipoDocumento TD21 (self-invoice for exceeding the plafond) a line cannot have a zero AliquotaIVA',
						),
					),
			),
};
