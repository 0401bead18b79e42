/**
 * EasyfattProducts: the catalogue Easyfatt pushes to an e-commerce URL (POST multipart, field
 * "file"). Mode "full" sends every product in <Products> (the site deletes anything not sent);
 * Mode "incremental" sends <UpdatedProducts> and <DeletedProducts> (deleted ones carry only
 * <Code>). Read as a stream (one product at a time, bounded memory) or whole; write either mode.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { XmlElement } from '../xml';
import { convertToUtf8, isObject, ownError, writeEntries, type ReadOptions, type WriteOptions } from './documents';
import { PRODUCT_FIELDS, VARIANT_FIELDS, type EasyfattExtraBarcode, type EasyfattProduct, type EasyfattVariant } from './fields';
import { scanAll, scanStream, type ScanEvent, type ScannerLayout } from './scanner';
import { DaneaFormatError, describe, readRecord, recordEntries, unknownKeys, xmlTextProblem, type DaneaFinding } from './values';

export type ProductList = 'Products' | 'UpdatedProducts' | 'DeletedProducts';
export const PRODUCT_LISTS: readonly ProductList[] = ['Products', 'UpdatedProducts', 'DeletedProducts'];

export interface EasyfattProductsFile {
	/** "2", or "3" when products have size/colour variants */
	AppVersion?: string;
	/** full: Products is the whole catalogue; incremental: UpdatedProducts + DeletedProducts */
	Mode?: 'full' | 'incremental';
	/** the warehouse the quantities are from (root attribute) */
	Warehouse?: string;
	/** other root attributes, kept as found */
	extraAttributes?: Record<string, string>;
	Products?: EasyfattProduct[];
	UpdatedProducts?: EasyfattProduct[];
	/** deleted products: only Code is meaningful */
	DeletedProducts?: EasyfattProduct[];
}

export const PRODUCTS_LAYOUT: ScannerLayout = {
	root: 'EasyfattProducts',
	containers: { Products: 'Product', UpdatedProducts: 'Product', DeletedProducts: 'Product' },
	rootChildren: [],
};

export type ProductsStreamItem =
	| { type: 'header'; AppVersion?: string; Mode?: string; Warehouse?: string; extraAttributes?: Record<string, string> }
	| { type: 'product'; list: ProductList; index: number; product: EasyfattProduct };

/** Chunks (fs.createReadStream, an HTTP body) -> the header, then one product at a time; memory stays bounded. */
export async function* streamEasyfattProducts(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: ReadOptions = {}): AsyncGenerator<ProductsStreamItem> {
	for await (const event of scanStream(source, PRODUCTS_LAYOUT, { maxElementBytes: 4 * 1024 * 1024, ...options })) {
		const findings: DaneaFinding[] = [];
		const item = productItem(event, findings);
		if (findings.length) throw new DaneaFormatError(findings);
		if (item) yield item;
	}
}

/** Whole file -> model; throws DaneaFormatError naming every bad field. */
export function parseEasyfattProducts(input: string | Uint8Array, options: ReadOptions = {}): EasyfattProductsFile {
	const findings: DaneaFinding[] = [];
	const file = collectProducts(scanAll(utf8(input), PRODUCTS_LAYOUT, { ...options, ignoreDeclaredEncoding: true }), findings);
	if (findings.length) throw new DaneaFormatError(findings);
	return file;
}

/** Our structure check of a products file: every finding, none = clean (see checkEasyfattDocuments). */
export function checkEasyfattProducts(input: string | Uint8Array, options: ReadOptions = {}): DaneaFinding[] {
	const findings: DaneaFinding[] = [];
	const fatal = ownError(() => {
		const file = collectProducts(scanAll(utf8(input), PRODUCTS_LAYOUT, { ...options, ignoreDeclaredEncoding: true }), findings);
		if (findings.length === 0) checkProductsModel(file, findings);
	});
	return fatal ? findings.concat(fatal.findings) : findings;
}

function utf8(input: string | Uint8Array): Uint8Array {
	if (typeof input === 'string') return Buffer.from(input, 'utf8');
	if (!(input instanceof Uint8Array)) throw new TypeError(`expected the EasyfattProducts file as text or bytes, got ${describe(input)}`);
	const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 300)).toString('latin1');
	const m = /^<\?xml[^>]*\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
	if (!m || /^utf-?8$/i.test(m[2])) return input;
	return convertToUtf8(input);
}

