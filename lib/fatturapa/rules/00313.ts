import { error, HEADER } from './helpers';
import type { SdiRule } from './types';

export const rule00313: SdiRule = {
	code: '00313',
	title: "CodiceDestinatario XXXXXXX (foreign buyer) used for a buyer with an Italian IdFiscaleIVA",
	check: ({ model }) => {
		const header = model?.FatturaElettronicaHeader;
		if (header?.DatiTrasmissione?.CodiceDestinatario?.trim() !== 'XXXXXXX') return [];
		if (header?.CessionarioCommittente?.DatiAnagrafici?.IdFiscaleIVA?.IdPaese?.trim() !== 'IT') return [];
		return [
			error(
				'00313',
				`${HEADER}/DatiTrasmissione/CodiceDestinatario`,
				'CodiceDestinatario XXXXXXX è riservato ai cessionari esteri, ma il cessionario ha IdPaese IT: indicare il codice destinatario, 0000000 o la PEC',
				'CodiceDestinatario XXXXXXX is for foreign buyers, but the buyer has IdPaese IT: give the codice destinatario, 0000000 or a PEC address',
			),
		];
	},
};
