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

export { shown } from '../text/shown';
