/**
 * Danea Easyfatt file formats, no n8n import: Easyfatt-XML documents and products (read whole or
 * streamed, written with Easyfatt's import semantics), CSV contacts and products by their Italian
 * captions, and conversion of an Easyfatt invoice to the FatturaPA Build input and back.
 */
export * from './fields';
export { DaneaFormatError, describeFinding, type DaneaFinding } from './values';
export { ElementScanner, DEFAULT_MAX_ELEMENT_BYTES, type ScanOptions } from './scanner';
export {
	parseEasyfattDocuments,
	streamEasyfattDocuments,
	checkEasyfattDocuments,
	buildEasyfattDocuments,
	checkDocumentsModel,
	type EasyfattDocumentsFile,
	type DocumentsStreamItem,
	type ReadOptions,
	type WriteOptions,
} from './documents';
export {
	parseEasyfattProducts,
	streamEasyfattProducts,
	checkEasyfattProducts,
	buildEasyfattProducts,
	checkProductsModel,
	PRODUCT_LISTS,
	type EasyfattProductsFile,
	type ProductsStreamItem,
	type ProductList,
} from './products';
export {
	parseEasyfattCsv,
	buildEasyfattCsv,
	customerFieldsFromCsv,
	productFromCsv,
	csvDecimal,
	CONTACT_CAPTIONS,
	PRODUCT_CAPTIONS,
	VARIANT_CAPTIONS,
	type EasyfattCsv,
	type EasyfattCsvKind,
	type CsvReadOptions,
	type CsvWriteOptions,
} from './csv';
export {
	easyfattToFatturaInput,
	fatturaInputToEasyfatt,
	INVOICE_DOCUMENT_TYPES,
	type ToFatturaOptions,
	type ToFatturaResult,
	type FromFatturaResult,
} from './fatturapa';
