import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors';
import { isDotSegment, MAX_ID_LENGTH } from '../../shared/validation';

/**
 * SPEC §8 for ids in `/v1/…` paths, before any route reads them: every segment decodes
 * (`%E0%A4%A` does not), none is `.` or `..` (a URL-normalising client would reach another
 * resource with it), none is longer than an id may be. 400 in the envelope, never 500.
 */
export function checkPathIds(req: Request, _res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/v1/')) return next();
  for (const raw of req.path.split('/')) {
    let segment: string;
    try {
      segment = raw.includes('%') ? decodeURIComponent(raw) : raw;
    } catch {
      return next(new AppError('validation_failed', 'The path has malformed percent-encoding'));
    }
    if (isDotSegment(segment)) return next(new AppError('validation_failed', "'.' and '..' are not ids"));
    if (segment.length > MAX_ID_LENGTH) return next(new AppError('validation_failed', `Ids are at most ${MAX_ID_LENGTH} characters`));
  }
  next();
}