function productItem(event: ScanEvent, findings: DaneaFinding[]): ProductsStreamItem | undefined {
	if (event.kind === 'root') {
		const { AppVersion, Mode, Warehouse, ...others } = event.attributes;
		if (Mode !== undefined && Mode !== 'full' && Mode !== 'incremental') findings.push({ path: 'EasyfattProducts/@Mode', message: `expected full or incremental, got ${JSON.stringify(Mode)}`, line: event.line });
		const header: ProductsStreamItem = { type: 'header' };
		if (AppVersion !== undefined) header.AppVersion = AppVersion;
		if (Mode !== undefined) header.Mode = Mode;
		if (Warehouse !== undefined) header.Warehouse = Warehouse;
		if (Object.keys(others).length) header.extraAttributes = others;
		return header;
	}
	if (event.kind === 'record') return { type: 'product', list: event.container as ProductList, index: event.index, product: readProduct(event.element, event.path, event.lineOffset, findings) };
	return undefined;
}

function collectProducts(events: ScanEvent[], findings: DaneaFinding[]): EasyfattProductsFile {
	const file: EasyfattProductsFile = {};
	for (const event of events) {
		if (event.kind === 'container') file[event.name as ProductList] ??= [];
		const item = productItem(event, findings);
		if (!item) continue;
		if (item.type === 'header') {
			const header: Record<string, unknown> = { ...item };
			delete header.type;
			Object.assign(file, header);
		} else (file[item.list] ??= []).push(item.product);
	}
	return file;
}

export function readProduct(el: XmlElement, path: string, lineOffset: number, findings: DaneaFinding[]): EasyfattProduct {
	const nested: Pick<EasyfattProduct, 'ExtraBarcodes' | 'Variants'> = {};
	const fields = readRecord(el, PRODUCT_FIELDS, path, lineOffset, findings, (child, childPath) => {
		if (child.local === 'Variants') {
			nested.Variants = child.children.map((v, i) => {
				if (v.local !== 'Variant') findings.push({ path: `${childPath}/${v.local}`, message: 'unexpected element; expected <Variant>', line: v.line + lineOffset });
				return readRecord(v, VARIANT_FIELDS, `${childPath}/Variant[${i + 1}]`, lineOffset, findings) as EasyfattVariant;
			});
			return true;
		}
		if (child.local === 'ExtraBarcodes') {
			nested.ExtraBarcodes = child.children.map((b, i) => {
				const at = `${childPath}/Barcode[${i + 1}]`;
				if (b.local !== 'Barcode' || b.children.length) findings.push({ path: at, message: 'expected <Barcode PackageQty="...">code</Barcode>', line: b.line + lineOffset });
				const qty = b.attributes.find((a) => a.local === 'PackageQty')?.value;
				return { Barcode: b.text, ...(qty !== undefined ? { PackageQty: qty } : {}) };
			});
			return true;
		}
		return false;
	});
	return { ...fields, ...nested } as EasyfattProduct;
}

// ---------------------------------------------------------------- writing

/** Model -> EasyfattProducts XML text (what Easyfatt pushes; useful to test a receiver or to import into another shop). */
export function buildEasyfattProducts(file: EasyfattProductsFile, options: WriteOptions = {}): string {
	const emptyStrings = options.emptyStrings ?? 'omit';
	const findings: DaneaFinding[] = [];
	checkProductsModel(file, findings, emptyStrings);
	if (findings.length) throw new DaneaFormatError(findings);
	const mode = file.Mode ?? (file.UpdatedProducts || file.DeletedProducts ? 'incremental' : 'full');
	const attributes: Record<string, string> = {
		AppVersion: file.AppVersion ?? (hasVariants(file) ? '3' : '2'),
		Mode: mode,
		...(file.Warehouse !== undefined ? { Warehouse: file.Warehouse } : {}),
		...(file.extraAttributes ?? {}),
	};
	const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('EasyfattProducts', attributes);
	for (const list of PRODUCT_LISTS) {
		const items = file[list];
		if (!items) continue;
		const container = root.ele(list);
		items.forEach((p, i) => writeProduct(container, p, `${list}/Product[${i + 1}]`, emptyStrings, findings));
	}
	return root.end({ prettyPrint: options.prettyPrint !== false, allowEmptyTags: true }) + '\n';
}

function hasVariants(file: EasyfattProductsFile): boolean {
	return PRODUCT_LISTS.some((l) => file[l]?.some((p) => (p.Variants?.length ?? 0) > 0));
}

function writeProduct(parent: XMLBuilder, p: EasyfattProduct, path: string, emptyStrings: 'omit' | 'clear', findings: DaneaFinding[]): void {
	const el = parent.ele('Product');
	writeEntries(el, recordEntries(p as Record<string, unknown>, PRODUCT_FIELDS, path, emptyStrings, findings));
	if (p.ExtraBarcodes) {
		const list = el.ele('ExtraBarcodes');
		for (const b of p.ExtraBarcodes) list.ele('Barcode', b.PackageQty !== undefined ? { PackageQty: b.PackageQty } : {}).txt(b.Barcode);
	}
	if (p.Variants) {
		const list = el.ele('Variants');
		p.Variants.forEach((v, i) => writeEntries(list.ele('Variant'), recordEntries(v as Record<string, unknown>, VARIANT_FIELDS, `${path}/Variants/Variant[${i + 1}]`, emptyStrings, findings)));
	}
}

