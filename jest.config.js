// Two tiers (docs/style.md item 12): pure units beside the code, integration tests under test/ against a real broker and Redis.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];
const moduleNameMapper = { '^@uamd/([a-z-]+)$': '<rootDir>/libs/$1/src' };
const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      // The Dockerfile and monitoring-config checks read files only (no broker), so they run with the units.
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/docker-image.test.ts',
        '<rootDir>/test/monitoring-config.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/docker/ builds the image: `npm run test:docker`, where a Docker engine runs.
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/docker/',
        '<rootDir>/test/docker-image.test.ts',
        '<rootDir>/test/monitoring-config.test.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
