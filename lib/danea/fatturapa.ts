/**
 * Easyfatt invoice <-> the FatturaPA Build input (lib/fatturapa's FatturaInput, the JSON the
 * FatturaPA node's Build operation takes), so an invoice written in Easyfatt can be validated and
 * sent to SdI (e.g. through Aruba) without a gestionale in between, and a FatturaPA invoice can be
 * imported into Easyfatt.
 *
 * Easyfatt-XML lacks some of what an e-invoice must say (the seller's regime fiscale, the
 * progressivo of the transmission, which Natura a "non imponibile" VAT code means). Nothing is
 * guessed: what cannot be derived comes back in `missing`, each entry naming the Easyfatt field
 * and what to supply.
 */
import {
	buildModel,
	validateFatturaPA,
	ModalitaPagamentoCodes,
	NaturaCodes,
	RegimeFiscaleCodes,
	TipoDocumentoCodes,
	type FatturaInput,
	type LineInput,
	type ModalitaPagamento,
	type Natura,
	type PaymentInput,
	type RegimeFiscale,
	type TipoDocumento,
} from '../fatturapa';
import { checkCodiceFiscale, checkPartitaIva } from '../italian';
import { formatCents, formatExactDecimal, parseExactDecimal, roundHalfUp, type ExactDecimal } from '../money';
import { DOCUMENT_TYPES, type DocumentTypeLetter, type EasyfattCompany, type EasyfattDocument, type EasyfattRow, type EasyfattVatCode } from './fields';
import type { DaneaFinding } from './values';

/** Easyfatt DocumentType letters that are invoices, and the TipoDocumento each becomes by default. */
export const INVOICE_DOCUMENT_TYPES: Readonly<Partial<Record<DocumentTypeLetter, TipoDocumento | undefined>>> = {
	I: 'TD01',
	F: 'TD01',
	J: 'TD02',
	N: 'TD04',
	O: 'TD05',
	P: 'TD06',
	// autofattura: TD16-TD21 or TD27 depending on why; the caller must say (options.tipoDocumento)
	M: undefined,
};

export interface ToFatturaOptions {
	/** the seller's regime fiscale (RF01 ordinario, RF19 forfettario ...): Easyfatt-XML does not carry it */
	regimeFiscale?: RegimeFiscale;
	/** ProgressivoInvio, 1-5 letters/digits unique per transmitter: Easyfatt-XML has no such number */
	progressivoInvio?: string;
	/** override the TipoDocumento derived from DocumentType (needed for M autofattura) */
	tipoDocumento?: TipoDocumento;
	/** Easyfatt VAT code (VatCode text) -> Natura, for 0% codes; wins over the Class mapping */
	naturaByVatCode?: Record<string, Natura>;
	/** when PaymentName does not name a method: MP05 bonifico, MP01 contanti ... */
	modalitaPagamento?: ModalitaPagamento;
	/** extra country names -> ISO codes ('Repubblica Ceca': 'CZ'), beside the built-in Italian names */
	countryCodes?: Record<string, string>;
	/** passed through to the FatturaPA input (transmitter other than the seller) */
	trasmittente?: FatturaInput['trasmittente'];
	/** the day SdI is to receive the file, for its date checks (default today, Europe/Rome) */
	receivedOn?: string;
}

export interface ToFatturaResult {
	/** present when nothing is missing: give it to buildFatturaPA (the FatturaPA node's Build) */
	input?: FatturaInput;
	/** what stops the conversion, each naming the Easyfatt field and what is expected */
	missing: DaneaFinding[];
	/** converted, but worth a look (totals that differ from Easyfatt's, a compound discount folded into the price ...) */
	warnings: DaneaFinding[];
}

const COUNTRIES: Record<string, string> = {
	italia: 'IT', italy: 'IT', 'san marino': 'SM', 'città del vaticano': 'VA', vaticano: 'VA', svizzera: 'CH', germania: 'DE', francia: 'FR', spagna: 'ES',
	austria: 'AT', belgio: 'BE', 'paesi bassi': 'NL', olanda: 'NL', lussemburgo: 'LU', portogallo: 'PT', grecia: 'GR', irlanda: 'IE', danimarca: 'DK',
	svezia: 'SE', finlandia: 'FI', polonia: 'PL', 'repubblica ceca': 'CZ', cechia: 'CZ', slovacchia: 'SK', slovenia: 'SI', croazia: 'HR', ungheria: 'HU',
	romania: 'RO', bulgaria: 'BG', estonia: 'EE', lettonia: 'LV', lituania: 'LT', malta: 'MT', cipro: 'CY', 'regno unito': 'GB', 'gran bretagna': 'GB',
	'stati uniti': 'US', 'stati uniti d\'america': 'US', usa: 'US', norvegia: 'NO', cina: 'CN', giappone: 'JP', canada: 'CA', albania: 'AL', monaco: 'MC',
};

