import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, ERROR_STATUS, type ErrorCode } from '../../shared/errors';
import { requestIdOf } from './request-log';

/** The largest request body (`express.json`'s limit and the ingest fast path's). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What a client did wrong with a body, the same words on the express path and the fast path. */
export const bodyError = {
  tooLarge: () => new AppError('payload_too_large', 'The body is larger than 1 MiB'),
  notJson: () => new AppError('validation_failed', 'The body is not valid JSON'),
  notItsLength: () => new AppError('validation_failed', 'The body does not match its Content-Length'),
  undecodable: () => new AppError('validation_failed', 'The body does not decode as its Content-Encoding says'),
  unreadable: () => new AppError('validation_failed', 'The request could not be read'),
};

/** body-parser errors carry a `type`; map the ones a client causes, and other 4xx http-errors. */
function fromBodyParser(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null) return null;
  if (!('type' in err)) return fromClientError(err);
  switch ((err as { type: unknown }).type) {
    case 'entity.too.large':
      return bodyError.tooLarge();
    case 'entity.parse.failed':
      return bodyError.notJson();
    case 'request.aborted':
    case 'request.size.invalid':
      // the client stopped sending, or sent other than its Content-Length: not our error
      return bodyError.notItsLength();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Send JSON encoded as UTF-8');
    default:
      return fromClientError(err);
  }
}

/** The error envelope of every 4xx and 5xx answer (SPEC §4), as /openapi.json describes it. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional().meta({ description: 'What was wrong, e.g. `[{path, message}]` for validation_failed' }),
  }),
});

/**
 * Other errors http-errors marked as the client's (a 4xx `status`): a gzip, br or deflate body
 * that does not inflate (zlib's error, passed on by body-parser), a path parameter that does
 * not decode (the router's URIError). Answered 400 in our words: zlib's are internal text.
 */
function fromClientError(err: object): AppError | null {
  const status = (err as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^(Z_|ERR_)/.test(code)) return bodyError.undecodable();
  if (err instanceof URIError) return new AppError('validation_failed', 'The path has malformed percent-encoding');
  if (status === 413) return bodyError.tooLarge();
  if (status === 415) return new AppError('unsupported_media_type', 'Send the body as application/json');
  return bodyError.unreadable();
}

/** The answer to a failed request: status, extra headers and the envelope. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: z.output<typeof errorEnvelopeSchema>;
}

/**
 * The one error envelope (SPEC §4): `{error:{code,message,details?}}`; never a stack or a
 * secret. Anything not an AppError (nor a client's body mistake) is a 500 and is logged with
 * the request id. Used by the express error handler and the ingest fast path.
 */
export function errorReply(err: unknown, logger: Logger, requestId: string | undefined): ErrorReply {
  const known = err instanceof AppError ? err : fromBodyParser(err);
  const error = known ?? new AppError('internal', 'Something went wrong; the request id is in the X-Request-Id header');
  if (!known) logger.error({ err, reqId: requestId }, 'unhandled error');
  return {
    status: error.status,
    headers: error.code === 'unavailable' ? { 'Retry-After': '5' } : {},
    body: { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } },
  };
}

export function errorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const reply = errorReply(err, logger, requestIdOf(res));
    res.set(reply.headers).status(reply.status).json(reply.body);
  };
}

/** 415 for a body that is not JSON, before any parser looks at it. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.get('content-length') !== undefined ? req.get('content-length') !== '0' : req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json') && !req.is('application/*+json')) {
    return next(new AppError('unsupported_media_type', 'Send the body as application/json'));
  }
  next();
}
