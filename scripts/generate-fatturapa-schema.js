#!/usr/bin/env node
/*
 * Development-time generator: reads an official FatturaPA XSD from ../shared/specs/fatturapa/xsd
 * and writes three committed TypeScript files for it:
 *   <outDir>/structure/schema.ts  the content models and facets the structural validator,
 *                                 the parser and the serialiser share (one table, no drift);
 *   <outDir>/model.ts             one interface per complex type, fields named as the XSD's elements;
 *   <outDir>/codes.ts             every enumeration with the XSD's own Italian descriptions.
 * The XSD stays out of the repository; the generated files are reviewed like code.
 *
 * Usage:
 *   node scripts/generate-fatturapa-schema.js                 (ordinaria v1.2.3 -> lib/fatturapa)
 *   node scripts/generate-fatturapa-schema.js semplificata    (VFSM10 v1.0.2 -> lib/fatturapa/semplificata)
 */
const fs = require('node:fs');
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');

const SPECS = path.resolve(__dirname, '..', '..', 'shared', 'specs', 'fatturapa', 'xsd');
const TARGETS = {
	ordinaria: {
		xsd: path.join(SPECS, 'Schema_VFPR12_v1.2.3.xsd'),
		outDir: path.resolve(__dirname, '..', 'lib', 'fatturapa'),
		label: 'FatturaPA ordinaria v1.2.3 (Schema_VFPR12_v1.2.3.xsd)',
	},
	semplificata: {
		xsd: path.join(SPECS, 'Schema_VFSM10_v1.0.2.xsd'),
		outDir: path.resolve(__dirname, '..', 'lib', 'fatturapa', 'semplificata'),
		label: 'FatturaPA semplificata v1.0.2 (Schema_VFSM10_v1.0.2.xsd)',
	},
};

const target = TARGETS[process.argv[2] || 'ordinaria'];
if (!target) throw new Error(`unknown target ${process.argv[2]}; use one of ${Object.keys(TARGETS).join(', ')}`);

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	processEntities: true,
	trimValues: true,
});
const doc = parser.parse(fs.readFileSync(target.xsd, 'utf8').replace(/^\uFEFF/, ''));

const tagOf = (node) => Object.keys(node).find((k) => k !== ':@');
const kids = (node) => node[tagOf(node)] || [];
const attrs = (node) => node[':@'] || {};
const childrenNamed = (node, tag) => kids(node).filter((k) => tagOf(k) === tag);
const firstNamed = (node, tag) => childrenNamed(node, tag)[0];
function documentation(node) {
	const ann = firstNamed(node, 'xs:annotation');
	if (!ann) return undefined;
	const d = firstNamed(ann, 'xs:documentation');
	if (!d) return undefined;
	const text = kids(d)
		.map((t) => t['#text'])
		.filter((t) => t !== undefined)
		.join(' ');
	return String(text).replace(/\s+/g, ' ').trim() || undefined;
}

const schemaNode = doc.find((n) => tagOf(n) === 'xs:schema');
const targetNamespace = attrs(schemaNode).targetNamespace;
const version = attrs(schemaNode).version;

const rootElement = firstNamed(schemaNode, 'xs:element');
const root = { name: attrs(rootElement).name, type: attrs(rootElement).type };

/** XSD regular expression -> JavaScript (u flag): block escapes become ranges, '.' excludes only CR/LF. */
function toJsPattern(xsd) {
	const blocks = { IsBasicLatin: '\\u0000-\\u007F', 'IsLatin-1Supplement': '\\u0080-\\u00FF' };
	let out = '';
	let inClass = false;
	for (let i = 0; i < xsd.length; i++) {
		const c = xsd[i];
		if (c === '\\') {
			const m = /^\\p\{([A-Za-z0-9-]+)\}/.exec(xsd.slice(i));
			if (m) {
				if (!blocks[m[1]]) throw new Error(`unsupported block ${m[1]} in ${xsd}`);
				out += inClass ? blocks[m[1]] : `[${blocks[m[1]]}]`;
				i += m[0].length - 1;
				continue;
			}
			out += c + xsd[i + 1];
			i++;
			continue;
		}
		if (c === '[' && !inClass) inClass = true;
		else if (c === ']' && inClass) inClass = false;
		else if (c === '.' && !inClass) {
			out += '[^\\n\\r]';
			continue;
		}
		out += c;
	}
	new RegExp(`^(?:${out})$`, 'u'); // fails the generation if the translation is not valid JS
	return out;
}