const ISO_TO_ITALIAN: Record<string, string> = { IT: 'Italia', SM: 'San Marino', VA: 'Città del Vaticano', CH: 'Svizzera', DE: 'Germania', FR: 'Francia', ES: 'Spagna', AT: 'Austria' };

/** Easyfatt VAT class (VatCode@Class, case-insensitive) -> Natura when the class alone decides it. */
const NATURA_BY_CLASS: Record<string, Natura | undefined> = {
	esente: 'N4',
	escluso: 'N1',
	'intra-ue': 'N3.2',
	'extra-ue': 'N3.1',
	'iva non esposta': 'N5',
	// several Natura codes each: the caller maps the VAT code (naturaByVatCode)
	'non imponibile': undefined,
	'fuori campo': undefined,
	'rev. charge': undefined,
};

const PAYMENT_KEYWORDS: [RegExp, ModalitaPagamento][] = [
	[/\bri\.?ba\b|ricevuta bancaria/i, 'MP12'],
	[/\bbonific/i, 'MP05'],
	[/\bcontant/i, 'MP01'],
	[/assegno circolare/i, 'MP03'],
	[/\bassegn/i, 'MP02'],
	[/\bmav\b/i, 'MP13'],
	[/\bsdd\b|sepa direct debit|\brid\b/i, 'MP19'],
	[/\bpagopa\b/i, 'MP23'],
	[/\bcarta|bancomat|paypal|\bpos\b/i, 'MP08'],
	[/bollettino postale|c\/c postale/i, 'MP18'],
];

function countryCode(name: string | null | undefined, field: string, extra: Record<string, string> | undefined, missing: DaneaFinding[]): string | undefined {
	if (name === undefined || name === null || name.trim() === '') return 'IT';
	const t = name.trim();
	if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
	const key = t.toLowerCase();
	const hit = Object.entries(extra ?? {}).find(([k]) => k.toLowerCase() === key)?.[1] ?? COUNTRIES[key];
	if (hit) return hit.toUpperCase();
	missing.push({ path: field, message: `cannot tell the ISO country code of ${JSON.stringify(t)}; add it to options.countryCodes (e.g. { ${JSON.stringify(t)}: 'XX' })` });
	return undefined;
}

function text(v: string | null | undefined): string | undefined {
	if (v === undefined || v === null) return undefined;
	const t = v.trim();
	return t === '' ? undefined : t;
}

/** x * num / den rounded half away from zero at `scale` decimals */
function ratio(d: ExactDecimal, num: bigint, den: bigint, scale: number): ExactDecimal {
	const scaled = d.units * num * 10n ** BigInt(scale);
	const divisor = den * 10n ** BigInt(d.scale);
	const q = scaled / divisor;
	const r = scaled % divisor;
	const twice = (r < 0n ? -r : r) * 2n;
	const abs = divisor < 0n ? -divisor : divisor;
	if (twice < abs) return { units: q, scale };
	return { units: scaled < 0n !== divisor < 0n ? q - 1n : q + 1n, scale };
}

function dec(text: string, field: string): ExactDecimal {
	return parseExactDecimal(text, field, { maxDecimals: 8 });
}

function fmt(d: ExactDecimal, max = 8): string {
	return formatExactDecimal(d, 0, max);
}

/** '10+5', '10%+5%', '10,5' -> the factors; undefined for no discount */
function discountPercents(discounts: string, path: string, missing: DaneaFinding[]): ExactDecimal[] | undefined {
	const t = discounts.replace(/\s+/g, '');
	if (t === '') return undefined;
	const parts = t.split('+').map((p) => p.replace(/%$/, '').replace(',', '.'));
	const out: ExactDecimal[] = [];
	for (const p of parts) {
		if (!/^\d+(\.\d+)?$/.test(p)) {
			missing.push({ path, message: `expected discounts in percent such as 10 or 10+5, got ${JSON.stringify(discounts)}` });
			return undefined;
		}
		const d = dec(p, path);
		if (roundHalfUp(d, 2).units > 10000n) {
			missing.push({ path, message: `a discount cannot exceed 100%, got ${JSON.stringify(discounts)}` });
			return undefined;
		}
		out.push(d);
	}
	return out;
}

