/**
 * The element tree the safe parser returns. Only what FatturaPA needs survives: elements with
 * their namespace, attributes and text; comments and processing instructions are dropped.
 */
export interface XmlAttribute {
	/** qualified name as written (e.g. 'xsi:schemaLocation') */
	name: string;
	local: string;
	/** resolved namespace URI; '' for unprefixed attributes */
	namespace: string;
	value: string;
}

export interface XmlElement {
	/** qualified name as written (e.g. 'p:FatturaElettronica') */
	name: string;
	/** name without prefix: FatturaPA elements are addressed by this */
	local: string;
	/** resolved namespace URI; '' when the element is in no namespace */
	namespace: string;
	attributes: XmlAttribute[];
	children: XmlElement[];
	/** concatenated character data directly inside this element (text and CDATA), entities resolved */
	text: string;
	/** 1-based line of the start tag, for messages */
	line: number;
	/** namespace declarations made on this element (prefix '' = default), kept to re-serialise foreign blocks */
	namespaceDeclarations?: Record<string, string>;
}
