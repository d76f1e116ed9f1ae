import type { z } from 'zod';
import { AppError } from './errors';

/** One failing field: `path` is dotted (`data.order.total`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** Parses with a schema or throws a 400 `validation_failed` listing every failing path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('validation_failed', `The ${what} is invalid`, toIssues(parsed.error));
  }
  return parsed.data;
}
