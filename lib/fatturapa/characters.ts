/**
 * The XSD's text types accept only Basic Latin (String10Type ... String100Type, codes) or Basic
 * Latin + Latin-1 Supplement (the *LatinType fields: names, addresses, Descrizione, Causale).
 * Typographic quotes pasted from a word processor are the classic SdI rejection, so a value is
 * either reported character by character or, when the caller asks, fitted by replacement.
 */
export type CharacterSet = 'basic-latin' | 'latin-1';

export interface CharacterProblem {
	/** the offending character */
	character: string;
	/** its code point as U+XXXX */
	codePoint: string;
	/** 1-based position in the value, in characters */
	position: number;
}

const REPLACEMENTS: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201A': "'",
	'\u201B': "'",
	'\u2032': "'",
	'\u201C': '"',
	'\u201D': '"',
	'\u201E': '"',
	'\u201F': '"',
	'\u2033': '"',
	'\u00AB': '"',
	'\u00BB': '"',
	'\u2013': '-',
	'\u2014': '-',
	'\u2012': '-',
	'\u2010': '-',
	'\u2011': '-',
	'\u2212': '-',
	'\u2026': '...',
	'\u20AC': 'EUR',
	'\u00A0': ' ',
	'\u2007': ' ',
	'\u202F': ' ',
	'\u2022': '-',
	'\u00B7': '.',
	'\u2122': 'TM',
	'\u00A9': '(C)',
	'\u00AE': '(R)',
	'\u00B0': 'o',
	'\u0152': 'OE',
	'\u0153': 'oe',
	'\u00C6': 'AE',
	'\u00E6': 'ae',
	'\u00DF': 'ss',
	'\u00D8': 'O',
	'\u00F8': 'o',
};

function allowed(cp: number, set: CharacterSet): boolean {
	// XML itself forbids most C0 controls; tab, LF and CR are all the XSD ever sees
	if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
	if (cp < 0x7f) return true;
	if (set === 'basic-latin') return cp === 0x7f;
	return cp <= 0xff && !(cp >= 0x80 && cp <= 0x9f);
}

/** The characters of `value` that the character set does not allow (empty when it fits). */
export function characterProblems(value: string, set: CharacterSet): CharacterProblem[] {
	const problems: CharacterProblem[] = [];
	let position = 0;
	for (const ch of value) {
		position++;
		const cp = ch.codePointAt(0)!;
		if (!allowed(cp, set)) problems.push({ character: ch, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, position });
	}
	return problems;
}

/**
 * Replaces what does not fit: typographic punctuation by its ASCII twin, accented letters by
 * the bare letter where only Basic Latin is allowed, anything else by '?'. C1 controls and other
 * invisible characters are dropped.
 */
export function fitCharacters(value: string, set: CharacterSet): string {
	let out = '';
	for (const ch of value) {
		const cp = ch.codePointAt(0)!;
		if (allowed(cp, set)) {
			out += ch;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfeff || cp === 0x200b || cp === 0x200c || cp === 0x200d) continue;
		const r = REPLACEMENTS[ch];
		if (r !== undefined && [...r].every((c) => allowed(c.codePointAt(0)!, set))) {
			out += r;
			continue;
		}
		const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
		if (bare !== ch && [...bare].every((c) => allowed(c.codePointAt(0)!, set))) {
			out += bare;
			continue;
		}
		out += '?';
	}
	return out;
}
