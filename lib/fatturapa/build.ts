import { centsToAmount, formatDecimal, multiply, parseDecimal, rescale, type Decimal } from './amounts';
import { isCodeValidOn, codeValidity } from './codeValidity';
import {
	CondizioniPagamentoCodes,
	EsigibilitaIVACodes,
	ModalitaPagamentoCodes,
	NaturaCodes,
	RegimeFiscaleCodes,
	TipoDocumentoCodes,
	type CondizioniPagamento,
	type EsigibilitaIVA,
	type ModalitaPagamento,
	type Natura,
	type RegimeFiscale,
	type TipoDocumento,
} from './codes';
import { fileName } from './fileName';
import type {
	Anagrafica,
	CedentePrestatore,
	CessionarioCommittente,
	DatiBeniServizi,
	DatiPagamento,
	DatiRiepilogo,
	DettaglioLinee,
	FatturaElettronica,
	Indirizzo,
} from './model';
import { serializeFatturaPA, type SerializeOptions } from './serialize';
import { validateStructure, type StructureFinding } from './structure';

/** A party in the friendly input: a company (denominazione) or a person (nome + cognome). */
export interface PartyInput {
	denominazione?: string;
	nome?: string;
	cognome?: string;
	/** VAT id; an Italian partita IVA may be given bare (11 digits) */
	partitaIva?: string;
	/** country of the VAT id, default the address's nazione or IT */
	idPaese?: string;
	codiceFiscale?: string;
	indirizzo: string;
	numeroCivico?: string;
	cap: string;
	comune: string;
	provincia?: string;
	/** ISO 3166-1 alpha-2, default IT */
	nazione?: string;
}

export interface CedenteInput extends PartyInput {
	regimeFiscale: RegimeFiscale;
}

export interface CessionarioInput extends PartyInput {
	/** a public administration: the invoice becomes FPA12 */
	pubblicaAmministrazione?: boolean;
}

export interface LineInput {
	descrizione: string;
	/** omitted = a single service; otherwise up to 8 decimals */
	quantita?: string | number;
	unitaMisura?: string;
	/** net unit price, up to 8 decimals */
	prezzoUnitario: string | number;
	/** discount on the unit price in percent (e.g. 10 for 10%) */
	scontoPercentuale?: string | number;
	/** VAT rate in percent: 22, 10, 5, 4 or 0 */
	aliquotaIVA: string | number;
	/** required when aliquotaIVA is 0, forbidden otherwise */
	natura?: Natura;
	/** law reference for an exempt line, copied to DatiRiepilogo */
	riferimentoNormativo?: string;
}

export interface PaymentInput {
	condizioni?: CondizioniPagamento;
	modalita: ModalitaPagamento;
	/** YYYY-MM-DD */
	scadenza?: string;
	/** default: the document total */
	importo?: string | number;
	iban?: string;
	istitutoFinanziario?: string;
}

export interface FatturaInput {
	/** default FPA12 when the buyer is a public administration, else FPR12 */
	formatoTrasmissione?: 'FPR12' | 'FPA12';
	/** who transmits the file (an intermediary, or by default the cedente's VAT id) */
	trasmittente?: { idPaese?: string; idCodice: string };
	/** 1-5 characters A-Z/0-9, unique per trasmittente (it also names the file) */
	progressivoInvio: string;
	/** 7 characters (FPR12) or the 6-character codice univoco ufficio (FPA12); default 0000000, or XXXXXXX for a foreign buyer */
	codiceDestinatario?: string;
	pecDestinatario?: string;
	cedente: CedenteInput;
	cessionario: CessionarioInput;
	tipoDocumento?: TipoDocumento;
	/** YYYY-MM-DD */
	data: string;
	numero: string;
	divisa?: string;
	causale?: string | string[];
	righe: LineInput[];
	/** VAT chargeability for taxed summary rows: I immediate (default), D deferred, S split payment */
	esigibilitaIVA?: EsigibilitaIVA;
	/** stamp duty: 'auto' = 2.00 EUR when exempt amounts exceed 77.47 EUR; true/false force it */
	bollo?: 'auto' | boolean;
	/** rounding added to the document total (Arrotondamento), e.g. '-0.01' */
	arrotondamento?: string | number;
	pagamento?: PaymentInput | PaymentInput[];
}

