import { documents, serverSide } from './helpers';
import type { AnyRuleContext, SdiRule } from './types';

/** Duplicates are judged against everything already sent to SdI, which only SdI knows. Both shapes. */
const check = ({ model }: AnyRuleContext) =>
	documents(model).map((d) => {
		const doc = d.value;
		return serverSide(
			'00404',
			`${d.path}/Numero`,
			`controllo del SdI: una fattura con stesso cedente, tipo ${doc?.TipoDocumento ?? '?'}, numero ${doc?.Numero ?? '?'} e data ${doc?.Data ?? '?'} già inviata viene scartata come duplicata (00404/00409)`,
			`checked by SdI: an invoice with the same cedente, type ${doc?.TipoDocumento ?? '?'}, number ${doc?.Numero ?? '?'} and date ${doc?.Data ?? '?'} sent before is rejected as a duplicate (00404/00409)`,
		);
	});

export const rule00404: SdiRule = {
	code: '00404',
	title: 'duplicate invoice (same cedente, type, number and date already sent): checked by SdI',
	serverSide: true,
	check,
	checkSemplificata: check,
};