function stripXs(t) {
	return t.startsWith('xs:') ? t : t;
}

const simpleTypes = {};
for (const st of childrenNamed(schemaNode, 'xs:simpleType')) {
	const name = attrs(st).name;
	const r = firstNamed(st, 'xs:restriction');
	const def = { base: attrs(r).base };
	for (const f of kids(r)) {
		const tag = tagOf(f);
		const value = attrs(f).value;
		switch (tag) {
			case 'xs:enumeration':
				(def.enumeration = def.enumeration || []).push({ value, label: documentation(f) });
				break;
			case 'xs:pattern':
				(def.patterns = def.patterns || []).push({ xsd: value, js: toJsPattern(value) });
				break;
			case 'xs:length':
			case 'xs:minLength':
			case 'xs:maxLength':
				def[tag.slice(3)] = Number(value);
				break;
			case 'xs:minInclusive':
			case 'xs:maxInclusive':
				def[tag.slice(3)] = value;
				break;
			case 'xs:whiteSpace':
				def.whiteSpace = value;
				break;
			case 'xs:annotation':
			case '#text':
				break;
			default:
				throw new Error(`unsupported facet ${tag} in ${name}`);
		}
	}
	def.documentation = documentation(st);
	simpleTypes[name] = def;
}

function particles(seqNode) {
	const out = [];
	for (const k of kids(seqNode)) {
		const tag = tagOf(k);
		const a = attrs(k);
		const min = a.minOccurs === undefined ? 1 : Number(a.minOccurs);
		const max = a.maxOccurs === undefined ? 1 : a.maxOccurs === 'unbounded' ? -1 : Number(a.maxOccurs);
		if (tag === 'xs:element') {
			if (a.ref) {
				const [prefix, local] = a.ref.split(':');
				const ns = attrs(schemaNode)[`xmlns:${prefix}`];
				out.push({ kind: 'element', name: local, type: 'any', namespace: ns, min, max });
			} else {
				const p = { kind: 'element', name: a.name, type: stripXs(a.type), min, max };
				if (a.default !== undefined) p.default = a.default;
				if (a.fixed !== undefined || a.nillable !== undefined) throw new Error(`${a.name}: fixed/nillable are not supported`);
				const doc = documentation(k);
				if (doc) p.documentation = doc;
				out.push(p);
			}
		} else if (tag === 'xs:choice') {
			const branches = kids(k)
				.filter((b) => tagOf(b) !== 'xs:annotation')
				.map((b) => {
					if (tagOf(b) === 'xs:sequence') return particles(b);
					if (tagOf(b) === 'xs:element') return particles({ 'xs:sequence': [b] });
					throw new Error(`unsupported choice branch ${tagOf(b)}`);
				});
			out.push({ kind: 'choice', min, max, branches });
		} else if (tag === 'xs:sequence') {
			if (min !== 1 || max !== 1) throw new Error('nested sequences with occurrence bounds are not supported');
			out.push(...particles(k));
		} else if (tag !== 'xs:annotation' && tag !== '#text') {
			throw new Error(`unsupported particle ${tag}`);
		}
	}
	return out;
}

const complexTypes = {};
for (const ct of childrenNamed(schemaNode, 'xs:complexType')) {
	const name = attrs(ct).name;
	const seq = firstNamed(ct, 'xs:sequence');
	if (!seq) throw new Error(`complex type ${name} has no sequence`);
	const def = { content: particles(seq) };
	const attributes = childrenNamed(ct, 'xs:attribute').map((a) => ({
		name: attrs(a).name,
		type: attrs(a).type,
		required: attrs(a).use === 'required',
	}));
	if (attributes.length) def.attributes = attributes;
	def.documentation = documentation(ct);
	complexTypes[name] = def;
}

