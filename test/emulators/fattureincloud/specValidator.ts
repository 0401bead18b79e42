/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Test-only: checks a JSON request body against the official spec's requestBody schema, so a
 * wrong field name (unknown property), a wrong type or a read-only field fails a test. Read from
 * ../shared/specs at test time; never shipped, never copied.
 */
import * as fs from 'node:fs';
import YAML from 'yaml';

type Schema = Record<string, any>;

export function specBodyValidator(specFile: string): (operationId: string, body: unknown) => string[] {
	const spec = YAML.parse(fs.readFileSync(specFile, 'utf8')) as Schema;
	const bodies = new Map<string, Schema>();
	for (const item of Object.values(spec.paths as Record<string, Schema>)) {
		for (const op of Object.values(item)) {
			if (op && typeof op === 'object' && op.operationId && op.requestBody) {
				const requestBody = deref(spec, op.requestBody);
				const schema = requestBody.content?.['application/json']?.schema;
				if (schema) bodies.set(op.operationId, schema);
			}
		}
	}
	return (operationId, body) => {
		const schema = bodies.get(operationId);
		if (!schema) return [];
		const errors: string[] = [];
		check(spec, schema, body, '', errors, true);
		return errors;
	};
}

function deref(spec: Schema, node: Schema | undefined): Schema {
	let current = node ?? {};
	while (current.$ref) current = current.$ref.replace(/^#\//, '').split('/').reduce((acc: Schema, key: string) => acc[key], spec);
	return current;
}

/** Properties of a schema, allOf merged. */
function merged(spec: Schema, schema: Schema): Schema {
	const node = deref(spec, schema);
	if (!node.allOf) return node;
	const out: Schema = { ...node, properties: { ...(node.properties ?? {}) } };
	for (const part of node.allOf as Schema[]) {
		const inner = merged(spec, part);
		Object.assign(out.properties, inner.properties ?? {});
		if (inner.type) out.type = inner.type;
	}
	return out;
}

function check(spec: Schema, schema: Schema, value: unknown, path: string, errors: string[], isRequestRoot: boolean): void {
	const node = merged(spec, schema);
	if (value === null) {
		if (!node.nullable && node.type && !isRequestRoot) errors.push(`${path || '(root)'}: null is not allowed`);
		return;
	}
	if (node.readOnly) {
		errors.push(`${path}: read-only field sent`);
		return;
	}
	const type = node.type ?? (node.properties ? 'object' : undefined);
	if (type === 'object' || node.properties) {
		if (typeof value !== 'object' || Array.isArray(value)) {
			errors.push(`${path || '(root)'}: expected an object`);
			return;
		}
		const properties = (node.properties ?? {}) as Record<string, Schema>;
		const open = node.additionalProperties === true || (Object.keys(properties).length === 0);
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			const childPath = path ? `${path}.${key}` : key;
			if (!(key in properties)) {
				if (!open) errors.push(`${childPath}: unknown field`);
				continue;
			}
			check(spec, properties[key], child, childPath, errors, false);
		}
		return;
	}
	if (type === 'array') {
		if (!Array.isArray(value)) return void errors.push(`${path}: expected an array`);
		value.forEach((entry, i) => check(spec, node.items ?? {}, entry, `${path}[${i}]`, errors, false));
		return;
	}
	if (type === 'string' && typeof value !== 'string') errors.push(`${path}: expected a string`);
	if ((type === 'number' || type === 'integer') && typeof value !== 'number') errors.push(`${path}: expected a number`);
	if (type === 'boolean' && typeof value !== 'boolean') errors.push(`${path}: expected a boolean`);
	if (node.enum && !node.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${node.enum.join(', ')}`);
}
