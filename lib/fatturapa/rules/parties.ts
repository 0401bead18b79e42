/**
 * The parties of an invoice, read the same way from both shapes: the ordinaria (FPA12/FPR12)
 * keeps them under DatiAnagrafici, the semplificata (FSM10) directly under CedentePrestatore and
 * under CessionarioCommittente/IdentificativiFiscali. A rule written against this view is one
 * function for both documents, each finding keeping the path of the file it came from.
 */
import type { FatturaElettronica, IdFiscale } from '../model';
import type { FatturaElettronica as FatturaSemplificata } from '../semplificata/model';
import { HEADER, present, type At } from './helpers';

export type AnyInvoice = FatturaElettronica | FatturaSemplificata;

export function isSemplificata(model: AnyInvoice): model is FatturaSemplificata {
	return (model as { versione?: string })?.versione === 'FSM10';
}

/** A fiscal representative's VAT id and who it represents, for 00303. */
export interface Representative {
	id: At<IdFiscale | undefined>;
	who_it: string;
	who_en: string;
}

export interface Parties {
	/** 1.1.1 IdTrasmittente (both shapes) */
	trasmittente: At<IdFiscale | undefined>;
	cedenteIva: At<IdFiscale | undefined>;
	cedenteCodiceFiscale: At<string | undefined>;
	/** the cedente's and the cessionario's fiscal representatives */
	rappresentanti: Representative[];
	/** the cedente's fiscal representative's codice fiscale (ordinaria only: FSM10 has none) */
	rappresentanteCodiceFiscale: At<string | undefined>;
	/** the block holding the buyer's ids: DatiAnagrafici (ordinaria), IdentificativiFiscali (FSM10) */
	cessionario: At<object | undefined>;
	cessionarioIva: At<IdFiscale | undefined>;
	cessionarioCodiceFiscale: At<string | undefined>;
}

export function parties(model: AnyInvoice): Parties {
	const header = model?.FatturaElettronicaHeader;
	const trasmittente = { value: header?.DatiTrasmissione?.IdTrasmittente, path: `${HEADER}/DatiTrasmissione/IdTrasmittente` };
	if (isSemplificata(model)) {
		const h = model.FatturaElettronicaHeader;
		const cedente = `${HEADER}/CedentePrestatore`;
		const buyer = `${HEADER}/CessionarioCommittente/IdentificativiFiscali`;
		return {
			trasmittente,
			cedenteIva: { value: h?.CedentePrestatore?.IdFiscaleIVA, path: `${cedente}/IdFiscaleIVA` },
			cedenteCodiceFiscale: { value: h?.CedentePrestatore?.CodiceFiscale, path: `${cedente}/CodiceFiscale` },
			rappresentanti: [
				{ id: { value: h?.CedentePrestatore?.RappresentanteFiscale?.IdFiscaleIVA, path: `${cedente}/RappresentanteFiscale/IdFiscaleIVA` }, who_it: 'RappresentanteFiscale', who_en: 'RappresentanteFiscale' },
				{
					id: {
						value: h?.CessionarioCommittente?.AltriDatiIdentificativi?.RappresentanteFiscale?.IdFiscaleIVA,
						path: `${HEADER}/CessionarioCommittente/AltriDatiIdentificativi/RappresentanteFiscale/IdFiscaleIVA`,
					},
					who_it: 'RappresentanteFiscale del cessionario',
					who_en: "the cessionario's RappresentanteFiscale",
				},
			],
			rappresentanteCodiceFiscale: { value: undefined, path: `${cedente}/RappresentanteFiscale/CodiceFiscale` },
			cessionario: { value: h?.CessionarioCommittente?.IdentificativiFiscali, path: buyer },
			cessionarioIva: { value: h?.CessionarioCommittente?.IdentificativiFiscali?.IdFiscaleIVA, path: `${buyer}/IdFiscaleIVA` },
			cessionarioCodiceFiscale: { value: h?.CessionarioCommittente?.IdentificativiFiscali?.CodiceFiscale, path: `${buyer}/CodiceFiscale` },
		};
	}
	const h = (model as FatturaElettronica)?.FatturaElettronicaHeader;
	const cedente = `${HEADER}/CedentePrestatore/DatiAnagrafici`;
	const buyer = `${HEADER}/CessionarioCommittente/DatiAnagrafici`;
	return {
		trasmittente,
		cedenteIva: { value: h?.CedentePrestatore?.DatiAnagrafici?.IdFiscaleIVA, path: `${cedente}/IdFiscaleIVA` },
		cedenteCodiceFiscale: { value: h?.CedentePrestatore?.DatiAnagrafici?.CodiceFiscale, path: `${cedente}/CodiceFiscale` },
		rappresentanti: [
			{ id: { value: h?.RappresentanteFiscale?.DatiAnagrafici?.IdFiscaleIVA, path: `${HEADER}/RappresentanteFiscale/DatiAnagrafici/IdFiscaleIVA` }, who_it: 'RappresentanteFiscale', who_en: 'RappresentanteFiscale' },
			{
				id: { value: h?.CessionarioCommittente?.RappresentanteFiscale?.IdFiscaleIVA, path: `${HEADER}/CessionarioCommittente/RappresentanteFiscale/IdFiscaleIVA` },
				who_it: 'RappresentanteFiscale del cessionario',
				who_en: "the cessionario's RappresentanteFiscale",
			},
		],
		rappresentanteCodiceFiscale: { value: h?.RappresentanteFiscale?.DatiAnagrafici?.CodiceFiscale, path: `${HEADER}/RappresentanteFiscale/DatiAnagrafici/CodiceFiscale` },
		cessionario: { value: h?.CessionarioCommittente?.DatiAnagrafici, path: buyer },
		cessionarioIva: { value: h?.CessionarioCommittente?.DatiAnagrafici?.IdFiscaleIVA, path: `${buyer}/IdFiscaleIVA` },
		cessionarioCodiceFiscale: { value: h?.CessionarioCommittente?.DatiAnagrafici?.CodiceFiscale, path: `${buyer}/CodiceFiscale` },
	};
}

function normalisedId(id: IdFiscale | undefined): string | undefined {
	if (!id || !present(id.IdPaese) || !present(id.IdCodice)) return undefined;
	return `${id.IdPaese.trim().toUpperCase()}${id.IdCodice.trim().toUpperCase()}`;
}

export function cedenteId(model: AnyInvoice): IdFiscale | undefined {
	return parties(model).cedenteIva.value;
}

export function cessionarioId(model: AnyInvoice): IdFiscale | undefined {
	return parties(model).cessionarioIva.value;
}

/** Same subject on both sides: same IdFiscaleIVA, or the same codice fiscale given for both. */
export function cedenteIsCessionario(model: AnyInvoice): boolean {
	const p = parties(model);
	const a = normalisedId(p.cedenteIva.value);
	const b = normalisedId(p.cessionarioIva.value);
	if (a && b) return a === b;
	const cfA = p.cedenteCodiceFiscale.value?.trim().toUpperCase();
	const cfB = p.cessionarioCodiceFiscale.value?.trim().toUpperCase();
	return !!cfA && cfA === cfB;
}

/** A buyer with only a codice fiscale is Italian (the codice fiscale is Italian by definition). */
export function cessionarioIsItalian(model: AnyInvoice): boolean {
	const p = parties(model);
	if (present(p.cessionarioIva.value?.IdPaese)) return p.cessionarioIva.value!.IdPaese.trim() === 'IT';
	return present(p.cessionarioCodiceFiscale.value);
}