/** An Easyfatt invoice (+ the file's Company) -> the FatturaPA Build input, or the list of what is missing. */
export function easyfattToFatturaInput(doc: EasyfattDocument, company: EasyfattCompany | undefined, options: ToFatturaOptions = {}, path = 'Document'): ToFatturaResult {
	const missing: DaneaFinding[] = [];
	const warnings: DaneaFinding[] = [];
	const letter = (doc.DocumentType ?? 'C') as DocumentTypeLetter;
	const known = Object.prototype.hasOwnProperty.call(INVOICE_DOCUMENT_TYPES, letter);
	if (!known) {
		missing.push({ path: `${path}/DocumentType`, message: `${letter} (${DOCUMENT_TYPES[letter] ?? 'unknown'}) is not an invoice; only ${Object.keys(INVOICE_DOCUMENT_TYPES).join(', ')} become a FatturaPA` });
		return { missing, warnings };
	}
	const tipoDocumento = options.tipoDocumento ?? INVOICE_DOCUMENT_TYPES[letter];
	if (!tipoDocumento) missing.push({ path: `${path}/DocumentType`, message: `${letter} (${DOCUMENT_TYPES[letter]}) can be TD16-TD21 or TD27; say which in options.tipoDocumento` });
	else if (!TipoDocumentoCodes.some((c) => c.code === tipoDocumento)) missing.push({ path: 'options.tipoDocumento', message: `expected one of ${TipoDocumentoCodes.map((c) => c.code).join(', ')}, got ${JSON.stringify(tipoDocumento)}` });
	if (!options.regimeFiscale) missing.push({ path: 'options.regimeFiscale', message: "Easyfatt-XML does not carry the seller's regime fiscale; give it (RF01 ordinario, RF19 forfettario, ...)" });
	else if (!RegimeFiscaleCodes.some((c) => c.code === options.regimeFiscale)) missing.push({ path: 'options.regimeFiscale', message: `expected one of ${RegimeFiscaleCodes.map((c) => c.code).join(', ')}, got ${JSON.stringify(options.regimeFiscale)}` });
	const progressivo = options.progressivoInvio;
	if (!progressivo) missing.push({ path: 'options.progressivoInvio', message: 'Easyfatt-XML has no transmission number; give a ProgressivoInvio (1-5 letters/digits, unique for the transmitter)' });
	else if (!/^[A-Za-z0-9]{1,5}$/.test(progressivo)) missing.push({ path: 'options.progressivoInvio', message: `expected 1 to 5 letters or digits, got ${JSON.stringify(progressivo)}` });

	const date = text(doc.Date);
	if (!date) missing.push({ path: `${path}/Date`, message: 'an e-invoice needs its date (Easyfatt would use today on import, but SdI needs it written)' });
	const number = text(doc.Number);
	if (!number) missing.push({ path: `${path}/Number`, message: 'an e-invoice needs its number' });
	const numero = number ? `${number}${text(doc.Numbering) ?? ''}` : undefined;
	if (numero && !/^[\x20-\x7e]{1,20}$/.test(numero)) missing.push({ path: `${path}/Number`, message: `Numero is at most 20 basic-Latin characters, got ${JSON.stringify(numero)}` });

	const cedente = seller(company, missing, options);
	const cessionario = buyer(doc, path, missing, options);

	for (const [field, what] of [
		['WithholdingTaxAmount', 'a ritenuta d\'acconto (DatiRitenuta)'],
		['WithholdingTaxAmountB', 'a second withholding (DatiRitenuta)'],
		['ContribAmount', 'a cassa previdenziale contribution (DatiCassaPrevidenziale)'],
	] as const) {
		const v = doc[field];
		if (typeof v === 'number' && v !== 0) missing.push({ path: `${path}/${field}`, message: `${what} of ${formatCents(v)} is not part of the FatturaPA Build input; build this invoice in the FatturaPA node with the model operation, or remove it in Easyfatt` });
	}
	if (typeof doc.PaymentAdvanceAmount === 'number' && doc.PaymentAdvanceAmount !== 0)
		warnings.push({ path: `${path}/PaymentAdvanceAmount`, message: `an advance of ${formatCents(doc.PaymentAdvanceAmount)} is not written to the FatturaPA` });

	const grossPrices = doc.PricesIncludeVat === true;
	const righe: LineInput[] = [];
	let previous: { aliquotaIVA: string; natura?: Natura } | undefined;
	(doc.Rows ?? []).forEach((row, i) => {
		const at = `${path}/Rows/Row[${i + 1}]`;
		const line = lineOf(row, at, grossPrices, previous, options, missing, warnings);
		if (line) {
			righe.push(line);
			previous = { aliquotaIVA: String(line.aliquotaIVA), ...(line.natura ? { natura: line.natura } : {}) };
		}
	});
	if (typeof doc.CostAmount === 'number' && doc.CostAmount !== 0) {
		const cost: EasyfattRow = { Description: text(doc.CostDescription) ?? 'Spese', Price: formatCents(doc.CostAmount), VatCode: doc.CostVatCode ?? undefined };
		const line = lineOf(cost, `${path}/CostAmount`, grossPrices, undefined, options, missing, warnings);
		if (line) righe.push(line);
	}
	if (righe.length === 0 && !missing.some((m) => m.path.includes('/Rows/'))) missing.push({ path: `${path}/Rows`, message: 'an e-invoice needs at least one row' });

	const pagamento = payments(doc, path, options, warnings);
	if (missing.length) return { missing, warnings };

	const input: FatturaInput = {
		progressivoInvio: progressivo!,
		...(options.trasmittente ? { trasmittente: options.trasmittente } : {}),
		...(text(doc.CustomerEInvoiceDestCode) ? { codiceDestinatario: text(doc.CustomerEInvoiceDestCode)!.toUpperCase() } : {}),
		...(text(doc.CustomerPec) ? { pecDestinatario: text(doc.CustomerPec) } : {}),
		cedente: { ...cedente!, regimeFiscale: options.regimeFiscale! },
		cessionario: cessionario!,
		tipoDocumento: tipoDocumento!,
		data: date!,
		numero: numero!,
		righe,
		...(pagamento ? { pagamento } : {}),
	};
	if (!input.codiceDestinatario && !input.pecDestinatario && cessionario!.nazione === 'IT')
		warnings.push({ path: `${path}/CustomerEInvoiceDestCode`, message: 'no codice destinatario nor PEC: the invoice goes out with 0000000 (the buyer finds it in their reserved area)' });

	// the Build the FatturaPA node runs: its refusals become `missing`, its totals are compared with Easyfatt's
	let totals: { imponibileCents: number; impostaCents: number; totaleCents: number };
	try {
		const built = buildModel(input);
		totals = built.totals;
		// the XSD-equivalent structure check and SdI's own rules, as the FatturaPA node's Validate runs them
		const validation = validateFatturaPA(built.model, { receivedOn: options.receivedOn });
		for (const f of validation.findings)
			if (f.severity === 'error') missing.push({ path, message: `SdI would reject it (${f.code}, ${f.path}): ${f.message_en}` });
	} catch (e) {
		missing.push({ path, message: `the FatturaPA Build refuses it: ${(e as Error).message}` });
		return { missing, warnings };
	}
	if (missing.length) return { missing, warnings };
	for (const [field, ours] of [
		['TotalWithoutTax', totals.imponibileCents],
		['VatAmount', totals.impostaCents],
		['Total', totals.totaleCents],
	] as const) {
		const theirs = doc[field];
		if (typeof theirs === 'number' && theirs !== ours)
			warnings.push({ path: `${path}/${field}`, message: `Easyfatt says ${formatCents(theirs)}, the FatturaPA computes ${formatCents(ours)} (rounding per line vs per VAT group, or a gross-price split)` });
	}
	return { input, missing, warnings };
}