export interface BuildOptions extends SerializeOptions {
	/**
	 * check the XML against the XSD rules before returning (default true): a value too long or
	 * badly formed for its field throws FatturaPABuildError with every finding and its path
	 */
	validate?: boolean;
}

/** The input produced XML the XSD would reject; `findings` say where and why. */
export class FatturaPABuildError extends Error {
	readonly findings: StructureFinding[];
	constructor(findings: StructureFinding[]) {
		super(`the invoice would not pass the FatturaPA XSD: ${findings.slice(0, 5).map((f) => `${f.path}: ${f.message_en}`).join('; ')}${findings.length > 5 ? '; ...' : ''}`);
		this.name = 'FatturaPABuildError';
		this.findings = findings;
	}
}

export interface BuiltFattura {
	model: FatturaElettronica;
	xml: string;
	fileName: string;
	totals: { imponibileCents: number; impostaCents: number; bolloCents: number; totaleCents: number };
}

/** The bollo threshold: stamp duty is due on exempt amounts above 77.47 EUR (DPR 642/1972). */
export const BOLLO_THRESHOLD_CENTS = 7747;
export const BOLLO_CENTS = 200;
/** Natura codes whose amounts count towards the bollo threshold (exports, intra-EU, reverse charge and margin schemes do not). */
export const NATURE_SOGGETTE_A_BOLLO: readonly string[] = ['N1', 'N2', 'N2.1', 'N2.2', 'N3.5', 'N3.6', 'N4'];

/** Friendly JSON -> a complete FatturaPA: model, XML, file name and totals in cents. */
export function buildFatturaPA(input: FatturaInput, options: BuildOptions = {}): BuiltFattura {
	const model = buildModel(input);
	const xml = serializeFatturaPA(model.model, options);
	if (options.validate !== false) {
		const findings = validateStructure(xml);
		if (findings.length) throw new FatturaPABuildError(findings);
	}
	const id = model.model.FatturaElettronicaHeader.DatiTrasmissione.IdTrasmittente;
	return { ...model, xml, fileName: fileName({ idPaese: id.IdPaese, idCodice: id.IdCodice, progressivo: input.progressivoInvio }) };
}

