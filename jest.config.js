/** @type {import('jest').Config} */
const moduleNameMapper = {
  '^@app/(config|core|database|domain|http|queue|testing)$': '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', {}] };
const common = {
  setupFiles: ['<rootDir>/test/setup/fast-check.ts'],
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // The database-backed suites share one PostgreSQL server; two workers fit a 2-core machine.
  maxWorkers: 2,
  // testTimeout is a global option (a project-level one is ignored): the database and queue suites
  // need more than jest's 5 s default on a loaded 2-core machine.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      // Only the database-backed project starts (or picks) a PostgreSQL: jest runs a project's global
      // set-up only when that project has tests to run, so `npm run test:unit` starts none.
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      testTimeout: 60000,
    },
  ],
};