function seller(company: EasyfattCompany | undefined, missing: DaneaFinding[], options: ToFatturaOptions): Omit<FatturaInput['cedente'], 'regimeFiscale'> | undefined {
	if (!company) {
		missing.push({ path: 'Company', message: "the file has no <Company>: the seller's name, VAT number and address are needed" });
		return undefined;
	}
	const before = missing.length;
	const name = text(company.Name);
	if (!name) missing.push({ path: 'Company/Name', message: "the seller's name is required" });
	const nazione = countryCode(company.Country, 'Company/Country', options.countryCodes, missing);
	const vat = text(company.VatCode);
	if (!vat) missing.push({ path: 'Company/VatCode', message: 'the seller needs a partita IVA (IdFiscaleIVA is required)' });
	else if (nazione === 'IT') {
		const check = checkPartitaIva(vat);
		if (!check.ok) missing.push({ path: 'Company/VatCode', message: check.reason });
	}
	const cf = text(company.FiscalCode);
	if (cf && nazione === 'IT') {
		const check = checkCodiceFiscale(cf);
		if (!check.ok) missing.push({ path: 'Company/FiscalCode', message: check.reason });
	}
	const address = address4(company.Address, company.Postcode, company.City, company.Province, nazione, 'Company', missing);
	if (missing.length > before || !address) return undefined;
	return { denominazione: name!, partitaIva: vat!, ...(cf && cf !== vat ? { codiceFiscale: cf } : {}), ...address };
}

