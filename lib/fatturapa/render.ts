/**
 * A readable, self-contained HTML page for a FatturaPA (our own template, not the AdE stylesheet):
 * Italian labels, inline styles, no script, no external resource, every value escaped. Meant for
 * e-mails and archives, where the XML itself is unreadable to people.
 */
import type {
	Anagrafica,
	CedentePrestatore,
	CessionarioCommittente,
	DatiGeneraliDocumento,
	FatturaElettronica,
	FatturaElettronicaBody,
	IdFiscale,
	Indirizzo,
} from './model';
import { codeLabel, describeCode, escapeHtml as e, formatDateIt, formatNumberIt as num } from './render-format';

export interface RenderOptions {
	/** page title; default "<TipoDocumento label> <Numero> del <Data>" of the first body, e.g. "Nota di credito 5 del 30/06/2025" */
	title?: string;
	/** only these bodies of a lotto (0-based); default all */
	bodies?: number[];
}

export function renderInvoiceHtml(model: FatturaElettronica, options: RenderOptions = {}): string {
	if (!model || typeof model !== 'object' || !model.FatturaElettronicaHeader) {
		throw new TypeError('renderInvoiceHtml: expected a FatturaPA model (from parseFatturaPA or buildModel) with a FatturaElettronicaHeader');
	}
	const all = list(model.FatturaElettronicaBody);
	const chosen = options.bodies ? options.bodies.map((i) => {
		if (!all[i]) throw new RangeError(`renderInvoiceHtml: body ${i} does not exist (the file has ${all.length})`);
		return all[i];
	}) : all;
	const firstDoc = chosen[0]?.DatiGenerali?.DatiGeneraliDocumento;
	const title = options.title ?? (firstDoc ? `${codeLabel('TipoDocumento', firstDoc.TipoDocumento) ?? 'Fattura'} ${firstDoc.Numero ?? ''} del ${formatDateIt(firstDoc.Data)}` : 'Fattura elettronica');
	const header = model.FatturaElettronicaHeader;
	return [
		'<!DOCTYPE html>',
		'<html lang="it"><head><meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${e(title)}</title>`,
		`<style>${STYLE}</style>`,
		'</head><body><main class="fattura">',
		`<header><h1>${e(title)}</h1>`,
		`<p class="meta">${e(describeCode('FormatoTrasmissione', header.DatiTrasmissione?.FormatoTrasmissione))}</p></header>`,
		'<section class="parti">',
		party('Cedente / Prestatore', header.CedentePrestatore),
		party('Cessionario / Committente', header.CessionarioCommittente),
		'</section>',
		transmission(model),
		...chosen.map((b, i) => body(b, chosen.length > 1 ? i + 1 : undefined)),
		'<footer><p>Rappresentazione leggibile della fattura elettronica. Il documento con valore fiscale è il file XML trasmesso tramite il Sistema di Interscambio.</p></footer>',
		'</main></body></html>',
	].join('\n');
}

const STYLE = [
	'body{font-family:Helvetica,Arial,sans-serif;color:#222;margin:0;background:#f4f4f4}',
	'.fattura{max-width:960px;margin:0 auto;background:#fff;padding:24px}',
	'h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:24px}h3{font-size:14px;margin:16px 0 6px}',
	'.meta{color:#666;margin:0}.parti{display:flex;gap:16px;flex-wrap:wrap;margin-top:16px}',
	'.parte{flex:1 1 300px;border:1px solid #ddd;padding:12px}.parte h2{margin-top:0}',
	'table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}',
	'th{background:#f0f0f0}td.n{text-align:right;white-space:nowrap}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}',
	'dt{color:#666}dd{margin:0}.totale{font-size:18px;font-weight:bold;text-align:right}footer{color:#888;font-size:11px;margin-top:24px}',
].join('');

function list<T>(x: T[] | T | undefined): T[] {
	if (x === undefined || x === null) return [];
	return Array.isArray(x) ? x : [x];
}

