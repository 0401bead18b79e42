/**
 * Redaction by value: every known secret of the credential in use (tokens, passwords, client and
 * webhook secrets, refresh tokens), and the forms it takes on the wire, is cut out of any text or
 * nested object before it reaches an error, a log line or node output. Field-name redaction
 * (./redact) cannot see a token a server echoes back inside a message; this can.
 *
 * One Aho-Corasick automaton over all the forms, so scrubbing is linear in the text (plus the
 * forms' total length, paid once per scrubber), whatever the text: no backtracking.
 *
 * Short values: a secret shorter than MIN_SECRET_LENGTH characters is not scrubbed. Such a value
 * cannot be told apart from ordinary text (a 3-character password would cut every word that
 * holds it out of every message), and no credential of this package is issued that short: tokens
 * and signing secrets are long random strings. A user-chosen password that short is weak anyway.
 */
import { REDACTED } from './redact';

export const MIN_SECRET_LENGTH = 4;

/** Keys whose string value is a secret (at any depth of a credential, e.g. oauthTokenData.access_token). */
const SECRET_FIELD = /(token|secret|password|passwd|passphrase|api[-_]?key|apikey|private[-_]?key|signature|refresh|credential|cookie|session)/i;
/** Keys that match SECRET_FIELD but hold public settings: URLs, expiry instants, token types, scopes. */
const PUBLIC_FIELD = /(url|uri|expires|expiresat|expires_at|expires_in|expiry|type|scope|method|format|header)$/i;
/** Field pairs sent together as HTTP Basic (base64 of "user:password"). */
const BASIC_PAIRS: Array<[string, string]> = [
	['username', 'password'],
	['user', 'password'],
	['clientId', 'clientSecret'],
	['client_id', 'client_secret'],
];

export interface CredentialSecrets {
	/** Secret values, each at least MIN_SECRET_LENGTH characters. */
	values: string[];
	/** [user, password] pairs whose Basic form is a secret too. */
	pairs: Array<[string, string]>;
}

export function isSecretField(key: string): boolean {
	return SECRET_FIELD.test(key) && !PUBLIC_FIELD.test(key);
}

/** The secret values of a decrypted credential (n8n's getCredentials answer), nested objects included. */
export function secretsOfCredential(data: unknown): CredentialSecrets {
	const values = new Set<string>();
	const pairs: Array<[string, string]> = [];
	const walk = (value: unknown, depth: number) => {
		if (!value || typeof value !== 'object' || depth > 4) return;
		const record = value as Record<string, unknown>;
		for (const [key, entry] of Object.entries(record)) {
			if (typeof entry === 'string' && isSecretField(key) && entry.length >= MIN_SECRET_LENGTH) values.add(entry);
			else if (entry && typeof entry === 'object') walk(entry, depth + 1);
		}
		for (const [user, password] of BASIC_PAIRS) {
			const u = record[user];
			const p = record[password];
			if (typeof u === 'string' && typeof p === 'string' && p.length >= MIN_SECRET_LENGTH) pairs.push([u, p]);
		}
	};
	walk(data, 0);
	return { values: [...values], pairs };
}

function jsonEscaped(text: string): string {
	return JSON.stringify(text).slice(1, -1);
}

