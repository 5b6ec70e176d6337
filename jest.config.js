/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // The infra project imports the toolkit by package name; here that is its sources (tsconfig paths).
  moduleNameMapper: {
    '^@env-parity/parity/project$': '<rootDir>/packages/parity/src/cli/project',
    '^@env-parity/parity/(.*)$': '<rootDir>/packages/parity/src/$1',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Both cores: jest's default leaves one idle on a 2-core machine.
  maxWorkers: 2,
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Every test's temporary files in one directory per run, removed at its end (test/support/temp-root-setup.js).
  globalSetup: '<rootDir>/test/support/temp-root-setup.js',
  globalTeardown: '<rootDir>/test/support/temp-root-teardown.js',
};
