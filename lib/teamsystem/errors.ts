/** A bad argument: `field` names the input, the message says what was expected. */
export class TeamSystemInputError extends RangeError {
	readonly field: string;
	constructor(field: string, expected: string) {
		super(`${field}: ${expected}`);
		this.name = 'TeamSystemInputError';
		this.field = field;
	}
}

/** An answer we could not read or that says the call failed; never carries a secret. */
export class TeamSystemResponseError extends Error {
	readonly status?: number;
	constructor(message: string, status?: number) {
		super(message);
		this.name = 'TeamSystemResponseError';
		this.status = status;
	}
}

/** JSON text of a value for a message, cut short so a huge input cannot flood an error. */
export function shown(value: unknown): string {
	let text: string;
	try {
		text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
