import type { XmlDocument } from '../xml';
import type { FatturaElettronica } from './model';
import { FatturaPACharacterError, serializeFatturaPA } from './serialize';
import { validateStructure as validateXml, type StructureFinding, type ValidateStructureOptions } from './structure';

/**
 * XSD-equivalent check of an invoice given as XML (text or bytes), as a parsed XmlDocument, or
 * as a model object (checked as the XML it serialises to). No findings = the XSD accepts it.
 */
export function validateStructure(input: string | Uint8Array | XmlDocument | FatturaElettronica, options: ValidateStructureOptions = {}): StructureFinding[] {
	if (typeof input === 'string' || input instanceof Uint8Array || 'namespaceIssues' in input) return validateXml(input as string | Uint8Array | XmlDocument, options);
	let xml: string;
	try {
		xml = serializeFatturaPA(input);
	} catch (e) {
		if (!(e instanceof FatturaPACharacterError)) throw e;
		// the characters are reported as the XSD's pattern would, then the rest is checked as if fitted
		const findings: StructureFinding[] = e.findings.map((f) => ({
			code: 'XSD-PATTERN',
			path: f.path,
			message_it: `il carattere '${f.character}' (${f.codePoint}) in posizione ${f.position} non è ammesso in questo campo`,
			message_en: `character '${f.character}' (${f.codePoint}) at position ${f.position} is not allowed in this field`,
			severity: 'error',
		}));
		return findings.concat(validateXml(serializeFatturaPA(input, { characters: 'replace' }), options));
	}
	return validateXml(xml, options);
}
