import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Level, Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The request id of a response (set by `requestLog`), for error logs. */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Request ids: a random per-process prefix and a counter. Unique, and far cheaper than
 * drawing random bytes for every request.
 */
function requestIds(): () => string {
  const boot = randomBytes(6).toString('base64url');
  let n = 0;
  return () => `req_${boot}${(++n).toString(36)}`;
}

const levelOf = (status: number): Level => (status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug');

/**
 * Gives every request an id (the caller's `X-Request-Id` when well formed), echoes it, and
 * logs one line per request when it ends: debug for success, info for 4xx, error for 5xx and
 * info for a request the client aborted. Replaces pino-http, which builds a child logger and serializes
 * every request even when its line is filtered out by the level.
 */
export function requestLog(logger: Logger) {
  const nextId = requestIds();
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : nextId();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const start = performance.now();
    res.once('close', () => {
      const done = res.writableFinished;
      const level: Level = done ? levelOf(res.statusCode) : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = { req: { id, method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - start) };
      logger[level](line, done ? 'request completed' : 'request aborted');
    });
    next();
  };
}
