import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { MessageRecord } from '../delivery/message.record';
import type { SenderChanges } from '../delivery/sender-changes';
import type { EventTypeCatalog } from '../event-types/event-type-catalog';
import type { AcceptEvent } from '../events/accept-event';
import type { Metrics } from '../metrics/metrics';
import { AppError } from '../shared/errors';
import type { Store } from '../stores.port';
import { fastIngest } from './fast-ingest';
import { accessCheck, bearerAuth, type AuthKeys } from './middleware/auth';
import { checkJsonBody } from './json-guard';
import { errorHandler, MAX_BODY_BYTES, requireJson } from './middleware/errors';
import { checkPathIds } from './middleware/path-ids';
import { requestLog, requestTracker } from './middleware/request-log';
import { directoryRoutes } from './routes/directory.route';
import { eventTypeRoutes } from './routes/event-types.route';
import { eventRoutes, ingestHandler } from './routes/events.route';
import { healthRoutes } from './routes/health.route';
import { messageRoutes } from './routes/messages.route';
import { outboxRoutes } from './routes/outbox.route';
import { senderRoutes } from './routes/senders.route';

export interface AppDeps {
  auth: AuthKeys;
  logger: Logger;
  store: Pick<Store, 'events' | 'messages' | 'directory' | 'outbox'>;
  acceptEvent: AcceptEvent;
  /** Replays a failed or sent message. */
  replay: (messageId: string) => Promise<MessageRecord>;
  senders: SenderChanges;
  metrics: Metrics;
  eventTypes: EventTypeCatalog;
  /** Readiness checks by name (store, queue). */
  checks: Record<string, () => Promise<void>>;
  /** The OpenAPI document served at /openapi.json. */
  openapi: object;
  /** More authenticated routers (templates, the queue dashboard). */
  routers?: Router[];
  /** The operator console at /console (SPEC §9), with its own sign-in; its session also opens the outbox and preview pages. */
  console?: { router: Router; signedIn: (req: IncomingMessage) => Promise<boolean> };
}

/** The HTTP API as a request listener (tests drive it with supertest); `listen` as on an express app. */
export interface HttpApp {
  (req: IncomingMessage, res: ServerResponse): void;
  listen(port: number, host: string, callback?: () => void): Server;
}

/** The HTTP API: the ingest fast path, then the express app for everything else. */
export function buildApp(deps: AppDeps): HttpApp {
  const track = requestTracker(deps.logger);
  const onAccepted = (type: string) => deps.metrics.eventsAccepted.inc({ type });
  const rest = expressApp(deps, track, onAccepted);
  const fast = fastIngest({ acceptEvent: deps.acceptEvent, check: accessCheck(deps.auth), track, logger: deps.logger, onAccepted });
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (!fast(req, res)) rest(req, res);
  };
  return Object.assign(handler, {
    listen: (port: number, host: string, callback?: () => void): Server => createServer(handler).listen(port, host, callback),
  });
}

function expressApp(deps: AppDeps, track: ReturnType<typeof requestTracker>, onAccepted: (type: string) => void) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLog(track));
  // Ingest requests the fast path leaves (other content types, encodings, chunked bodies) come here first.
  const json = express.json({ limit: MAX_BODY_BYTES, type: ['application/json', 'application/*+json'], verify: refuseUnsafeJson });
  const auth = bearerAuth(deps.auth, { session: deps.console?.signedIn });
  app.post('/v1/events', auth, requireJson, json, ingestHandler(deps.acceptEvent, onAccepted));
  app.use(healthRoutes({ checks: deps.checks, metrics: deps.metrics }));
  app.get('/openapi.json', (_req, res) => {
    res.json(deps.openapi);
  });
  // the console's pages are HTML forms behind a session and CSRF tokens, not bearer keys
  if (deps.console) app.use(deps.console.router);
  app.use(auth);
  app.use(checkPathIds);
  app.use(requireJson);
  app.use(json);
  app.use(eventRoutes(deps.store, deps.eventTypes));
  app.use(eventTypeRoutes(deps.eventTypes));
  app.use(messageRoutes({ messages: deps.store.messages, events: deps.store.events, replay: deps.replay }, deps.eventTypes));
  app.use(directoryRoutes(deps.store));
  app.use(senderRoutes(deps.senders, deps.eventTypes));
  app.use(outboxRoutes(deps.store));
  for (const router of deps.routers ?? []) app.use(router);
  app.use((req, _res, next) => next(new AppError('not_found', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}

/** body-parser's `verify` hook: sees the (inflated) bytes before JSON.parse; what it throws is answered. */
function refuseUnsafeJson(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  const refused = checkJsonBody(body);
  if (refused) throw refused;
}
