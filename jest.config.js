/** Type-checking is done once by `tsc` in the build; jest only transpiles (fast on 2 cores). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // test/e2e drives a real n8n: `npm run test:e2e` (jest.e2e.config.js); test/browser a browser on the demo: `npm run test:browser`
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/browser/'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
