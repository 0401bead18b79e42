import type { XmlDocument } from '../xml';
import type { FatturaElettronica } from './model';
import { serializeReportingCharacters } from './serialize';
import { validateStructure as validateXml, type StructureFinding, type ValidateStructureOptions } from './structure';

/**
 * XSD-equivalent check of an invoice given as XML (text or bytes), as a parsed XmlDocument, or
 * as a model object (checked as the XML it serialises to). No findings = the XSD accepts it.
 */
export function validateStructure(input: string | Uint8Array | XmlDocument | FatturaElettronica, options: ValidateStructureOptions = {}): StructureFinding[] {
	if (typeof input === 'string' || input instanceof Uint8Array || 'namespaceIssues' in input) return validateXml(input as string | Uint8Array | XmlDocument, options);
	const { xml, characterFindings } = serializeReportingCharacters(input);
	// characters are reported as the XSD's pattern would; the rest is checked on the XML as written
	const findings: StructureFinding[] = characterFindings.map((f) => ({
		code: 'XSD-PATTERN',
		path: f.path,
		message_it: `il carattere '${f.character}' (${f.codePoint}) in posizione ${f.position} non è ammesso in questo campo`,
		message_en: `character '${f.character}' (${f.codePoint}) at position ${f.position} is not allowed in this field`,
		severity: 'error',
	}));
	return findings.concat(validateXml(xml, options).filter((f) => !(f.code === 'XSD-PATTERN' && characterFindings.some((c) => c.path === f.path))));
}
