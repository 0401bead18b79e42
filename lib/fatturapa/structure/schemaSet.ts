import * as ordinaria from './schema';
import * as semplificata from '../semplificata/structure/schema';
import type { ComplexTypeDef, ElementParticle, Particle, SimpleTypeDef } from './types';

/** One XSD as data: the ordinaria (FPA12/FPR12) and the semplificata (FSM10) share all the machinery. */
export interface SchemaSet {
	/** short name for messages */
	label: string;
	targetNamespace: string;
	version: string;
	root: { name: string; type: string };
	simpleTypes: Record<string, SimpleTypeDef>;
	complexTypes: Record<string, ComplexTypeDef>;
}

export const ORDINARIA: SchemaSet = {
	label: 'FatturaPA v1.2.3',
	targetNamespace: ordinaria.TARGET_NAMESPACE,
	version: ordinaria.SCHEMA_VERSION,
	root: ordinaria.ROOT_ELEMENT,
	simpleTypes: ordinaria.SIMPLE_TYPES,
	complexTypes: ordinaria.COMPLEX_TYPES,
};

export const SEMPLIFICATA: SchemaSet = {
	label: 'FatturaPA semplificata v1.0.2',
	targetNamespace: semplificata.TARGET_NAMESPACE,
	version: semplificata.SCHEMA_VERSION,
	root: semplificata.ROOT_ELEMENT,
	simpleTypes: semplificata.SIMPLE_TYPES,
	complexTypes: semplificata.COMPLEX_TYPES,
};

/** How a child element maps into the model: array or single, nested object, text or foreign XML. */
export interface FieldInfo {
	name: string;
	type: string;
	isArray: boolean;
	kind: 'complex' | 'simple' | 'foreign';
	/** the value's whitespace is collapsed by XSD (numbers, dates, tokens): the model keeps it trimmed */
	collapse: boolean;
	/** XSD default="..." taken by an empty element */
	default?: string;
}

const COLLAPSED_BASES = new Set(['xs:token', 'xs:decimal', 'xs:integer', 'xs:date', 'xs:dateTime', 'xs:base64Binary']);

export function baseOf(schema: SchemaSet, type: string): string {
	return type.startsWith('xs:') ? type : (schema.simpleTypes[type]?.base ?? type);
}

export function elementParticles(content: Particle[]): ElementParticle[] {
	const out: ElementParticle[] = [];
	for (const p of content) {
		if (p.kind === 'element') out.push(p);
		else for (const b of p.branches) out.push(...elementParticles(b));
	}
	return out;
}

const fieldCache = new WeakMap<SchemaSet, Map<string, Map<string, FieldInfo>>>();

/** The children a complex type allows, by local name (computed once per type). */
export function fieldsOf(schema: SchemaSet, complexType: string): Map<string, FieldInfo> {
	let perSchema = fieldCache.get(schema);
	if (!perSchema) fieldCache.set(schema, (perSchema = new Map()));
	let fields = perSchema.get(complexType);
	if (fields) return fields;
	fields = new Map();
	const def = schema.complexTypes[complexType];
	if (!def) throw new Error(`${schema.label} has no complex type ${complexType}`);
	for (const p of elementParticles(def.content)) {
		const kind = p.type === 'any' ? 'foreign' : schema.complexTypes[p.type] ? 'complex' : 'simple';
		fields.set(p.name, {
			name: p.name,
			type: p.type,
			isArray: p.max === -1 || p.max > 1,
			kind,
			collapse: kind === 'simple' && COLLAPSED_BASES.has(baseOf(schema, p.type)),
			default: p.default,
		});
	}
	perSchema.set(complexType, fields);
	return fields;
}
