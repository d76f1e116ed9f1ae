import { randomUUID } from 'node:crypto';

/** The Redis URL for this test run (set by global-setup). Throws when there is none. */
export function testRedisUrl(): string {
  const url = process.env.HERALD_TEST_REDIS_URL;
  if (!url) throw new Error('No Redis for tests: set REDIS_URL or install redis-server');
  return url;
}

/** A key prefix / queue name of its own for each test. */
export function uniquePrefix(): string {
  return `test-${randomUUID()}`;
}
