import { Queue as BullQueue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { createProducerClient, toBullJobId, workerConnectionOptions, type QueueConnection } from './bullmq-connection';
import { withTimeout } from '../shared/timeout';
import { FAILED_JOBS_KEPT, isPermanent, retryDelay, sleep } from './job-failure';
import type {
  EnqueueOptions,
  JobHandler,
  JobName,
  JobPayloads,
  Queue,
  QueueCounts,
  QueueOptions,
} from '../jobs/queue.port';

const JOB_NAMES: readonly JobName[] = ['process-event', 'deliver'];
/** Longest a producer call may take before it counts as Redis being unavailable. */
const REDIS_CALL_TIMEOUT_MS = 2_000;

type Payload = JobPayloads[JobName];

export interface BullMqQueueOptions {
  connection: QueueConnection;
  /** BullMQ key prefix; tests use one per test to stay isolated. */
  prefix: string;
  options: QueueOptions;
  logger?: Logger;
  /**
   * Lock duration of an active job, in ms (BullMQ default 30000). A crashed worker's jobs go
   * back to the queue within about twice this; shorter means faster recovery, more Redis calls.
   */
  lockMs?: number;
}

/**
 * Production `Queue` on Redis via BullMQ: one BullMQ queue per job name on one shared producer
 * connection, and a `Worker` per job name created on `process()`. The queue's retry semantics
 * are mapped onto BullMQ attempts with a custom backoff strategy.
 */
export class BullMqQueue implements Queue {
  private readonly producer: Redis;
  private readonly queues: Map<JobName, BullQueue<Payload, void, string>>;
  private readonly workers = new Map<JobName, Worker<Payload, void, string>>();
  private closed = false;

  constructor(private readonly config: BullMqQueueOptions) {
    this.producer = createProducerClient(config.connection);
    // Without a listener ioredis prints every reconnection error; the outage surfaces via add().
    this.producer.on('error', (err: Error) => config.logger?.debug({ err }, 'queue redis connection error'));
    this.queues = new Map(JOB_NAMES.map((name) => [name, this.createQueue(name)]));
  }

  /** The BullMQ queues, for the dashboard. */
  bullQueues(): BullQueue[] {
    return [...this.queues.values()];
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) throw new AppError('unavailable', 'queue is closed');
    const queue = this.queue(name);
    const jobId = options.jobId === undefined ? undefined : toBullJobId(options.jobId);
    const jobOptions: JobsOptions = {
      jobId,
      delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
      attempts: this.config.options.maxAttempts,
      backoff: { type: 'custom' },
      removeOnComplete: true,
      removeOnFail: { count: FAILED_JOBS_KEPT },
    };
    await this.redisCall('enqueue', async () => {
      if (jobId === undefined) return void (await queue.add(name, data, jobOptions));
      // Sent together (one round trip): adding a finished job's id is a no-op, so when the
      // id turns out to be finished, it is removed and added again.
      const [finished] = await Promise.all([this.isFinished(queue, jobId), queue.add(name, data, jobOptions)]);
      if (!finished) return;
      await queue.remove(jobId);
      await queue.add(name, data, jobOptions);
    });
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>, concurrency: number): void {
    if (this.workers.has(name)) throw new Error(`queue '${name}' already has a worker`);
    if (this.closed) throw new Error('queue is closed');
    const { options, logger, prefix, connection, lockMs } = this.config;
    const worker = new Worker<Payload, void, string>(name, (job) => runHandler(job, name, handler, options), {
      connection: workerConnectionOptions(connection),
      prefix,
      concurrency: Math.max(1, Math.floor(concurrency)),
      // The stalled check runs as often as a lock lasts, so a dead worker's jobs return quickly.
      ...(lockMs === undefined ? {} : { lockDuration: lockMs, stalledInterval: lockMs }),
      // Handlers are idempotent (message leases, deterministic ids): a job interrupted by a
      // crash or a shutdown runs again (BullMQ's default fails it after one stall); a job
      // that keeps killing workers still fails after 10. The reaper picks up its message.
      maxStalledCount: 10,
      settings: { backoffStrategy: (attemptsMade, _type, err) => retryDelay(err, attemptsMade, options) },
    });
    worker.on('error', (err) => logger?.error({ err, queue: name }, 'queue worker error'));
    worker.on('failed', (job, err) => {
      logger?.warn({ err, queue: name, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'job attempt failed');
    });
    this.workers.set(name, worker);
  }

  async counts(): Promise<QueueCounts> {
    const all = await this.redisCall('count jobs', () =>
      Promise.all(this.bullQueues().map((q) => q.getJobCounts('waiting', 'delayed', 'active', 'failed'))),
    );
    const sum = (key: keyof QueueCounts) => all.reduce((total, counts) => total + (counts[key] ?? 0), 0);
    return { waiting: sum('waiting'), delayed: sum('delayed'), active: sum('active'), failed: sum('failed') };
  }

  async ping(): Promise<void> {
    await this.redisCall('ping', () => this.producer.ping());
  }

  /** Closes workers (waiting up to `timeoutMs` for active jobs), then queues and the connection. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers.values()].map((worker) => closeWorker(worker, timeoutMs)));
    await Promise.allSettled(this.bullQueues().map((q) => withTimeout(q.close(), 2_000, () => new Error('timeout'))));
    await withTimeout(this.producer.quit(), 1_000, () => new Error('timeout')).catch(() => this.producer.disconnect());
  }

  private createQueue(name: JobName): BullQueue<Payload, void, string> {
    const queue = new BullQueue<Payload, void, string>(name, { connection: this.producer, prefix: this.config.prefix });
    queue.on('error', (err) => this.config.logger?.debug({ err, queue: name }, 'queue error'));
    return queue;
  }

  private queue(name: JobName): BullQueue<Payload, void, string> {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown job name '${name}'`);
    return queue;
  }

  /**
   * Whether a failed (or kept completed) job holds this id, which would turn an add into a
   * no-op. Two O(1) ZSCOREs: `getJobState` would scan the wait list (LPOS), whose cost grows
   * with the backlog on every ingest.
   */
  private async isFinished(queue: BullQueue<Payload, void, string>, jobId: string): Promise<boolean> {
    // Resolves once the shared connection is ready (there is no offline queue to wait in).
    await queue.waitUntilReady();
    const [failed, completed] = await Promise.all([
      this.producer.zscore(queue.toKey('failed'), jobId),
      this.producer.zscore(queue.toKey('completed'), jobId),
    ]);
    return failed !== null || completed !== null;
  }

  /** Runs a producer-side Redis call; any failure or a slow answer is `unavailable`. */
  private async redisCall<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(call(), REDIS_CALL_TIMEOUT_MS, () => new Error('timed out'));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new AppError('unavailable', `queue unavailable (${what}): ${reason}`);
    }
  }
}