/** <dl> of the entries that have a value; values are escaped here */
function fields(entries: [string, string | undefined][]): string {
	const rows = entries.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`);
	return rows.length ? `<dl>${rows.join('')}</dl>` : '';
}

function name(a: Anagrafica | undefined): string {
	if (!a) return '';
	const person = [a.Titolo, a.Nome, a.Cognome].filter(Boolean).join(' ');
	return a.Denominazione ?? person;
}

function idFiscale(id: IdFiscale | undefined): string | undefined {
	return id?.IdCodice ? `${id.IdPaese ?? ''}${id.IdCodice}` : undefined;
}

function address(a: Indirizzo | undefined): string | undefined {
	if (!a) return undefined;
	const street = [a.Indirizzo, a.NumeroCivico].filter(Boolean).join(', ');
	const town = [a.CAP, a.Comune, a.Provincia ? `(${a.Provincia})` : undefined].filter(Boolean).join(' ');
	return [street, town, a.Nazione].filter(Boolean).join(' - ');
}

function party(label: string, p: CedentePrestatore | CessionarioCommittente | undefined): string {
	if (!p) return '';
	const dati = p.DatiAnagrafici as CedentePrestatore['DatiAnagrafici'] | undefined;
	const cedente = p as CedentePrestatore;
	return [
		`<div class="parte"><h2>${e(label)}</h2>`,
		`<p><strong>${e(name(dati?.Anagrafica))}</strong></p>`,
		fields([
			['Partita IVA', idFiscale(dati?.IdFiscaleIVA)],
			['Codice fiscale', dati?.CodiceFiscale],
			['Regime fiscale', dati?.RegimeFiscale ? describeCode('RegimeFiscale', dati.RegimeFiscale) : undefined],
			['Sede', address(p.Sede)],
			['Stabile organizzazione', address(p.StabileOrganizzazione)],
			['Iscrizione REA', cedente.IscrizioneREA ? `${cedente.IscrizioneREA.Ufficio} ${cedente.IscrizioneREA.NumeroREA}` : undefined],
			['Telefono', cedente.Contatti?.Telefono],
			['E-mail', cedente.Contatti?.Email],
		]),
		'</div>',
	].join('');
}

function transmission(model: FatturaElettronica): string {
	const dt = model.FatturaElettronicaHeader.DatiTrasmissione;
	if (!dt) return '';
	return `<section><h2>Dati di trasmissione</h2>${fields([
		['Codice destinatario', dt.CodiceDestinatario],
		['PEC destinatario', dt.PECDestinatario],
		['Trasmittente', idFiscale(dt.IdTrasmittente)],
		['Progressivo invio', dt.ProgressivoInvio],
	])}</section>`;
}

function body(b: FatturaElettronicaBody, ordinal: number | undefined): string {
	const doc = b.DatiGenerali?.DatiGeneraliDocumento;
	const heading = `${describeCode('TipoDocumento', doc?.TipoDocumento)} n. ${doc?.Numero ?? ''} del ${formatDateIt(doc?.Data)}`;
	return [
		`<section class="documento"><h2>${ordinal ? `${ordinal}. ` : ''}${e(heading)}</h2>`,
		documentData(b, doc),
		lines(b),
		summary(b),
		withholdings(doc),
		payments(b),
		attachments(b),
		'</section>',
	].join('\n');
}

function documentData(b: FatturaElettronicaBody, doc: DatiGeneraliDocumento | undefined): string {
	const g = b.DatiGenerali;
	const refs = (label: string, items: { IdDocumento?: string; Data?: string }[] | undefined) =>
		list(items).map((r) => [label, `${r.IdDocumento ?? ''}${r.Data ? ` del ${formatDateIt(r.Data)}` : ''}`] as [string, string]);
	return fields([
		['Divisa', doc?.Divisa],
		['Causale', list(doc?.Causale).join(' ')],
		...refs('Ordine di acquisto', g?.DatiOrdineAcquisto),
		...refs('Contratto', g?.DatiContratto),
		...refs('Convenzione', g?.DatiConvenzione),
		...refs('Fattura collegata', g?.DatiFattureCollegate),
		...list(g?.DatiDDT).map((d) => ['DDT', `${d.NumeroDDT} del ${formatDateIt(d.DataDDT)}`] as [string, string]),
		['Bollo virtuale', doc?.DatiBollo ? `${doc.DatiBollo.BolloVirtuale} ${num(doc.DatiBollo.ImportoBollo)}` : undefined],
		['Arrotondamento', doc?.Arrotondamento ? num(doc.Arrotondamento) : undefined],
	]);
}

function lines(b: FatturaElettronicaBody): string {
	const rows = list(b.DatiBeniServizi?.DettaglioLinee).map((l) => {
		const sconti = list(l.ScontoMaggiorazione)
			.map((s) => `${s.Tipo === 'SC' ? '-' : '+'}${s.Percentuale ? `${num(s.Percentuale)}%` : num(s.Importo)}`)
			.join(' ');
		const iva = l.Natura ? `${num(l.AliquotaIVA)}% ${l.Natura}` : `${num(l.AliquotaIVA)}%`;
		const codici = list(l.CodiceArticolo).map((c) => `${c.CodiceTipo}: ${c.CodiceValore}`).join(', ');
		return `<tr><td class="n">${e(l.NumeroLinea)}</td><td>${e(l.Descrizione)}${codici ? `<br><small>${e(codici)}</small>` : ''}</td><td class="n">${e(num(l.Quantita))}</td><td>${e(l.UnitaMisura)}</td><td class="n">${e(num(l.PrezzoUnitario))}</td><td class="n">${e(sconti)}</td><td class="n">${e(num(l.PrezzoTotale))}</td><td class="n">${e(iva)}</td></tr>`;
	});
	if (!rows.length) return '';
	return `<h3>Dettaglio</h3><table><thead><tr><th>N.</th><th>Descrizione</th><th>Quantità</th><th>U.M.</th><th>Prezzo unitario</th><th>Sconto / magg.</th><th>Prezzo totale</th><th>IVA</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function summary(b: FatturaElettronicaBody): string {
	const casse = list(b.DatiGenerali?.DatiGeneraliDocumento?.DatiCassaPrevidenziale).map(
		(c) => `<tr><td>${e(describeCode('TipoCassa', c.TipoCassa))}</td><td class="n">${e(num(c.AlCassa))}%</td><td class="n">${e(num(c.ImponibileCassa))}</td><td class="n">${e(num(c.ImportoContributoCassa))}</td><td class="n">${e(num(c.AliquotaIVA))}%${e(c.Natura ? ` ${c.Natura}` : '')}</td></tr>`,
	);
	const rows = list(b.DatiBeniServizi?.DatiRiepilogo).map(
		(r) =>
			`<tr><td class="n">${e(num(r.AliquotaIVA))}%</td><td>${e(describeCode('Natura', r.Natura))}</td><td class="n">${e(num(r.ImponibileImporto))}</td><td class="n">${e(num(r.Imposta))}</td><td>${e(describeCode('EsigibilitaIVA', r.EsigibilitaIVA))}</td><td>${e(r.RiferimentoNormativo)}</td></tr>`,
	);
	const total = b.DatiGenerali?.DatiGeneraliDocumento?.ImportoTotaleDocumento;
	const divisa = b.DatiGenerali?.DatiGeneraliDocumento?.Divisa ?? '';
	return [
		casse.length
			? `<h3>Cassa previdenziale</h3><table><thead><tr><th>Cassa</th><th>Aliquota</th><th>Imponibile</th><th>Contributo</th><th>IVA</th></tr></thead><tbody>${casse.join('')}</tbody></table>`
			: '',
		rows.length
			? `<h3>Riepilogo IVA</h3><table><thead><tr><th>Aliquota</th><th>Natura</th><th>Imponibile</th><th>Imposta</th><th>Esigibilità</th><th>Riferimento normativo</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
			: '',
		total ? `<p class="totale">Totale documento: ${e(num(total))} ${e(divisa)}</p>` : '',
	].join('');
}

function withholdings(doc: DatiGeneraliDocumento | undefined): string {
	const rows = list(doc?.DatiRitenuta).map(
		(r) => `<tr><td>${e(describeCode('TipoRitenuta', r.TipoRitenuta))}</td><td class="n">${e(num(r.AliquotaRitenuta))}%</td><td class="n">${e(num(r.ImportoRitenuta))}</td><td>${e(r.CausalePagamento)}</td></tr>`,
	);
	return rows.length ? `<h3>Ritenute</h3><table><thead><tr><th>Tipo</th><th>Aliquota</th><th>Importo</th><th>Causale</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '';
}

function payments(b: FatturaElettronicaBody): string {
	const rows = list(b.DatiPagamento).flatMap((p) =>
		list(p.DettaglioPagamento).map(
			(d) =>
				`<tr><td>${e(describeCode('CondizioniPagamento', p.CondizioniPagamento))}</td><td>${e(describeCode('ModalitaPagamento', d.ModalitaPagamento))}</td><td>${e(formatDateIt(d.DataScadenzaPagamento))}</td><td class="n">${e(num(d.ImportoPagamento))}</td><td>${e([d.Beneficiario, d.IstitutoFinanziario, d.IBAN].filter(Boolean).join(' - '))}</td></tr>`,
		),
	);
	return rows.length
		? `<h3>Pagamento</h3><table><thead><tr><th>Condizioni</th><th>Modalità</th><th>Scadenza</th><th>Importo</th><th>Beneficiario / IBAN</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
		: '';
}

function attachments(b: FatturaElettronicaBody): string {
	const names = list(b.Allegati).map((a) => `<li>${e(a.NomeAttachment)}${a.DescrizioneAttachment ? ` - ${e(a.DescrizioneAttachment)}` : ''}${a.FormatoAttachment ? ` (${e(a.FormatoAttachment)})` : ''}</li>`);
	return names.length ? `<h3>Allegati</h3><ul>${names.join('')}</ul>` : '';
}
