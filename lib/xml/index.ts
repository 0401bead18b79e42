export type { XmlAttribute, XmlElement } from './types';
export { XmlParseError, type XmlErrorKind } from './errors';
export { decodeXml, DEFAULT_MAX_BYTES } from './decode';
export { parseXml, type ParseXmlOptions, type XmlDocument, type XmlDeclaration, type XmlNamespaceIssue } from './parse';
export { escapeText, escapeAttribute, serializeElement } from './serialize';
