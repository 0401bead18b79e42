import { create } from 'xmlbuilder2';
import type { XmlElement } from '../xml';
import { attribute, childElements, firstChild, parseTree, type ReadLimits } from '../soap';
import { MagoDocumentError } from './errors';
import { enumName, enumValue, MAGO_ENUMS, type EnumTable } from './enums';

/**
 * MagicLink documents as plain JSON items, and back. A document is an envelope
 * <maxs:{Doc} tbNamespace="Document.ERP…" xTechProfile="{profile}"> around <maxs:Data>, whose
 * children are DBTs (tables): the master (master="true", one record), slaves holding one record
 * (fields directly inside, e.g. JESlave) and buffered slaves holding rows (GLJournal/GLJournalRow).
 * Shapes: the vendor samples and profiles in ../shared/specs/mago4/magiclink-samples and
 * magiclink-profiles-example.
 */

/** The documents the issue names, by tbNamespace (endpoints.json; items "by analogy", to verify on an installation). */
export const MAGO_DOCUMENTS = {
	customers: 'Document.ERP.CustomersSuppliers.Documents.Customers',
	suppliers: 'Document.ERP.CustomersSuppliers.Documents.Suppliers',
	items: 'Document.ERP.Items.Documents.Items',
	saleInvoice: 'Document.ERP.Sales.Documents.Invoice',
	accompanyingInvoice: 'Document.ERP.Sales.Documents.AccInvoice',
	contacts: 'Document.ERP.Contacts.Documents.Contacts',
	saleDocJE: 'Document.ERP.Accounting.Documents.SaleDocJE',
	purchaseDocJE: 'Document.ERP.Accounting.Documents.PurchaseDocJE',
	payables: 'Document.ERP.AP_AR.Documents.Payables',
	receivables: 'Document.ERP.AP_AR.Documents.Receivables',
} as const;

export type MagoFields = Record<string, string>;

export interface MagoDocument {
	tbNamespace: string;
	xTechProfile: string;
	/** the XML namespace of the profile's schema (the maxs: prefix) */
	schemaNamespace: string;
	/** the master DBT's name and record */
	masterName: string;
	master: MagoFields;
	/** slave DBTs by name: a record (object) or rows (list) */
	slaves: Record<string, MagoFields | MagoFields[]>;
	/** updateType attributes written on DBTs (e.g. Detail: 'OnlyInsert') */
	updateTypes?: Record<string, string>;
}

export interface MagoProfileDbt {
	/** e.g. ERP.Accounting.Documents.PurchaseDocJE.GLJournal */
	namespace: string;
	/** the last segment: the element name in documents */
	name: string;
	/** exported fields, in profile order */
	fields: string[];
	/** from ExternalReferences.xml, when given */
	export?: boolean;
	updateType?: string;
}

export interface MagoProfile {
	dbts: MagoProfileDbt[];
	/** Document.xml: MaxDocuments and MaxDimension, when given */
	maxDocuments?: number;
	maxDimension?: number;
}

export interface MapOptions extends ReadLimits {
	/** the export profile: fields not in it are refused on write, and ordered as in it */
	profile?: MagoProfile;
	/** show enumerations by name (default true) with this table (default MAGO_ENUMS) */
	enumNames?: boolean;
	enums?: EnumTable;
}

const fail = (what: string) => (reason: string) => new MagoDocumentError(`${what} is not readable XML: ${reason}`);

/** The export profile files of ../shared/specs/mago4/magiclink-profiles-example: Field.xml, and optionally ExternalReferences.xml and Document.xml. */
export function readProfile(files: { fields: string | Uint8Array; externalReferences?: string | Uint8Array; document?: string | Uint8Array }, limits: ReadLimits = {}): MagoProfile {
	const root = parseTree(files.fields, limits, 1024 * 1024, fail('Field.xml'));
	if (root.local !== 'DBTS') throw new MagoDocumentError(`Field.xml: expected <DBTS>, got <${root.name}>`);
	const dbts: MagoProfileDbt[] = childElements(root, 'DBT').map((dbt, i) => {
		const namespace = attribute(dbt, 'namespace');
		if (!namespace) throw new MagoDocumentError('has no namespace attribute', `Field.xml DBT[${i}]`);
		const fields = firstChild(dbt, 'Fields');
		return {
			namespace,
			name: namespace.slice(namespace.lastIndexOf('.') + 1),
			fields: (fields ? childElements(fields, 'Field') : []).filter((f) => attribute(f, 'export') !== '0').map((f) => attribute(f, 'name') ?? '').filter((n) => n !== ''),
		};
	});
	if (files.externalReferences) {
		const refs = parseTree(files.externalReferences, limits, 1024 * 1024, fail('ExternalReferences.xml'));
		const byNamespace = new Map(dbts.map((d) => [d.namespace, d]));
		for (const ref of childElements(refs, 'DBT')) {
			const dbt = byNamespace.get(attribute(ref, 'namespace') ?? '');
			if (!dbt) continue;
			const exp = firstChild(ref, 'Export')?.text.trim();
			if (exp !== undefined) dbt.export = exp !== '0';
			const update = firstChild(ref, 'UpdateType')?.text.trim();
			if (update) dbt.updateType = update;
		}
	}
	const profile: MagoProfile = { dbts };
	if (files.document) {
		const doc = parseTree(files.document, limits, 1024 * 1024, fail('Document.xml'));
		const n = (name: string) => {
			const t = firstChild(doc, name)?.text.trim();
			return t && /^\d+$/.test(t) ? Number(t) : undefined;
		};
		profile.maxDocuments = n('MaxDocuments');
		profile.maxDimension = n('MaxDimension');
	}
	return profile;
}

