/** Server tests (supertest, units) run in parallel, each file on its own database; browser tests run one at a time. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

/**
 * Each project's timeout for a test or a hook, set here once. Jest reads `testTimeout` only as
 * a global option, so a project passes its own to tests/helpers/timeout.ts through `globals`.
 * Files run in parallel on two cores; a busy machine must not fail a slow but correct test.
 */
const withTimeout = (ms) => ({ globals: { kopaTestTimeout: ms }, setupFilesAfterEnv: ['<rootDir>/tests/helpers/timeout.ts'] });

module.exports = {
  // Jest's default is one worker fewer than the cores: on a 2-core machine that ran the files one by one.
  // Each server test file has its own database, so two at a time is safe (browser tests run in band).
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  projects: [
    {
      displayName: 'server',
      ...withTimeout(120_000),
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/browser/'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
    {
      displayName: 'browser',
      ...withTimeout(180_000),
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
  ],
};
