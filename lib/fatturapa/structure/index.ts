import { parseXml, XmlParseError, type ParseXmlOptions, type XmlDocument } from '../../xml';
import { ORDINARIA, SEMPLIFICATA, type SchemaSet } from './schemaSet';
import { validateTree, type StructureFinding } from './validate';

export type { StructureFinding } from './validate';
export { ORDINARIA, SEMPLIFICATA, type SchemaSet } from './schemaSet';
export { checkSimpleValue, type ValueProblem } from './simpleValue';

export interface ValidateStructureOptions extends ParseXmlOptions {
	/** which XSD; by default chosen from the root element (FatturaElettronicaSemplificata -> VFSM10, else v1.2.3) */
	schema?: SchemaSet;
}

/**
 * The XSD verdict without an XSD engine: element order, cardinality, namespaces, attributes,
 * patterns, lengths, enumerations and ranges of FatturaPA v1.2.3 (or VFSM10 v1.0.2). No findings
 * = the official XSD accepts the file. XML that cannot be read safely yields one XML-* finding
 * (XML-SYNTAX, XML-DOCTYPE, XML-ENTITY, XML-TOO-LARGE, XML-ENCODING) instead of an exception.
 */
export function validateStructure(input: string | Uint8Array | XmlDocument, options: ValidateStructureOptions = {}): StructureFinding[] {
	let doc: XmlDocument;
	if (typeof input === 'string' || input instanceof Uint8Array) {
		try {
			doc = parseXml(input, options);
		} catch (e) {
			if (!(e instanceof XmlParseError)) throw e;
			return [
				{
					code: `XML-${e.kind.toUpperCase()}`,
					path: '/',
					message_it: `il file non è XML leggibile in sicurezza: ${e.message}`,
					message_en: `the file is not safely readable XML: ${e.message}`,
					severity: 'error',
					line: e.line,
				},
			];
		}
	} else doc = input;
	const schema = options.schema ?? (doc.root.local === SEMPLIFICATA.root.name ? SEMPLIFICATA : ORDINARIA);
	return validateTree(schema, doc);
}