function buyer(doc: EasyfattDocument, path: string, missing: DaneaFinding[], options: ToFatturaOptions): FatturaInput['cessionario'] | undefined {
	const before = missing.length;
	const name = text(doc.CustomerName);
	if (!name) missing.push({ path: `${path}/CustomerName`, message: "the buyer's name is required" });
	const nazione = countryCode(doc.CustomerCountry, `${path}/CustomerCountry`, options.countryCodes, missing);
	const vat = text(doc.CustomerVatCode);
	const cf = text(doc.CustomerFiscalCode);
	if (!vat && !cf) missing.push({ path: `${path}/CustomerVatCode`, message: 'the buyer has no tax identifier: give CustomerVatCode (partita IVA) or CustomerFiscalCode (SdI error 00417)' });
	if (nazione === 'IT') {
		if (vat) {
			const check = checkPartitaIva(vat);
			if (!check.ok) missing.push({ path: `${path}/CustomerVatCode`, message: check.reason });
		}
		if (cf) {
			const check = checkCodiceFiscale(cf);
			if (!check.ok) missing.push({ path: `${path}/CustomerFiscalCode`, message: check.reason });
		}
	}
	const address = address4(doc.CustomerAddress, doc.CustomerPostcode, doc.CustomerCity, doc.CustomerProvince, nazione, path + '/Customer', missing);
	if (missing.length > before || !address) return undefined;
	return {
		denominazione: name!,
		...(vat ? { partitaIva: vat } : {}),
		...(cf && cf !== vat ? { codiceFiscale: cf.toUpperCase() } : {}),
		...address,
	};
}

function address4(
	addr: string | null | undefined,
	cap: string | null | undefined,
	city: string | null | undefined,
	province: string | null | undefined,
	nazione: string | undefined,
	prefix: string,
	missing: DaneaFinding[],
): { indirizzo: string; cap: string; comune: string; provincia?: string; nazione: string } | undefined {
	const at = (f: string): string => (prefix.endsWith('/Customer') ? `${prefix}${f}` : `${prefix}/${f}`);
	const indirizzo = text(addr);
	const c = text(cap);
	const comune = text(city);
	const prov = text(province)?.toUpperCase();
	if (!indirizzo) missing.push({ path: at('Address'), message: 'the address (street and number) is required' });
	if (nazione === 'IT' && (!c || !/^\d{5}$/.test(c))) missing.push({ path: at('Postcode'), message: `an Italian CAP has 5 digits, got ${JSON.stringify(cap ?? null)}` });
	if (!comune) missing.push({ path: at('City'), message: 'the city (comune) is required' });
	if (nazione === 'IT' && prov !== undefined && !/^[A-Z]{2}$/.test(prov)) missing.push({ path: at('Province'), message: `expected the two-letter sigla like RM, got ${JSON.stringify(province)}` });
	if (!indirizzo || !comune || !nazione || (nazione === 'IT' && (!c || !/^\d{5}$/.test(c)))) return undefined;
	return { indirizzo, cap: c ?? '00000', comune, ...(prov && nazione === 'IT' ? { provincia: prov } : {}), nazione };
}

function vatOf(vat: EasyfattVatCode | null | undefined, at: string, missing: DaneaFinding[]): { rate: ExactDecimal; code: string; cls?: string; description?: string } | undefined {
	if (!vat) return undefined;
	const code = vat.Code?.trim() ?? '';
	const perc = vat.Perc ?? (/^\d+(\.\d+)?$/.test(code) ? code : undefined);
	if (perc === undefined) {
		missing.push({ path: `${at}/VatCode`, message: `VAT code ${JSON.stringify(code)} has no Perc attribute; cannot tell the rate` });
		return undefined;
	}
	return { rate: dec(perc, `${at}/VatCode/@Perc`), code, ...(vat.Class ? { cls: vat.Class } : {}), ...(vat.Description ? { description: vat.Description } : {}) };
}

