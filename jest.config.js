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

// promtool suites (*.promtool.test.ts) lint /metrics with Prometheus' own checker. Without it
// they are left out with a loud notice, unless CI=true, where that is a failure (.ci/run
// installs Debian's `prometheus` package, which carries promtool).
const promtoolAvailable = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
if (!promtoolAvailable) {
  if (process.env.CI === 'true') {
    throw new Error('CI=true but promtool is not on PATH (apt-get install prometheus)');
  }
  process.stderr.write(
    '\n*** promtool suites SKIPPED: no promtool on PATH. ' +
      'Install it (Debian: apt-get install prometheus) to check /metrics with it. ***\n\n',
  );
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(redisAvailable ? [] : ['\\.redis\\.test\\.ts$']),
    ...(promtoolAvailable ? [] : ['\\.promtool\\.test\\.ts$']),
  ],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