const BUILTINS = new Set(['xs:string', 'xs:normalizedString', 'xs:token', 'xs:decimal', 'xs:integer', 'xs:date', 'xs:dateTime', 'xs:base64Binary', 'any']);
function checkType(t, where) {
	if (!simpleTypes[t] && !complexTypes[t] && !BUILTINS.has(t)) throw new Error(`${where}: unknown type ${t}`);
}
function walk(ps, fn) {
	for (const p of ps) {
		if (p.kind === 'element') fn(p);
		else for (const b of p.branches) walk(b, fn);
	}
}
for (const [name, ct] of Object.entries(complexTypes)) walk(ct.content, (p) => checkType(p.type, name));
for (const [name, st] of Object.entries(simpleTypes)) if (!BUILTINS.has(st.base)) throw new Error(`${name}: base ${st.base} is not built in`);

const HEADER = (what) =>
	`// GENERATED by scripts/generate-fatturapa-schema.js from ${target.label}: do not edit.\n// ${what}\n`;
const q = (s) => JSON.stringify(s);
const typeName = (xsdName) => (xsdName.endsWith('Type') ? xsdName.slice(0, -4) : xsdName);
const enumTypes = Object.keys(simpleTypes).filter((n) => simpleTypes[n].enumeration);

// ---- schema.ts
function particleTs(p, indent) {
	if (p.kind === 'element') {
		const parts = [`kind: 'element'`, `name: ${q(p.name)}`, `type: ${q(p.type)}`, `min: ${p.min}`, `max: ${p.max}`];
		if (p.namespace) parts.push(`namespace: ${q(p.namespace)}`);
		if (p.default !== undefined) parts.push(`default: ${q(p.default)}`);
		return `${indent}{ ${parts.join(', ')} },`;
	}
	const branches = p.branches
		.map((b) => `${indent}\t[\n${b.map((x) => particleTs(x, indent + '\t\t')).join('\n')}\n${indent}\t],`)
		.join('\n');
	return `${indent}{\n${indent}\tkind: 'choice', min: ${p.min}, max: ${p.max},\n${indent}\tbranches: [\n${branches}\n${indent}\t],\n${indent}},`;
}
let schemaTs = HEADER('Content models (element order and cardinality) and simple-type facets, as in the XSD; max -1 = unbounded.');
schemaTs += `import type { ComplexTypeDef, SimpleTypeDef } from '${target.outDir.endsWith('semplificata') ? '../../structure/types' : './types'}';\n\n`;
schemaTs += `export const TARGET_NAMESPACE = ${q(targetNamespace)};\nexport const SCHEMA_VERSION = ${q(version)};\n`;
schemaTs += `export const ROOT_ELEMENT = { name: ${q(root.name)}, type: ${q(root.type)} } as const;\n\n`;
schemaTs += `export const SIMPLE_TYPES: Record<string, SimpleTypeDef> = {\n`;
for (const [name, st] of Object.entries(simpleTypes)) {
	const parts = [`base: ${q(st.base)}`];
	if (st.whiteSpace) parts.push(`whiteSpace: ${q(st.whiteSpace)}`);
	for (const k of ['length', 'minLength', 'maxLength']) if (st[k] !== undefined) parts.push(`${k}: ${st[k]}`);
	for (const k of ['minInclusive', 'maxInclusive']) if (st[k] !== undefined) parts.push(`${k}: ${q(st[k])}`);
	if (st.patterns) parts.push(`patterns: [${st.patterns.map((p) => `{ xsd: ${q(p.xsd)}, js: ${q(p.js)} }`).join(', ')}]`);
	if (st.enumeration) parts.push(`enumeration: [${st.enumeration.map((e) => q(e.value)).join(', ')}]`);
	schemaTs += `\t${name}: { ${parts.join(', ')} },\n`;
}
schemaTs += `};\n\nexport const COMPLEX_TYPES: Record<string, ComplexTypeDef> = {\n`;
for (const [name, ct] of Object.entries(complexTypes)) {
	schemaTs += `\t${name}: {\n\t\tcontent: [\n${ct.content.map((p) => particleTs(p, '\t\t\t')).join('\n')}\n\t\t],\n`;
	if (ct.attributes)
		schemaTs += `\t\tattributes: [${ct.attributes.map((a) => `{ name: ${q(a.name)}, type: ${q(a.type)}, required: ${a.required} }`).join(', ')}],\n`;
	schemaTs += `\t},\n`;
}
schemaTs += `};\n`;

