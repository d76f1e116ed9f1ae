import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../shared/errors';
import { send } from './respond';
import { html } from './views/html';
import { barePage, layout, type PageContext } from './views/layout';

/** A console form without the CSRF token of this browser's session (a forged or stale form). */
export class CsrfRefused extends Error {
  constructor() {
    super('The form did not carry this session\'s CSRF token');
    this.name = 'CsrfRefused';
  }
}

/**
 * Errors of console pages as HTML pages, not the API's JSON envelope: the same codes and
 * messages (AppError messages name no secret), anything else a 500 logged with its request.
 */
export function consoleErrors(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const ctx = res.locals.console as PageContext | undefined;
    if (err instanceof CsrfRefused) {
      const body = html`<h1>This form has expired</h1><p>The form did not come with this session's security token (CSRF), so nothing was changed. Go back, reload the page and try again.</p><p><a href="/console">Back to the console</a></p>`;
      return send(res, ctx ? layout(ctx, 'Form expired', body) : barePage('Form expired', body), 403);
    }
    const known = err instanceof AppError ? err : null;
    if (!known) logger.error({ err, path: req.path }, 'console page failed');
    const status = known?.status ?? 500;
    const title = status === 404 ? 'Not found' : status === 503 ? 'Unavailable' : status >= 500 ? 'Something went wrong' : 'Cannot do that';
    const message = known?.message ?? 'Herald could not show this page; the error is in its log.';
    const body = html`<h1>${title}</h1><p>${message}</p><p><a href="/console">Back to the console</a></p>`;
    send(res, ctx ? layout(ctx, title, body) : barePage(title, body), status);
  };
}
