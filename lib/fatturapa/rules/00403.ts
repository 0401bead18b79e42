import { bodies, dataDocumento, documentPath, error } from './helpers';
import type { SdiRule } from './types';

export const rule00403: SdiRule = {
	code: '00403',
	title: 'the invoice Data is later than the day SdI receives the file',
	check: ({ model, options }) =>
		bodies(model)
			.filter((b) => {
				const data = dataDocumento(b);
				return data !== undefined && data > options.receivedOn;
			})
			.map((b) =>
				error(
					'00403',
					`${documentPath(b)}/Data`,
					`la data della fattura ${dataDocumento(b)} è successiva alla data di ricezione da parte del SdI (${options.receivedOn})`,
					`the invoice date ${dataDocumento(b)} is later than the day SdI receives it (${options.receivedOn})`,
				),
			),
};
