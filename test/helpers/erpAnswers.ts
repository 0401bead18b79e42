/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** Fuzz inputs shared by the REST ERP answer readers (TeamSystem, MagoCloud): any JSON, and the shapes they read. */
import * as fc from 'fast-check';

export const erpAnswer = fc.oneof(
	fc.anything({ maxDepth: 4 }),
	fc.record({ success: fc.anything(), message: fc.anything(), Result: fc.anything(), Message: fc.anything(), ResultCode: fc.anything(), JwtToken: fc.anything() }, { requiredKeys: [] }),
	fc.record({ response: fc.anything(), responseData: fc.oneof(fc.anything(), fc.record({ totalRecordsNumber: fc.anything(), records: fc.anything(), currentPageNumber: fc.anything() }, { requiredKeys: [] })) }, { requiredKeys: [] }),
	fc.record({ success: fc.constant(true), retVal: fc.anything(), result: fc.oneof(fc.anything(), fc.array(fc.oneof(fc.string(), fc.base64String()))) }, { requiredKeys: ['success'] }),
	fc.record({ warningCode: fc.anything(), access_token: fc.anything(), expires_in: fc.anything(), value: fc.anything() }, { requiredKeys: [] }),
);

/** Runs fn; an error that is not one of `allowed` (the reader's own classes) fails the property. */
export function onlyOwn(fn: () => unknown, ...allowed: Function[]): void {
	try {
		fn();
	} catch (e) {
		if (!allowed.some((c) => e instanceof c)) throw e;
	}
}
