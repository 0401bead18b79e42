import type { XmlElement } from '../xml';
import { fieldsOf, type SchemaSet } from './structure/schemaSet';

/**
 * Element tree -> model object, driven by the schema table: children are matched by LOCAL name
 * (received files use every prefix and default-namespace style), repeatable elements become
 * arrays, leaves keep their text as written. Elements the schema does not know are left out here;
 * the structural validator is what reports them.
 */
export function treeToModel(schema: SchemaSet, element: XmlElement, complexType: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const def = schema.complexTypes[complexType];
	for (const a of def.attributes ?? []) {
		const found = element.attributes.find((x) => x.local === a.name && x.namespace === '');
		if (found) out[a.name] = found.value;
	}
	const fields = fieldsOf(schema, complexType);
	for (const child of element.children) {
		const f = fields.get(child.local);
		if (!f) continue;
		const value =
			f.kind === 'complex' ? treeToModel(schema, child, f.type) : f.kind === 'foreign' ? child : f.collapse ? child.text.trim() : child.text;
		if (f.isArray) {
			const list = out[f.name] as unknown[] | undefined;
			if (list) list.push(value);
			else out[f.name] = [value];
		} else if (!(f.name in out)) out[f.name] = value;
	}
	return out;
}
