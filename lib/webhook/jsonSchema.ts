/**
 * Payload checks against a JSON Schema with @cfworker/json-schema (bundled into dist/ by the
 * build). A validator ignores keywords it does not know, and cfworker ignores formats it does
 * not know; either would let an invalid payload through while the schema author believes it is
 * enforced. So a schema is refused up front when it uses a keyword or a format this validator
 * does not enforce (a typo such as "requried" included), a $ref that does not point inside the
 * schema, or a pattern that is not a valid regular expression.
 */
import { Validator, type Schema, type SchemaDraft } from '@cfworker/json-schema';

/** Keywords cfworker's validate() enforces (its 4.1.6 source). */
const ENFORCED = new Set([
	'$ref', '$recursiveRef', '$recursiveAnchor', 'type', 'const', 'enum', 'required', 'not', 'anyOf', 'allOf', 'oneOf', 'if', 'then', 'else',
	'format', 'properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', 'minProperties', 'maxProperties',
	'propertyNames', 'dependentRequired', 'dependentSchemas', 'dependencies', 'prefixItems', 'items', 'additionalItems',
	'unevaluatedItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum',
	'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern',
]);
/** Identifiers and annotations: they assert nothing, so nothing is lost by not enforcing them. */
const ANNOTATIONS = new Set(['$schema', '$id', 'id', '$anchor', '$defs', 'definitions', '$comment', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);
/** Formats cfworker checks; any other format would be skipped silently. */
const FORMATS = new Set(['date', 'time', 'date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url', 'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer']);
const TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_SINGLES = ['not', 'if', 'then', 'else', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'additionalItems', 'unevaluatedItems', 'contains'];
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const NUMBERS = ['minProperties', 'maxProperties', 'minContains', 'maxContains', 'minItems', 'maxItems', 'minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength'];
const MAX_SCHEMA_DEPTH = 100;
/** Keywords whose failure only says that something inside failed (reported on its own). */
const WRAPPERS = new Set(['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', 'items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'dependentSchemas', 'allOf', '$ref', '$recursiveRef']);

export interface CompiledSchema {
	/** Up to `limit` violations, each naming the JSON pointer of the offending value; [] when valid. */
	validate(value: unknown, limit?: number): string[];
}

export type SchemaResult = { ok: true; schema: CompiledSchema } | { ok: false; reason: string };

function draftOf(uri: unknown): SchemaDraft | undefined {
	if (uri === undefined) return '2020-12';
	if (typeof uri !== 'string') return undefined;
	if (uri.includes('draft-04')) return '4';
	if (uri.includes('draft-06') || uri.includes('draft-07')) return '7';
	if (uri.includes('2019-09')) return '2019-09';
	if (uri.includes('2020-12')) return '2020-12';
	return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Resolves a local `#/a/b` pointer or `#anchor` against the root schema. */
function resolvesLocally(ref: string, root: Record<string, unknown>, anchors: Set<string>): boolean {
	if (ref === '#') return true;
	if (!ref.startsWith('#/')) return anchors.has(ref.slice(1));
	let node: unknown = root;
	for (const raw of ref.slice(2).split('/')) {
		let segment: string;
		try {
			segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		} catch {
			return false;
		}
		if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
		else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
		else return false;
	}
	return isObject(node) || typeof node === 'boolean';
}

/** Every problem of the schema that would make it enforce less than it says, with its location. */
function schemaProblems(root: Record<string, unknown>): string[] {
	const problems: string[] = [];
	const refs: Array<[string, string]> = [];
	const anchors = new Set<string>();
	const walk = (schema: unknown, at: string, depth: number): void => {
		if (typeof schema === 'boolean') return;
		if (!isObject(schema)) return void problems.push(`${at}: expected a schema (object or boolean)`);
		if (depth > MAX_SCHEMA_DEPTH) return void problems.push(`${at}: nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
		for (const [keyword, value] of Object.entries(schema)) {
			const here = `${at}/${keyword}`;
			if (!ENFORCED.has(keyword) && !ANNOTATIONS.has(keyword)) {
				problems.push(`${here}: "${keyword}" is not a keyword this node enforces`);
				continue;
			}
			if (keyword === '$anchor' && typeof value === 'string') anchors.add(value);
			if (keyword === '$ref') {
				if (typeof value !== 'string') problems.push(`${here}: expected a string`);
				else if (!value.startsWith('#')) problems.push(`${here}: only references inside the schema (#/...) are supported, got "${value.slice(0, 80)}"`);
				else refs.push([here, value]);
			}
			if (keyword === 'format' && (typeof value !== 'string' || !FORMATS.has(value))) problems.push(`${here}: format ${JSON.stringify(value)} is not one this node checks (${[...FORMATS].join(', ')})`);
			if (keyword === 'type') {
				const types = Array.isArray(value) ? value : [value];
				for (const type of types) if (typeof type !== 'string' || !TYPES.has(type)) problems.push(`${here}: unknown type ${JSON.stringify(type)}`);
			}
			if (keyword === 'required' && (!Array.isArray(value) || value.some((name) => typeof name !== 'string'))) problems.push(`${here}: expected an array of property names`);
			if (keyword === 'enum' && !Array.isArray(value)) problems.push(`${here}: expected an array`);
			if (NUMBERS.includes(keyword) && typeof value !== 'number') problems.push(`${here}: expected a number`);
			if ((keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') && typeof value !== 'number' && typeof value !== 'boolean') problems.push(`${here}: expected a number`);
			if (keyword === 'pattern') checkPattern(value, here, problems);
			if (SCHEMA_SINGLES.includes(keyword)) walk(value, here, depth + 1);
			if (SCHEMA_ARRAYS.includes(keyword)) {
				if (!Array.isArray(value)) problems.push(`${here}: expected an array of schemas`);
				else value.forEach((entry, i) => walk(entry, `${here}/${i}`, depth + 1));
			}
			if (SCHEMA_MAPS.includes(keyword)) {
				if (!isObject(value)) problems.push(`${here}: expected an object of schemas`);
				else
					for (const [name, entry] of Object.entries(value)) {
						if (keyword === 'patternProperties') checkPattern(name, `${here}/${name}`, problems);
						walk(entry, `${here}/${name}`, depth + 1);
					}
			}
			if (keyword === 'items') {
				if (Array.isArray(value)) value.forEach((entry, i) => walk(entry, `${here}/${i}`, depth + 1));
				else walk(value, here, depth + 1);
			}
			if (keyword === 'dependencies' || keyword === 'dependentRequired') {
				if (!isObject(value)) problems.push(`${here}: expected an object`);
				else
					for (const [name, entry] of Object.entries(value)) {
						if (Array.isArray(entry)) {
							if (entry.some((p) => typeof p !== 'string')) problems.push(`${here}/${name}: expected an array of property names`);
						} else if (keyword === 'dependencies') walk(entry, `${here}/${name}`, depth + 1);
						else problems.push(`${here}/${name}: expected an array of property names`);
					}
			}
		}
	};
	walk(root, '#', 0);
	for (const [at, ref] of refs) if (!resolvesLocally(ref, root, anchors)) problems.push(`${at}: "${ref.slice(0, 80)}" points to nothing in the schema`);
	return problems;
}

function checkPattern(value: unknown, at: string, problems: string[]): void {
	if (typeof value !== 'string') return void problems.push(`${at}: expected a regular expression string`);
	try {
		new RegExp(value, 'u');
	} catch (error) {
		problems.push(`${at}: not a valid regular expression (${(error as Error).message})`);
	}
}

/** Parses and checks a schema; a schema this node cannot fully enforce is refused with the reasons. */
export function compileJsonSchema(text: string): SchemaResult {
	let root: unknown;
	try {
		root = JSON.parse(text);
	} catch (error) {
		return { ok: false, reason: `not valid JSON (${(error as Error).message.slice(0, 120)})` };
	}
	if (!isObject(root)) return { ok: false, reason: 'expected a JSON object' };
	const draft = draftOf(root.$schema);
	if (!draft) return { ok: false, reason: `$schema ${JSON.stringify(root.$schema)} is not a draft this node supports (04, 06, 07, 2019-09, 2020-12)` };
	const problems = schemaProblems(root);
	if (problems.length) return { ok: false, reason: problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (and ${problems.length - 5} more)` : '') };
	let validator: Validator;
	try {
		validator = new Validator(root as Schema, draft, false);
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
	return {
		ok: true,
		schema: {
			validate(value: unknown, limit = 5): string[] {
				let result: ReturnType<Validator['validate']>;
				try {
					result = validator.validate(value);
				} catch (error) {
					// a value JSON cannot hold (undefined, a function) or a schema cfworker cannot apply
					return [`$: cannot be checked against the schema (${(error as Error).message.slice(0, 120)})`];
				}
				if (result.valid) return [];
				// cfworker also reports the keywords enclosing a failure ("Property "x" does not match
				// schema."); the failure itself says what is wrong, so the wrappers are left out.
				const leaves = result.errors.filter((unit) => !WRAPPERS.has(unit.keyword));
				const seen = new Set<string>();
				const messages: string[] = [];
				for (const unit of leaves.length ? leaves : result.errors) {
					const where = unit.instanceLocation.replace(/^#/, '$');
					const message = `${where}: ${unit.keyword === 'false' ? 'not allowed' : unit.error}`;
					if (seen.has(message)) continue;
					seen.add(message);
					messages.push(message);
					if (messages.length >= limit) break;
				}
				return messages;
			},
		},
	};
}

const compiled = new Map<string, SchemaResult>();
const MAX_COMPILED = 100;

/** compileJsonSchema, memoised by the schema text (a trigger compiles its schema once, not per call). */
export function cachedJsonSchema(text: string): SchemaResult {
	let result = compiled.get(text);
	if (!result) {
		result = compileJsonSchema(text);
		compiled.set(text, result);
		while (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
	}
	return result;
}
