import type { SchemaSet } from './schemaSet';
import type { BuiltinType, SimpleTypeDef } from './types';

/** What is wrong with a leaf value, as a stable kind plus both languages. */
export interface ValueProblem {
	kind: 'pattern' | 'length' | 'enumeration' | 'range' | 'lexical';
	en: string;
	it: string;
}

const DATE = /^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;
const DATE_TIME =
	/^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
const INTEGER = /^[+-]?[0-9]+$/;

const compiled = new WeakMap<SimpleTypeDef, RegExp[]>();
function patternsOf(def: SimpleTypeDef): RegExp[] {
	let list = compiled.get(def);
	if (!list) compiled.set(def, (list = (def.patterns ?? []).map((p) => new RegExp(`^(?:${p.js})$`, 'u'))));
	return list;
}

/**
 * White space as libxml2 (the oracle, and the engine behind most SdI-like validators) treats
 * it, measured against xmllint: a declared whiteSpace facet is honoured (TitoloType collapses);
 * decimals and integers are read with surrounding blanks ignored; dates and date-times never
 * are ('2019-02-15 ' fails); tokens collapse; strings are taken as written.
 */
function normalise(value: string, def: SimpleTypeDef | undefined, base: BuiltinType): string {
	const ws = def?.whiteSpace;
	if (ws === 'collapse' || (!ws && (base === 'xs:token' || base === 'xs:decimal' || base === 'xs:integer')))
		return value.replace(/[\t\n\r ]+/g, ' ').trim();
	if (ws === 'replace' || (!ws && base === 'xs:normalizedString')) return value.replace(/[\t\n\r]/g, ' ');
	return value;
}

function codePoints(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0xd800 || c > 0xdbff) n++;
	}
	return n;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function lexicalProblem(base: BuiltinType, v: string): ValueProblem | undefined {
	switch (base) {
		case 'xs:decimal':
			return DECIMAL.test(v) ? undefined : { kind: 'lexical', en: 'is not a decimal number', it: 'non è un numero decimale' };
		case 'xs:integer':
			return INTEGER.test(v) ? undefined : { kind: 'lexical', en: 'is not an integer', it: 'non è un numero intero' };
		case 'xs:date':
		case 'xs:dateTime': {
			const m = (base === 'xs:date' ? DATE : DATE_TIME).exec(v);
			const ok = m && Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
			return ok
				? undefined
				: base === 'xs:date'
					? { kind: 'lexical', en: 'is not a date in the form YYYY-MM-DD', it: 'non è una data nel formato AAAA-MM-GG' }
					: { kind: 'lexical', en: 'is not a date-time in the form YYYY-MM-DDThh:mm:ss', it: 'non è una data e ora nel formato AAAA-MM-GGThh:mm:ss' };
		}
		case 'xs:base64Binary':
			return isBase64(v) ? undefined : { kind: 'lexical', en: 'is not valid base64', it: 'non è base64 valido' };
		default:
			return undefined;
	}
}

/**
 * libxml2's base64 check: characters outside the alphabet are skipped, '=' may only end the
 * data, and the padding must match the length and leave the unused bits zero.
 */
function isBase64(v: string): boolean {
	let data = 0;
	let pad = 0;
	let last = 0;
	for (let i = 0; i < v.length; i++) {
		const d = base64Digit(v.charCodeAt(i));
		if (d < 0) continue;
		if (d === 64) pad++;
		else if (pad > 0) return false;
		else {
			data++;
			last = d;
		}
	}
	if (pad === 0) return data % 4 === 0;
	if (pad === 1) return data % 4 === 3 && (last & 3) === 0;
	if (pad === 2) return data % 4 === 2 && (last & 0xf) === 0;
	return false;
}

function base64Digit(c: number): number {
	if (c >= 65 && c <= 90) return c - 65;
	if (c >= 97 && c <= 122) return c - 71;
	if (c >= 48 && c <= 57) return c + 4;
	if (c === 43) return 62;
	if (c === 47) return 63;
	if (c === 61) return 64;
	return -1;
}

