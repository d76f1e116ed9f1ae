import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { digestOf, matchesDigest } from '../../shared/crypto';
import { AppError } from '../../shared/errors';

export interface AuthKeys {
  adminApiKey?: string;
  ingestApiKey?: string;
}

/** Browser pages (the queue dashboard) live here; browsers can send basic auth, not bearer. */
const BROWSER_PREFIX = '/admin';

export interface BearerAuthOptions {
  /**
   * Whether the request carries a signed-in console session (SPEC §9): such a browser may
   * open the pages people open directly, the outbox's email views and template previews.
   */
  session?: (req: IncomingMessage) => Promise<boolean>;
}

/** GET pages a console session opens without a bearer key (they only show; nothing changes). */
const SESSION_PAGES = [/^\/v1\/outbox\/[^/]+\.(html|txt)$/, /^\/v1\/templates\/[^/]+\/preview$/];
const isSessionPage = (req: Request): boolean => (req.method === 'GET' || req.method === 'HEAD') && SESSION_PAGES.some((p) => p.test(req.path));

/**
 * Bearer auth (SPEC §1, §4): the admin key has every scope, the ingest key may only
 * `POST /v1/events`. Under `/admin` the key may also be the password of HTTP basic auth
 * (any username), and a 401 there asks the browser for it. The outbox's email views and
 * template previews also open for a signed-in console session; a browser without one is sent
 * to sign in. With no key configured the API is open (and bound to loopback).
 */
export function bearerAuth(keys: AuthKeys, options: BearerAuthOptions = {}) {
  const check = accessCheck(keys);
  return (req: Request, res: Response, next: NextFunction): void => {
    const denied = check(req.method, req.path, req.get('authorization'));
    const { session } = options;
    if (denied && session && isSessionPage(req) && req.get('authorization') === undefined) {
      session(req).then((signedIn) => {
        if (signedIn) return next();
        // a browser is sent to sign in and comes back; anything else gets the usual 401
        if (req.accepts(['json', 'html']) === 'html') return res.redirect(303, `/console/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
        next(denied);
      }, next);
      return;
    }
    if (denied?.code === 'unauthorized' && isBrowserPath(req.path)) res.set('WWW-Authenticate', 'Basic realm="Herald", charset="UTF-8"');
    next(denied ?? undefined);
  };
}

const isBrowserPath = (path: string): boolean => path === BROWSER_PREFIX || path.startsWith(`${BROWSER_PREFIX}/`);

/**
 * The decision behind `bearerAuth`, shared with the ingest fast path: null when the request
 * may go on, else the 401/403 to answer.
 */
export function accessCheck(keys: AuthKeys): (method: string, path: string, authorization: string | undefined) => AppError | null {
  const open = keys.adminApiKey === undefined && keys.ingestApiKey === undefined;
  // The configured keys are hashed once; each request hashes only its token.
  const admin = keys.adminApiKey === undefined ? undefined : digestOf(keys.adminApiKey);
  const ingest = keys.ingestApiKey === undefined ? undefined : digestOf(keys.ingestApiKey);
  return (method, path, authorization) => {
    if (open) return null;
    const header = authorization ?? '';
    const token = bearerToken(header) ?? (isBrowserPath(path) ? basicPassword(header) : undefined);
    if (!token) return new AppError('unauthorized', 'Send Authorization: Bearer <API key>');
    // Both comparisons always run, so timing does not tell which key was close.
    const candidate = digestOf(token);
    const isAdmin = matchesDigest(candidate, admin);
    const isIngest = matchesDigest(candidate, ingest);
    if (isAdmin) return null;
    if (!isIngest) return new AppError('unauthorized', 'The API key is not valid');
    if (method === 'POST' && path === '/v1/events') return null;
    return new AppError('forbidden', 'The ingest key may only POST /v1/events');
  };
}

function bearerToken(header: string): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/** The password of `Authorization: Basic base64(user:password)`; the username is ignored. */
function basicPassword(header: string): string | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  return password === '' ? undefined : password;
}
