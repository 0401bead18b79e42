/** The input is not a readable signed file; the message says what was found and where. */
export class P7mFormatError extends Error {
	constructor(
		message: string,
		/** byte offset in the decoded DER/BER, when the problem has a place */
		readonly offset?: number,
	) {
		super(offset === undefined ? `p7m: ${message}` : `p7m: ${message} (at byte ${offset})`);
		this.name = 'P7mFormatError';
	}
}
