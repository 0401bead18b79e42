import { escapeAttribute, escapeText, serializeElement, type XmlElement } from '../xml';
import { characterProblems, fitCharacters, type CharacterProblem, type CharacterSet } from './characters';
import type { FatturaElettronica } from './model';
import type { FatturaElettronica as FatturaSemplificata } from './semplificata/model';
import { elementParticles, ORDINARIA, SEMPLIFICATA, type SchemaSet } from './structure/schemaSet';
import type { SimpleTypeDef } from './structure/types';

export interface SerializeOptions {
	/**
	 * What to do with characters the XSD's text types do not allow (typographic quotes, emoji,
	 * accents in ASCII-only fields): 'report' (default) throws FatturaPACharacterError listing
	 * every one with its field and position; 'replace' fits them (’ -> ', – -> -, è -> e where
	 * only ASCII is allowed, otherwise ?).
	 */
	characters?: 'report' | 'replace';
	/** indent nested elements (default true); values are never altered by indentation */
	pretty?: boolean;
	/** prefix of the root element's namespace (default 'p', as in the official samples) */
	prefix?: string;
}

export interface CharacterFinding extends CharacterProblem {
	/** XPath-like path of the field */
	path: string;
}

export class FatturaPACharacterError extends Error {
	readonly findings: CharacterFinding[];
	constructor(findings: CharacterFinding[]) {
		const first = findings
			.slice(0, 5)
			.map((f) => `${f.path}: '${f.character}' (${f.codePoint}) at position ${f.position}`)
			.join('; ');
		super(
			`${findings.length} character(s) are outside the set the FatturaPA XSD allows for their field: ${first}${findings.length > 5 ? '; ...' : ''}. Replace them, or serialise with characters: 'replace'`,
		);
		this.name = 'FatturaPACharacterError';
		this.findings = findings;
	}
}

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A FatturaPA ordinaria model as XML (UTF-8, no BOM), elements in XSD order. */
export function serializeFatturaPA(model: FatturaElettronica, options: SerializeOptions = {}): string {
	const { xml, characterFindings } = serializeWith(ORDINARIA, model as unknown as Record<string, unknown>, options);
	if (characterFindings.length) throw new FatturaPACharacterError(characterFindings);
	return xml;
}

/** The XML with the characters left as they are, and the list of those the XSD would refuse. */
export function serializeReportingCharacters(model: FatturaElettronica): { xml: string; characterFindings: CharacterFinding[] } {
	return serializeWith(ORDINARIA, model as unknown as Record<string, unknown>, {});
}

/** The same for a fattura semplificata. */
export function serializeSemplificataReportingCharacters(model: FatturaSemplificata): { xml: string; characterFindings: CharacterFinding[] } {
	return serializeWith(SEMPLIFICATA, model as unknown as Record<string, unknown>, {});
}

/** A fattura semplificata model as XML. */
export function serializeFatturaSemplificata(model: FatturaSemplificata, options: SerializeOptions = {}): string {
	const { xml, characterFindings } = serializeWith(SEMPLIFICATA, model as unknown as Record<string, unknown>, options);
	if (characterFindings.length) throw new FatturaPACharacterError(characterFindings);
	return xml;
}

function serializeWith(schema: SchemaSet, model: Record<string, unknown>, options: SerializeOptions): { xml: string; characterFindings: CharacterFinding[] } {
	const prefix = options.prefix ?? 'p';
	const writer = new Writer(schema, options.characters ?? 'report', options.pretty ?? true);
	const rootName = `${prefix}:${schema.root.name}`;
	let open = `<${rootName}`;
	for (const a of schema.complexTypes[schema.root.type].attributes ?? []) {
		const v = model[a.name];
		if (v !== undefined && v !== null) open += ` ${a.name}="${escapeAttribute(writer.text(String(v), a.type, `/${schema.root.name}/@${a.name}`))}"`;
	}
	open += ` xmlns:ds="${DS}" xmlns:${prefix}="${schema.targetNamespace}" xmlns:xsi="${XSI}">`;
	const body = writer.children(schema.root.type, model, `/${schema.root.name}`, 1);
	return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n${open}${body}${writer.newline(0)}</${rootName}>\n`, characterFindings: writer.problems };
}

const setCache = new WeakMap<SimpleTypeDef, CharacterSet | null>();

class Writer {
	readonly problems: CharacterFinding[] = [];

	constructor(
		private readonly schema: SchemaSet,
		private readonly mode: 'report' | 'replace',
		private readonly pretty: boolean,
	) {}

	newline(depth: number): string {
		return this.pretty ? `\n${'  '.repeat(depth)}` : '';
	}

	children(type: string, value: Record<string, unknown>, path: string, depth: number): string {
		const def = this.schema.complexTypes[type];
		if (!def) throw new Error(`${this.schema.label} has no complex type ${type}`);
		if (typeof value !== 'object' || value === null || Array.isArray(value))
			throw new TypeError(`${path} must be an object with the fields of ${type}, not ${Array.isArray(value) ? 'an array' : typeof value}`);
		let out = '';
		for (const p of elementParticles(def.content)) {
			const v = value[p.name];
			if (v === undefined || v === null) continue;
			const repeatable = p.max === -1 || p.max > 1;
			if (Array.isArray(v) && !repeatable) throw new TypeError(`${path}/${p.name} occurs at most once: give one value, not an array`);
			const list = Array.isArray(v) ? v : [v];
			for (let i = 0; i < list.length; i++) {
				const childPath = `${path}/${p.name}${repeatable ? `[${i + 1}]` : ''}`;
				out += this.newline(depth) + this.element(p.name, p.type, list[i], childPath, depth);
			}
		}
		return out;
	}

	private element(name: string, type: string, v: unknown, path: string, depth: number): string {
		if (type === 'any') return serializeElement(v as XmlElement, '', this.pretty ? '  ' : '').replace(/\n/g, this.newline(depth));
		if (this.schema.complexTypes[type]) {
			const inner = this.children(type, v as Record<string, unknown>, path, depth + 1);
			return `<${name}>${inner}${this.newline(depth)}</${name}>`;
		}
		if (typeof v !== 'string' && typeof v !== 'number') throw new TypeError(`${path} must be a text value, not ${typeof v}`);
		return `<${name}>${escapeText(this.text(String(v), type, path))}</${name}>`;
	}

	text(v: string, type: string, path: string): string {
		const set = characterSetOf(this.schema.simpleTypes[type]);
		if (!set) return v;
		if (this.mode === 'replace') return fitCharacters(v, set);
		for (const p of characterProblems(v, set)) this.problems.push({ ...p, path });
		return v;
	}

	finish(): void {
		if (this.problems.length) throw new FatturaPACharacterError(this.problems);
	}
}

function characterSetOf(def: SimpleTypeDef | undefined): CharacterSet | null {
	if (!def) return null;
	let set = setCache.get(def);
	if (set !== undefined) return set;
	const xsd = (def.patterns ?? []).map((p) => p.xsd).join(' ');
	set = xsd.includes('IsLatin-1Supplement') ? 'latin-1' : xsd.includes('IsBasicLatin') ? 'basic-latin' : null;
	setCache.set(def, set);
	return set;
}
