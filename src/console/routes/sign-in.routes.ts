import { Router, type Request, type Response } from 'express';
import { signInPage } from '../pages/sign-in.page';
import { send } from '../respond';
import { clearCookie, SESSION_COOKIE, secureCookies, setCookie } from '../session/cookies';
import type { Csrf } from '../session/csrf';
import { browserId, safeNext } from '../session/gate';
import type { ConsoleSessions } from '../session/sessions';

/** Failed sign-ins allowed per client address per window, then refused until the window ends. */
export const SIGN_IN_LIMIT = { failures: 5, windowMs: 15 * 60 * 1000 };

export interface SignInDeps {
  sessions: ConsoleSessions;
  csrf: Csrf;
}

/** `GET/POST /console/sign-in` (no session needed) and `POST /console/sign-out` (mounted behind the gate). */
export function signInRoutes(deps: SignInDeps): { public: Router; signOut: Router } {
  const { sessions, csrf } = deps;
  const open = Router();
  const page = (req: Request, res: Response, status: number, extra: { problem?: string; next?: unknown } = {}) => {
    const binding = `browser:${browserId(req, res)}`;
    const insecure = req.protocol === 'http' && secureCookies(req);
    send(res, signInPage({ csrf: csrf.token(binding), next: safeNext(extra.next ?? req.query.next), problem: extra.problem, signedOut: req.query.signedOut === '1', insecure }), status);
  };

  open.get('/console/sign-in', async (req, res) => {
    if (sessions.open || (await sessions.current(req))) return res.redirect(303, safeNext(req.query.next));
    page(req, res, 200);
  });

  open.post('/console/sign-in', async (req, res) => {
    if (sessions.open) return res.redirect(303, '/console');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!csrf.matches(`browser:${browserId(req, res)}`, body._csrf)) {
      return page(req, res, 403, { problem: 'The sign-in form had expired. Enter the key again.', next: body.next });
    }
    const client = req.ip ?? 'unknown';
    if ((await sessions.failures(client)) >= SIGN_IN_LIMIT.failures) {
      return page(req, res, 429, { problem: 'Too many failed sign-ins from this address. Wait 15 minutes, then try again.', next: body.next });
    }
    if (typeof body.key !== 'string' || !sessions.keyMatches(body.key)) {
      await sessions.recordFailure(client, SIGN_IN_LIMIT.windowMs);
      return page(req, res, 401, { problem: 'That is not the admin API key.', next: body.next });
    }
    const id = await sessions.start();
    setCookie(req, res, SESSION_COOKIE, id, sessions.lifetimeMs);
    res.redirect(303, safeNext(body.next));
  });

  const signOut = Router();
  signOut.post('/console/sign-out', async (req, res) => {
    const id = res.locals.sessionId as string | undefined;
    if (id) await sessions.end(id);
    clearCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/console/sign-in?signedOut=1');
  });
  return { public: open, signOut };
}
