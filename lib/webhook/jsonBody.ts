/**
 * A webhook's JSON body, parsed with bounds: strict UTF-8 and a nesting-depth cap checked by a
 * linear scan BEFORE JSON.parse. V8 parses a 100,000-deep array happily, but the nodes after the
 * trigger (n8n's deep copies, JSON.stringify, expressions) recurse and die with "Maximum call
 * stack size exceeded"; such a body is refused here with a clear reason instead.
 */
export const DEFAULT_MAX_JSON_DEPTH = 64;

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; reason: string };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Deepest nesting of arrays and objects in JSON text (strings skipped), stopping once past `limit`. */
export function jsonNestingDepth(text: string, limit = Infinity): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === BACKSLASH) i++;
			else if (c === QUOTE) inString = false;
		} else if (c === QUOTE) inString = true;
		else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
			if (++depth > deepest) {
				deepest = depth;
				if (deepest > limit) return deepest;
			}
		} else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
	}
	return deepest;
}

export function parseJsonBody(raw: Buffer | Uint8Array, maxDepth = DEFAULT_MAX_JSON_DEPTH): JsonBodyResult {
	let text: string;
	try {
		// fatal: invalid UTF-8 is refused rather than silently replaced with U+FFFD; a BOM is dropped
		text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
	} catch {
		return { ok: false, reason: 'body is not valid UTF-8' };
	}
	if (jsonNestingDepth(text, maxDepth) > maxDepth) return { ok: false, reason: `body JSON is nested deeper than ${maxDepth} levels` };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		// the parser's message quotes the body; the reason stays generic
		return { ok: false, reason: 'body is not valid JSON' };
	}
}