/** Calls the handler; a `PermanentJobError` becomes BullMQ's `UnrecoverableError` (no retry). */
async function runHandler<N extends JobName>(
  job: Job<Payload, void, string>,
  name: N,
  handler: JobHandler<N>,
  options: QueueOptions,
): Promise<void> {
  try {
    // Each BullMQ queue only holds jobs of its own name, added by `add(name, …)`.
    const data = job.data as JobPayloads[N];
    // attemptsMade counts finished failed runs (attemptsStarted would also count stalls).
    await handler({ name, data, attemptsMade: job.attemptsMade, maxAttempts: options.maxAttempts });
  } catch (err) {
    if (isPermanent(err)) throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/**
 * `worker.close()` waits for active jobs; past `timeoutMs` we stop waiting and drop the
 * connections. The unfinished job's lock then expires and another worker picks it up.
 */
async function closeWorker(worker: Worker<Payload, void, string>, timeoutMs: number): Promise<void> {
  const closing = worker.close().then(
    () => true,
    () => true,
  );
  const done = await Promise.race([closing, sleep(timeoutMs).then(() => false)]);
  if (done) return;
  worker.cancelAllJobs('shutting down');
  await withTimeout(worker.disconnect(), 1_000, () => new Error('timeout')).catch(() => undefined);
}
