/**
 * The browser suite (test/browser): Debian's chromium driven by playwright-core against the demo
 * set-up (real n8n, emulators, example workflows) started once in globalSetup. One worker, in
 * band: the emulators live in this process and answer n8n while the tests run.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/browser'],
	testPathIgnorePatterns: ['/node_modules/'],
	globalSetup: '<rootDir>/test/browser/globalSetup.ts',
	globalTeardown: '<rootDir>/test/browser/globalTeardown.ts',
	testTimeout: 600000,
	maxWorkers: 1,
};
