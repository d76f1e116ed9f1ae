import type { IncomingMessage } from 'node:http';
import express, { Router } from 'express';
import { AppError } from '../shared/errors';
import { assetRoutes } from './assets';
import type { ConsoleDeps } from './console.deps';
import { consoleErrors } from './errors';
import { consoleHeaders } from './respond';
import { directoryRoutes } from './routes/directory.routes';
import { messageRoutes } from './routes/messages.routes';
import { outboxRoutes } from './routes/outbox.routes';
import { overviewRoutes } from './routes/overview.routes';
import { senderRoutes } from './routes/senders.routes';
import { signInRoutes } from './routes/sign-in.routes';
import { templateRoutes } from './routes/templates.routes';
import { Csrf } from './session/csrf';
import { sessionGate } from './session/gate';
import { ConsoleSessions } from './session/sessions';

/** The console as the HTTP app mounts it: its routes, and whether a request is signed in (for the outbox and preview pages). */
export interface Console {
  router: Router;
  signedIn: (req: IncomingMessage) => Promise<boolean>;
}

export type { ConsoleDeps } from './console.deps';

/** `/console` (SPEC §9): server-rendered pages over the API's use cases, behind a session and CSRF tokens. */
export function buildConsole(deps: ConsoleDeps): Console {
  const sessions = new ConsoleSessions({ store: deps.store.sessions, adminApiKey: deps.adminApiKey, now: deps.now });
  const csrf = new Csrf(deps.secretsKey);
  const signIn = signInRoutes({ sessions, csrf });
  const router = Router();
  router.use('/console', consoleHeaders);
  router.use(assetRoutes());
  // forms post url-encoded; a template with its MJML, text and sample data fits in 2 MiB
  router.use('/console', express.urlencoded({ extended: false, limit: 2 * 1024 * 1024, parameterLimit: 2000 }));
  router.use(signIn.public);
  router.use('/console', sessionGate({ sessions, csrf, outboxInUse: deps.outboxInUse }));
  router.use(signIn.signOut);
  router.use(overviewRoutes(deps));
  router.use(messageRoutes(deps));
  router.use(senderRoutes(deps));
  router.use(templateRoutes(deps));
  router.use(directoryRoutes(deps));
  if (deps.outboxInUse) router.use(outboxRoutes(deps));
  router.use('/console', (req, _res, next) => next(new AppError('not_found', `The console has no page ${req.originalUrl.split('?')[0]}`)));
  router.use('/console', consoleErrors(deps.logger));
  return { router, signedIn: async (req) => sessions.open || (await sessions.current(req)) !== null };
}
