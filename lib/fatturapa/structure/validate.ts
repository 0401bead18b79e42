import type { XmlDocument, XmlElement } from '../../xml';
import { fieldsOf, type SchemaSet } from './schemaSet';
import { checkSimpleValue } from './simpleValue';
import type { ElementParticle, Particle } from './types';

/**
 * One structural problem, as the official XSD would report it.
 * Codes (all mean SdI rejection 00200, "file non conforme al formato"):
 *   XSD-ROOT       wrong root element or namespace
 *   XSD-NAMESPACE  a prefix is not declared, or a child element carries a namespace
 *   XSD-MISSING    a required element is missing
 *   XSD-UNEXPECTED an element is not allowed here (unknown, out of order or repeated too often)
 *   XSD-ATTRIBUTE  an attribute is missing or not allowed
 *   XSD-TEXT       text where only elements are allowed, or elements inside a value
 *   XSD-PATTERN, XSD-LENGTH, XSD-ENUM, XSD-RANGE, XSD-TYPE   a value breaks a facet of its type
 */
export interface StructureFinding {
	code: string;
	/** XPath-like: /FatturaElettronica/FatturaElettronicaBody[1]/DatiGenerali/... (1-based positions) */
	path: string;
	message_it: string;
	message_en: string;
	severity: 'error' | 'warning';
	line?: number;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const VALUE_CODE = { pattern: 'XSD-PATTERN', length: 'XSD-LENGTH', enumeration: 'XSD-ENUM', range: 'XSD-RANGE', lexical: 'XSD-TYPE' } as const;

export function validateTree(schema: SchemaSet, doc: XmlDocument): StructureFinding[] {
	const findings: StructureFinding[] = [];
	const add = (code: string, path: string, line: number | undefined, it: string, en: string) =>
		findings.push({ code, path, message_it: it, message_en: en, severity: 'error', line });

	for (const issue of doc.namespaceIssues) add('XSD-NAMESPACE', '/', issue.line, `errore di namespace: ${issue.message}`, `namespace error: ${issue.message}`);
	const root = doc.root;
	const rootPath = `/${root.local}`;
	if (root.local !== schema.root.name || root.namespace !== schema.targetNamespace) {
		add(
			'XSD-ROOT',
			rootPath,
			root.line,
			`l'elemento radice deve essere ${schema.root.name} nel namespace ${schema.targetNamespace}; trovato ${root.local} nel namespace "${root.namespace}"`,
			`the root element must be ${schema.root.name} in namespace ${schema.targetNamespace}; found ${root.local} in namespace "${root.namespace}"`,
		);
		return findings;
	}
	new Walker(schema, add).complex(root, schema.root.type, rootPath);
	return findings;
}

type Add = (code: string, path: string, line: number | undefined, it: string, en: string) => void;

class Walker {
	constructor(
		private readonly schema: SchemaSet,
		private readonly add: Add,
	) {}

	complex(el: XmlElement, type: string, path: string): void {
		const def = this.schema.complexTypes[type];
		this.attributes(el, def.attributes ?? [], path);
		if (/[^ \t\n\r]/.test(el.text))
			this.add('XSD-TEXT', path, el.line, `${el.local} può contenere solo elementi, non testo`, `${el.local} may contain only elements, not text`);

		const children = el.children;
		const fields = fieldsOf(this.schema, type);
		const positions = siblingPositions(children, (local) => fields.get(local)?.isArray === true);
		const childPath = (i: number) => `${path}/${children[i].local}${positions[i]}`;
		const result = this.match(def.content, children, 0);
		const matchedUpTo = result.failed ? result.failedAt : result.index;
		for (let i = 0; i < matchedUpTo; i++) this.child(children[i], type, childPath(i));
		if (result.failed || result.index < children.length) {
			const at = result.failed ? result.failedAt : result.index;
			const found = children[at];
			const expected = result.failed ? result.expected : [];
			if (found) {
				const known = fields.has(found.local);
				const exp = expected.length ? ` (atteso: ${expected.join(', ')})` : '';
				const expEn = expected.length ? ` (expected: ${expected.join(', ')})` : '';
				this.add(
					'XSD-UNEXPECTED',
					childPath(at),
					found.line,
					known ? `${found.local} non è ammesso in questa posizione o è ripetuto troppe volte${exp}` : `${found.local} non è un elemento di ${el.local}${exp}`,
					known ? `${found.local} is not allowed at this position or repeats too often${expEn}` : `${found.local} is not an element of ${el.local}${expEn}`,
				);
			} else {
				this.add(
					'XSD-MISSING',
					`${path}/${expected[0]}`,
					el.line,
					`manca l'elemento obbligatorio ${expected.join(' o ')} in ${el.local}`,
					`the required element ${expected.join(' or ')} is missing in ${el.local}`,
				);
			}
			// the rest is still checked for the user's benefit; the verdict is already "invalid"
			for (let i = at + (found ? 1 : 0); i < children.length; i++) if (fields.has(children[i].local)) this.child(children[i], type, childPath(i));
		}
	}