/** The same without serialising: the model and the totals. */
export function buildModel(input: FatturaInput): Omit<BuiltFattura, 'xml' | 'fileName'> {
	if (!input || typeof input !== 'object') throw new TypeError('the invoice input must be an object');
	const data = requireDate(input.data, 'data');
	const tipoDocumento = oneOf(input.tipoDocumento ?? 'TD01', TipoDocumentoCodes, 'tipoDocumento');
	datedCode('TipoDocumento', tipoDocumento, data, 'tipoDocumento');
	const regime = oneOf(input.cedente?.regimeFiscale, RegimeFiscaleCodes, 'cedente.regimeFiscale');
	datedCode('RegimeFiscale', regime, data, 'cedente.regimeFiscale');
	if (!Array.isArray(input.righe) || input.righe.length === 0) throw new RangeError('righe: at least one line is required');
	if (input.righe.length > 9999) throw new RangeError('righe: at most 9999 lines (NumeroLinea is 1..9999)');
	const numero = requireText(input.numero, 'numero');

	const lines = input.righe.map((r, i) => buildLine(r, i, data));
	const summary = summarise(input.righe, lines, input.esigibilitaIVA);
	const imponibileCents = summary.reduce((s, r) => s + r.imponibile, 0);
	const impostaCents = summary.reduce((s, r) => s + r.imposta, 0);
	const exemptCents = input.righe.reduce((s, r, i) => (r.natura && NATURE_SOGGETTE_A_BOLLO.includes(r.natura) ? s + lines[i].cents : s), 0);
	const bolloDue = input.bollo === true || (input.bollo === 'auto' && exemptCents > BOLLO_THRESHOLD_CENTS);
	if (input.bollo !== undefined && input.bollo !== true && input.bollo !== false && input.bollo !== 'auto')
		throw new RangeError(`bollo: expected 'auto', true or false, got ${JSON.stringify(input.bollo)}`);
	const arrotondamentoCents = input.arrotondamento === undefined ? 0 : Number(rescale(parseDecimal(input.arrotondamento, 'arrotondamento', 2), 2));
	const totaleCents = imponibileCents + impostaCents + arrotondamentoCents;

	const pa = input.cessionario?.pubblicaAmministrazione === true;
	const formato = input.formatoTrasmissione ?? (pa ? 'FPA12' : 'FPR12');
	if (formato !== 'FPR12' && formato !== 'FPA12') throw new RangeError(`formatoTrasmissione: expected FPR12 or FPA12, got ${JSON.stringify(formato)}`);
	const cedente = party(input.cedente, 'cedente');
	const cessionario = party(input.cessionario, 'cessionario');
	const foreignBuyer = (input.cessionario.nazione ?? 'IT').toUpperCase() !== 'IT';
	const codiceDestinatario = destinatario(input.codiceDestinatario, formato, foreignBuyer);
	const trasmittente = input.trasmittente ?? (cedente.IdFiscaleIVA ? { idPaese: cedente.IdFiscaleIVA.IdPaese, idCodice: cedente.IdFiscaleIVA.IdCodice } : undefined);
	if (!trasmittente) throw new RangeError('trasmittente: give the transmitter id, or a cedente.partitaIva to use as one');
	const progressivo = String(input.progressivoInvio ?? '');
	if (!/^[A-Za-z0-9]{1,5}$/.test(progressivo))
		throw new RangeError(`progressivoInvio: expected 1 to 5 letters or digits (it also names the file), got ${JSON.stringify(input.progressivoInvio)}`);

	const cedenteModel: CedentePrestatore = {
		DatiAnagrafici: {
			...(cedente.IdFiscaleIVA ? { IdFiscaleIVA: cedente.IdFiscaleIVA } : {}),
			...(cedente.CodiceFiscale ? { CodiceFiscale: cedente.CodiceFiscale } : {}),
			Anagrafica: cedente.Anagrafica,
			RegimeFiscale: regime,
		} as CedentePrestatore['DatiAnagrafici'],
		Sede: cedente.Sede,
	};
	if (!cedente.IdFiscaleIVA) throw new RangeError('cedente.partitaIva: the seller must have a VAT id (IdFiscaleIVA is required by the XSD)');
	const cessionarioModel: CessionarioCommittente = {
		DatiAnagrafici: {
			...(cessionario.IdFiscaleIVA ? { IdFiscaleIVA: cessionario.IdFiscaleIVA } : {}),
			...(cessionario.CodiceFiscale ? { CodiceFiscale: cessionario.CodiceFiscale } : {}),
			Anagrafica: cessionario.Anagrafica,
		},
		Sede: cessionario.Sede,
	};
	if (!cessionario.IdFiscaleIVA && !cessionario.CodiceFiscale)
		throw new RangeError('cessionario: give partitaIva or codiceFiscale (SdI rejects a buyer with neither, error 00417)');

	const causali = input.causale === undefined ? [] : Array.isArray(input.causale) ? input.causale : splitCausale(input.causale);
	const beniServizi: DatiBeniServizi = { DettaglioLinee: lines.map((l) => l.model), DatiRiepilogo: summary.map((s) => s.model) };
	const model: FatturaElettronica = {
		versione: formato,
		FatturaElettronicaHeader: {
			DatiTrasmissione: {
				IdTrasmittente: { IdPaese: (trasmittente.idPaese ?? 'IT').toUpperCase(), IdCodice: requireText(trasmittente.idCodice, 'trasmittente.idCodice') },
				ProgressivoInvio: progressivo,
				FormatoTrasmissione: formato,
				CodiceDestinatario: codiceDestinatario,
				...(input.pecDestinatario ? { PECDestinatario: pec(input.pecDestinatario) } : {}),
			},
			CedentePrestatore: cedenteModel,
			CessionarioCommittente: cessionarioModel,
		},
		FatturaElettronicaBody: [
			{
				DatiGenerali: {
					DatiGeneraliDocumento: {
						TipoDocumento: tipoDocumento,
						Divisa: (input.divisa ?? 'EUR').toUpperCase(),
						Data: data,
						Numero: numero,
						...(bolloDue ? { DatiBollo: { BolloVirtuale: 'SI' as const, ImportoBollo: centsToAmount(BOLLO_CENTS) } } : {}),
						ImportoTotaleDocumento: centsToAmount(totaleCents),
						...(input.arrotondamento !== undefined ? { Arrotondamento: centsToAmount(arrotondamentoCents) } : {}),
						...(causali.length ? { Causale: causali } : {}),
					},
				},
				DatiBeniServizi: beniServizi,
				...(input.pagamento ? { DatiPagamento: [payment(input.pagamento, totaleCents)] } : {}),
			},
		],
	};
	return { model, totals: { imponibileCents, impostaCents, bolloCents: bolloDue ? BOLLO_CENTS : 0, totaleCents } };
}

