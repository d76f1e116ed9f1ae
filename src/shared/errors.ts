/** Error codes of SPEC §4 and their HTTP statuses. */
export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation_failed: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  template_invalid: 422,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one application error. `retryable` tells queues and clients whether trying the
 * same thing again may succeed (store down, queue unreachable).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryable = code === 'unavailable',
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `${what} '${id}' does not exist`);

export const validationFailed = (message: string, details?: unknown): AppError =>
  new AppError('validation_failed', message, details);

export const unavailable = (message: string): AppError => new AppError('unavailable', message);