function compare(base: BuiltinType, a: string, b: string): number {
	if (base === 'xs:decimal') return Number(a) - Number(b);
	if (base === 'xs:integer') {
		const x = BigInt(a);
		const y = BigInt(b);
		return x < y ? -1 : x > y ? 1 : 0;
	}
	// xs:date without time zones compares as text (both are YYYY-MM-DD)
	return a.slice(0, 10) < b.slice(0, 10) ? -1 : a.slice(0, 10) > b.slice(0, 10) ? 1 : 0;
}

/** Checks a leaf value against a simple type of the schema or a built-in type. */
export function checkSimpleValue(schema: SchemaSet, type: string, raw: string): ValueProblem | undefined {
	if (type.startsWith('xs:')) {
		const base = type as BuiltinType;
		return lexicalProblem(base, normalise(raw, undefined, base));
	}
	const def = schema.simpleTypes[type];
	if (!def) throw new Error(`${schema.label} has no simple type ${type}`);
	const v = normalise(raw, def, def.base);
	const lexical = lexicalProblem(def.base, v);
	if (lexical) return lexical;
	if (def.enumeration && !def.enumeration.includes(v))
		return {
			kind: 'enumeration',
			en: `is not one of the allowed codes (${listForMessage(def.enumeration)})`,
			it: `non è tra i codici ammessi (${listForMessage(def.enumeration)})`,
		};
	const len = def.length !== undefined || def.minLength !== undefined || def.maxLength !== undefined ? codePoints(v) : 0;
	if (def.length !== undefined && len !== def.length)
		return { kind: 'length', en: `has ${len} characters; exactly ${def.length} are required`, it: `ha ${len} caratteri; ne sono richiesti esattamente ${def.length}` };
	if (def.minLength !== undefined && len < def.minLength)
		return { kind: 'length', en: `has ${len} characters; at least ${def.minLength} are required`, it: `ha ${len} caratteri; ne sono richiesti almeno ${def.minLength}` };
	if (def.maxLength !== undefined && len > def.maxLength)
		return { kind: 'length', en: `has ${len} characters; at most ${def.maxLength} are allowed`, it: `ha ${len} caratteri; ne sono ammessi al massimo ${def.maxLength}` };
	const patterns = patternsOf(def);
	for (let i = 0; i < patterns.length; i++)
		if (!patterns[i].test(v)) return patternProblem(def.patterns![i].xsd);
	if (def.minInclusive !== undefined && compare(def.base, v, def.minInclusive) < 0)
		return { kind: 'range', en: `is below the minimum ${def.minInclusive}`, it: `è inferiore al minimo ${def.minInclusive}` };
	if (def.maxInclusive !== undefined && compare(def.base, v, def.maxInclusive) > 0)
		return { kind: 'range', en: `is above the maximum ${def.maxInclusive}`, it: `supera il massimo ${def.maxInclusive}` };
	return undefined;
}

function patternProblem(xsd: string): ValueProblem {
	if (xsd.includes('IsLatin-1Supplement'))
		return {
			kind: 'pattern',
			en: `is empty, too long or has a character outside Latin-1 (pattern ${xsd})`,
			it: `è vuoto, troppo lungo o contiene un carattere non Latin-1 (pattern ${xsd})`,
		};
	if (xsd.includes('IsBasicLatin'))
		return {
			kind: 'pattern',
			en: `is empty, too long or has a character outside basic ASCII (pattern ${xsd})`,
			it: `è vuoto, troppo lungo o contiene un carattere non ASCII (pattern ${xsd})`,
		};
	return { kind: 'pattern', en: `does not match the pattern ${xsd}`, it: `non rispetta il formato ${xsd}` };
}

function listForMessage(values: readonly string[]): string {
	return values.length <= 12 ? values.join(', ') : `${values.slice(0, 12).join(', ')}, ...`;
}