function lineOf(
	row: EasyfattRow,
	at: string,
	grossPrices: boolean,
	previous: { aliquotaIVA: string; natura?: Natura } | undefined,
	options: ToFatturaOptions,
	missing: DaneaFinding[],
	warnings: DaneaFinding[],
): LineInput | undefined {
	const before = missing.length;
	const description = text(row.Description) ?? text(row.Code);
	const descriptive = (row.Price === undefined || row.Price === null) && (row.Qty === undefined || row.Qty === null) && (row.Total === undefined || row.Total === null || row.Total === 0);
	if (!description) {
		if (descriptive) return undefined; // an empty row
		missing.push({ path: `${at}/Description`, message: 'a FatturaPA line needs a description' });
	}
	const vat = vatOf(row.VatCode, at, missing);
	let natura: Natura | undefined;
	if (!vat && !row.VatCode) {
		if (descriptive && previous) {
			warnings.push({ path: at, message: 'a text-only row becomes a 0.00 line with the VAT of the line before' });
			return { descrizione: description!, prezzoUnitario: '0', aliquotaIVA: previous.aliquotaIVA, ...(previous.natura ? { natura: previous.natura } : {}) };
		}
		missing.push({ path: `${at}/VatCode`, message: 'a FatturaPA line needs its VAT code (with Perc)' });
	}
	if (vat && vat.rate.units === 0n) {
		natura = options.naturaByVatCode?.[vat.code];
		if (!natura) {
			const cls = vat.cls?.trim().toLowerCase();
			natura = cls ? NATURA_BY_CLASS[cls] : undefined;
			if (!natura)
				missing.push({
					path: `${at}/VatCode`,
					message: `VAT code ${JSON.stringify(vat.code)} (${vat.cls ?? 'no class'}) is 0%: say which Natura it is in options.naturaByVatCode (e.g. { ${JSON.stringify(vat.code)}: 'N3.5' })`,
				});
		}
		if (natura && !NaturaCodes.some((c) => c.code === natura)) {
			missing.push({ path: `options.naturaByVatCode.${vat.code}`, message: `expected a Natura code such as N4, got ${JSON.stringify(natura)}` });
			natura = undefined;
		}
	}
	if (missing.length > before || !vat) return undefined;
	if (descriptive && !text(row.Price as string)) {
		warnings.push({ path: at, message: 'a text-only row becomes a 0.00 line' });
		return { descrizione: description!, prezzoUnitario: '0', aliquotaIVA: fmt(vat.rate, 2), ...(natura ? { natura } : {}) };
	}
	let price = dec(row.Price ?? '0', `${at}/Price`);
	if (grossPrices && vat.rate.units !== 0n) {
		// gross -> net: price x 100 / (100 + rate), 8 decimals
		const hundred = 100n * 10n ** BigInt(vat.rate.scale);
		price = ratio(price, hundred, hundred + vat.rate.units, 8);
		warnings.push({ path: `${at}/Price`, message: `Easyfatt's price includes VAT; the FatturaPA carries the net ${fmt(price)}` });
	}
	let sconto: string | undefined;
	const discounts = row.Discounts ? discountPercents(row.Discounts, `${at}/Discounts`, missing) : undefined;
	if (missing.length > before) return undefined;
	if (discounts && discounts.length === 1) sconto = fmt(discounts[0], 2);
	else if (discounts && discounts.length > 1) {
		// compound 10+5: one factor (0.90 x 0.95); as one percentage when exact in 2 decimals, else folded into the price
		let factor: ExactDecimal = { units: 1n, scale: 0 };
		for (const d of discounts) {
			const hundred = 100n * 10n ** BigInt(d.scale);
			factor = { units: factor.units * (hundred - d.units), scale: factor.scale + d.scale + 2 };
		}
		const percent = { units: 10n ** BigInt(factor.scale) * 100n - factor.units * 100n, scale: factor.scale };
		const p2 = roundHalfUp(percent, 2);
		if (roundHalfUp(p2, percent.scale).units === percent.units) sconto = fmt(p2, 2);
		else {
			price = roundHalfUp({ units: price.units * factor.units, scale: price.scale + factor.scale }, 8);
			warnings.push({ path: `${at}/Discounts`, message: `compound discount ${row.Discounts} folded into the unit price ${fmt(price)}` });
		}
	}
	const qty = row.Qty ?? undefined;
	if (qty !== undefined && qty.startsWith('-')) {
		missing.push({ path: `${at}/Qty`, message: 'a FatturaPA quantity cannot be negative; use a negative price for a deduction' });
		return undefined;
	}
	const riferimento = natura && vat.description ? vat.description.slice(0, 100) : undefined;
	return {
		descrizione: description!,
		...(qty !== undefined ? { quantita: qty } : {}),
		...(text(row.Um) ? { unitaMisura: text(row.Um)!.slice(0, 10) } : {}),
		prezzoUnitario: fmt(price),
		...(sconto && sconto !== '0' ? { scontoPercentuale: sconto } : {}),
		aliquotaIVA: fmt(vat.rate, 2),
		...(natura ? { natura } : {}),
		...(riferimento ? { riferimentoNormativo: riferimento } : {}),
	};
}

