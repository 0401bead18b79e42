/** The shape of the schema table generated from the XSD (see scripts/generate-fatturapa-schema.js). */

export type BuiltinType =
	| 'xs:string'
	| 'xs:normalizedString'
	| 'xs:token'
	| 'xs:decimal'
	| 'xs:integer'
	| 'xs:date'
	| 'xs:dateTime'
	| 'xs:base64Binary';

export interface PatternDef {
	/** as written in the XSD, for messages */
	xsd: string;
	/** the same expression for JavaScript's RegExp with the u flag, unanchored */
	js: string;
}

export interface SimpleTypeDef {
	base: BuiltinType;
	whiteSpace?: 'preserve' | 'replace' | 'collapse';
	length?: number;
	minLength?: number;
	maxLength?: number;
	minInclusive?: string;
	maxInclusive?: string;
	patterns?: PatternDef[];
	enumeration?: readonly string[];
}

export interface ElementParticle {
	kind: 'element';
	name: string;
	/** a SIMPLE_TYPES or COMPLEX_TYPES key, a built-in 'xs:*' type, or 'any' for a foreign element (ds:Signature) */
	type: string;
	min: number;
	/** -1 = unbounded */
	max: number;
	/** value an empty element takes (XSD default="..."): IndirizzoType/Nazione defaults to IT */
	default?: string;
	/** only for elements of another namespace (ds:Signature); local elements have none */
	namespace?: string;
}

export interface ChoiceParticle {
	kind: 'choice';
	min: number;
	max: number;
	branches: Particle[][];
}

export type Particle = ElementParticle | ChoiceParticle;

export interface AttributeDef {
	name: string;
	type: string;
	required: boolean;
}

export interface ComplexTypeDef {
	content: Particle[];
	attributes?: AttributeDef[];
}
