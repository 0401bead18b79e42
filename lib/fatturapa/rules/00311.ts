import { HEADER, serverSide } from './helpers';
import type { AnyRuleContext, SdiFinding, SdiRule } from './types';

/**
 * Whether a codice destinatario exists and is active is in SdI's registry only. Both shapes:
 * CodiceDestinatario is 1.1.4 in the ordinaria and in the semplificata.
 */
function check({ model }: AnyRuleContext): SdiFinding[] {
	const code = model?.FatturaElettronicaHeader?.DatiTrasmissione?.CodiceDestinatario?.trim();
	if (!code || code === '0000000' || code === 'XXXXXXX') return [];
	return [
		serverSide(
			'00311',
			`${HEADER}/DatiTrasmissione/CodiceDestinatario`,
			`controllo del SdI: il CodiceDestinatario ${code} deve esistere ed essere attivo nel registro del SdI (scarto 00311/00312); non verificabile in anticipo`,
			`checked by SdI: CodiceDestinatario ${code} must exist and be active in SdI's registry (rejection 00311/00312); cannot be verified beforehand`,
		),
	];
}

export const rule00311: SdiRule = {
	code: '00311',
	title: 'CodiceDestinatario unknown (00311) or not active (00312): checked by SdI against its registry',
	serverSide: true,
	check,
	checkSemplificata: check,
};
