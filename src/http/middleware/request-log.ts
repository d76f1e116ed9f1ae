import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
 * Starts tracking a request: picks its id (the caller's `X-Request-Id` when well formed),
 * echoes it, and logs one line when the response closes: debug for success, info for 4xx,
 * error for 5xx and info for a request the client aborted. Returns the id.
 */
export type TrackRequest = (req: IncomingMessage, res: ServerResponse) => string;

/** One tracker per app, shared by the express middleware and the ingest fast path (same ids, same lines). */
export function requestTracker(logger: Logger): TrackRequest {
  const nextId = requestIds();
  return (req, res) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : nextId();
    res.setHeader('X-Request-Id', id);
    const start = performance.now();
    res.once('close', () => {
      const done = res.writableFinished;
      const level: Level = done ? levelOf(res.statusCode) : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const url = (req as Partial<Request>).originalUrl ?? req.url;
      const line = { req: { id, method: req.method, url }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - start) };
      logger[level](line, done ? 'request completed' : 'request aborted');
    });
    return id;
  };
}

/**
 * Express middleware over `requestTracker`. Replaces pino-http, which builds a child logger
 * and serializes every request even when its line is filtered out by the level.
 */
export function requestLog(track: TrackRequest) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.locals.requestId = track(req, res);
    next();
  };
}
