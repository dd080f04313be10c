// Tests that build the Docker image (test/docker/*.test.ts): they need a Docker engine, so they are kept
// out of `npm test` and run alone: `jest -c jest.docker.config.js`. Same TypeScript transform and
// @uamd/* mapping as the tiers of jest.config.js, no broker: the image is what is under test.
const { projects } = require('./jest.config.js');

const tier = projects.find((p) => p.displayName === 'integration');
if (!tier)
  throw new Error(
    'jest.docker.config.js: jest.config.js has no integration project to borrow from',
  );
const { transform, moduleNameMapper, testEnvironment } = tier;

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'docker',
  transform,
  moduleNameMapper,
  testEnvironment,
  testMatch: ['<rootDir>/test/docker/**/*.test.ts'],
  // One image build at a time is plenty for a 2-core machine.
  maxWorkers: 1,
};