// ---- codes.ts
// The XSD describes these two lists with bare codes; the labels come from the Modello 770 / CU
// instructions (CausalePagamento) and the FatturaPA specification (BolloVirtuale).
const LABELS = {
	CausalePagamentoType: {
		A: "Prestazioni di lavoro autonomo rientranti nell'esercizio di arte o professione abituale",
		B: "Utilizzazione economica, da parte dell'autore o dell'inventore, di opere dell'ingegno, brevetti, processi, formule o informazioni",
		C: 'Utili da contratti di associazione in partecipazione o cointeressenza con apporto di solo lavoro',
		D: 'Utili spettanti ai soci promotori e ai soci fondatori delle società di capitali',
		E: 'Levata di protesti cambiari da parte dei segretari comunali',
		G: 'Indennità per la cessazione di attività sportiva professionale',
		H: 'Indennità per la cessazione dei rapporti di agenzia',
		I: 'Indennità per la cessazione da funzioni notarili',
		L: "Utilizzazione economica di opere dell'ingegno, brevetti e simili da parte di soggetto diverso dall'autore o inventore",
		M: 'Prestazioni di lavoro autonomo non esercitate abitualmente',
		N: 'Indennità di trasferta, rimborsi forfettari, premi e compensi per attività sportive dilettantistiche',
		O: 'Prestazioni di lavoro autonomo non abituali senza obbligo di iscrizione alla gestione separata',
		P: "Compensi a non residenti senza stabile organizzazione per l'uso di attrezzature industriali, commerciali o scientifiche",
		Q: 'Provvigioni ad agente o rappresentante di commercio monomandatario',
		R: 'Provvigioni ad agente o rappresentante di commercio plurimandatario',
		S: 'Provvigioni corrisposte a commissionario',
		T: 'Provvigioni corrisposte a mediatore',
		U: 'Provvigioni da rapporti di procacciamento di affari',
		V: 'Provvigioni da vendita a domicilio',
		W: "Corrispettivi per contratti d'appalto soggetti all'art. 25-ter DPR 600/1973",
		X: "Canoni corrisposti nel 2004 da società o enti residenti (art. 26-quater DPR 600/1973)",
		Y: 'Canoni corrisposti dal 1.01.2005 al 26.07.2005 da società o enti residenti',
		Z: 'Titolo diverso dai precedenti (codice superato da ZO)',
		L1: "Utilizzazione economica di opere dell'ingegno da parte di chi ne ha acquistato i diritti a titolo oneroso",
		M1: "Redditi dall'assunzione di obblighi di fare, non fare o permettere",
		M2: 'Prestazioni di lavoro autonomo non abituali con obbligo di iscrizione alla gestione separata ENPAPI',
		O1: "Obblighi di fare, non fare o permettere senza obbligo di iscrizione alla gestione separata",
		V1: 'Redditi da attività commerciali non esercitate abitualmente',
		ZO: 'Titolo diverso dai precedenti',
	},
	BolloVirtualeType: { SI: 'SI = Bollo assolto ai sensi del DM 17 giugno 2014' },
};
let codesTs = HEADER('Every code list of the XSD, with its own Italian description (for dropdowns) in XSD order.');
codesTs += `import type { CodeEntry } from '${target.outDir.endsWith('semplificata') ? '../codeEntry' : './codeEntry'}';\n`;
for (const n of enumTypes) {
	const st = simpleTypes[n];
	const t = typeName(n);
	const doc = st.documentation ? `/** ${st.documentation} */\n` : '';
	codesTs += `\n${doc}export const ${t}Codes = [\n`;
	for (const e of st.enumeration) {
		const label = (LABELS[n] && LABELS[n][e.value]) || e.label;
		if (!label) throw new Error(`${n} ${e.value} has no label: add one to LABELS`);
		codesTs += `\t{ code: ${q(e.value)}, label: ${q(label)} },\n`;
	}
	codesTs += `] as const satisfies readonly CodeEntry[];\nexport type ${t} = (typeof ${t}Codes)[number]['code'];\n`;
}