export function checkProductsModel(file: EasyfattProductsFile, findings: DaneaFinding[], emptyStrings: 'omit' | 'clear' = 'omit'): void {
	if (!isObject(file)) {
		findings.push({ path: '/', message: `expected an object { Mode, Products | UpdatedProducts + DeletedProducts }, got ${describe(file)}` });
		return;
	}
	if (file.Mode !== undefined && file.Mode !== 'full' && file.Mode !== 'incremental') findings.push({ path: 'Mode', message: `expected full or incremental, got ${describe(file.Mode)}` });
	for (const attr of ['AppVersion', 'Warehouse'] as const)
		if (file[attr] !== undefined && (typeof file[attr] !== 'string' || xmlTextProblem(file[attr] as string))) findings.push({ path: attr, message: `expected text, got ${describe(file[attr])}` });
	if (file.extraAttributes !== undefined) {
		if (!isObject(file.extraAttributes)) findings.push({ path: 'extraAttributes', message: `expected an object of name -> text, got ${describe(file.extraAttributes)}` });
		else
			for (const [k, v] of Object.entries(file.extraAttributes))
				if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k) || typeof v !== 'string' || xmlTextProblem(v)) findings.push({ path: `extraAttributes/${k}`, message: 'expected an attribute name and a text value' });
	}
	const mode = file.Mode ?? (file.UpdatedProducts || file.DeletedProducts ? 'incremental' : 'full');
	if (mode === 'full' && (file.UpdatedProducts || file.DeletedProducts))
		findings.push({ path: file.UpdatedProducts ? 'UpdatedProducts' : 'DeletedProducts', message: 'only in Mode incremental; a full push lists every product in Products' });
	if (mode === 'incremental' && file.Products) findings.push({ path: 'Products', message: 'only in Mode full; an incremental push uses UpdatedProducts and DeletedProducts' });
	for (const list of PRODUCT_LISTS) {
		const items = file[list];
		if (items === undefined) continue;
		if (!Array.isArray(items)) {
			findings.push({ path: list, message: `expected a list of products, got ${describe(items)}` });
			continue;
		}
		items.forEach((p, i) => checkProduct(p, list, `${list}/Product[${i + 1}]`, findings, emptyStrings));
	}
}

function checkProduct(p: EasyfattProduct, list: ProductList, path: string, findings: DaneaFinding[], emptyStrings: 'omit' | 'clear'): void {
	if (!isObject(p)) {
		findings.push({ path, message: `expected an object of product fields, got ${describe(p)}` });
		return;
	}
	unknownKeys(p as Record<string, unknown>, PRODUCT_FIELDS, ['ExtraBarcodes', 'Variants'], path, findings);
	recordEntries(p as Record<string, unknown>, PRODUCT_FIELDS, path, emptyStrings, findings);
	if (list === 'DeletedProducts') {
		const others = Object.keys(p).filter((k) => k !== 'Code' && (p as Record<string, unknown>)[k] !== undefined);
		if (others.length) findings.push({ path, message: `a deleted product carries only its Code; remove ${others.join(', ')}` });
	}
	if (typeof p.Code !== 'string' || p.Code.trim() === '') findings.push({ path: `${path}/Code`, message: 'every product needs its Code (the key the shop matches it by)' });
	if (p.ExtraBarcodes !== undefined) {
		if (!Array.isArray(p.ExtraBarcodes)) findings.push({ path: `${path}/ExtraBarcodes`, message: `expected a list of { Barcode, PackageQty? }, got ${describe(p.ExtraBarcodes)}` });
		else
			p.ExtraBarcodes.forEach((b: EasyfattExtraBarcode, i) => {
				if (!isObject(b) || typeof b.Barcode !== 'string' || xmlTextProblem(b.Barcode) || (b.PackageQty !== undefined && (typeof b.PackageQty !== 'string' || xmlTextProblem(b.PackageQty))))
					findings.push({ path: `${path}/ExtraBarcodes/Barcode[${i + 1}]`, message: 'expected { Barcode: text, PackageQty?: text }' });
			});
	}
	if (p.Variants !== undefined) {
		if (!Array.isArray(p.Variants)) findings.push({ path: `${path}/Variants`, message: `expected a list of variants, got ${describe(p.Variants)}` });
		else
			p.Variants.forEach((v, i) => {
				const at = `${path}/Variants/Variant[${i + 1}]`;
				if (!isObject(v)) findings.push({ path: at, message: `expected an object { Size, Color, Barcode, AvailableQty }, got ${describe(v)}` });
				else {
					unknownKeys(v as Record<string, unknown>, VARIANT_FIELDS, [], at, findings);
					recordEntries(v as Record<string, unknown>, VARIANT_FIELDS, at, emptyStrings, findings);
				}
			});
	}
}
