/**
 * A small, documented subset of JSON Schema for checking webhook payloads: type, required,
 * properties, additionalProperties (false), enum, const, minLength, maxLength, pattern, minimum,
 * maximum, items, minItems, maxItems. Errors name the path of the offending value.
 */
export type JsonSchema = {
	type?: string | string[];
	required?: string[];
	properties?: Record<string, JsonSchema>;
	additionalProperties?: boolean;
	enum?: unknown[];
	const?: unknown;
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	minimum?: number;
	maximum?: number;
	items?: JsonSchema;
	minItems?: number;
	maxItems?: number;
};

export function parseJsonSchema(text: string): { ok: true; schema: JsonSchema } | { ok: false; reason: string } {
	try {
		const schema = JSON.parse(text) as unknown;
		if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return { ok: false, reason: 'expected a JSON object' };
		return { ok: true, schema: schema as JsonSchema };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

export function validateJson(schema: JsonSchema, value: unknown, path = '$', errors: string[] = []): string[] {
	const actual = typeOf(value);
	if (schema.type) {
		const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
		const matches = allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'));
		if (!matches) {
			errors.push(`${path}: expected ${allowed.join(' or ')}, got ${actual}`);
			return errors;
		}
	}
	if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
	if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) errors.push(`${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
	if (typeof value === 'string') {
		if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
		if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
		if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: less than ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: more than ${schema.maximum}`);
	}
	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
		if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
		if (schema.items) value.forEach((entry, i) => validateJson(schema.items!, entry, `${path}[${i}]`, errors));
	}
	if (actual === 'object') {
		const record = value as Record<string, unknown>;
		for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${path}.${key}: required`);
		for (const [key, child] of Object.entries(schema.properties ?? {})) if (key in record) validateJson(child, record[key], `${path}.${key}`, errors);
		if (schema.additionalProperties === false) {
			for (const key of Object.keys(record)) if (!(key in (schema.properties ?? {}))) errors.push(`${path}.${key}: not allowed`);
		}
	}
	return errors;
}
