/**
 * The fields of Easyfatt-XML, tag by tag, with the kind of value each holds. The model keys are
 * the Easyfatt tag names themselves, so a field documented by Danea is found under its own name.
 *
 * Kinds (how a tag's text becomes a model value):
 *   text     the text as written
 *   amount   money, integer euro cents (Easyfatt writes '112.5' -> 11250)
 *   decimal  an exact decimal kept as canonical text (unit prices, quantities, percentages:
 *            Easyfatt lets unit prices carry more than 2 decimals, so they are not cents)
 *   boolean  'true' / 'false'
 *   date     ISO yyyy-mm-dd
 *   vat      a VAT code element: text = the code, attributes Perc, Class, Description
 *
 * Order: the order of the real Easyfatt 2023 export (../shared/specs/danea/sample-...DefXml),
 * with the fields it omits placed beside their group. The writer emits tags in this order.
 */
import type { Cents } from '../money';

export type FieldKind = 'text' | 'amount' | 'decimal' | 'boolean' | 'date' | 'vat';

/** `<VatCode Perc="22" Class="Imponibile" Description="Imponibile 22%">22</VatCode>` */
export interface EasyfattVatCode {
	/** the element's text: the VAT code as Easyfatt names it ('22', 'N4', 'E10' ...) */
	Code: string;
	/** the rate in percent, exact decimal text */
	Perc?: string;
	/** Imponibile, Non imponibile, Esente, Escluso, Fuori campo, Intra-UE, Extra-UE, Iva non esposta, Rev. charge */
	Class?: string;
	Description?: string;
}

export interface KindValue {
	text: string;
	amount: Cents;
	decimal: string;
	boolean: boolean;
	date: string;
	vat: EasyfattVatCode;
}

export type FieldSchema = Readonly<Record<string, FieldKind>>;

/**
 * A record of a schema: every field optional. `undefined` (absent) = the tag was not in the
 * file / is not written, so Easyfatt keeps its default; `null` = the tag is present and empty,
 * which clears the value in Easyfatt.
 */
export type FieldsOf<S extends FieldSchema> = { -readonly [K in keyof S]?: KindValue[S[K]] | null };

export const COMPANY_FIELDS = {
	Name: 'text',
	Address: 'text',
	Postcode: 'text',
	City: 'text',
	Province: 'text',
	Country: 'text',
	FiscalCode: 'text',
	VatCode: 'text',
	Tel: 'text',
	Fax: 'text',
	Email: 'text',
	HomePage: 'text',
} as const satisfies FieldSchema;

export const DOCUMENT_FIELDS = {
	CustomerCode: 'text',
	CustomerWebLogin: 'text',
	CustomerName: 'text',
	CustomerAddress: 'text',
	CustomerPostcode: 'text',
	CustomerCity: 'text',
	CustomerProvince: 'text',
	CustomerCountry: 'text',
	CustomerFiscalCode: 'text',
	CustomerVatCode: 'text',
	CustomerEInvoiceDestCode: 'text',
	CustomerReference: 'text',
	CustomerTel: 'text',
	CustomerCellPhone: 'text',
	CustomerFax: 'text',
	CustomerEmail: 'text',
	CustomerPec: 'text',
	DeliveryName: 'text',
	DeliveryAddress: 'text',
	DeliveryPostcode: 'text',
	DeliveryCity: 'text',
	DeliveryProvince: 'text',
	DeliveryCountry: 'text',
	DocumentType: 'text',
	Date: 'date',
	Number: 'text',
	Numbering: 'text',
	CostDescription: 'text',
	CostVatCode: 'vat',
	CostAmount: 'amount',
	ContribDescription: 'text',
	ContribPerc: 'decimal',
	ContribSubjectToWithholdingTax: 'boolean',
	ContribAmount: 'amount',
	ContribVatCode: 'vat',
	TotalWithoutTax: 'amount',
	VatAmount: 'amount',
	WithholdingTaxAmount: 'amount',
	WithholdingTaxAmountB: 'amount',
	WithholdingTaxNameB: 'text',
	Total: 'amount',
	PriceList: 'text',
	PricesIncludeVat: 'boolean',
	TotalSubjectToWithholdingTax: 'amount',
	WithholdingTaxPerc: 'decimal',
	WithholdingTaxPerc2: 'decimal',
	DelayedVat: 'boolean',
	DelayedVatDesc: 'text',
	PaymentName: 'text',
	PaymentBank: 'text',
	PaymentAdvanceAmount: 'amount',
	Carrier: 'text',
	TransportReason: 'text',
	GoodsAppearance: 'text',
	NumOfPieces: 'decimal',
	TransportDateTime: 'text',
	ShipmentTerms: 'text',
	TransportedWeight: 'decimal',
	TrackingNumber: 'text',
	Warehouse: 'text',
	DocReference: 'text',
	InternalComment: 'text',
	CustomField1: 'text',
	CustomField2: 'text',
	CustomField3: 'text',
	CustomField4: 'text',
	FootNotes: 'text',
	ExpectedConclusionDate: 'date',
	SalesAgent: 'text',
} as const satisfies FieldSchema;

