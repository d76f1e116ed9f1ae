import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasRedisServer, startRedisServer, type RedisProcess } from './redis-server';

declare global {
  var __heraldRedis: RedisProcess | undefined;
}

/**
 * Gives Redis-backed suites a server: `REDIS_URL` when set, else a private redis-server on
 * a free loopback port. The URL reaches the test workers as `HERALD_TEST_REDIS_URL`.
 * Without either, jest.config.js has already left the Redis suites out (loudly), or failed
 * the run when `REQUIRE_REDIS=1`. Also makes the run's MJML cache folder
 * (`HERALD_TEST_MJML_CACHE`).
 */
export default async function globalSetup(): Promise<void> {
  // test Heralds share their MJML output through this folder (see mjml-cache.ts)
  process.env.HERALD_TEST_MJML_CACHE = mkdtempSync(path.join(os.tmpdir(), 'herald-mjml-'));
  if (process.env.REDIS_URL) {
    process.env.HERALD_TEST_REDIS_URL = process.env.REDIS_URL;
    return;
  }
  if (!hasRedisServer()) return;
  const redis = await startRedisServer();
  globalThis.__heraldRedis = redis;
  process.env.HERALD_TEST_REDIS_URL = redis.url;
}