	private child(el: XmlElement, parentType: string, path: string): void {
		const f = fieldsOf(this.schema, parentType).get(el.local)!;
		if (f.kind === 'foreign') return; // ds:Signature: its own schema (xmldsig) is not checked here
		if (el.namespace !== '') {
			this.add(
				'XSD-NAMESPACE',
				path,
				el.line,
				`${el.local} non deve avere un namespace (trovato "${el.namespace}"): solo la radice è nel namespace FatturaPA`,
				`${el.local} must be in no namespace (found "${el.namespace}"): only the root is in the FatturaPA namespace`,
			);
			return;
		}
		if (f.kind === 'complex') return this.complex(el, f.type, path);
		this.attributes(el, [], path);
		if (el.children.length) {
			this.add('XSD-TEXT', path, el.line, `${el.local} deve contenere solo un valore, non elementi`, `${el.local} must hold a value, not elements`);
			return;
		}
		// an empty element with a default (Nazione) is validated as if it held the default
		const value = el.text === '' && f.default !== undefined ? f.default : el.text;
		const problem = checkSimpleValue(this.schema, f.type, value);
		if (problem)
			this.add(VALUE_CODE[problem.kind], path, el.line, `${el.local}: il valore '${shorten(el.text)}' ${problem.it}`, `${el.local}: the value '${shorten(el.text)}' ${problem.en}`);
	}

	private attributes(el: XmlElement, allowed: { name: string; type: string; required: boolean }[], path: string): void {
		for (const a of el.attributes) {
			if (a.namespace === XSI) continue;
			const def = a.namespace === '' ? allowed.find((x) => x.name === a.local) : undefined;
			if (!def) {
				this.add('XSD-ATTRIBUTE', `${path}/@${a.name}`, el.line, `l'attributo ${a.name} non è ammesso su ${el.local}`, `attribute ${a.name} is not allowed on ${el.local}`);
				continue;
			}
			const problem = checkSimpleValue(this.schema, def.type, a.value);
			if (problem)
				this.add(VALUE_CODE[problem.kind], `${path}/@${a.name}`, el.line, `${a.name}: il valore '${shorten(a.value)}' ${problem.it}`, `${a.name}: the value '${shorten(a.value)}' ${problem.en}`);
		}
		for (const d of allowed)
			if (d.required && !el.attributes.some((a) => a.local === d.name && a.namespace === ''))
				this.add('XSD-ATTRIBUTE', `${path}/@${d.name}`, el.line, `manca l'attributo obbligatorio ${d.name} su ${el.local}`, `the required attribute ${d.name} is missing on ${el.local}`);
	}

	/**
	 * Greedy matching of children against a sequence. The FatturaPA schemas obey XSD's
	 * "unique particle attribution", so taking every matching element as early as possible is
	 * exactly what a schema validator does.
	 */
	match(content: Particle[], children: XmlElement[], start: number): MatchResult {
		let i = start;
		for (let p = 0; p < content.length; p++) {
			const particle = content[p];
			if (particle.kind === 'element') {
				let count = 0;
				while (i < children.length && (particle.max === -1 || count < particle.max) && matches(children[i], particle)) {
					count++;
					i++;
				}
				if (count < particle.min) return { failed: true, failedAt: i, expected: expectedFrom(content, p) };
				continue;
			}
			let count = 0;
			while (i < children.length && (particle.max === -1 || count < particle.max)) {
				let advanced = false;
				let branchFailure: MatchResult | undefined;
				for (const branch of particle.branches) {
					if (!startsWith(branch, children[i])) continue;
					const r = this.match(branch, children, i);
					if (r.failed) branchFailure = r;
					else {
						i = r.index;
						advanced = true;
					}
					break;
				}
				if (branchFailure) return branchFailure;
				if (!advanced) break;
				count++;
			}
			if (count < particle.min) return { failed: true, failedAt: i, expected: expectedFrom(content, p) };
		}
		return { failed: false, index: i };
	}
}

type MatchResult = { failed: false; index: number } | { failed: true; failedAt: number; expected: string[] };

function matches(el: XmlElement, p: ElementParticle): boolean {
	return el.local === p.name && (p.namespace === undefined || el.namespace === p.namespace);
}

function startsWith(branch: Particle[], el: XmlElement): boolean {
	const first = branch[0];
	return first.kind === 'element' ? matches(el, first) : first.branches.some((b) => startsWith(b, el));
}

/** What could have come at the failing particle: itself and, if it is a choice, each branch's head. */
function expectedFrom(content: Particle[], p: number): string[] {
	const particle = content[p];
	if (particle.kind === 'element') return [particle.name];
	return particle.branches.map((b) => (b[0].kind === 'element' ? b[0].name : '...'));
}

/** [n] after repeatable elements (and after accidental duplicates), as in /FatturaElettronicaBody[1]/... */
function siblingPositions(children: XmlElement[], repeatable: (local: string) => boolean): string[] {
	const totals = new Map<string, number>();
	for (const c of children) totals.set(c.local, (totals.get(c.local) ?? 0) + 1);
	const seen = new Map<string, number>();
	return children.map((c) => {
		if (totals.get(c.local)! < 2 && !repeatable(c.local)) return '';
		const n = (seen.get(c.local) ?? 0) + 1;
		seen.set(c.local, n);
		return `[${n}]`;
	});
}

function shorten(v: string): string {
	return v.length > 60 ? `${v.slice(0, 57)}...` : v;
}