interface BuiltLine {
	model: DettaglioLinee;
	cents: number;
	rate: Decimal;
}

function buildLine(r: LineInput, i: number, data: string): BuiltLine {
	const at = `righe[${i}]`;
	if (!r || typeof r !== 'object') throw new TypeError(`${at}: expected an object with descrizione, prezzoUnitario and aliquotaIVA`);
	const price = parseDecimal(r.prezzoUnitario, `${at}.prezzoUnitario`, 8);
	const qty = r.quantita === undefined ? undefined : parseDecimal(r.quantita, `${at}.quantita`, 8);
	if (qty && qty.units < 0n) throw new RangeError(`${at}.quantita: must not be negative (use a negative prezzoUnitario for a deduction)`);
	const rate = rateOf(r.aliquotaIVA, `${at}.aliquotaIVA`);
	const natura = naturaOf(r, rate, at, data);
	let unit = price;
	let sconto: Decimal | undefined;
	if (r.scontoPercentuale !== undefined) {
		sconto = parseDecimal(r.scontoPercentuale, `${at}.scontoPercentuale`, 2);
		if (sconto.units < 0n || rescale(sconto, 2) > 10000n) throw new RangeError(`${at}.scontoPercentuale: expected 0 to 100, got ${JSON.stringify(r.scontoPercentuale)}`);
		// SdI applies the discount to the unit price, then multiplies by the quantity (rule 00423)
		unit = multiply(price, { units: 10000n - rescale(sconto, 2), scale: 4 });
	}
	const total = qty ? multiply(unit, qty) : unit;
	const cents = Number(rescale(total, 2));
	const model: DettaglioLinee = {
		NumeroLinea: String(i + 1),
		Descrizione: requireText(r.descrizione, `${at}.descrizione`),
		...(qty ? { Quantita: formatDecimal(qty, 2, 8) } : {}),
		...(r.unitaMisura ? { UnitaMisura: r.unitaMisura } : {}),
		PrezzoUnitario: formatDecimal(price, 2, 8),
		...(sconto ? { ScontoMaggiorazione: [{ Tipo: 'SC' as const, Percentuale: formatDecimal(sconto, 2, 2) }] } : {}),
		PrezzoTotale: formatDecimal({ units: BigInt(cents), scale: 2 }, 2, 2),
		AliquotaIVA: formatDecimal(rate, 2, 2),
		...(natura ? { Natura: natura } : {}),
	};
	return { model, cents, rate };
}

