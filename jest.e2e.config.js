/** Real-n8n tests: one n8n at a time (they bind ports and share a 2-core machine). */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testTimeout: 300000,
	maxWorkers: 1,
	testPathIgnorePatterns: ['/node_modules/'],
};