// ---- model.ts
const enumNames = new Set(enumTypes);
const interfaceNames = new Set(Object.keys(complexTypes).map(typeName));
for (const n of enumTypes) if (interfaceNames.has(typeName(n))) throw new Error(`name clash: ${typeName(n)}`);
function fieldType(t) {
	if (t === 'any') return 'XmlElement';
	if (complexTypes[t]) return typeName(t);
	if (enumNames.has(t)) return `codes.${typeName(t)}`;
	return 'string';
}
function fieldDoc(p) {
	const bits = [];
	if (p.documentation) bits.push(p.documentation);
	const st = simpleTypes[p.type];
	if (st && !st.enumeration) {
		const facets = [];
		if (st.patterns) facets.push(`pattern ${st.patterns.map((x) => x.xsd).join(' | ')}`);
		for (const k of ['length', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive']) if (st[k] !== undefined) facets.push(`${k} ${st[k]}`);
		bits.push(`${p.type} (${st.base}${facets.length ? '; ' + facets.join('; ') : ''})`);
	} else if (p.type.startsWith('xs:')) bits.push(p.type);
	return bits.length ? `\t/** ${bits.join(' — ').replace(/\*\//g, '* /')} */\n` : '';
}
let modelTs = HEADER('One interface per complex type; field names are the XSD element names, so the model maps 1:1 to the XML.');
modelTs += `// Every leaf is the element's text as written (amounts stay decimal strings, e.g. '1234.50');\n`;
modelTs += `// a field with maxOccurs > 1 is an array; an optional element is an optional field.\n`;
modelTs += `import type * as codes from '${target.outDir.endsWith('semplificata') ? './codes' : './codes'}';\n`;
modelTs += `import type { XmlElement } from '${target.outDir.endsWith('semplificata') ? '../../xml' : '../xml'}';\n`;
for (const [name, ct] of Object.entries(complexTypes)) {
	const doc = ct.documentation ? `/** ${ct.documentation} */\n` : '';
	modelTs += `\n${doc}export interface ${typeName(name)} {\n`;
	for (const a of ct.attributes || []) modelTs += `\t/** attribute */\n\t${a.name}${a.required ? '' : '?'}: ${fieldType(a.type)};\n`;
	const emit = (p, optional) => {
		const arr = p.max === -1 || p.max > 1;
		const opt = optional || p.min === 0;
		modelTs += fieldDoc(p) + `\t${p.name}${opt ? '?' : ''}: ${fieldType(p.type)}${arr ? '[]' : ''};\n`;
	};
	for (const p of ct.content) {
		if (p.kind === 'element') emit(p, false);
		else {
			modelTs += `\t// choice: ${p.branches.map((b) => b.map((x) => x.name).join(' + ')).join(' | ')}\n`;
			for (const b of p.branches) for (const x of b) emit(x, true);
		}
	}
	modelTs += `}\n`;
}

fs.mkdirSync(path.join(target.outDir, 'structure'), { recursive: true });
fs.writeFileSync(path.join(target.outDir, 'structure', 'schema.ts'), schemaTs);
fs.writeFileSync(path.join(target.outDir, 'codes.ts'), codesTs);
fs.writeFileSync(path.join(target.outDir, 'model.ts'), modelTs);
console.log(`wrote schema.ts, codes.ts, model.ts under ${path.relative(process.cwd(), target.outDir)}`);
