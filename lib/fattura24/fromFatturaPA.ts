/**
 * FatturaPA -> Fattura24 SaveDocument, so any source that produces the package's invoice JSON
 * (README "FatturaPA: i dati di una fattura") or a FatturaPA model can invoice through Fattura24.
 * The JSON goes through the same builder as the FatturaPA node (lib/fatturapa buildModel), so
 * every check and total is the same; amounts are integer cents inside (lib/money).
 *
 * Mapping (Fattura24 field <- FatturaPA):
 *   DocumentType FE <- TipoDocumento TD01 (other TipoDocumento: no verified Fattura24 type, refused)
 *   Customer* <- CessionarioCommittente; FeDestinationCode <- CodiceDestinatario; FeCustomerPec <- PECDestinatario
 *   Object <- Causale (joined); Rows <- DettaglioLinee (VatCode = AliquotaIVA, FeVatNature = Natura)
 *   TotalWithoutTax / VatAmount / Total <- sums of DatiRiepilogo / ImportoTotaleDocumento
 *   FePaymentCode <- ModalitaPagamento; PaymentMethodName <- IstitutoFinanziario; PaymentMethodDescription <- IBAN
 *   Payments <- DettaglioPagamento (Date = DataScadenzaPagamento, else the invoice date)
 * Fattura24 documents no field for stamp duty (bollo), rounding, withholding or pension funds:
 * bollo and rounding are reported in `warnings` (or bollo billed as a row on request); a
 * withholding or cassa previdenziale is refused rather than dropped.
 */
import { buildModel, type FatturaInput } from '../fatturapa/build';
import type { DettaglioLinee, FatturaElettronica } from '../fatturapa/model';
import { formatCents, parseCents, parseExactDecimal, sumCents, type Cents } from '../money';
import { Fattura24InputError, type DocumentInput, type DocumentType, type PaymentInput, type RowInput } from './requests';

export interface ConvertOptions {
	/** default FE for TD01 */
	documentType?: DocumentType;
	/** Fattura24 template id (GetTemplate) */
	idTemplate?: string | number;
	/** let Fattura24 e-mail the document to the customer; default false */
	sendEmail?: boolean;
	/** the customer's e-mail (FatturaPA carries none for the buyer) */
	customerEmail?: string;
	/** mark the payments as already paid; default false */
	paid?: boolean;
	/**
	 * stamp duty (DatiBollo): 'warn' (default) leaves the totals as FatturaPA has them and adds a
	 * warning; 'row' bills the 2.00 EUR to the customer as a row "Imposta di bollo" at 0% N1
	 * (excluded under art. 15 DPR 633/72) and adds it to the total
	 */
	bollo?: 'warn' | 'row';
	/** your order id in Fattura24 (F24OrderId) */
	orderId?: string;
}

export interface ConvertedDocument {
	document: DocumentInput;
	totals: { totalWithoutTaxCents: Cents; vatAmountCents: Cents; totalCents: Cents };
	/** what Fattura24 cannot carry and the caller should know about */
	warnings: string[];
}

function isModel(x: unknown): x is FatturaElettronica {
	return !!x && typeof x === 'object' && 'FatturaElettronicaHeader' in x && 'FatturaElettronicaBody' in x;
}

