/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Test-only: checks requests to and answers of the Fatture in Cloud emulator against the official
 * spec (read from ../shared/specs at test time; never shipped, never copied). Requests: required
 * properties and query parameters, types, enums, formats, bounds, read-only fields sent, and
 * properties the spec does not have. Answers: the same against the response schema of their status.
 * The known flaws of the spec itself are listed, each with its reason, in specArtefacts.ts; this
 * validator and the Prism test both skip exactly those.
 */
import * as fs from 'node:fs';
import YAML from 'yaml';

import { isSpecArtefact, type ViolationCode } from './specArtefacts';

type Schema = Record<string, any>;

export interface Violation {
	/** 'data.entity.name' for a body, '?type' for a query parameter; array indices as [0]. */
	path: string;
	code: ViolationCode;
	message: string;
}

interface OperationSchemas {
	body?: Schema;
	query: Array<{ name: string; required: boolean; schema: Schema }>;
	responses: Map<string, Schema | null>;
}

export interface SpecOracle {
	operationIds: string[];
	/** Violations of a request (artefacts already left out). */
	request(operationId: string, request: { query?: Record<string, unknown>; body?: unknown }): Violation[];
	/** Violations of a JSON answer with this status (artefacts already left out). */
	response(operationId: string, status: number, body: unknown): Violation[];
}

const cache = new Map<string, SpecOracle>();

/** The oracle of one spec file, parsed once per test file. */
export function specOracle(specFile: string): SpecOracle {
	const cached = cache.get(specFile);
	if (cached) return cached;
	const spec = YAML.parse(fs.readFileSync(specFile, 'utf8')) as Schema;
	const operations = new Map<string, OperationSchemas>();
	for (const item of Object.values(spec.paths as Record<string, Schema>)) {
		for (const op of Object.values(item)) {
			if (!op || typeof op !== 'object' || !op.operationId) continue;
			const requestBody = op.requestBody ? deref(spec, op.requestBody) : undefined;
			const responses = new Map<string, Schema | null>();
			for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Schema>)) {
				responses.set(status, deref(spec, response).content?.['application/json']?.schema ?? null);
			}
			operations.set(op.operationId, {
				body: requestBody?.content?.['application/json']?.schema,
				query: ((op.parameters ?? []) as Schema[]).map((p) => deref(spec, p)).filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema ?? {} })),
				responses,
			});
		}
	}
	const oracle: SpecOracle = {
		operationIds: [...operations.keys()],
		request(operationId, request) {
			const op = operations.get(operationId);
			if (!op) return [{ path: '(operation)', code: 'unknown', message: `${operationId} is not in the spec` }];
			const out: Violation[] = [];
			const query = request.query ?? {};
			for (const param of op.query) {
				const value = query[param.name];
				if (value === undefined || value === '') {
					if (param.required) out.push({ path: `?${param.name}`, code: 'required', message: 'required query parameter missing' });
					continue;
				}
				check(spec, param.schema, coerceQuery(param.schema, value), `?${param.name}`, out, 'request');
			}
			if (op.body && request.body !== undefined) check(spec, op.body, request.body, '', out, 'request');
			return out.filter((v) => !isSpecArtefact(operationId, 'request', v.path, v.code));
		},
		response(operationId, status, body) {
			const op = operations.get(operationId);
			if (!op) return [{ path: '(operation)', code: 'unknown', message: `${operationId} is not in the spec` }];
			const schema = op.responses.has(String(status)) ? op.responses.get(String(status)) : op.responses.get('default');
			if (schema === undefined) return [{ path: '(status)', code: 'unknown', message: `the spec has no ${status} answer for ${operationId}` }];
			if (schema === null || body === undefined) return [];
			const out: Violation[] = [];
			check(spec, schema, body, '', out, 'response');
			return out.filter((v) => !isSpecArtefact(operationId, 'response', v.path, v.code));
		},
	};
	cache.set(specFile, oracle);
	return oracle;
}

/** The emulator's hook: request violations as "path: message" lines. */
export function specRequestValidator(specFile: string): (operationId: string, request: { query?: Record<string, unknown>; body?: unknown }) => string[] {
	const oracle = specOracle(specFile);
	return (operationId, request) => oracle.request(operationId, request).map(format);
}

/** The emulator's hook: answer violations as "path: message" lines. */
export function specResponseValidator(specFile: string): (operationId: string, status: number, body: unknown) => string[] {
	const oracle = specOracle(specFile);
	return (operationId, status, body) => oracle.response(operationId, status, body).map(format);
}

export function format(violation: Violation): string {
	return `${violation.path || '(root)'}: ${violation.message}`;
}

/** A path with its array indices as [] (how artefacts and Prism violations are compared). */
export function genericPath(path: string): string {
	return path.replace(/\[\d+\]/g, '[]');
}

