import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { ReplayDeps } from '../delivery/replay';
import type { AcceptEvent } from '../events/accept-event';
import type { Metrics } from '../metrics/metrics';
import type { SenderConfigService } from '../senders/sender-config.service';
import { AppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { bearerAuth, type AuthKeys } from './middleware/auth';
import { errorHandler, requireJson } from './middleware/errors';
import { directoryRoutes } from './routes/directory.route';
import { eventRoutes } from './routes/events.route';
import { healthRoutes } from './routes/health.route';
import { messageRoutes } from './routes/messages.route';
import { outboxRoutes } from './routes/outbox.route';
import { senderRoutes } from './routes/senders.route';

export interface AppDeps extends ReplayDeps {
  auth: AuthKeys;
  logger: Logger;
  acceptEvent: AcceptEvent;
  senders: SenderConfigService;
  metrics: Metrics;
  /** Readiness checks by name (store, queue). */
  checks: Record<string, () => Promise<void>>;
  /** The OpenAPI document served at /openapi.json. */
  openapi: object;
  /** More authenticated routers (templates, the queue dashboard). */
  routers?: Router[];
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The HTTP API as an Express app that does not listen (tests drive it with supertest). */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : newId('req');
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      serializers: { req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use(healthRoutes({ checks: deps.checks, metrics: deps.metrics }));
  app.get('/openapi.json', (_req, res) => {
    res.json(deps.openapi);
  });
  app.use(bearerAuth(deps.auth));
  app.use(requireJson);
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.use(eventRoutes(deps.store, deps.acceptEvent, (type) => deps.metrics.eventsAccepted.inc({ type })));
  app.use(messageRoutes(deps));
  app.use(directoryRoutes(deps.store));
  app.use(senderRoutes(deps.senders, deps));
  app.use(outboxRoutes(deps.store));
  for (const router of deps.routers ?? []) app.use(router);
  app.use((req, _res, next) => next(new AppError('not_found', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}