function summarise(righe: LineInput[], lines: BuiltLine[], esigibilita: EsigibilitaIVA | undefined): { model: DatiRiepilogo; imponibile: number; imposta: number }[] {
	if (esigibilita !== undefined) oneOf(esigibilita, EsigibilitaIVACodes, 'esigibilitaIVA');
	const groups = new Map<string, { rate: Decimal; natura?: Natura; cents: number; riferimento?: string }>();
	righe.forEach((r, i) => {
		const rateText = formatDecimal(lines[i].rate, 2, 2);
		const key = `${rateText}|${r.natura ?? ''}`;
		const g = groups.get(key) ?? { rate: lines[i].rate, natura: r.natura, cents: 0, riferimento: r.riferimentoNormativo };
		g.cents += lines[i].cents;
		groups.set(key, g);
	});
	return [...groups.values()].map((g) => {
		// Imposta = round2(ImponibileImporto x rate / 100), the formula of SdI's check 00421
		const imposta = Number(rescale(multiply({ units: BigInt(g.cents), scale: 2 }, { units: rescale(g.rate, 2), scale: 4 }), 2));
		const model: DatiRiepilogo = {
			AliquotaIVA: formatDecimal(g.rate, 2, 2),
			...(g.natura ? { Natura: g.natura } : {}),
			ImponibileImporto: centsToAmount(g.cents),
			Imposta: centsToAmount(imposta),
			...(g.natura ? {} : { EsigibilitaIVA: esigibilita ?? 'I' }),
			...(g.natura ? { RiferimentoNormativo: (g.riferimento ?? labelOf(g.natura)).slice(0, 100) } : {}),
		};
		return { model, imponibile: g.cents, imposta };
	});
}

function rateOf(value: string | number, field: string): Decimal {
	if (value === undefined || value === null) throw new RangeError(`${field}: the VAT rate is required (0 with a natura for exempt lines)`);
	const rate = parseDecimal(value, field, 2);
	if (rate.units < 0n || rescale(rate, 2) > 10000n) throw new RangeError(`${field}: expected a percentage between 0 and 100, got ${JSON.stringify(value)}`);
	return rate;
}

function naturaOf(r: LineInput, rate: Decimal, at: string, data: string): Natura | undefined {
	const zero = rate.units === 0n;
	if (r.natura === undefined) {
		if (zero) throw new RangeError(`${at}.natura: a line with aliquotaIVA 0 needs a natura (N1 ... N7) saying why no VAT is due (SdI error 00400)`);
		return undefined;
	}
	const natura = oneOf(r.natura, NaturaCodes, `${at}.natura`);
	if (!zero) throw new RangeError(`${at}.natura: natura ${natura} is only for lines without VAT; this line has aliquotaIVA ${formatDecimal(rate, 2, 2)} (SdI error 00401)`);
	datedCode('Natura', natura, data, `${at}.natura`);
	return natura;
}

function datedCode(list: 'Natura' | 'TipoDocumento' | 'RegimeFiscale', code: string, data: string, field: string): void {
	if (!isCodeValidOn(list, code, data)) throw new RangeError(`${field}: ${code} is not valid for an invoice dated ${data}: ${codeValidity(list, code)!.note}`);
}

