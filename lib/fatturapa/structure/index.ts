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
		const parsed = parseSafely(input, options);
		if (parsed instanceof XmlParseError)
			return [
				{
					code: `XML-${parsed.kind.toUpperCase()}`,
					path: '/',
					message_it: `il file non è XML leggibile in sicurezza: ${parsed.message}`,
					message_en: `the file is not safely readable XML: ${parsed.message}`,
					severity: 'error',
					line: parsed.line,
				},
			];
		doc = parsed;
	} else doc = input;
	const schema = options.schema ?? (doc.root.local === SEMPLIFICATA.root.name ? SEMPLIFICATA : ORDINARIA);
	return validateTree(schema, doc);
}

/** The document, or the reason it cannot be read safely; anything else (a bug) still throws. */
function parseSafely(input: string | Uint8Array, options: ParseXmlOptions): XmlDocument | XmlParseError {
	let failure: unknown;
	try {
		return parseXml(input, options);
	} catch (e) {
		failure = e;
	}
	if (failure instanceof XmlParseError) return failure;
	throw failure;
}
