/**
 * TSE WebAPI addresses: `{apigwt}/api/v1/{scope}/{module}/{resource}[/{id}|/search]?company=&user=[&force=]`
 * (tse.docs.teamsystem.cloud, "how to" and CRUD pages). Every segment is checked: a missing or
 * unsafe one is an error naming it, so a request can never go to `/api/v1//CO/...` or climb with
 * `..`. Keys are percent-encoded; the other segments must be plain names.
 */
import { TeamSystemInputError, shown } from './errors';

const NAME = /^[A-Za-z0-9_-]{1,100}$/;
const COMPANY = /^[A-Za-z0-9_-]{1,40}$/;
const WARNING_CODE = /^[A-Za-z0-9_-]{1,40}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export type TseOperation = 'search' | 'get' | 'create' | 'update' | 'delete';
export const TSE_OPERATIONS: readonly TseOperation[] = ['search', 'get', 'create', 'update', 'delete'];

export function requireName(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new TeamSystemInputError(field, 'is required (a path segment cannot be empty)');
	if (!NAME.test(text)) throw new TeamSystemInputError(field, `expected a plain name of letters, digits, _ or - (it is a path segment), got ${shown(value)}`);
	return text;
}

/** A record key: any text or whole number, percent-encoded; never empty, never `.` or `..`. */
export function encodeKey(value: unknown, field = 'id'): string {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) throw new TeamSystemInputError(field, `expected a whole number or a text key, got ${shown(value)}`);
		text = String(value);
	} else if (typeof value === 'string') text = value.trim();
	else throw new TeamSystemInputError(field, `expected the record key as text or a number, got ${shown(value)}`);
	if (text === '') throw new TeamSystemInputError(field, 'is required (a path segment cannot be empty)');
	if (text === '.' || text === '..') throw new TeamSystemInputError(field, `${shown(text)} is not a record key`);
	if (CONTROL.test(text)) throw new TeamSystemInputError(field, 'contains control characters');
	if (text.length > 200) throw new TeamSystemInputError(field, 'is longer than 200 characters');
	return encodeURIComponent(text);
}

export interface TseTarget {
	scope: string;
	module: string;
	resource: string;
}

/** `/api/v1/{scope}/{module}/{resource}` plus `/{id}` or `/search` as the operation needs. */
export function resourcePath(target: TseTarget & { id?: string | number; search?: boolean }): string {
	const base = `/api/v1/${requireName(target.scope, 'scope')}/${requireName(target.module, 'module')}/${requireName(target.resource, 'resource')}`;
	if (target.search && target.id !== undefined) throw new TeamSystemInputError('id', 'a search takes no record key');
	if (target.search) return `${base}/search`;
	return target.id === undefined ? base : `${base}/${encodeKey(target.id)}`;
}

export interface TseQuery {
	/** the company (ditta) code, required by every call */
	company: string | number;
	/** optional impersonated user */
	user?: string;
	/** warning codes the user chose to accept: `&force=code1,code2` */
	force?: readonly (string | number)[];
}

export function requireCompany(value: unknown): string {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!COMPANY.test(text)) throw new TeamSystemInputError('company', `expected the company (ditta) code, e.g. 1000, got ${shown(value)}`);
	return text;
}

export function requireWarningCodes(codes: readonly unknown[], field = 'force'): string[] {
	const out: string[] = [];
	for (const [i, code] of codes.entries()) {
		const text = typeof code === 'number' && Number.isSafeInteger(code) ? String(code) : typeof code === 'string' ? code.trim() : '';
		if (!WARNING_CODE.test(text)) throw new TeamSystemInputError(`${field}[${i}]`, `expected a warning code like 97788, got ${shown(code)}`);
		if (!out.includes(text)) out.push(text);
	}
	return out;
}

/** `?company=..&user=..&force=a,b`: the force list is written as the docs show it, comma-separated. */
export function queryString(q: TseQuery): string {
	const parts = [`company=${encodeURIComponent(requireCompany(q.company))}`];
	if (q.user !== undefined && q.user !== '') {
		const user = String(q.user).trim();
		if (user === '' || CONTROL.test(user) || user.length > 100) throw new TeamSystemInputError('user', `expected a TSE user name, got ${shown(q.user)}`);
		parts.push(`user=${encodeURIComponent(user)}`);
	}
	if (q.force?.length) parts.push(`force=${requireWarningCodes(q.force).join(',')}`);
	return `?${parts.join('&')}`;
}

export type TseFormat = 'json' | 'xml';

export interface TseRequestInput extends TseTarget, TseQuery {
	/** the API gateway base, https://api{cid}.teamsystem.io */
	baseUrl: string;
	operation: TseOperation;
	id?: string | number;
	/** the DTO (create, update) or the filter body (search) */
	body?: Record<string, unknown>;
	/** JSON by default; XML on request (the docs: "JSON default, XML available") */
	format?: TseFormat;
	/** update with PATCH instead of PUT (both are on the CRUD pages) */
	patch?: boolean;
}

export interface TseRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: Record<string, unknown>;
}

const METHOD: Record<TseOperation, TseRequest['method']> = { search: 'POST', get: 'GET', create: 'POST', update: 'PUT', delete: 'DELETE' };

/** One WebAPI call without the Authorization header (the credential adds it). */
export function webApiRequest(input: TseRequestInput): TseRequest {
	if (!TSE_OPERATIONS.includes(input.operation)) throw new TeamSystemInputError('operation', `expected one of ${TSE_OPERATIONS.join(', ')}, got ${shown(input.operation)}`);
	const needsId = input.operation === 'get' || input.operation === 'update' || input.operation === 'delete';
	if (needsId && (input.id === undefined || input.id === null || input.id === '')) throw new TeamSystemInputError('id', `the ${input.operation} operation needs the record key`);
	if (!needsId && input.id !== undefined && input.id !== '') throw new TeamSystemInputError('id', `the ${input.operation} operation takes no record key`);
	const needsBody = input.operation === 'create' || input.operation === 'update';
	const body = input.body ?? (input.operation === 'search' ? {} : undefined);
	if (needsBody && (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)))
		throw new TeamSystemInputError('body', `the ${input.operation} operation needs the record as a JSON object`);
	if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw new TeamSystemInputError('body', 'expected a JSON object');
	if (input.format !== undefined && input.format !== 'json' && input.format !== 'xml') throw new TeamSystemInputError('format', `expected json or xml, got ${shown(input.format)}`);
	if (input.force?.length && input.operation !== 'create' && input.operation !== 'update')
		throw new TeamSystemInputError('force', 'accepting warnings applies only to create and update');
	const path = resourcePath({ scope: input.scope, module: input.module, resource: input.resource, id: needsId ? input.id : undefined, search: input.operation === 'search' });
	const url = `${input.baseUrl.replace(/\/+$/, '')}${path}${queryString(input)}`;
	const headers: Record<string, string> = { Accept: input.format === 'xml' ? 'application/xml' : 'application/json' };
	if (body !== undefined && input.operation !== 'get' && input.operation !== 'delete') headers['Content-Type'] = 'application/json';
	const method = input.operation === 'update' && input.patch ? 'PATCH' : METHOD[input.operation];
	return { method, url, headers, ...(body !== undefined && input.operation !== 'get' && input.operation !== 'delete' ? { body } : {}) };
}
