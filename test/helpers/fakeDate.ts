/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Fakes Date only (timers, ticks and I/O stay real), so a node and an emulator built with
 * `clock: () => Date.now()` read one clock that a test moves with jest.setSystemTime.
 */
export function fakeDateOnly(): void {
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
}