function payments(doc: EasyfattDocument, path: string, options: ToFatturaOptions, warnings: DaneaFinding[]): PaymentInput[] | undefined {
	const name = text(doc.PaymentName);
	const modalita = options.modalitaPagamento ?? (name ? PAYMENT_KEYWORDS.find(([re]) => re.test(name))?.[1] : undefined);
	const list = (doc.Payments ?? []).filter((p) => typeof p.Amount === 'number');
	if (!modalita) {
		if (name || list.length) warnings.push({ path: `${path}/PaymentName`, message: `cannot tell the ModalitaPagamento of ${JSON.stringify(name ?? '')}; no DatiPagamento written (set options.modalitaPagamento)` });
		return undefined;
	}
	const bank = text(doc.PaymentBank);
	if (list.length === 0) return [{ modalita, ...(bank ? { istitutoFinanziario: bank.slice(0, 80) } : {}) }];
	return list.map((p) => ({
		modalita,
		...(p.Date ? { scadenza: p.Date } : {}),
		importo: formatCents(p.Amount as number),
		...(bank ? { istitutoFinanziario: bank.slice(0, 80) } : {}),
		...(list.length > 1 ? { condizioni: 'TP01' as const } : {}),
	}));
}

// ---------------------------------------------------------------- back: FatturaPA input -> Easyfatt

const LETTER_BY_TIPO: Partial<Record<TipoDocumento, DocumentTypeLetter>> = {
	TD01: 'I', TD24: 'I', TD25: 'I', TD02: 'J', TD03: 'J', TD04: 'N', TD05: 'O', TD06: 'P',
	TD16: 'M', TD17: 'M', TD18: 'M', TD19: 'M', TD20: 'M', TD21: 'M', TD27: 'M',
};

const CLASS_BY_NATURA: [RegExp, string][] = [
	[/^N1$/, 'Escluso'], [/^N2/, 'Fuori campo'], [/^N3\.1$/, 'Extra-UE'], [/^N3\.2$/, 'Intra-UE'], [/^N3/, 'Non imponibile'], [/^N4$/, 'Esente'], [/^N5$/, 'Iva non esposta'], [/^N6/, 'Rev. charge'], [/^N7$/, 'Fuori campo'],
];

export interface FromFatturaResult {
	Company: EasyfattCompany;
	Document: EasyfattDocument;
	warnings: DaneaFinding[];
}

/**
 * The FatturaPA Build input -> an Easyfatt invoice (prices net of VAT, totals computed as the
 * FatturaPA Build computes them, in cents). Throws the Build's own error when the input is invalid.
 */
