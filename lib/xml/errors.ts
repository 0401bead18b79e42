/** Why an XML input was refused: a security rule (DOCTYPE, entity, size) or malformed syntax. */
export type XmlErrorKind = 'doctype' | 'entity' | 'too-large' | 'encoding' | 'syntax';

export class XmlParseError extends Error {
	readonly kind: XmlErrorKind;
	/** 1-based, when the error has a position */
	readonly line?: number;
	readonly column?: number;

	constructor(kind: XmlErrorKind, message: string, line?: number, column?: number) {
		super(line === undefined ? message : `${message} (line ${line}, column ${column})`);
		this.name = 'XmlParseError';
		this.kind = kind;
		this.line = line;
		this.column = column;
	}
}
