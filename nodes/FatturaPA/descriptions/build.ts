/**
 * Build: the friendly input of lib/fatturapa's buildFatturaPA, as fields, as one JSON
 * parameter, or as each incoming item's JSON. Field names follow the FatturaPA words.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	CondizioniPagamentoCodes,
	EsigibilitaIVACodes,
	ModalitaPagamentoCodes,
	NaturaCodes,
	RegimeFiscaleCodes,
	TipoDocumentoCodes,
} from '../../../lib/fatturapa';
import { codeOptions } from './codeOptions';
import { RECEIVED_ON_OPTION, SERVER_SIDE_WARNINGS_OPTION } from './common';

const BUILD = { operation: ['build'] };
const FIELDS = { ...BUILD, buildInput: ['fields'] };

function partyValues(kind: 'cedente' | 'cessionario'): INodeProperties[] {
	return [
		{ displayName: 'Denominazione', name: 'denominazione', type: 'string', default: '', description: 'Company name; leave empty for a person and give Nome and Cognome' },
		{ displayName: 'Nome', name: 'nome', type: 'string', default: '', description: 'First name of a person' },
		{ displayName: 'Cognome', name: 'cognome', type: 'string', default: '', description: 'Last name of a person' },
		{
			displayName: 'Partita IVA',
			name: 'partitaIva',
			type: 'string',
			default: '',
			placeholder: '01234567897',
			description: kind === 'cedente' ? 'VAT number (required for the seller); a foreign one may carry its country prefix, e.g. DE123456789' : 'VAT number; a foreign one may carry its country prefix, e.g. DE123456789',
		},
		{ displayName: 'Codice Fiscale', name: 'codiceFiscale', type: 'string', default: '', description: 'Tax code: 16 characters for a person, 11 digits for a company' },
		...(kind === 'cedente'
			? [{ displayName: 'Regime Fiscale', name: 'regimeFiscale', type: 'options', default: 'RF01', options: codeOptions(RegimeFiscaleCodes) } satisfies INodeProperties]
			: []),
		{ displayName: 'Indirizzo', name: 'indirizzo', type: 'string', default: '', description: 'Street and number' },
		{ displayName: 'CAP', name: 'cap', type: 'string', default: '', description: 'Postal code: 5 digits in Italy' },
		{ displayName: 'Comune', name: 'comune', type: 'string', default: '' },
		{ displayName: 'Provincia', name: 'provincia', type: 'string', default: '', placeholder: 'MI', description: 'Two-letter sigla, Italian addresses only' },
		{ displayName: 'Nazione', name: 'nazione', type: 'string', default: 'IT', description: 'ISO 3166 two-letter country code' },
		...(kind === 'cessionario'
			? [
					{
						displayName: 'Pubblica Amministrazione',
						name: 'pubblicaAmministrazione',
						type: 'boolean',
						default: false,
						description: 'Whether the buyer is a public administration (the invoice becomes FPA12 and needs the 6-character codice ufficio)',
					} satisfies INodeProperties,
				]
			: []),
	];
}

export const BUILD_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Invoice Data',
		name: 'buildInput',
		type: 'options',
		default: 'fields',
		displayOptions: { show: BUILD },
		options: [
			{ name: 'Fields Below', value: 'fields' },
			{ name: 'JSON', value: 'json', description: 'The whole invoice as one JSON object (see the README for its shape)' },
			{ name: 'Incoming Item', value: 'item', description: 'Each incoming item’s JSON is the invoice' },
		],
	},
	{
		displayName: 'Invoice (JSON)',
		name: 'invoiceJson',
		type: 'json',
		default: '{\n  "progressivoInvio": "00001",\n  "data": "2025-01-31",\n  "numero": "1",\n  "cedente": {},\n  "cessionario": {},\n  "righe": []\n}',
		required: true,
		description: 'The invoice with progressivoInvio, data, numero, tipoDocumento, cedente, cessionario, righe and pagamento (shape in the README)',
		displayOptions: { show: { ...BUILD, buildInput: ['json'] } },
	},
	{
		displayName: 'Progressivo Invio',
		name: 'progressivoInvio',
		type: 'string',
		default: '',
		required: true,
		placeholder: '00001',
		description: '1 to 5 letters or digits, never reused for the same transmitter; it also names the file',
		displayOptions: { show: FIELDS },
	},
	{
		displayName: 'Tipo Documento',
		name: 'tipoDocumento',
		type: 'options',
		default: 'TD01',
		options: codeOptions(TipoDocumentoCodes),
		displayOptions: { show: FIELDS },
	},
	{ displayName: 'Data', name: 'data', type: 'string', default: '', required: true, placeholder: 'YYYY-MM-DD', description: 'Invoice date', displayOptions: { show: FIELDS } },
	{ displayName: 'Numero', name: 'numero', type: 'string', default: '', required: true, placeholder: '12/2025', description: 'Invoice number; it must contain a digit (SdI 00425)', displayOptions: { show: FIELDS } },
	{
		displayName: 'Cedente / Prestatore',
		name: 'cedente',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Seller',
		description: 'Who issues the invoice',
		displayOptions: { show: FIELDS },
		options: [{ displayName: 'Seller', name: 'details', values: partyValues('cedente') }],
	},
	{
		displayName: 'Cessionario / Committente',
		name: 'cessionario',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Buyer',
		description: 'Who receives the invoice',
		displayOptions: { show: FIELDS },
		options: [{ displayName: 'Buyer', name: 'details', values: partyValues('cessionario') }],
	},
	{
		displayName: 'Righe',
		name: 'righe',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Line',
		description: 'Invoice lines; totals and DatiRiepilogo are computed from them in integer cents',
		displayOptions: { show: FIELDS },
		options: [
			{
				displayName: 'Line',
				name: 'riga',
				values: [
					{ displayName: 'Aliquota IVA %', name: 'aliquotaIVA', type: 'string', default: '22', description: 'VAT rate; 0 needs a Natura' },
					{ displayName: 'Descrizione', name: 'descrizione', type: 'string', default: '' },
					{ displayName: 'Natura', name: 'natura', type: 'options', default: '', options: [{ name: '(None: VAT Is Charged)', value: '' }, ...codeOptions(NaturaCodes)] },
					{ displayName: 'Prezzo Unitario', name: 'prezzoUnitario', type: 'string', default: '', placeholder: '100.00', description: 'Net unit price, up to 8 decimals, with a point' },
					{ displayName: 'Quantità', name: 'quantita', type: 'string', default: '', placeholder: '1', description: 'Up to 8 decimals; empty for a single service' },
					{ displayName: 'Riferimento Normativo', name: 'riferimentoNormativo', type: 'string', default: '', description: 'Law reference for an exempt line' },
					{ displayName: 'Sconto %', name: 'scontoPercentuale', type: 'string', default: '', description: 'Discount on the unit price in percent' },
					{ displayName: 'Unità Di Misura', name: 'unitaMisura', type: 'string', default: '', placeholder: 'pz' },
				],
			},
		],
	},
	{
		displayName: 'Pagamento',
		name: 'pagamento',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Payment',
		description: 'Payment details (DatiPagamento); one instalment gets the document total unless an amount is given',
		displayOptions: { show: FIELDS },
		options: [
			{
				displayName: 'Payment',
				name: 'dettaglio',
				values: [
					{ displayName: 'IBAN', name: 'iban', type: 'string', default: '' },
					{ displayName: 'Importo', name: 'importo', type: 'string', default: '', description: 'Empty: the document total' },
					{ displayName: 'Istituto Finanziario', name: 'istitutoFinanziario', type: 'string', default: '' },
					{ displayName: 'Modalità', name: 'modalita', type: 'options', default: 'MP05', options: codeOptions(ModalitaPagamentoCodes) },
					{ displayName: 'Scadenza', name: 'scadenza', type: 'string', default: '', placeholder: 'YYYY-MM-DD' },
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: FIELDS },
		options: [
			{ displayName: 'Arrotondamento', name: 'arrotondamento', type: 'string', default: '', placeholder: '-0.01', description: 'Rounding added to the document total' },
			{
				displayName: 'Bollo',
				name: 'bollo',
				type: 'options',
				default: 'auto',
				description: 'Stamp duty of 2.00 EUR',
				options: [
					{ name: 'Automatic (Exempt Amounts Above 77.47 EUR)', value: 'auto' },
					{ name: 'Always', value: 'yes' },
					{ name: 'Never', value: 'no' },
				],
			},
			{ displayName: 'Causale', name: 'causale', type: 'string', default: '', description: 'Reason for the invoice; long text is split into 200-character blocks' },
			{ displayName: 'Codice Destinatario', name: 'codiceDestinatario', type: 'string', default: '', description: '7 characters (6 for a public administration); empty: 0000000, or XXXXXXX for a foreign buyer' },
			{ displayName: 'Condizioni Pagamento', name: 'condizioniPagamento', type: 'options', default: 'TP02', options: codeOptions(CondizioniPagamentoCodes) },
			{ displayName: 'Divisa', name: 'divisa', type: 'string', default: 'EUR', description: 'ISO 4217 currency code' },
			{ displayName: 'Esigibilità IVA', name: 'esigibilitaIVA', type: 'options', default: 'I', options: codeOptions(EsigibilitaIVACodes) },
			{
				displayName: 'Formato Trasmissione',
				name: 'formatoTrasmissione',
				type: 'options',
				default: 'FPR12',
				description: 'Default: FPA12 for a public administration, else FPR12',
				options: [
					{ name: 'FPA12 - Fattura Verso PA', value: 'FPA12' },
					{ name: 'FPR12 - Fattura Verso Privati', value: 'FPR12' },
				],
			},
			{ displayName: 'PEC Destinatario', name: 'pecDestinatario', type: 'string', default: '', placeholder: 'name@pec.example.it', description: 'Certified e-mail of the buyer' },
			{ displayName: 'Trasmittente ID Codice', name: 'trasmittenteIdCodice', type: 'string', default: '', description: 'Who transmits the file (an intermediary); empty: the seller’s partita IVA' },
			{ displayName: 'Trasmittente ID Paese', name: 'trasmittenteIdPaese', type: 'string', default: 'IT' },
		],
	},
	{
		displayName: 'Options',
		name: 'buildOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: BUILD },
		options: [
			{ displayName: 'Include Model', name: 'includeModel', type: 'boolean', default: true, description: 'Whether to add the invoice model (the XML as JSON) to the output' },
			{ displayName: 'Include XML Text', name: 'includeXml', type: 'boolean', default: false, description: 'Whether to add the XML as text to the output JSON too' },
			{ displayName: 'Output Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', description: 'Binary property the XML file is written to' },
			RECEIVED_ON_OPTION,
			{
				displayName: 'Replace Unsupported Characters',
				name: 'replaceCharacters',
				type: 'boolean',
				default: false,
				description: 'Whether to replace characters the XSD does not allow (’ → \', emoji → ?) instead of failing with their field and position',
			},
			SERVER_SIDE_WARNINGS_OPTION,
		],
	},
];