/** The schema namespace MagicLink payloads use: http://www.microarea.it/Schema/2004/Smart/{ERP/Module/Doc}/{Standard|AllUsers}/{profile}.xsd */
export function schemaNamespace(tbNamespace: string, profile: string, owner: 'Standard' | 'AllUsers' = 'Standard'): string {
	const m = /^Document\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.Documents\.([A-Za-z0-9_]+)$/.exec(tbNamespace);
	if (!m) throw new MagoDocumentError(`expected a document namespace like Document.ERP.Sales.Documents.Invoice, got ${JSON.stringify(tbNamespace)}`, 'tbNamespace');
	if (!/^[A-Za-z0-9_]+$/.test(profile)) throw new MagoDocumentError(`expected a profile name, got ${JSON.stringify(profile)}`, 'xTechProfile');
	return `http://www.microarea.it/Schema/2004/Smart/${m[1]}/${m[2]}/${m[3]}/${owner}/${profile}.xsd`;
}

/** Every document in one GetData result string (or a SetData result) as items. */
export function readDocuments(xml: string | Uint8Array, options: MapOptions = {}): MagoDocument[] {
	const root = parseTree(xml, options, 16 * 1024 * 1024, fail('the MagicLink document'));
	const tbNamespace = attribute(root, 'tbNamespace');
	if (!tbNamespace) throw new MagoDocumentError(`<${root.name}> has no tbNamespace attribute: not a MagicLink document`);
	const datas = childElements(root, 'Data', root.namespace);
	if (datas.length === 0) throw new MagoDocumentError(`<${root.name}> has no <Data>`);
	return datas.map((data, i) => documentOf(root, data, `Data[${i}]`, options));
}

function documentOf(root: XmlElement, data: XmlElement, where: string, options: MapOptions): MagoDocument {
	const shown = (field: string, value: string) => (options.enumNames === false ? value : enumName(field, value, options.enums ?? MAGO_ENUMS));
	const fieldsOf = (el: XmlElement, at: string): MagoFields => {
		const out: MagoFields = {};
		for (const f of el.children) {
			if (f.children.length > 0) throw new MagoDocumentError(`field ${f.local} holds elements, expected a value`, `${at}.${f.local}`);
			out[f.local] = shown(f.local, f.text);
		}
		return out;
	};
	const masterEl = data.children.find((c) => attribute(c, 'master') === 'true') ?? data.children[0];
	if (!masterEl) throw new MagoDocumentError('is empty: no master DBT', where);
	const doc: MagoDocument = {
		tbNamespace: attribute(root, 'tbNamespace') as string,
		xTechProfile: attribute(root, 'xTechProfile') ?? '',
		schemaNamespace: root.namespace,
		masterName: masterEl.local,
		master: fieldsOf(masterEl, `${where}.${masterEl.local}`),
		slaves: {},
	};
	for (const dbt of data.children) {
		if (dbt === masterEl) continue;
		const at = `${where}.${dbt.local}`;
		if (doc.slaves[dbt.local] !== undefined) throw new MagoDocumentError('appears twice', at);
		const update = attribute(dbt, 'updateType');
		if (update) doc.updateTypes = { ...doc.updateTypes, [dbt.local]: update };
		// rows when every child is itself a record (GLJournal > GLJournalRow > fields); an empty DBT
		// cannot tell, and is read as an empty record (our assumption)
		const buffered = dbt.children.length > 0 && dbt.children.every((c) => c.children.length > 0);
		doc.slaves[dbt.local] = buffered ? dbt.children.map((r, j) => fieldsOf(r, `${at}[${j}]`)) : fieldsOf(dbt, at);
	}
	return doc;
}

/**
 * The XML SetData takes for a document item. With a profile, a field the profile does not export
 * is refused (naming DBT and field) and fields are written in profile order; enumeration names
 * ('Customer') are written as their stored value.
 */
