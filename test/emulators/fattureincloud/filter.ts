/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The `q` filter of Fatture in Cloud (grammar fattureincloud/api-filter), parsed by recursive
 * descent into a predicate: AND binds tighter than OR, parentheses, string/number/boolean/null.
 */
type Value = string | number | boolean | null;
export type Predicate = (record: Record<string, unknown>) => boolean;

const OPERATORS = ['not contains', 'not like', 'starts with', 'ends with', 'contains', 'like', '>=', '<=', '<>', '!=', '=', '>', '<'];

class Parser {
	private pos = 0;
	constructor(private readonly text: string) {}

	parse(): Predicate {
		const predicate = this.or();
		this.space();
		if (this.pos < this.text.length) throw new Error(`unexpected "${this.text.slice(this.pos, this.pos + 10)}" at ${this.pos}`);
		return predicate;
	}

	private space() {
		while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
	}

	private keyword(word: string): boolean {
		this.space();
		const slice = this.text.slice(this.pos, this.pos + word.length).toLowerCase();
		const after = this.text[this.pos + word.length] ?? ' ';
		if (slice === word && /[\s()]/.test(after)) {
			this.pos += word.length;
			return true;
		}
		return false;
	}

	private or(): Predicate {
		let left = this.and();
		while (this.keyword('or')) {
			const right = this.and();
			const l = left;
			left = (r) => l(r) || right(r);
		}
		return left;
	}

	private and(): Predicate {
		let left = this.factor();
		while (this.keyword('and')) {
			const right = this.factor();
			const l = left;
			left = (r) => l(r) && right(r);
		}
		return left;
	}

	private factor(): Predicate {
		this.space();
		if (this.text[this.pos] === '(') {
			this.pos++;
			const inner = this.or();
			this.space();
			if (this.text[this.pos] !== ')') throw new Error(`missing ) at ${this.pos}`);
			this.pos++;
			return inner;
		}
		return this.condition();
	}

	private condition(): Predicate {
		this.space();
		const field = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*/i.exec(this.text.slice(this.pos))?.[0];
		if (!field) throw new Error(`expected a field at ${this.pos}`);
		this.pos += field.length;
		if (this.keyword('is')) {
			const negated = this.keyword('not');
			if (!this.keyword('null')) throw new Error(`expected null at ${this.pos}`);
			return (r) => (valueAt(r, field) === null || valueAt(r, field) === undefined) !== negated;
		}
		this.space();
		const rest = this.text.slice(this.pos).toLowerCase();
		const operator = OPERATORS.find((op) => rest.startsWith(op));
		if (!operator) throw new Error(`expected an operator after ${field}`);
		this.pos += operator.length;
		const value = this.value();
		return (r) => compare(valueAt(r, field), operator, value);
	}

	private value(): Value {
		this.space();
		if (this.text[this.pos] === "'") {
			let out = '';
			this.pos++;
			while (this.pos < this.text.length) {
				const ch = this.text[this.pos];
				if (ch === "'") {
					if (this.text[this.pos + 1] === "'") {
						out += "'";
						this.pos += 2;
						continue;
					}
					this.pos++;
					return out;
				}
				out += ch;
				this.pos++;
			}
			throw new Error('unterminated string');
		}
		const token = /^(-?\d+(\.\d+)?|true|false|null)/i.exec(this.text.slice(this.pos))?.[0];
		if (!token) throw new Error(`expected a value at ${this.pos}`);
		this.pos += token.length;
		const lower = token.toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
		if (lower === 'null') return null;
		return Number(token);
	}
}

/** A dotted path; through a list (payments_list.status) it gives every element's value. */
export function valueAt(record: Record<string, unknown>, field: string): unknown {
	return field.split('.').reduce<unknown>((acc, key) => {
		if (Array.isArray(acc)) return acc.map((entry) => (entry && typeof entry === 'object' ? (entry as Record<string, unknown>)[key] : undefined));
		return acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined;
	}, record);
}

function compare(actual: unknown, operator: string, expected: Value): boolean {
	// a condition on a list field holds when one element satisfies it
	if (Array.isArray(actual)) return actual.some((entry) => compare(entry, operator, expected));
	if (expected === null) {
		const isNull = actual === null || actual === undefined;
		return operator === '=' ? isNull : operator === '<>' || operator === '!=' ? !isNull : false;
	}
	const text = String(actual ?? '').toLowerCase();
	const pattern = String(expected).toLowerCase();
	switch (operator) {
		case 'contains':
			return text.includes(pattern);
		case 'not contains':
			return !text.includes(pattern);
		case 'starts with':
			return text.startsWith(pattern);
		case 'ends with':
			return text.endsWith(pattern);
		case 'like':
		case 'not like': {
			const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`);
			return regex.test(text) === (operator === 'like');
		}
	}
	if (typeof expected === 'boolean') return (operator === '=') === (actual === expected);
	const a = typeof expected === 'number' ? Number(actual) : String(actual ?? '');
	const b = expected;
	switch (operator) {
		case '=':
			return a === b;
		case '<>':
		case '!=':
			return a !== b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		case '<':
			return a < b;
		case '<=':
			return a <= b;
	}
	return false;
}

export function parseFilter(q: string): Predicate {
	return new Parser(q).parse();
}
