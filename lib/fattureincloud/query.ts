/**
 * Builds Fatture in Cloud `q` filter expressions (grammar: fattureincloud/api-filter). Values
 * are always quoted and escaped here, so a name like "D'Angelo" cannot break the filter.
 */
export type FilterOperator =
	| '='
	| '<>'
	| '!='
	| '>'
	| '>='
	| '<'
	| '<='
	| 'like'
	| 'not like'
	| 'contains'
	| 'not contains'
	| 'starts with'
	| 'ends with'
	| 'is null'
	| 'is not null';

export interface FilterCondition {
	field: string;
	operator: FilterOperator;
	value?: string | number | boolean | null;
}

const OPERATORS = new Set<string>(['=', '<>', '!=', '>', '>=', '<', '<=', 'like', 'not like', 'contains', 'not contains', 'starts with', 'ends with', 'is null', 'is not null']);
const FIELD = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/;

export function quoteValue(value: string | number | boolean): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`filter value must be a finite number, got ${value}`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return `'${value.replace(/'/g, "''")}'`;
}

export function conditionToQuery(condition: FilterCondition): string {
	const field = condition.field.trim();
	if (!FIELD.test(field)) {
		throw new Error(`filter field "${condition.field}" is not a Fatture in Cloud field name (lowercase, dotted, e.g. entity.vat_number)`);
	}
	const operator = condition.operator.trim().toLowerCase();
	if (!OPERATORS.has(operator)) throw new Error(`filter operator "${condition.operator}" is not supported for field ${field}`);
	if (operator === 'is null' || operator === 'is not null') return `${field} ${operator}`;
	if (condition.value === undefined || condition.value === null || condition.value === '') {
		throw new Error(`filter on ${field} with "${operator}" needs a value`);
	}
	const patternOperator = ['like', 'not like', 'contains', 'not contains', 'starts with', 'ends with'].includes(operator);
	const value = patternOperator ? String(condition.value) : condition.value;
	return `${field} ${operator} ${quoteValue(value)}`;
}

/** Joins a free `q` and conditions with AND; parentheses keep an OR inside the free part. */
export function buildQuery(freeQuery: string | undefined, conditions: FilterCondition[] = []): string | undefined {
	const parts = conditions.map(conditionToQuery);
	const free = freeQuery?.trim();
	if (free) parts.unshift(parts.length ? `(${free})` : free);
	return parts.length ? parts.join(' and ') : undefined;
}