export function buildDocumentXml(doc: MagoDocument, options: MapOptions = {}): string {
	if (!doc || typeof doc !== 'object') throw new MagoDocumentError('expected a MagicLink document item');
	for (const field of ['tbNamespace', 'xTechProfile', 'masterName'] as const) {
		if (typeof doc[field] !== 'string' || doc[field] === '') throw new MagoDocumentError('expected a non-empty text', field);
	}
	const rootName = doc.tbNamespace.slice(doc.tbNamespace.lastIndexOf('.') + 1);
	const ns = doc.schemaNamespace || schemaNamespace(doc.tbNamespace, doc.xTechProfile);
	const enums = options.enums ?? MAGO_ENUMS;
	const name = (n: string, at: string) => {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new MagoDocumentError(`expected a Mago field or table name, got ${JSON.stringify(n)}`, at);
		return `maxs:${n}`;
	};
	const x = create({ version: '1.0', encoding: 'utf-8' });
	const rootEl = x.ele(ns, name(rootName, 'tbNamespace')).att('tbNamespace', doc.tbNamespace).att('xTechProfile', doc.xTechProfile);
	const data = rootEl.ele(ns, 'maxs:Data');
	type Node = typeof data;
	const writeFields = (parent: Node, dbt: string, fields: MagoFields, at: string) => {
		if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new MagoDocumentError('expected an object of field values', at);
		const profileDbt = options.profile?.dbts.find((d) => d.name === dbt);
		let names = Object.keys(fields);
		if (options.profile) {
			if (!profileDbt) throw new MagoDocumentError(`table ${dbt} is not in the profile; it has ${options.profile.dbts.map((d) => d.name).join(', ')}`, at);
			const unknown = names.filter((n) => !profileDbt.fields.includes(n));
			if (unknown.length > 0) throw new MagoDocumentError(`${unknown.join(', ')} not exported by the profile for ${dbt}; it has ${profileDbt.fields.join(', ')}`, `${at}.${unknown[0]}`);
			names = profileDbt.fields.filter((n) => n in fields);
		}
		for (const n of names) {
			const raw = fields[n];
			if (raw === undefined || raw === null) continue;
			if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') throw new MagoDocumentError(`expected a text or number, got ${Array.isArray(raw) ? 'a list' : typeof raw}`, `${at}.${n}`);
			const text = String(raw);
			const stored = enumValue(n, text, enums);
			if (stored === undefined) throw new MagoDocumentError(`${JSON.stringify(text)} is not a known ${n}; expected ${Object.values(enums[n]?.items ?? {}).join(' or ')} or the stored number`, `${at}.${n}`);
			// eslint-disable-next-line no-control-regex
			if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(stored)) throw new MagoDocumentError('contains a character XML cannot carry', `${at}.${n}`);
			const el = parent.ele(ns, name(n, `${at}.${n}`));
			// see lib/soap/envelope.ts: xmlbuilder2 keeps '&amp;' as written unless every '&' is escaped first
			if (stored !== '') el.txt(stored.replace(/&/g, '&amp;'));
		}
	};
	writeFields(data.ele(ns, name(doc.masterName, 'masterName')).att('master', 'true'), doc.masterName, doc.master, doc.masterName);
	for (const [dbt, value] of Object.entries(doc.slaves ?? {})) {
		const el = data.ele(ns, name(dbt, `slaves.${dbt}`));
		const update = doc.updateTypes?.[dbt];
		if (update) el.att('updateType', update);
		if (Array.isArray(value)) value.forEach((row, i) => writeFields(el.ele(ns, name(`${dbt}Row`, `slaves.${dbt}`)), dbt, row, `slaves.${dbt}[${i}]`));
		else writeFields(el, dbt, value, `slaves.${dbt}`);
	}
	return x.end({ prettyPrint: false });
}

/** The parameters XML GetData and XmlGetParameters take: filters inside DefaultDialog/DefaultGroup, as in the vendor search samples. */
export function buildParametersXml(input: { tbNamespace: string; xTechProfile: string; filters?: Record<string, string | number>; owner?: 'Standard' | 'AllUsers' }): string {
	const ns = schemaNamespace(input.tbNamespace, input.xTechProfile, input.owner);
	const rootName = input.tbNamespace.slice(input.tbNamespace.lastIndexOf('.') + 1);
	const x = create({ version: '1.0', encoding: 'utf-8' });
	const params = x.ele(ns, `maxs:${rootName}`).att('tbNamespace', input.tbNamespace).att('xTechProfile', input.xTechProfile).ele(ns, 'maxs:Parameters');
	const filters = Object.entries(input.filters ?? {});
	if (filters.length > 0) {
		// the titles are the vendor samples' own; MagicLink reads the filters by element name
		const group = params.ele(ns, 'maxs:DefaultDialog').att('title', 'Ricerca campi').ele(ns, 'maxs:DefaultGroup').att('title', 'Gruppo di ricerca');
		for (const [field, value] of filters) {
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new MagoDocumentError(`expected a Mago field name, got ${JSON.stringify(field)}`, `filters.${field}`);
			const text = enumValue(field, String(value)) ?? String(value);
			group.ele(ns, `maxs:${field}`).txt(text.replace(/&/g, '&amp;'));
		}
	}
	return x.end({ prettyPrint: false });
}
