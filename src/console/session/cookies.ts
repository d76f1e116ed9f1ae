import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';

/** The signed-in session's id. */
export const SESSION_COOKIE = 'herald_session';
/** A random id per browser, binding the CSRF token of forms shown before sign-in (and of every form with no admin key). */
export const BROWSER_COOKIE = 'herald_browser';

/** One cookie from the Cookie header (no cookie-parser: two cookies do not need a dependency). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * SPEC §9: `Secure` unless the request came over plain http to loopback (the embedded trial
 * on http://127.0.0.1:3000). Anything else (a TLS proxy in front, a real host name) gets it.
 */
export function secureCookies(req: Request): boolean {
  return !(req.protocol === 'http' && LOOPBACK_HOSTS.test(req.hostname));
}

/** HttpOnly, SameSite=Strict, Path=/ (the session also opens /v1/outbox and template previews). */
export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeMs: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'strict', secure: secureCookies(req), path: '/', maxAge: maxAgeMs });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'strict', secure: secureCookies(req), path: '/' });
}