/** Invoice JSON (or a FatturaPA model) -> a SaveDocument input for saveDocumentRequest. */
export function fatturaToSaveDocument(input: FatturaInput | FatturaElettronica, options: ConvertOptions = {}): ConvertedDocument {
	const model = isModel(input) ? input : buildModel(input).model;
	if (model.FatturaElettronicaBody.length !== 1)
		throw new Fattura24InputError('FatturaElettronicaBody', `Fattura24 saves one document per call; this file holds ${model.FatturaElettronicaBody.length} invoices (a lotto): convert each on its own`);
	const body = model.FatturaElettronicaBody[0];
	const dg = body.DatiGenerali.DatiGeneraliDocumento;
	const warnings: string[] = [];
	const documentType = options.documentType ?? 'FE';
	if (dg.TipoDocumento !== 'TD01' && options.documentType === undefined)
		throw new Fattura24InputError(
			'tipoDocumento',
			`${dg.TipoDocumento} has no Fattura24 DocumentType verified in Fattura24's documentation (FE is the e-invoice, TD01); set documentType explicitly if you know the right one`,
		);
	if ((dg.Divisa ?? 'EUR') !== 'EUR') throw new Fattura24InputError('divisa', `Fattura24's API documents amounts in euro only; this invoice is in ${dg.Divisa}`);
	if (dg.DatiRitenuta?.length) throw new Fattura24InputError('DatiRitenuta', 'Fattura24\'s API documents no withholding-tax (ritenuta) field; create this invoice in Fattura24 itself');
	if (dg.DatiCassaPrevidenziale?.length) throw new Fattura24InputError('DatiCassaPrevidenziale', 'Fattura24\'s API documents no pension-fund (cassa previdenziale) field; create this invoice in Fattura24 itself');
	if (dg.ScontoMaggiorazione?.length) throw new Fattura24InputError('ScontoMaggiorazione', 'a discount on the whole document has no documented Fattura24 field; put it on the rows');

	const buyer = model.FatturaElettronicaHeader.CessionarioCommittente;
	const a = buyer.DatiAnagrafici.Anagrafica;
	const name = a.Denominazione ?? [a.Nome, a.Cognome].filter(Boolean).join(' ');
	const sede = buyer.Sede;
	const tx = model.FatturaElettronicaHeader.DatiTrasmissione;

	const rows: RowInput[] = body.DatiBeniServizi.DettaglioLinee.map((l, i) => row(l, i, warnings));
	const riepilogo = body.DatiBeniServizi.DatiRiepilogo;
	let net = sumCents(riepilogo.map((r, i) => parseCents(r.ImponibileImporto, `DatiRiepilogo[${i}].ImponibileImporto`)));
	const vat = sumCents(riepilogo.map((r, i) => parseCents(r.Imposta, `DatiRiepilogo[${i}].Imposta`)));
	if (riepilogo.some((r) => r.SpeseAccessorie !== undefined || r.Arrotondamento !== undefined))
		throw new Fattura24InputError('DatiRiepilogo', 'SpeseAccessorie or Arrotondamento in a VAT summary have no documented Fattura24 field');
	let total = dg.ImportoTotaleDocumento !== undefined ? parseCents(dg.ImportoTotaleDocumento, 'ImportoTotaleDocumento') : net + vat;
	if (dg.Arrotondamento !== undefined && parseCents(dg.Arrotondamento, 'Arrotondamento') !== 0)
		warnings.push(`the invoice has Arrotondamento ${dg.Arrotondamento}: Fattura24 documents no rounding field, so Total includes it but Fattura24 may recompute it from the rows`);
	if (total !== net + vat && dg.Arrotondamento === undefined)
		throw new Fattura24InputError('ImportoTotaleDocumento', `${dg.ImportoTotaleDocumento} is not imponibile ${formatCents(net)} + imposta ${formatCents(vat)}`);

	if (dg.DatiBollo) {
		const bollo = dg.DatiBollo.ImportoBollo !== undefined ? parseCents(dg.DatiBollo.ImportoBollo, 'ImportoBollo') : 200;
		if (options.bollo === 'row') {
			rows.push({ Description: 'Imposta di bollo', Qty: '1', Price: formatCents(bollo), VatCode: '0', VatDescription: '0%', FeVatNature: 'N1' });
			net += bollo;
			total += bollo;
		} else {
			warnings.push(
				`the invoice owes stamp duty (bollo virtuale, ${formatCents(bollo)} EUR): Fattura24's API documents no bollo field, so make sure Fattura24 applies it (its own settings), or convert with bollo: 'row' to bill it as a row`,
			);
		}
	}

	const document: DocumentInput = { DocumentType: documentType };
	const put = (k: string, v: string | undefined) => {
		if (v !== undefined && v !== '') document[k] = v;
	};
	put('CustomerName', name);
	put('CustomerAddress', [sede.Indirizzo, sede.NumeroCivico].filter(Boolean).join(' '));
	put('CustomerPostcode', sede.CAP);
	put('CustomerCity', sede.Comune);
	put('CustomerProvince', sede.Provincia);
	put('CustomerCountry', sede.Nazione);
	put('CustomerFiscalCode', buyer.DatiAnagrafici.CodiceFiscale);
	put('CustomerVatCode', buyer.DatiAnagrafici.IdFiscaleIVA?.IdCodice);
	put('CustomerEmail', options.customerEmail);
	put('FeCustomerPec', tx.PECDestinatario);
	put('FeDestinationCode', tx.CodiceDestinatario);
	put('Object', dg.Causale?.join(' '));

	const payments: PaymentInput[] = [];
	const pay = body.DatiPagamento?.[0];
	if (body.DatiPagamento && body.DatiPagamento.length > 1) warnings.push('only the first DatiPagamento block is sent: Fattura24 has one payment method per document');
	if (pay) {
		const first = pay.DettaglioPagamento[0];
		put('FePaymentCode', first.ModalitaPagamento);
		put('PaymentMethodName', first.IstitutoFinanziario);
		put('PaymentMethodDescription', first.IBAN);
		for (const [i, d] of pay.DettaglioPagamento.entries()) {
			payments.push({ Date: d.DataScadenzaPagamento ?? dg.Data, Amount: formatCents(parseCents(d.ImportoPagamento, `DettaglioPagamento[${i}].ImportoPagamento`)), Paid: options.paid === true });
		}
	}
	document.TotalWithoutTax = formatCents(net);
	document.VatAmount = formatCents(vat);
	document.Total = formatCents(total);
	document.SendEmail = options.sendEmail === true;
	if (options.orderId !== undefined) put('F24OrderId', String(options.orderId));
	if (options.idTemplate !== undefined) document.IdTemplate = String(options.idTemplate);
	if (payments.length) document.Payments = payments;
	document.Rows = rows;
	return { document, totals: { totalWithoutTaxCents: net, vatAmountCents: vat, totalCents: total }, warnings };
}

