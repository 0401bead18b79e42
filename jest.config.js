/** Type-checking is done once by `tsc` in the build; jest only transpiles (fast on 2 cores). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
