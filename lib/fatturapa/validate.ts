import { looksLikePlainXml, P7mFormatError, unwrapP7m } from '../p7m';
import { parseXml, XmlParseError, type XmlDocument } from '../xml';
import type { FatturaElettronica } from './model';
import { parseFatturaPA, parseFatturaSemplificata, type FatturaSemplificata } from './parse';
import { runSdiRules, type SdiFinding, type SdiRuleOptions } from './rules';
import { serializeReportingCharacters, serializeSemplificataReportingCharacters, type CharacterFinding } from './serialize';
import { ORDINARIA, SEMPLIFICATA, validateStructure as validateXml, type StructureFinding, type ValidateStructureOptions } from './structure';

/**
 * XSD-equivalent check of an invoice given as XML (text or bytes), as a parsed XmlDocument, or
 * as a model object (checked as the XML it serialises to). No findings = the XSD accepts it.
 */
export function validateStructure(input: string | Uint8Array | XmlDocument | FatturaElettronica, options: ValidateStructureOptions = {}): StructureFinding[] {
	if (typeof input === 'string' || input instanceof Uint8Array || 'namespaceIssues' in input) return validateXml(input as string | Uint8Array | XmlDocument, options);
	return structureOfSerialised(serializeReportingCharacters(input), options);
}

function structureOfSerialised({ xml, characterFindings }: { xml: string; characterFindings: CharacterFinding[] }, options: ValidateStructureOptions = {}): StructureFinding[] {
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

/** A finding of any layer: the signed envelope (P7M-FORMAT), safe parsing (XML-*), structure (XSD-*) or SdI's own checks (5-digit codes). */
export type FatturaFinding = StructureFinding | SdiFinding;

export interface ValidateFatturaOptions extends SdiRuleOptions {
	/** refuse XML larger than this; default 5 MB, SdI's own limit */
	maxBytes?: number;
}

export interface FatturaValidation {
	/** no finding of severity 'error' in any layer */
	valid: boolean;
	findings: FatturaFinding[];
	/** FPA12 / FPR12 / FSM10 when the file says so */
	formato?: string;
	/** the model the SdI rules ran on; absent when the input could not be read */
	model?: FatturaElettronica | FatturaSemplificata;
	/** the input was read as a signed .p7m (bytes that are not plain XML): unwrapped before validation, or a P7M-FORMAT finding says why it could not be */
	signed: boolean;
}

/**
 * The whole check SdI makes, in its order: (a) safe parsing (no DTD, no entity, size cap,
 * declared encoding), (b) the XSD structure, (c) SdI's own rules. Takes XML text, bytes (plain
 * or a signed .p7m) or a model object (ordinaria or semplificata). Bad input becomes findings,
 * never an exception: XML-* when the XML cannot be read safely, P7M-FORMAT when a signed file
 * cannot be unwrapped. Only a wrong argument type (not text, bytes or an object) throws.
 */
export function validateFatturaPA(input: string | Uint8Array | FatturaElettronica | FatturaSemplificata, options: ValidateFatturaOptions = {}): FatturaValidation {
	const { maxBytes, ...ruleOptions } = options;
	if (input === null || input === undefined || (typeof input !== 'string' && !(input instanceof Uint8Array) && typeof input !== 'object'))
		throw new TypeError(`validateFatturaPA: expected the invoice as XML text, bytes or a model object, got ${input === null ? 'null' : typeof input}`);
	if (typeof input === 'object' && !(input instanceof Uint8Array)) return validateModel(input, ruleOptions);

	let signed = false;
	let xml: string | Uint8Array = input;
	if (input instanceof Uint8Array && !looksLikePlainXml(input)) {
		// a signed file: what cannot be unwrapped is a finding too (empty, blank and plain XML of any size go to the XML reader)
		let failure: unknown;
		try {
			xml = unwrapP7m(input).content;
		} catch (error) {
			failure = error ?? new Error('unwrapP7m threw a falsy value');
		}
		signed = true;
		if (failure !== undefined) {
			if (!(failure instanceof P7mFormatError)) throw failure;
			return {
				valid: false,
				signed: true,
				findings: [
					{
						code: 'P7M-FORMAT',
						path: '/',
						message_it: `il file firmato (.p7m) non è leggibile: ${failure.message}`,
						message_en: `the signed file (.p7m) cannot be read: ${failure.message}`,
						severity: 'error',
					},
				],
			};
		}
	}
	let doc: XmlDocument;
	try {
		doc = parseXml(xml, { maxBytes });
	} catch (error) {
		if (!(error instanceof XmlParseError)) return unreadable(error, signed);
		return {
			valid: false,
			signed,
			findings: [
				{
					code: `XML-${error.kind.toUpperCase()}`,
					path: '/',
					message_it: `il file non è XML leggibile in sicurezza: ${error.message}`,
					message_en: `the file is not safely readable XML: ${error.message}`,
					severity: 'error',
					...(error.line === undefined ? {} : { line: error.line }),
				},
			],
		};
	}
	const findings: FatturaFinding[] = validateXml(doc);
	const semplificata = doc.root.local === SEMPLIFICATA.root.name;
	let model: FatturaElettronica | FatturaSemplificata | undefined;
	if (semplificata || doc.root.local === ORDINARIA.root.name) {
		model = semplificata ? parseFatturaSemplificata(doc) : parseFatturaPA(doc);
		findings.push(...runSdiRules(model, ruleOptions));
	}
	const formato = doc.root.attributes.find((a) => a.local === 'versione')?.value;
	return { valid: !findings.some((f) => f.severity === 'error'), findings, signed, ...(formato ? { formato } : {}), ...(model ? { model } : {}) };
}

function validateModel(model: FatturaElettronica | FatturaSemplificata, ruleOptions: SdiRuleOptions): FatturaValidation {
	const semplificata = (model as { versione?: string }).versione === 'FSM10';
	const findings: FatturaFinding[] = semplificata
		? structureOfSerialised(serializeSemplificataReportingCharacters(model as FatturaSemplificata))
		: validateStructure(model as FatturaElettronica);
	findings.push(...runSdiRules(model, ruleOptions));
	const formato = (model as { versione?: string }).versione;
	return { valid: !findings.some((f) => f.severity === 'error'), findings, signed: false, model, ...(formato ? { formato } : {}) };
}

function unreadable(error: unknown, signed: boolean): FatturaValidation {
	const message = error instanceof Error ? error.message : String(error);
	return {
		valid: false,
		signed,
		findings: [{ code: 'XML-SYNTAX', path: '/', message_it: `il file non è leggibile: ${message}`, message_en: `the file cannot be read: ${message}`, severity: 'error' }],
	};
}
