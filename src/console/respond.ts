import type { NextFunction, Request, Response } from 'express';
import type { Html } from './views/html';

/**
 * Console pages load only Herald's own scripts, styles and frames; nothing inline, nothing
 * from elsewhere. Emails render in frames of their own with the email-page CSP.
 */
export const CONSOLE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "frame-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
].join('; ');

/** Security headers of every console response. */
export function consoleHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });
  next();
}

/** Sends a page; pages hold operational data, so no cache keeps them. */
export function send(res: Response, page: Html, status = 200): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(page.value);
}