function rateText(aliquota: string): string {
	const d = parseExactDecimal(aliquota, 'AliquotaIVA', { maxDecimals: 2 });
	const cents = d.units * 10n ** BigInt(2 - d.scale);
	const whole = cents / 100n;
	const frac = cents % 100n;
	return frac === 0n ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

function trimDecimal(s: string): string {
	return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function row(l: DettaglioLinee, i: number, warnings: string[]): RowInput {
	const rate = rateText(l.AliquotaIVA);
	const r: RowInput = {};
	const code = l.CodiceArticolo?.[0]?.CodiceValore;
	if (code) r.Code = code;
	if (l.ScontoMaggiorazione?.length) {
		// Fattura24's Discounts format is not documented: the row carries the discounted line total
		r.Description = `${l.Descrizione} (${trimDecimal(l.Quantita ?? '1')}${l.UnitaMisura ? ` ${l.UnitaMisura}` : ''} x ${l.PrezzoUnitario}, ${l.ScontoMaggiorazione.map((s) => `${s.Tipo === 'SC' ? '-' : '+'}${s.Percentuale !== undefined ? `${trimDecimal(s.Percentuale)}%` : s.Importo}`).join(' ')})`;
		r.Qty = '1';
		r.Price = l.PrezzoTotale;
		warnings.push(`row ${i + 1} has a discount: Fattura24 documents no discount format, so it is sent as quantity 1 at the discounted total ${l.PrezzoTotale}`);
	} else {
		r.Description = l.Descrizione;
		r.Qty = trimDecimal(l.Quantita ?? '1');
		if (l.UnitaMisura) r.Um = l.UnitaMisura;
		r.Price = l.PrezzoUnitario;
	}
	r.VatCode = rate;
	r.VatDescription = `${rate}%`;
	if (l.Natura) r.FeVatNature = l.Natura;
	return r;
}
