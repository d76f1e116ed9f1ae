import type { JobName, JobPayloads } from './job-catalog';

export type { JobName, JobPayloads } from './job-catalog';

export interface EnqueueOptions {
  delayMs?: number;
  /** Deduplication id: adding a job whose id is waiting/delayed/active is a no-op. */
  jobId?: string;
}

/** What a handler sees of its job. */
export interface JobContext<N extends JobName> {
  name: N;
  data: JobPayloads[N];
  /** 0 on the first run, then 1, 2, … */
  attemptsMade: number;
  /** Total runs allowed (first run included). */
  maxAttempts: number;
}

export type JobHandler<N extends JobName> = (job: JobContext<N>) => Promise<void>;

/**
 * Thrown by a handler to be run again after `delayMs` (the domain computes the delay with the
 * retry policy; the queue applies it). Counts as an attempt.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    message = 'retry later',
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Thrown by a handler to stop without any further attempt. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

/**
 * Durable job queue. Two implementations: in-memory (embedded) and BullMQ (production);
 * both pass `test/contract/queue.contract.ts`.
 *
 * Retry semantics: a handler that resolves completes the job. `RetryLaterError` reruns it
 * after its delay; `PermanentJobError` ends it; any other error (a store outage, a bug)
 * reruns it after `backoff(attemptsMade)`. Either way at most `maxAttempts` runs.
 */
export interface Queue {
  add<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
  /** Starts consuming `name` with up to `concurrency` jobs at once. */
  process<N extends JobName>(name: N, handler: JobHandler<N>, concurrency: number): void;
  counts(): Promise<QueueCounts>;
  ping(): Promise<void>;
  /** Stops taking jobs, waits for running ones up to `timeoutMs`, then releases resources. */
  close(timeoutMs?: number): Promise<void>;
}

export interface QueueOptions {
  /** Runs allowed per job, first included. */
  maxAttempts: number;
  /** Delay before the rerun that follows `attemptsMade` failed runs, for unexpected errors. */
  backoff: (attemptsMade: number) => number;
}