function party(p: PartyInput, field: string): { IdFiscaleIVA?: { IdPaese: string; IdCodice: string }; CodiceFiscale?: string; Anagrafica: Anagrafica; Sede: Indirizzo } {
	if (!p || typeof p !== 'object') throw new TypeError(`${field}: expected an object with the party's name, identifiers and address`);
	const nazione = (p.nazione ?? 'IT').toUpperCase();
	if (!/^[A-Z]{2}$/.test(nazione)) throw new RangeError(`${field}.nazione: expected an ISO 3166 two-letter code like IT or DE, got ${JSON.stringify(p.nazione)}`);
	let IdFiscaleIVA: { IdPaese: string; IdCodice: string } | undefined;
	if (p.partitaIva) {
		const raw = p.partitaIva.replace(/\s+/g, '').toUpperCase();
		const prefixed = /^[A-Z]{2}/.test(raw) && !/^\d/.test(raw) && raw.length > 2 && (p.idPaese === undefined || raw.startsWith(p.idPaese.toUpperCase()));
		const idPaese = (p.idPaese ?? (prefixed ? raw.slice(0, 2) : nazione)).toUpperCase();
		const idCodice = prefixed && raw.startsWith(idPaese) ? raw.slice(2) : raw;
		if (!/^[A-Z]{2}$/.test(idPaese)) throw new RangeError(`${field}.idPaese: expected a two-letter country code, got ${JSON.stringify(p.idPaese)}`);
		if (idPaese === 'IT' && !/^\d{11}$/.test(idCodice)) throw new RangeError(`${field}.partitaIva: an Italian partita IVA has 11 digits, got ${JSON.stringify(p.partitaIva)}`);
		if (!/^[A-Z0-9]{1,28}$/.test(idCodice)) throw new RangeError(`${field}.partitaIva: expected 1 to 28 letters or digits, got ${JSON.stringify(p.partitaIva)}`);
		IdFiscaleIVA = { IdPaese: idPaese, IdCodice: idCodice };
	}
	let CodiceFiscale: string | undefined;
	if (p.codiceFiscale) {
		CodiceFiscale = p.codiceFiscale.replace(/\s+/g, '').toUpperCase();
		if (!/^[A-Z0-9]{11,16}$/.test(CodiceFiscale))
			throw new RangeError(`${field}.codiceFiscale: expected 16 characters (person) or 11 digits (company), got ${JSON.stringify(p.codiceFiscale)}`);
	}
	let Anagrafica: Anagrafica;
	if (p.denominazione) {
		if (p.nome || p.cognome) throw new RangeError(`${field}: give denominazione or nome + cognome, not both`);
		Anagrafica = { Denominazione: requireText(p.denominazione, `${field}.denominazione`) };
	} else if (p.nome && p.cognome) Anagrafica = { Nome: requireText(p.nome, `${field}.nome`), Cognome: requireText(p.cognome, `${field}.cognome`) };
	else throw new RangeError(`${field}: give denominazione (a company) or both nome and cognome (a person)`);
	const cap = String(p.cap ?? '').trim();
	if (nazione === 'IT' ? !/^\d{5}$/.test(cap) : cap === '')
		throw new RangeError(`${field}.cap: ${nazione === 'IT' ? 'an Italian CAP has 5 digits' : 'give the postal code (00000 for a foreign address without one)'}, got ${JSON.stringify(p.cap)}`);
	const provincia = p.provincia?.trim().toUpperCase();
	if (provincia !== undefined && provincia !== '' && !/^[A-Z]{2}$/.test(provincia)) throw new RangeError(`${field}.provincia: expected the two-letter sigla like MI, got ${JSON.stringify(p.provincia)}`);
	const Sede: Indirizzo = {
		Indirizzo: requireText(p.indirizzo, `${field}.indirizzo`),
		...(p.numeroCivico ? { NumeroCivico: p.numeroCivico } : {}),
		// the XSD's CAP is five digits even abroad; SdI documents 00000 for foreign addresses
		CAP: /^\d{5}$/.test(cap) ? cap : '00000',
		Comune: requireText(p.comune, `${field}.comune`),
		...(provincia ? { Provincia: provincia } : {}),
		Nazione: nazione,
	};
	return { IdFiscaleIVA, CodiceFiscale, Anagrafica, Sede };
}

