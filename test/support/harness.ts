import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/shared/logger';
import request from 'supertest';
import type { HttpApp } from '../../src/http/app';
import { loadConfig, type Config } from '../../src/config';
import { createHerald, type Herald, type HeraldOverrides } from '../../src/herald';
import { cachedMjml } from './mjml-cache';
import { uniquePrefix } from './redis';

/** Which drivers an API suite runs on: embedded (memory) or production (Redis + BullMQ). */
export type Driver = 'memory' | 'redis';

export interface TestHerald {
  herald: Herald;
  app: HttpApp;
  config: Config;
  /** Every log line written, for "the secret never reaches a log" assertions. */
  logs: string[];
  api: () => request.Agent;
  close(): Promise<void>;
}

/** Fast retries for tests: 50 ms then 100 ms (3 attempts). */
export const TEST_RETRY_SCHEDULE = '0.05,0.1';

/**
 * Starts a whole Herald (store, queue, workers, app) from an environment, as main.ts does,
 * with logs captured in memory.
 */
export async function startTestHerald(driver: Driver, env: Record<string, string> = {}, overrides: HeraldOverrides = {}): Promise<TestHerald> {
  const base: Record<string, string> = {
    LOG_LEVEL: 'info',
    RETRY_SCHEDULE: TEST_RETRY_SCHEDULE,
    ALLOW_PRIVATE_NETWORK_URLS: 'true',
    SHUTDOWN_TIMEOUT_MS: '2000',
    WORKER_CONCURRENCY: '10',
  };
  if (driver === 'redis') {
    base.REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? '';
    base.REDIS_PREFIX = uniquePrefix();
    base.SECRETS_KEY = randomBytes(32).toString('base64');
  }
  const { config, errors } = loadConfig({ ...base, ...env });
  if (!config) throw new Error(`bad test config: ${errors.join('; ')}`);
  const { logs, sink } = captureLogs();
  const logger = createLogger(config.logLevel, sink);
  const herald = await createHerald(config, logger, { mjmlCompile: cachedMjml, ...overrides });
  if (!herald.app) throw new Error('test Herald needs ROLE=all or api');
  if (config.role !== 'api') herald.startWorkers();
  const app = herald.app;
  return { herald, app, config, logs, api: () => request.agent(app), close: () => herald.close() };
}

/** A log destination that keeps every line, for "the secret never reaches a log" checks. */
export function captureLogs(): { logs: string[]; sink: Writable } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  return { logs, sink };
}

/** Polls until `check` returns a truthy value (or throws on timeout with the last value). */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
}
