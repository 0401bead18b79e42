import { parseXml, type ParseXmlOptions, type XmlDocument } from '../xml';
import type { FatturaElettronica } from './model';
import type { FatturaElettronica as FatturaSemplificata } from './semplificata/model';
import { ORDINARIA, SEMPLIFICATA, type SchemaSet } from './structure/schemaSet';
import { treeToModel } from './treeToModel';

export type { FatturaSemplificata };

/** The file is XML but not the FatturaPA document the caller asked for. */
export class FatturaPAFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FatturaPAFormatError';
	}
}

/**
 * Reads a FatturaPA ordinaria (FPA12 or FPR12): one header and one or more bodies (a lotto).
 * Tolerant of what received files do (any prefix, default namespace, a processing instruction
 * before the root, missing optional blocks); strict about safety (see lib/xml). The result is
 * not validated: call validateStructure to know whether SdI's XSD would accept it.
 */
export function parseFatturaPA(xml: string | Uint8Array | XmlDocument, options: ParseXmlOptions = {}): FatturaElettronica {
	const doc = isDocument(xml) ? xml : parseXml(xml, options);
	expectRoot(doc, ORDINARIA);
	return treeToModel(ORDINARIA, doc.root, ORDINARIA.root.type) as unknown as FatturaElettronica;
}

/** Reads a fattura semplificata (FSM10, VFSM10 v1.0.2). */
export function parseFatturaSemplificata(xml: string | Uint8Array | XmlDocument, options: ParseXmlOptions = {}): FatturaSemplificata {
	const doc = isDocument(xml) ? xml : parseXml(xml, options);
	expectRoot(doc, SEMPLIFICATA);
	return treeToModel(SEMPLIFICATA, doc.root, SEMPLIFICATA.root.type) as unknown as FatturaSemplificata;
}

export function isDocument(x: unknown): x is XmlDocument {
	return typeof x === 'object' && x !== null && !(x instanceof Uint8Array) && 'root' in x && 'namespaceIssues' in x;
}

function expectRoot(doc: XmlDocument, schema: SchemaSet): void {
	const found = doc.root.local;
	if (found === schema.root.name) return;
	const hint =
		found === ORDINARIA.root.name
			? ' (this is a fattura ordinaria: use parseFatturaPA)'
			: found === SEMPLIFICATA.root.name
				? ' (this is a fattura semplificata: use parseFatturaSemplificata)'
				: '';
	throw new FatturaPAFormatError(`the root element is <${doc.root.name}>; expected <${schema.root.name}> of ${schema.label}${hint}`);
}
