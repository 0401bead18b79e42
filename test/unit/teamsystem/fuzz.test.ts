/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * TeamSystem answers are outside input: whatever JSON comes back, the readers return a value or
 * throw a TeamSystemResponseError, never a TypeError from deep inside.
 */
import fc from 'fast-check';
import { readTseAnswer, readWarning, smartRecords, TeamSystemResponseError, tokenStateFromAnswer } from '../../../lib/teamsystem';
import { erpAnswer, onlyOwn } from '../../helpers/erpAnswers';

describe('fuzz: TeamSystem answer readers throw only their own errors', () => {
	test('TeamSystem readers', () => {
		fc.assert(
			fc.property(erpAnswer, (answer) => {
				readWarning(answer);
				onlyOwn(() => readTseAnswer(answer), TeamSystemResponseError);
				onlyOwn(() => smartRecords(answer), TeamSystemResponseError);
				onlyOwn(() => tokenStateFromAnswer(answer, Date.now()), TeamSystemResponseError);
			}),
			{ numRuns: 2000 },
		);
	});
});
