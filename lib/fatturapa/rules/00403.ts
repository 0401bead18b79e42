import { documentDate, documents, error } from './helpers';
import type { AnyRuleContext, SdiRule } from './types';

/** Both shapes: DatiGeneraliDocumento/Data is 2.1.1.3 in the ordinaria and in the semplificata. */
const check = ({ model, options }: AnyRuleContext) =>
	documents(model)
		.filter((d) => {
			const data = documentDate(d);
			return data !== undefined && data > options.receivedOn;
		})
		.map((d) =>
			error(
				'00403',
				`${d.path}/Data`,
				`la data della fattura ${documentDate(d)} è successiva alla data di ricezione da parte del SdI (${options.receivedOn})`,
				`the invoice date ${documentDate(d)} is later than the day SdI receives it (${options.receivedOn})`,
			),
		);

export const rule00403: SdiRule = {
	code: '00403',
	title: 'the invoice Data is later than the day SdI receives the file',
	check,
	checkSemplificata: check,
};
