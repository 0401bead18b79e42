/** A bad argument: `field` names the input, the message says what was expected. */
export class MagoInputError extends RangeError {
	readonly field: string;
	constructor(field: string, expected: string) {
		super(`${field}: ${expected}`);
		this.name = 'MagoInputError';
		this.field = field;
	}
}

/** MagoCloud said the call failed (often inside an HTTP 200), in its own words. */
export class MagoCloudError extends Error {
	/** the vendor's code (ResultCode, an error code) when it gave one */
	readonly code?: string | number;
	readonly vendorMessage: string;
	constructor(message: string, vendorMessage: string, code?: string | number) {
		super(message);
		this.name = 'MagoCloudError';
		this.vendorMessage = vendorMessage;
		this.code = code;
	}
}

export { shown } from '../text/shown';
