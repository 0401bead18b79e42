import { bodies, lines, list, serverSide } from './helpers';
import type { SdiRule } from './types';

/** Since specs 1.8 a line referring to a dichiarazione d'intento is matched against AdE's archive. */
export const rule00477: SdiRule = {
	code: '00477',
	title: "the referenced dichiarazione d'intento must exist and not be revoked: checked by SdI",
	serverSide: true,
	check: ({ model }) =>
		bodies(model).flatMap((body) =>
			lines(body).flatMap((line) =>
				list(line.value?.AltriDatiGestionali)
					.map((a, i) => ({ a, path: `${line.path}/AltriDatiGestionali[${i + 1}]` }))
					.filter(({ a }) => a?.TipoDato?.trim().toUpperCase() === 'INTENTO')
					.map(({ a, path }) =>
						serverSide(
							'00477',
							`${path}/RiferimentoTesto`,
							`controllo del SdI: la dichiarazione d'intento ${a.RiferimentoTesto ?? ''} deve risultare presentata e non revocata`,
							`checked by SdI: the dichiarazione d'intento ${a.RiferimentoTesto ?? ''} must have been filed and not revoked`,
						),
					),
			),
		),
};