function destinatario(given: string | undefined, formato: 'FPR12' | 'FPA12', foreignBuyer: boolean): string {
	const code = given?.trim().toUpperCase();
	if (formato === 'FPA12') {
		if (!code || !/^[A-Z0-9]{6}$/.test(code))
			throw new RangeError(`codiceDestinatario: an invoice to a public administration (FPA12) needs the 6-character codice univoco ufficio, got ${JSON.stringify(given)}`);
		return code;
	}
	if (!code) return foreignBuyer ? 'XXXXXXX' : '0000000';
	if (!/^[A-Z0-9]{7}$/.test(code))
		throw new RangeError(
			`codiceDestinatario: FPR12 needs 7 characters (A-Z, 0-9), or omit it for 0000000 (PEC or buyer's reserved area) / XXXXXXX (foreign buyer); got ${JSON.stringify(given)}`,
		);
	if (code === 'XXXXXXX' && !foreignBuyer) throw new RangeError('codiceDestinatario: XXXXXXX is only for foreign buyers; this cessionario is Italian (SdI error 00313)');
	return code;
}

function pec(value: string): string {
	const v = value.trim();
	if (v.length < 7 || v.length > 256 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) throw new RangeError(`pecDestinatario: expected an e-mail address, got ${JSON.stringify(value)}`);
	return v;
}

function payment(p: PaymentInput | PaymentInput[], totaleCents: number): DatiPagamento {
	const list = Array.isArray(p) ? p : [p];
	if (list.length === 0) throw new RangeError('pagamento: give at least one payment, or omit it');
	const condizioni = oneOf(list[0].condizioni ?? (list.length > 1 ? 'TP01' : 'TP02'), CondizioniPagamentoCodes, 'pagamento.condizioni');
	return {
		CondizioniPagamento: condizioni,
		DettaglioPagamento: list.map((d, i) => {
			const at = `pagamento[${i}]`;
			return {
				ModalitaPagamento: oneOf(d.modalita, ModalitaPagamentoCodes, `${at}.modalita`),
				...(d.scadenza ? { DataScadenzaPagamento: requireDate(d.scadenza, `${at}.scadenza`) } : {}),
				ImportoPagamento: d.importo === undefined ? centsToAmount(list.length === 1 ? totaleCents : 0) : centsToAmount(rescale(parseDecimal(d.importo, `${at}.importo`, 2), 2)),
				...(d.istitutoFinanziario ? { IstitutoFinanziario: d.istitutoFinanziario } : {}),
				...(d.iban ? { IBAN: iban(d.iban, `${at}.iban`) } : {}),
			};
		}),
	};
}

function iban(value: string, field: string): string {
	const v = value.replace(/\s+/g, '').toUpperCase();
	if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(v)) throw new RangeError(`${field}: expected an IBAN like IT60X0542811101000000123456, got ${JSON.stringify(value)}`);
	return v;
}

function oneOf<T extends string>(value: unknown, codes: readonly { code: T; label: string }[], field: string): T {
	const hit = codes.find((c) => c.code === value);
	if (!hit) throw new RangeError(`${field}: expected one of ${codes.map((c) => c.code).join(', ')}; got ${JSON.stringify(value)}`);
	return hit.code;
}

function requireDate(value: string, field: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
	const ok = m && !Number.isNaN(Date.UTC(+m[1], +m[2] - 1, +m[3])) && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDate() === +m[3] && +m[1] >= 1970;
	if (!ok) throw new RangeError(`${field}: expected a date YYYY-MM-DD from 1970 on, got ${JSON.stringify(value)}`);
	return value;
}

function requireText(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw new RangeError(`${field}: required text is missing`);
	return value;
}

function labelOf(natura: Natura): string {
	return NaturaCodes.find((c) => c.code === natura)!.label;
}

/** Causale is at most 200 characters per element; longer text continues in further Causale elements. */
function splitCausale(text: string): string[] {
	const out: string[] = [];
	const chars = [...text];
	for (let i = 0; i < chars.length; i += 200) out.push(chars.slice(i, i + 200).join(''));
	return out;
}
