import type { Server } from 'node:http';
import request from 'supertest';
import { loadConfig, type Config } from '../../src/config';
import { createHerald, type Herald, type HeraldOverrides } from '../../src/herald';
import { listenMetrics } from '../../src/http/metrics-server';
import { createLogger } from '../../src/shared/logger';
import { captureLogs, TEST_RETRY_SCHEDULE } from './harness';
import { cachedMjml } from './mjml-cache';

/** An in-process Herald that honours `ROLE` as main.ts does: workers only for worker/all. */
export interface RoleHerald {
  herald: Herald;
  config: Config;
  /** The listening API (null for ROLE=worker). */
  server: Server | null;
  /** Base URL of the API, e.g. `http://127.0.0.1:40123` ('' for ROLE=worker). */
  url: string;
  /** Base URL of a worker's METRICS_PORT server ('' when it has none). */
  metricsUrl: string;
  logs: string[];
  /** A supertest agent on the listening API (throws for ROLE=worker). */
  api(): request.Agent;
  close(): Promise<void>;
}

/**
 * Starts Herald from `env` (which must carry REDIS_URL and REDIS_PREFIX for the Redis roles)
 * like the process entry does, listening on a free loopback port when it has an API.
 */
export async function startRoleHerald(env: Record<string, string>, overrides: HeraldOverrides = {}): Promise<RoleHerald> {
  const base = { LOG_LEVEL: 'warn', RETRY_SCHEDULE: TEST_RETRY_SCHEDULE, ALLOW_PRIVATE_NETWORK_URLS: 'true', SHUTDOWN_TIMEOUT_MS: '2000' };
  const { config, errors } = loadConfig({ ...base, ...env });
  if (!config) throw new Error(`bad test config: ${errors.join('; ')}`);
  const { logs, sink } = captureLogs();
  const logger = createLogger(config.logLevel, sink);
  const herald = await createHerald(config, logger, { mjmlCompile: cachedMjml, ...overrides });
  // as main.ts: a worker with METRICS_PORT serves /metrics, /healthz and /readyz there
  const checks = { store: () => herald.store.ping(), queue: () => herald.queue.ping() };
  const metricsServer =
    config.role === 'worker' && config.metrics ? await listenMetrics({ metrics: herald.metrics, checks, logger }, config.metrics.port, config.metrics.host) : null;
  if (config.role !== 'api') herald.startWorkers();
  const app = herald.app;
  const server = app ? await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); }) : null;
  const url = baseUrl(server);
  const metricsUrl = baseUrl(metricsServer);
  return {
    herald, config, server, url, metricsUrl, logs,
    api() {
      if (!server) throw new Error('ROLE=worker has no API');
      return request.agent(server);
    },
    async close() {
      for (const s of [server, metricsServer]) {
        if (!s) continue;
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await herald.close();
    },
  };
}

function baseUrl(server: Server | null): string {
  const address = server?.address();
  return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : '';
}
