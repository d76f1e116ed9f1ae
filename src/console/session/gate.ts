import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CsrfRefused } from '../errors';
import type { PageContext } from '../views/layout';
import { BROWSER_COOKIE, readCookie, setCookie } from './cookies';
import type { Csrf } from './csrf';
import type { ConsoleSessions } from './sessions';

/** The browser cookie lives long: it only binds CSRF tokens, it grants nothing. */
const BROWSER_COOKIE_MS = 365 * 24 * 60 * 60 * 1000;

/** The request's page context (set by `sessionGate`). */
export function pageContext(res: Response): PageContext {
  return res.locals.console as PageContext;
}

/** The browser id, set as a cookie when the browser has none yet; it binds CSRF tokens of forms shown without a session. */
export function browserId(req: Request, res: Response): string {
  const existing = readCookie(req, BROWSER_COOKIE);
  if (existing) return existing;
  const id = randomBytes(24).toString('base64url');
  setCookie(req, res, BROWSER_COOKIE, id, BROWSER_COOKIE_MS);
  return id;
}

/** A path inside Herald to return to after sign-in; anything else (another site, `//host`) becomes the console. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(console|v1|admin)(\/|$|\?)/.test(next) && !next.includes('\\') ? next : '/console';
}

export interface GateDeps {
  sessions: ConsoleSessions;
  csrf: Csrf;
  outboxInUse: boolean;
}

/**
 * Every console page but sign-in: a live session (unless the console is open), and on every
 * POST a CSRF token bound to it. Without a session a page read goes to sign-in and comes back after.
 */
export function sessionGate(deps: GateDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let binding: string;
    if (deps.sessions.open) {
      binding = `browser:${browserId(req, res)}`;
    } else {
      const id = await deps.sessions.current(req);
      if (!id) return toSignIn(req, res);
      binding = `session:${id}`;
      res.locals.sessionId = id;
    }
    const ctx: PageContext = { csrf: deps.csrf.token(binding), signedIn: !deps.sessions.open, outboxInUse: deps.outboxInUse, path: req.originalUrl.split('?')[0] ?? '/console' };
    res.locals.console = ctx;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const body = req.body as Record<string, unknown> | undefined;
      if (!deps.csrf.matches(binding, body?._csrf ?? req.get('x-csrf-token'))) return next(new CsrfRefused());
    }
    next();
  };
}

function toSignIn(req: Request, res: Response): void {
  const target = `/console/sign-in?next=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/console')}`;
  // htmx follows HX-Redirect with a full page load instead of swapping the sign-in page into a fragment
  if (req.get('hx-request')) res.set('HX-Redirect', target).status(401).end();
  else res.redirect(303, target);
}
