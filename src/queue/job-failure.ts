import type { QueueOptions } from '../jobs/queue.port';

/**
 * Failed jobs kept for `counts()` and the dashboard, by both drivers: BullMQ's bounded
 * `removeOnFail`, and the in-memory queue's counter, which mirrors it.
 */
export const FAILED_JOBS_KEPT = 1000;

/**
 * Recognises a `RetryLaterError` by name and `delayMs` rather than by class: an error that
 * crossed a library boundary (BullMQ, a second copy of the module) may have lost its class.
 */
export function retryLaterDelay(err: unknown): number | undefined {
  if (!(err instanceof Error) || err.name !== 'RetryLaterError') return undefined;
  const delayMs: unknown = (err as Error & { delayMs?: unknown }).delayMs;
  return typeof delayMs === 'number' && Number.isFinite(delayMs) ? Math.max(0, delayMs) : undefined;
}

/** True for a `PermanentJobError` (by name, for the same reason as above). */
export function isPermanent(err: unknown): boolean {
  return err instanceof Error && err.name === 'PermanentJobError';
}

/**
 * Delay before the rerun that follows `failedRuns` failed runs: the handler's own delay for
 * `RetryLaterError`, else the configured backoff. Never negative.
 */
export function retryDelay(err: unknown, failedRuns: number, options: QueueOptions): number {
  const own = retryLaterDelay(err);
  if (own !== undefined) return own;
  const delay = options.backoff(failedRuns);
  return Number.isFinite(delay) ? Math.max(0, delay) : 0;
}

/** Resolves after `ms`; the timer does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
