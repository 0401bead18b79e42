/**
 * Search and paging. WebAPI search (`POST .../{resource}/search`) takes a filter body whose
 * format is only in the tenant's Swagger, so it is passed through as given, after a check that
 * it is a JSON object. Smart Services (beta, tse.docs.teamsystem.cloud/smart-services) document
 * their query: OData-like `$filter` with eq, ne, gt, ge, lt, le, and `fields`, `pagecount`,
 * `pageposition`, `orderby`; built here exactly.
 */
import { TeamSystemInputError, TeamSystemResponseError, shown } from './errors';
import { requireCompany, requireName } from './path';

const NOT_JSON = Symbol('not JSON');

function parsedOrMarker(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** The WebAPI search body: the user's filter object as is (an empty object lists everything). */
export function searchBody(filter: unknown): Record<string, unknown> {
	if (filter === undefined || filter === null || filter === '') return {};
	const value = typeof filter === 'string' ? parsedOrMarker(filter) : filter;
	if (value === NOT_JSON) throw new TeamSystemInputError('filter', 'expected a JSON object (the search body of your tenant Swagger), got text that is not JSON');
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TeamSystemInputError('filter', `expected a JSON object, got ${shown(value)}`);
	return value as Record<string, unknown>;
}

export const SMART_SERVICES_BASE_URL = 'https://tse.smart-api.teamsystem.cloud';
export type SmartOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export const SMART_OPERATORS: readonly SmartOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

export interface SmartCondition {
	field: string;
	operator: SmartOperator;
	value: string | number | boolean;
}

const FIELD = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

function requireField(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!FIELD.test(text)) throw new TeamSystemInputError(field, `expected a field name like document-number, got ${shown(value)}`);
	return text;
}

/** A literal in OData style: numbers and booleans bare, text in single quotes with ' doubled (our assumption for "OData-like"). */
export function smartLiteral(value: unknown, field: string): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TeamSystemInputError(field, `expected a finite number, got ${value}`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
	throw new TeamSystemInputError(field, `expected text, a number or true/false, got ${shown(value)}`);
}

/** Conditions joined with `and` (the joiner is our assumption; the operators are documented). */
export function smartFilter(conditions: readonly SmartCondition[]): string {
	return conditions
		.map((c, i) => {
			const at = `filter[${i}]`;
			const field = requireField(c?.field, `${at}.field`);
			if (!SMART_OPERATORS.includes(c.operator)) throw new TeamSystemInputError(`${at}.operator`, `expected one of ${SMART_OPERATORS.join(', ')}, got ${shown(c.operator)}`);
			return `${field} ${c.operator} ${smartLiteral(c.value, `${at}.value`)}`;
		})
		.join(' and ');
}

export interface SmartRequestInput {
	baseUrl?: string;
	/** e.g. tse10 */
	product: string;
	company: string | number;
	/** e.g. document */
	module: string;
	/** e.g. orders */
	resources: string;
	fields?: readonly string[];
	filter?: readonly SmartCondition[];
	orderBy?: readonly string[];
	/** records per page */
	pageCount?: number;
	/** which page, from 0 (our assumption: a page index, not a record offset) */
	pagePosition?: number;
	user?: string;
}

function whole(value: unknown, field: string, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw new TeamSystemInputError(field, `expected a whole number from ${min} to ${max}, got ${shown(value)}`);
	return value;
}

/** `GET {base}/api/{product}/v1/company/{company}/{module}/{resources}?fields=..&$filter=..&pagecount=..&pageposition=..&orderby=..&user=..` */
export function smartServicesUrl(input: SmartRequestInput): string {
	const base = (input.baseUrl ?? SMART_SERVICES_BASE_URL).replace(/\/+$/, '');
	const path = `/api/${requireName(input.product, 'product')}/v1/company/${encodeURIComponent(requireCompany(input.company))}/${requireName(input.module, 'module')}/${requireName(input.resources, 'resources')}`;
	const query: string[] = [];
	if (input.fields?.length) query.push(`fields=${input.fields.map((f, i) => encodeURIComponent(requireField(f, `fields[${i}]`))).join(',')}`);
	if (input.filter?.length) query.push(`$filter=${encodeURIComponent(smartFilter(input.filter))}`);
	if (input.pageCount !== undefined) query.push(`pagecount=${whole(input.pageCount, 'pageCount', 1, 10000)}`);
	if (input.pagePosition !== undefined) query.push(`pageposition=${whole(input.pagePosition, 'pagePosition', 0, 1_000_000)}`);
	if (input.orderBy?.length) query.push(`orderby=${input.orderBy.map((f, i) => encodeURIComponent(requireField(f, `orderBy[${i}]`))).join(',')}`);
	if (input.user !== undefined && input.user !== '') query.push(`user=${encodeURIComponent(requireName(input.user, 'user'))}`);
	return `${base}${path}${query.length ? `?${query.join('&')}` : ''}`;
}

/**
 * The page after this one, or undefined when this one was the last: a page shorter than
 * pagecount ends the list. `maxPages` bounds a "return all" loop against a server that never
 * returns a short page.
 */
export function nextSmartPage(current: { pageCount: number; pagePosition: number }, returned: number, maxPages = 1000): number | undefined {
	whole(current.pageCount, 'pageCount', 1, 10000);
	whole(current.pagePosition, 'pagePosition', 0, 1_000_000);
	if (!Number.isSafeInteger(returned) || returned < 0) throw new TeamSystemInputError('returned', `expected the number of records the page held, got ${shown(returned)}`);
	if (returned < current.pageCount) return undefined;
	const next = current.pagePosition + 1;
	if (next >= maxPages) throw new TeamSystemInputError('pagePosition', `stopped after ${maxPages} pages of ${current.pageCount}: narrow the filter or raise the limit`);
	return next;
}

/** Records of a Smart Services answer: an array, or the array under a value/data/items key (assumed shapes). */
export function smartRecords(answer: unknown): unknown[] {
	if (Array.isArray(answer)) return answer;
	if (answer && typeof answer === 'object') {
		for (const key of ['value', 'data', 'items', 'results']) {
			const v = (answer as Record<string, unknown>)[key];
			if (Array.isArray(v)) return v;
		}
	}
	throw new TeamSystemResponseError(`Smart Services answered ${shown(answer)}, expected a list of records`);
}