/** json_encode's default (PHP servers such as Laravel): "/" as "\/" and every non-ASCII unit as \uXXXX. */
function phpJsonEscaped(text: string): string {
	return jsonEscaped(text)
		.replace(/\//g, '\\/')
		.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function htmlEscaped(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function uriEncoded(text: string): string | undefined {
	try {
		return encodeURIComponent(text);
	} catch {
		return undefined; // a lone surrogate has no URI form
	}
}

/**
 * The part of base64(prefix + secret) that depends on the secret alone, for each of the three
 * byte alignments: finds the secret inside any base64 text (Basic auth with any user name, a
 * base64 blob) whatever precedes it.
 */
function base64Cores(bytes: Buffer): string[] {
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const firstBit = offset * 8;
		const endBit = (offset + bytes.length) * 8;
		const first = Math.ceil(firstBit / 6);
		const last = Math.floor(endBit / 6); // exclusive: the char holding the secret's last bits and the next byte's
		if (last - first >= 8) cores.push(encoded.slice(first, last));
	}
	return cores;
}

/** The forms a secret takes in echoed requests: as-is, URL- and form-encoded, JSON/PHP/HTML-escaped, base64. */
export function encodingsOf(secret: string): string[] {
	const forms = new Set<string>([secret]);
	const uri = uriEncoded(secret);
	if (uri !== undefined) {
		forms.add(uri);
		forms.add(uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
		forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
	}
	const json = jsonEscaped(secret);
	forms.add(json);
	forms.add(jsonEscaped(json));
	forms.add(phpJsonEscaped(secret));
	forms.add(htmlEscaped(secret));
	if (uri !== undefined) {
		const bytes = Buffer.from(secret, 'utf8');
		forms.add(bytes.toString('base64'));
		forms.add(bytes.toString('base64url'));
		for (const core of base64Cores(bytes)) forms.add(core);
	}
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Every form of the credential's secrets, Basic pairs included. */
export function secretForms(secrets: CredentialSecrets): string[] {
	const forms = new Set<string>();
	for (const value of secrets.values) if (value.length >= MIN_SECRET_LENGTH) for (const form of encodingsOf(value)) forms.add(form);
	for (const [user, password] of secrets.pairs) {
		if (password.length < MIN_SECRET_LENGTH) continue;
		for (const form of encodingsOf(password)) forms.add(form);
		forms.add(Buffer.from(`${user}:${password}`, 'utf8').toString('base64'));
	}
	return [...forms];
}

/**
 * The marker that replaces a secret. It must not let a secret reappear across or inside it:
 * "[redacted]" is safe when no form contains a bracket and no form is part of the word; otherwise
 * a character that no form contains is used, repeated.
 */
function markerFor(forms: string[]): string {
	if (forms.every((form) => !form.includes('[') && !form.includes(']') && !REDACTED.includes(form))) return REDACTED;
	const used = new Set<number>();
	for (const form of forms) for (let i = 0; i < form.length; i++) used.add(form.charCodeAt(i));
	for (const candidate of ['█', '•', '*', '#', '~']) if (!used.has(candidate.charCodeAt(0))) return candidate.repeat(3);
	let code = 0xe000; // private use area: free of any real text
	while (used.has(code)) code++;
	return String.fromCharCode(code).repeat(3);
}

interface Automaton {
	next: Array<Map<number, number>>;
	fail: Int32Array;
	/** Length of the longest form that ends at this state (0: none). */
	longest: Int32Array;
	/**
	 * The same automaton as a table (state x character class -> state, fail links folded in), one
	 * array read per character; built when it stays small (DENSE_LIMIT entries).
	 */
	dense?: { classOf: Uint16Array; width: number; delta: Int32Array };
}

const DENSE_LIMIT = 1 << 20;

function denseTable(next: Array<Map<number, number>>, fail: Int32Array, order: number[]): Automaton['dense'] {
	const classOf = new Uint16Array(65536);
	let classes = 0;
	for (const edges of next) for (const c of edges.keys()) if (classOf[c] === 0) classOf[c] = ++classes;
	const width = classes + 1; // class 0: a character in no form, always back to the root
	if (classes >= 65535 || next.length * width > DENSE_LIMIT) return undefined;
	const delta = new Int32Array(next.length * width);
	for (const [c, to] of next[0]) delta[classOf[c]] = to;
	// breadth-first, so a state's fail state already has its row: start from it, then the state's own edges
	for (const state of order) {
		const row = state * width;
		delta.copyWithin(row, fail[state] * width, fail[state] * width + width);
		for (const [c, to] of next[state]) delta[row + classOf[c]] = to;
	}
	return { classOf, width, delta };
}

function build(forms: string[]): Automaton {
	const next: Array<Map<number, number>> = [new Map()];
	const terminal: number[] = [0];
	for (const form of forms) {
		let state = 0;
		for (let i = 0; i < form.length; i++) {
			const c = form.charCodeAt(i);
			let to = next[state].get(c);
			if (to === undefined) {
				to = next.length;
				next.push(new Map());
				terminal.push(0);
				next[state].set(c, to);
			}
			state = to;
		}
		terminal[state] = Math.max(terminal[state], form.length);
	}
	const fail = new Int32Array(next.length);
	const longest = new Int32Array(next.length);
	const queue: number[] = [];
	for (const to of next[0].values()) {
		fail[to] = 0;
		longest[to] = terminal[to];
		queue.push(to);
	}
	for (let head = 0; head < queue.length; head++) {
		const state = queue[head];
		for (const [c, to] of next[state]) {
			let f = fail[state];
			while (f !== 0 && !next[f].has(c)) f = fail[f];
			const target = next[f].get(c);
			fail[to] = target !== undefined && target !== to ? target : 0;
			// a state's own form is longer than any form ending at its fail state
			longest[to] = terminal[to] || longest[fail[to]];
			queue.push(to);
		}
	}
	return { next, fail, longest, dense: denseTable(next, fail, queue) };
}

export interface SecretScrubber {
	/** True when there is nothing to scrub (no secret of the minimum length). */
	readonly empty: boolean;
	readonly marker: string;
	/** Whether the text holds any form of any secret. */
	contains(text: string): boolean;
	/** The text with every span that holds a secret form replaced by the marker; other text untouched. */
	scrub(text: string): string;
	/** A copy of the value with every string (keys included) scrubbed; cycles and depth are bounded. */
	scrubDeep<T>(value: T): T;
	/** Scrubs an Error where it is (its class stays, as n8n needs): message, stack, description, messages, cause, context... */
	scrubError<E>(error: E): E;
}

/** `table: false` keeps the automaton sparse (as it is when the table would be too large); for tests. */
export function createScrubber(secrets: CredentialSecrets, options: { table?: boolean } = {}): SecretScrubber {
	const forms = secretForms(secrets);
	const automaton = build(forms);
	if (options.table === false) delete automaton.dense;
	const marker = markerFor(forms);
	const empty = forms.length === 0;

	/** Merged [start, end) spans of the text covered by a form. */
	const spans = (text: string): number[] => {
		const out: number[] = [];
		if (empty) return out;
		const { next, fail, longest, dense } = automaton;
		const record = (i: number, length: number) => {
			let start = i + 1 - length;
			// spans arrive ordered by end; a longer later one may swallow earlier ones
			while (out.length && out[out.length - 1] > start) {
				start = Math.min(start, out[out.length - 2]);
				out.length -= 2;
			}
			out.push(start, i + 1);
		};
		let state = 0;
		if (dense) {
			const { delta, width, classOf } = dense;
			for (let i = 0; i < text.length; i++) {
				state = delta[state * width + classOf[text.charCodeAt(i)]];
				if (longest[state] > 0) record(i, longest[state]);
			}
			return out;
		}
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			let to = next[state].get(c);
			while (to === undefined && state !== 0) {
				state = fail[state];
				to = next[state].get(c);
			}
			state = to ?? 0;
			if (longest[state] > 0) record(i, longest[state]);
		}
		return out;
	};

	const scrub = (text: string): string => {
		const found = spans(text);
		if (!found.length) return text;
		let out = '';
		let at = 0;
		for (let k = 0; k < found.length; k += 2) {
			out += text.slice(at, found[k]) + marker;
			at = found[k + 1];
		}
		return out + text.slice(at);
	};

	const deep = (value: unknown, depth: number, seen: WeakMap<object, unknown>): unknown => {
		if (typeof value === 'string') return scrub(value);
		if (value === null || typeof value !== 'object') return value;
		if (seen.has(value)) return seen.get(value);
		if (depth > 12) return '[…]';
		if (Buffer.isBuffer(value)) {
			const text = value.toString('utf8');
			const clean = scrub(text);
			return clean === text ? value : Buffer.from(clean, 'utf8');
		}
		if (value instanceof Error) return scrubErrorAt(value, depth, seen);
		if (Array.isArray(value)) {
			const copy: unknown[] = [];
			seen.set(value, copy);
			for (const entry of value) copy.push(deep(entry, depth + 1, seen));
			return copy;
		}
		if (value instanceof Date || value instanceof RegExp) return value;
		const copy: Record<string, unknown> = {};
		seen.set(value, copy);
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) copy[scrub(key)] = deep(entry, depth + 1, seen);
		return copy;
	};

	function scrubErrorAt<E>(error: E, depth: number, seen: WeakMap<object, unknown>): E {
		const target = error as unknown as Record<string, unknown>;
		seen.set(target, target);
		if (empty) return error;
		for (const key of Object.getOwnPropertyNames(target)) {
			const descriptor = Object.getOwnPropertyDescriptor(target, key);
			if (!descriptor || (!('value' in descriptor) && !descriptor.set && key !== 'stack')) continue;
			let value: unknown;
			try {
				value = target[key];
			} catch {
				continue;
			}
			const clean = deep(value, depth + 1, seen);
			if (clean === value) continue;
			try {
				target[key] = clean;
			} catch {
				Object.defineProperty(target, key, { value: clean, configurable: true, writable: true, enumerable: descriptor.enumerable });
			}
		}
		// V8 computes `stack` lazily on some errors: read once so the message in it is scrubbed too
		const stack = (error as { stack?: unknown }).stack;
		if (typeof stack === 'string' && scrub(stack) !== stack) {
			Object.defineProperty(target, 'stack', { value: scrub(stack), configurable: true, writable: true, enumerable: false });
		}
		return error;
	}

	return {
		empty,
		marker,
		contains: (text) => spans(text).length > 0,
		scrub,
		scrubDeep: <T>(value: T) => (empty ? value : (deep(value, 0, new WeakMap()) as T)),
		scrubError: <E>(error: E) => (error && typeof error === 'object' ? scrubErrorAt(error, 0, new WeakMap()) : (typeof error === 'string' ? (scrub(error) as unknown as E) : error)),
	};
}
