const { spawnSync } = require('node:child_process');

// Redis suites (*.redis.test.ts) need REDIS_URL or a redis-server binary. Without either they
// are left out with a loud notice, unless REQUIRE_REDIS=1 (CI), which makes that a failure.
const redisAvailable =
  Boolean(process.env.REDIS_URL) || spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!redisAvailable) {
  if (process.env.REQUIRE_REDIS === '1') {
    throw new Error('REQUIRE_REDIS=1 but there is no REDIS_URL and no redis-server on PATH');
  }
  process.stderr.write(
    '\n*** Redis suites SKIPPED: no REDIS_URL and no redis-server on PATH. ' +
      'Install redis-server (or set REDIS_URL) to run them. ***\n\n',
  );
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(redisAvailable ? [] : ['\\.redis\\.test\\.ts$'])],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