export function fatturaInputToEasyfatt(input: FatturaInput): FromFatturaResult {
	const { model, totals } = buildModel(input);
	const warnings: DaneaFinding[] = [];
	const tipo = input.tipoDocumento ?? 'TD01';
	const letter = LETTER_BY_TIPO[tipo];
	if (!letter) warnings.push({ path: 'tipoDocumento', message: `${tipo} has no Easyfatt document type of its own; written as I (fattura)` });
	const party = (p: FatturaInput['cedente'] | FatturaInput['cessionario']) => ({
		name: p.denominazione ?? [p.nome, p.cognome].filter(Boolean).join(' '),
		address: p.numeroCivico ? `${p.indirizzo}, ${p.numeroCivico}` : p.indirizzo,
		country: ISO_TO_ITALIAN[(p.nazione ?? 'IT').toUpperCase()] ?? (p.nazione ?? 'IT').toUpperCase(),
	});
	const c = party(input.cedente);
	const b = party(input.cessionario);
	const Company: EasyfattCompany = {
		Name: c.name,
		Address: c.address,
		Postcode: input.cedente.cap,
		City: input.cedente.comune,
		...(input.cedente.provincia ? { Province: input.cedente.provincia.toUpperCase() } : {}),
		Country: c.country,
		...(input.cedente.codiceFiscale ? { FiscalCode: input.cedente.codiceFiscale } : {}),
		...(input.cedente.partitaIva ? { VatCode: input.cedente.partitaIva } : {}),
	};
	const lines = model.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee;
	const Rows: EasyfattRow[] = input.righe.map((r, i) => {
		const rate = formatExactDecimal(dec(String(r.aliquotaIVA), `righe[${i}].aliquotaIVA`), 0, 2);
		const cls = r.natura ? (CLASS_BY_NATURA.find(([re]) => re.test(r.natura!))?.[1] ?? 'Non imponibile') : 'Imponibile';
		const totalCents = Number(roundHalfUp(dec(lines[i].PrezzoTotale, 'PrezzoTotale'), 2).units);
		return {
			Description: r.descrizione,
			...(r.quantita !== undefined ? { Qty: fmt(dec(String(r.quantita), `righe[${i}].quantita`)) } : {}),
			...(r.unitaMisura ? { Um: r.unitaMisura } : {}),
			Price: fmt(dec(String(r.prezzoUnitario), `righe[${i}].prezzoUnitario`)),
			...(r.scontoPercentuale !== undefined ? { Discounts: fmt(dec(String(r.scontoPercentuale), `righe[${i}].scontoPercentuale`), 2) } : {}),
			VatCode: { Code: r.natura ?? rate, Perc: rate, Class: cls, ...(r.riferimentoNormativo ? { Description: r.riferimentoNormativo } : {}) },
			Total: totalCents,
		};
	});
	const pay = input.pagamento === undefined ? [] : Array.isArray(input.pagamento) ? input.pagamento : [input.pagamento];
	const dp = model.FatturaElettronicaBody[0].DatiPagamento?.[0]?.DettaglioPagamento ?? [];
	const Document: EasyfattDocument = {
		CustomerName: b.name,
		CustomerAddress: b.address,
		CustomerPostcode: input.cessionario.cap,
		CustomerCity: input.cessionario.comune,
		...(input.cessionario.provincia ? { CustomerProvince: input.cessionario.provincia.toUpperCase() } : {}),
		CustomerCountry: b.country,
		...(input.cessionario.codiceFiscale ? { CustomerFiscalCode: input.cessionario.codiceFiscale } : {}),
		...(input.cessionario.partitaIva ? { CustomerVatCode: input.cessionario.partitaIva } : {}),
		...(input.codiceDestinatario ? { CustomerEInvoiceDestCode: input.codiceDestinatario } : {}),
		...(input.pecDestinatario ? { CustomerPec: input.pecDestinatario } : {}),
		DocumentType: letter ?? 'I',
		Date: input.data,
		Number: input.numero,
		TotalWithoutTax: totals.imponibileCents,
		VatAmount: totals.impostaCents,
		Total: totals.totaleCents,
		PricesIncludeVat: false,
		...(pay.length ? { PaymentName: ModalitaPagamentoCodes.find((m) => m.code === pay[0].modalita)?.label ?? pay[0].modalita } : {}),
		...(pay[0]?.istitutoFinanziario ? { PaymentBank: pay[0].istitutoFinanziario } : {}),
		Rows,
		...(dp.length
			? {
					Payments: dp.map((d) => ({
						...(d.DataScadenzaPagamento ? { Date: d.DataScadenzaPagamento } : {}),
						Amount: Number(roundHalfUp(dec(d.ImportoPagamento, 'ImportoPagamento'), 2).units),
						Paid: false,
					})),
				}
			: {}),
	};
	if (input.causale) warnings.push({ path: 'causale', message: 'the causale has no Easyfatt-XML field; written to FootNotes' });
	if (input.causale) Document.FootNotes = Array.isArray(input.causale) ? input.causale.join('\n') : input.causale;
	return { Company, Document, warnings };
}
