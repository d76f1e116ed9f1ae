import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config';
import { createHerald, type Herald } from './herald';
import { listenMetrics } from './http/metrics-server';
import { queueDashboard } from './http/routes/queue-dashboard.route';
import { createLogger } from './shared/logger';

/** The composition root: config → Herald → HTTP server and workers → signal handling. */
async function main(): Promise<void> {
  const { config, errors, warnings } = loadConfig(process.env);
  if (!config) {
    process.stderr.write(`Herald cannot start; fix the configuration:\n${errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  for (const warning of warnings) logger.warn(warning);

  // Signals are handled from the start: a SIGTERM during startup still ends in a clean exit.
  let herald: Herald | null = null;
  let server: Server | null = null;
  let metricsServer: Server | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work, finishing in-flight deliveries');
    const hardStop = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000).unref();
    await Promise.all([server, metricsServer].map((s) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()))));
    await herald?.close();
    clearTimeout(hardStop);
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    herald = await createHerald(config, logger, { routers: ({ bullQueues }) => queueDashboard(bullQueues) });
  } catch (err) {
    process.stderr.write(`Herald cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  if (stopping) return void (await herald.close());

  if (herald.app) {
    const app = herald.app;
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    logger.info({ url: `http://${config.host}:${config.port}`, mode: config.redisUrl ? 'redis' : 'embedded', role: config.role }, 'Herald is listening');
  }
  if (config.role === 'worker' && config.metrics) {
    const { store, queue, metrics } = herald;
    const checks = { store: () => store.ping(), queue: () => queue.ping() };
    metricsServer = await listenMetrics({ metrics, checks, logger }, config.metrics.port, config.metrics.host);
    const { port } = metricsServer.address() as AddressInfo;
    logger.info({ url: `http://${config.metrics.host}:${port}/metrics` }, 'worker metrics and health are listening');
  }
  if (config.role !== 'api' && !stopping) herald.startWorkers();
}

void main().catch((err: unknown) => {
  process.stderr.write(`Herald crashed during startup: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
