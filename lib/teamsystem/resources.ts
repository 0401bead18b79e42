/**
 * The WebAPI resources we can name from the facts. Only two are documented by name in the
 * vendor's public pages; everything else (items, accounting...) is served by the raw
 * module/resource pair whose names the tenant's own Swagger lists.
 */
export interface TseResourceEntry {
	key: 'customersSuppliers' | 'salesDocuments';
	label: string;
	description: string;
	module: string;
	resource: string;
	/** where the names come from */
	source: { kind: 'vendor-docs' | 'sample'; where: string };
}

export const TSE_RESOURCES: readonly TseResourceEntry[] = [
	{
		key: 'customersSuppliers',
		label: 'Customer or Supplier (Cliente/Fornitore)',
		description: 'Customers and suppliers of the company, module CO (common registries)',
		module: 'CO',
		resource: 'CustomerSupplierCo',
		source: { kind: 'vendor-docs', where: 'tse.docs.teamsystem.cloud /docs/glossary/common-terms: POST .../CO/CustomerSupplierCo/search?company=2' },
	},
	{
		key: 'salesDocuments',
		label: 'Document (Documento: DDT, invoice, order)',
		description: 'Warehouse and sales documents, module MG; the document type is anagraficaDocumentoDitta.codDocumMg36 (e.g. C-DDT)',
		module: 'MG',
		resource: 'Documento',
		source: { kind: 'vendor-docs', where: 'tse.docs.teamsystem.cloud /docs/products/tse10/examples-apis: POST .../MG/Documento?company=1000' },
	},
];

/** Modules named by the docs, for the raw module/resource choice. */
export const TSE_MODULES: Readonly<Record<string, string>> = {
	CO: 'Common registries (anagrafiche), e.g. CustomerSupplierCo',
	MG: 'Warehouse and documents (magazzino / documenti), e.g. Documento',
	CG: 'General accounting (contabilità generale)',
};

/**
 * What the issue names but the facts do not: shown to the user as "use the raw resource" with
 * the reason, never guessed into a path.
 */
export const TSE_UNNAMED_RESOURCES: readonly { key: string; label: string; reason: string }[] = [
	{
		key: 'items',
		label: 'Item (Articolo)',
		reason: 'the resource name is only in the tenant Swagger (https://api{cid}.teamsystem.io/api/swagger/docs/index.html); the row field codartMg66 suggests module MG. Use the raw module/resource with the name your Swagger shows.',
	},
];

export function tseResource(key: string): TseResourceEntry | undefined {
	return TSE_RESOURCES.find((r) => r.key === key);
}
