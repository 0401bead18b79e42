/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * MagoCloud answers are outside input: whatever JSON comes back, the readers return a value or
 * throw a MagoCloudError, never a TypeError from deep inside.
 */
import fc from 'fast-check';
import {
	MagoCloudError,
	readBusinessFailure,
	readDataTablePage,
	readGetDataRestAnswer,
	readLoginAnswer,
	readServiceUrl,
	readSetDataRestAnswer,
} from '../../../lib/magocloud';

const json = fc.oneof(
	fc.anything({ maxDepth: 4 }),
	fc.record({ success: fc.anything(), message: fc.anything(), Result: fc.anything(), Message: fc.anything(), ResultCode: fc.anything(), JwtToken: fc.anything() }, { requiredKeys: [] }),
	fc.record({ response: fc.anything(), responseData: fc.oneof(fc.anything(), fc.record({ totalRecordsNumber: fc.anything(), records: fc.anything(), currentPageNumber: fc.anything() }, { requiredKeys: [] })) }, { requiredKeys: [] }),
	fc.record({ success: fc.constant(true), retVal: fc.anything(), result: fc.oneof(fc.anything(), fc.array(fc.oneof(fc.string(), fc.base64String()))) }, { requiredKeys: ['success'] }),
	fc.record({ warningCode: fc.anything(), access_token: fc.anything(), expires_in: fc.anything(), value: fc.anything() }, { requiredKeys: [] }),
);

function onlyOwn(fn: () => unknown, ...allowed: Function[]): void {
	try {
		fn();
	} catch (e) {
		if (!allowed.some((c) => e instanceof c)) throw e;
	}
}

describe('fuzz: MagoCloud answer readers throw only their own errors', () => {
	test('MagoCloud readers', () => {
		fc.assert(
			fc.property(json, (answer) => {
				readBusinessFailure(answer);
				onlyOwn(() => readLoginAnswer(answer), MagoCloudError);
				onlyOwn(() => readDataTablePage(answer, 100), MagoCloudError);
				onlyOwn(() => readGetDataRestAnswer(answer), MagoCloudError);
				onlyOwn(() => readSetDataRestAnswer(answer), MagoCloudError);
				onlyOwn(() => readServiceUrl(answer), MagoCloudError);
			}),
			{ numRuns: 2000 },
		);
	});
});
