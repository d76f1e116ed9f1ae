import { createServer, type Server } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';
import { AppError } from '../shared/errors';
import { errorHandler } from './middleware/errors';
import { healthRoutes } from './routes/health.route';

/** What a worker's metrics port serves from: its own metrics and readiness checks. */
export interface MetricsServerDeps {
  metrics: Metrics;
  /** Each check throws when its dependency is unreachable (store, queue). */
  checks: Record<string, () => Promise<void>>;
  logger: Logger;
}

/**
 * The small HTTP app of a `ROLE=worker` process (`METRICS_PORT`): `/metrics`, `/healthz` and
 * `/readyz` as the API serves them, nothing else. Delivery metrics are counted by the
 * process that delivers, so only a worker's own `/metrics` has them.
 */
export function metricsApp(deps: MetricsServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(healthRoutes({ checks: deps.checks, metrics: deps.metrics }));
  app.use((req, _res, next) => next(new AppError('not_found', `A worker serves only /metrics, /healthz and /readyz, not ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}

/** Starts the worker's metrics app on `port` and `host`; resolves once it listens. */
export function listenMetrics(deps: MetricsServerDeps, port: number, host: string): Promise<Server> {
  const server = createServer(metricsApp(deps));
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
