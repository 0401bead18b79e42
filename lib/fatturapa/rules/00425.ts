import { bodies, documentPath, error } from './helpers';
import type { SdiRule } from './types';

export const rule00425: SdiRule = {
	code: '00425',
	title: 'the invoice Numero contains no digit',
	check: ({ model }) =>
		bodies(model)
			.filter((b) => {
				const numero = b.value?.DatiGenerali?.DatiGeneraliDocumento?.Numero;
				return typeof numero === 'string' && !/\d/.test(numero);
			})
			.map((b) => {
				const numero = b.value.DatiGenerali.DatiGeneraliDocumento.Numero;
				return error(
					'00425',
					`${documentPath(b)}/Numero`,
					`il numero della fattura "${numero}" deve contenere almeno un carattere numerico`,
					`the invoice number "${numero}" must contain at least one digit`,
				);
			}),
};