export const ROW_FIELDS = {
	Code: 'text',
	SupplierCode: 'text',
	Description: 'text',
	Qty: 'decimal',
	Um: 'text',
	Size: 'text',
	Color: 'text',
	Lot: 'text',
	ExpiryDate: 'date',
	Serial: 'text',
	Price: 'decimal',
	Discounts: 'text',
	EcoFee: 'decimal',
	VatCode: 'vat',
	Total: 'amount',
	WithholdingTax: 'boolean',
	Stock: 'boolean',
	Notes: 'text',
	CommissionPerc: 'decimal',
} as const satisfies FieldSchema;

export const PAYMENT_FIELDS = {
	Advance: 'boolean',
	Date: 'date',
	Amount: 'amount',
	Paid: 'boolean',
} as const satisfies FieldSchema;

const PRICES: Record<string, 'decimal'> = {};
for (let i = 1; i <= 9; i++) PRICES[`NetPrice${i}`] = 'decimal';
for (let i = 1; i <= 9; i++) PRICES[`GrossPrice${i}`] = 'decimal';

type Prices = { [K in `NetPrice${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | `GrossPrice${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`]: 'decimal' };

export const PRODUCT_FIELDS = {
	Code: 'text',
	InternalID: 'text',
	Barcode: 'text',
	Description: 'text',
	DescriptionHTML: 'text',
	Category: 'text',
	Subcategory: 'text',
	Um: 'text',
	...(PRICES as Prices),
	Vat: 'vat',
	ManageWarehouse: 'boolean',
	WarehouseLocation: 'text',
	MinStock: 'decimal',
	AvailableQty: 'decimal',
	OrderedQty: 'decimal',
	SupplierCode: 'text',
	SupplierName: 'text',
	SupplierProductCode: 'text',
	Notes: 'text',
	CustomField1: 'text',
	CustomField2: 'text',
	CustomField3: 'text',
	CustomField4: 'text',
	ImageFileName: 'text',
} as const satisfies FieldSchema;

export const VARIANT_FIELDS = {
	Size: 'text',
	Color: 'text',
	Barcode: 'text',
	AvailableQty: 'decimal',
} as const satisfies FieldSchema;

/**
 * DocumentType letters (facts: danea.it/software/easyfatt/xml/documenti as summarised in
 * ../shared/specs/danea/easyfatt-formats.json; the letters match easyfatt-db-connector's list).
 */
export const DOCUMENT_TYPES = {
	A: 'avviso di parcella',
	B: 'vendita al banco',
	C: 'ordine cliente',
	D: 'documento di trasporto',
	E: 'ordine fornitore',
	F: 'fattura accompagnatoria',
	G: "rapporto d'intervento",
	H: 'arrivo merce fornitore',
	I: 'fattura',
	J: "fattura d'acconto",
	L: 'pro-forma',
	M: 'autofattura',
	N: 'nota di credito',
	O: 'nota di addebito',
	P: 'parcella',
	Q: 'preventivo',
	R: 'ricevuta fiscale',
	S: 'preventivo fornitore',
} as const;

export type DocumentTypeLetter = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_LETTERS = Object.keys(DOCUMENT_TYPES) as DocumentTypeLetter[];

export type EasyfattCompany = FieldsOf<typeof COMPANY_FIELDS> & Extras;
export type EasyfattRow = FieldsOf<typeof ROW_FIELDS> & Extras;
export type EasyfattPayment = FieldsOf<typeof PAYMENT_FIELDS> & Extras;
export type EasyfattVariant = FieldsOf<typeof VARIANT_FIELDS> & Extras;

export interface Extras {
	/**
	 * Tags this library does not know, kept with their text (null = empty) so a file from a newer
	 * Easyfatt goes through parse -> build unchanged.
	 */
	extraFields?: Record<string, string | null>;
}

export type EasyfattDocument = Omit<FieldsOf<typeof DOCUMENT_FIELDS>, 'DocumentType'> &
	Extras & {
		/** one letter of DOCUMENT_TYPES; omitted = Easyfatt's default C (ordine cliente) */
		DocumentType?: DocumentTypeLetter | null;
		Rows?: EasyfattRow[];
		Payments?: EasyfattPayment[];
		/** `<Pdf FileName="...">base64</Pdf>`: the document's PDF */
		Pdf?: { FileName?: string; base64: string } | null;
	};

export interface EasyfattExtraBarcode {
	Barcode: string;
	/** PackageQty attribute: how many units the barcode's package holds */
	PackageQty?: string;
}

export type EasyfattProduct = FieldsOf<typeof PRODUCT_FIELDS> &
	Extras & {
		ExtraBarcodes?: EasyfattExtraBarcode[];
		/** AppVersion 3: size/colour variants */
		Variants?: EasyfattVariant[];
	};