function deref(spec: Schema, node: Schema | undefined): Schema {
	let current = node ?? {};
	while (current.$ref) current = current.$ref.replace(/^#\//, '').split('/').reduce((acc: Schema, key: string) => acc[key], spec);
	return current;
}

/** A schema with its allOf parts merged (properties, required, type). */
function merged(spec: Schema, schema: Schema): Schema {
	const node = deref(spec, schema);
	if (!node.allOf) return node;
	const out: Schema = { ...node, properties: { ...(node.properties ?? {}) }, required: [...(node.required ?? [])] };
	delete out.allOf;
	for (const part of node.allOf as Schema[]) {
		const inner = merged(spec, part);
		Object.assign(out.properties, inner.properties ?? {});
		out.required.push(...(inner.required ?? []));
		if (inner.type && !out.type) out.type = inner.type;
		if (inner.additionalProperties !== undefined && out.additionalProperties === undefined) out.additionalProperties = inner.additionalProperties;
	}
	return out;
}

/** Query strings arrive as text: read them as the parameter's type, as a server would. */
function coerceQuery(schema: Schema, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
	if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
	return value;
}

function typeOf(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value;
}

function child(path: string, key: string): string {
	return path ? `${path}.${key}` : key;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function validDate(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

function check(spec: Schema, schema: Schema, value: unknown, path: string, out: Violation[], direction: 'request' | 'response'): void {
	const node = merged(spec, schema);
	if (value === null) {
		if (!node.nullable && (node.type || node.properties)) out.push({ path, code: 'type', message: 'null is not allowed' });
		return;
	}
	if (direction === 'request' && node.readOnly && path) {
		out.push({ path, code: 'readOnly', message: 'read-only field sent' });
		return;
	}
	const type = node.type ?? (node.properties ? 'object' : undefined);
	const actual = typeOf(value);
	if (type === 'object') {
		if (actual !== 'object') return void out.push({ path, code: 'type', message: `expected an object, got ${actual}` });
		const record = value as Record<string, unknown>;
		const properties = (node.properties ?? {}) as Record<string, Schema>;
		for (const name of (node.required ?? []) as string[]) {
			if (record[name] !== undefined) continue;
			const property = properties[name] ? merged(spec, properties[name]) : {};
			// OpenAPI 3.0: a required read-only property is required in answers only
			if (direction === 'request' && property.readOnly) continue;
			if (direction === 'response' && property.writeOnly) continue;
			out.push({ path: child(path, name), code: 'required', message: 'required property missing' });
		}
		const open = node.additionalProperties === true || (!node.properties && node.additionalProperties === undefined);
		for (const [key, entry] of Object.entries(record)) {
			if (entry === undefined) continue;
			if (key in properties) check(spec, properties[key], entry, child(path, key), out, direction);
			else if (node.additionalProperties && typeof node.additionalProperties === 'object') check(spec, node.additionalProperties, entry, child(path, key), out, direction);
			else if (!open) out.push({ path: child(path, key), code: 'unknown', message: 'unknown field' });
		}
		return;
	}
	if (type === 'array') {
		if (actual !== 'array') return void out.push({ path, code: 'type', message: `expected an array, got ${actual}` });
		(value as unknown[]).forEach((entry, i) => check(spec, node.items ?? {}, entry, `${path}[${i}]`, out, direction));
		return;
	}
	if (type === 'string' && actual !== 'string') return void out.push({ path, code: 'type', message: `expected a string, got ${actual}` });
	if (type === 'integer' && !(actual === 'number' && Number.isInteger(value))) return void out.push({ path, code: 'type', message: `expected an integer, got ${JSON.stringify(value)}` });
	if (type === 'number' && actual !== 'number') return void out.push({ path, code: 'type', message: `expected a number, got ${actual}` });
	if (type === 'boolean' && actual !== 'boolean') return void out.push({ path, code: 'type', message: `expected a boolean, got ${actual}` });
	if (node.enum && !(node.enum as unknown[]).includes(value)) {
		const allowed = (node.enum as unknown[]).slice(0, 8).join(', ') + (node.enum.length > 8 ? `, ... (${node.enum.length} values)` : '');
		out.push({ path, code: 'enum', message: `${JSON.stringify(value)} is not one of ${allowed}` });
	}
	if (typeof value === 'string') {
		if (node.format === 'date' && !validDate(value)) out.push({ path, code: 'format', message: `"${value}" is not a date (YYYY-MM-DD)` });
		if (node.format === 'date-time' && !(DATE_TIME.test(value) && validDate(value.slice(0, 10)))) out.push({ path, code: 'format', message: `"${value}" is not an RFC 3339 date-time` });
		if (node.format === 'uri' && !/^[a-z][a-z0-9+.-]*:/i.test(value)) out.push({ path, code: 'format', message: `"${value}" is not a URI` });
	}
	if (typeof value === 'number') {
		if (typeof node.minimum === 'number' && (node.exclusiveMinimum ? value <= node.minimum : value < node.minimum)) out.push({ path, code: 'minimum', message: `${value} is below ${node.minimum}` });
		if (typeof node.maximum === 'number' && (node.exclusiveMaximum ? value >= node.maximum : value > node.maximum)) out.push({ path, code: 'maximum', message: `${value} is above ${node.maximum}` });
	}
}
