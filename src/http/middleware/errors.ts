import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../../shared/errors';
import { requestIdOf } from './request-log';

/** body-parser errors carry a `type`; map the ones a client causes. */
function fromBodyParser(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null || !('type' in err)) return null;
  switch ((err as { type: unknown }).type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The body is larger than 1 MiB');
    case 'entity.parse.failed':
      return new AppError('validation_failed', 'The body is not valid JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      // the client stopped sending, or sent other than its Content-Length: not our error
      return new AppError('validation_failed', 'The body ended before its Content-Length');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Send JSON encoded as UTF-8');
    default:
      return null;
  }
}

/** The one error envelope (SPEC §4): `{error:{code,message,details?}}`; never a stack or a secret. */
export function errorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const known = err instanceof AppError ? err : fromBodyParser(err);
    const error = known ?? new AppError('internal', 'Something went wrong; the request id is in the X-Request-Id header');
    if (!known) logger.error({ err, reqId: requestIdOf(res) }, 'unhandled error');
    if (error.code === 'unavailable') res.set('Retry-After', '5');
    res.status(error.status).json(errorEnvelope(error));
  };
}

/** `{error:{code,message,details?}}` for an AppError. */
export function errorEnvelope(error: AppError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

/** 415 for a body that is not JSON, before any parser looks at it. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.get('content-length') !== undefined ? req.get('content-length') !== '0' : req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json') && !req.is('application/*+json')) {
    return next(new AppError('unsupported_media_type', 'Send the body as application/json'));
  }
  next();
}
