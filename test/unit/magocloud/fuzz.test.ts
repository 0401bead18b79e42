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
import { erpAnswer, onlyOwn } from '../../helpers/erpAnswers';

describe('fuzz: MagoCloud answer readers throw only their own errors', () => {
	test('MagoCloud readers', () => {
		fc.assert(
			fc.property(erpAnswer, (answer) => {
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
