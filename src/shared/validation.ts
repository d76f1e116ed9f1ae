import { z } from 'zod';
import { AppError } from './errors';

/** The longest id anywhere: path ids, event ids, user and organization ids, template ids (SPEC §8). */
export const MAX_ID_LENGTH = 200;
/** The longest e-mail address (RFC 5321's 254-character path, SPEC §8). */
export const MAX_EMAIL_LENGTH = 254;

/** `.` and `..` are never ids: URL-normalising clients would turn them into other resources. */
export function isDotSegment(value: string): boolean {
  return value === '.' || value === '..';
}

const notDots = [(s: string) => !isDotSegment(s), { message: "'.' and '..' are not ids" }] as const;

/** Free-text ids (order, line-item and product ids in event data): 1-200 characters, not `.`/`..`. */
export const textId = z.string().min(1).max(MAX_ID_LENGTH).refine(...notDots);

/**
 * An id of Herald's own resources: 1-200 characters from a small alphabet (`chars`, a regex
 * character class body, described by `described`), never `.` or `..`.
 */
export function idSchema(chars: string, described: string) {
  return z
    .string()
    .min(1)
    .max(MAX_ID_LENGTH)
    .regex(new RegExp(`^[${chars}]*$`), `must be letters, digits and ${described}`)
    .refine(...notDots);
}

/** An e-mail address of at most 254 characters. */
export const emailSchema = z.email().max(MAX_EMAIL_LENGTH);

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
