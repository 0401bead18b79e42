import { documents, error } from './helpers';
import type { AnyRuleContext, SdiRule } from './types';

/** Both shapes: DatiGeneraliDocumento/Numero is 2.1.1.4 in the ordinaria and in the semplificata. */
const check = ({ model }: AnyRuleContext) =>
	documents(model)
		.filter((d) => typeof d.value.Numero === 'string' && !/\d/.test(d.value.Numero))
		.map((d) =>
			error(
				'00425',
				`${d.path}/Numero`,
				`il numero della fattura "${d.value.Numero}" deve contenere almeno un carattere numerico`,
				`the invoice number "${d.value.Numero}" must contain at least one digit`,
			),
		);

export const rule00425: SdiRule = {
	code: '00425',
	title: 'the invoice Numero contains no digit',
	check,
	checkSemplificata: check,
};
