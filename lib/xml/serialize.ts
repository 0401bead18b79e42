import type { XmlElement } from './types';

/** Text content: & and < must be escaped, > too (for "]]>"); a CR is kept as a reference so it survives parsing. */
export function escapeText(s: string): string {
	if (!/[&<>\r]/.test(s)) return s;
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: quotes and white space other than the blank are references, or parsing would normalise them. */
export function escapeAttribute(s: string): string {
	if (!/[&<>"\t\n\r]/.test(s)) return s;
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;');
}

/**
 * Writes an element tree back as XML with its own prefixes and namespace declarations
 * (used for blocks kept verbatim, such as ds:Signature, and by tests). Elements with children
 * are indented; text-only elements keep their text exactly.
 */
export function serializeElement(el: XmlElement, indent = '', step = '  '): string {
	let open = `<${el.name}`;
	for (const [prefix, uri] of Object.entries(el.namespaceDeclarations ?? {})) open += ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(uri)}"`;
	for (const a of el.attributes) open += ` ${a.name}="${escapeAttribute(a.value)}"`;
	if (el.children.length === 0) return el.text === '' ? `${indent}${open}/>` : `${indent}${open}>${escapeText(el.text)}</${el.name}>`;
	const inner = el.children.map((c) => serializeElement(c, indent + step, step)).join('\n');
	const text = el.text.trim() === '' ? '' : escapeText(el.text);
	return `${indent}${open}>${text}\n${inner}\n${indent}</${el.name}>`;
}
