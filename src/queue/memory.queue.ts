import { unavailable } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { FAILED_JOBS_KEPT, isPermanent, retryDelay, sleep } from './job-failure';
import type {
  EnqueueOptions,
  JobContext,
  JobHandler,
  JobName,
  JobPayloads,
  Queue,
  QueueCounts,
  QueueOptions,
} from '../jobs/queue.port';

interface MemoryJob {
  name: JobName;
  data: JobPayloads[JobName];
  jobId?: string;
  attemptsMade: number;
}

/** One job name: its FIFO, delayed timers, running count and consumer. */
interface Lane {
  waiting: MemoryJob[];
  delayed: Map<NodeJS.Timeout, MemoryJob>;
  active: number;
  handler?: JobHandler<JobName>;
  concurrency: number;
}

/**
 * In-process `Queue` for embedded mode: nothing survives a restart. Per job name a FIFO with
 * delayed jobs (timers), attempts and retry delays as the port describes, and a concurrency
 * limit. A `jobId` dedupes while its job is waiting, delayed, retrying or active; once the
 * job completed or failed, the same `jobId` may be added again (as with `BullMqQueue`).
 */
export class MemoryQueue implements Queue {
  private readonly lanes = new Map<JobName, Lane>();
  /** `name\0jobId` of every job not yet completed or failed. */
  private readonly pendingIds = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private failed = 0;
  private closed = false;

  constructor(
    private readonly options: QueueOptions,
    private readonly logger?: Logger,
  ) {}

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) throw unavailable('queue is closed');
    if (options.jobId !== undefined) {
      const key = idKey(name, options.jobId);
      if (this.pendingIds.has(key)) return;
      this.pendingIds.add(key);
    }
    const job: MemoryJob = { name, data, jobId: options.jobId, attemptsMade: 0 };
    this.schedule(job, options.delayMs ?? 0);
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>, concurrency: number): void {
    const lane = this.lane(name);
    if (lane.handler) throw new Error(`queue '${name}' already has a handler`);
    // Each lane only ever holds jobs of its own name, so the handler sees the payload it expects.
    lane.handler = handler as unknown as JobHandler<JobName>;
    lane.concurrency = Math.max(1, Math.floor(concurrency));
    queueMicrotask(() => this.pump(name));
  }

  async counts(): Promise<QueueCounts> {
    const counts: QueueCounts = { waiting: 0, delayed: 0, active: 0, failed: this.failed };
    for (const lane of this.lanes.values()) {
      counts.waiting += lane.waiting.length;
      counts.delayed += lane.delayed.size;
      counts.active += lane.active;
    }
    return counts;
  }

  async ping(): Promise<void> {
    if (this.closed) throw unavailable('queue is closed');
  }

  /** Stops taking jobs, drops delayed ones, waits up to `timeoutMs` for running handlers. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      for (const timer of lane.delayed.keys()) clearTimeout(timer);
      lane.delayed.clear();
    }
    if (this.running.size === 0) return;
    await Promise.race([Promise.allSettled([...this.running]), sleep(timeoutMs)]);
  }

  private lane(name: JobName): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { waiting: [], delayed: new Map(), active: 0, concurrency: 1 };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  private schedule(job: MemoryJob, delayMs: number): void {
    const lane = this.lane(job.name);
    if (delayMs <= 0) {
      lane.waiting.push(job);
      queueMicrotask(() => this.pump(job.name));
      return;
    }
    const timer = setTimeout(() => {
      lane.delayed.delete(timer);
      this.schedule(job, 0);
    }, delayMs);
    lane.delayed.set(timer, job);
  }

  /** Starts as many waiting jobs as the lane's concurrency allows. */
  private pump(name: JobName): void {
    const lane = this.lane(name);
    while (!this.closed && lane.handler && lane.active < lane.concurrency) {
      const job = lane.waiting.shift();
      if (!job) return;
      lane.active += 1;
      const run = this.run(job, lane.handler).finally(() => {
        lane.active -= 1;
        this.running.delete(run);
        this.pump(name);
      });
      this.running.add(run);
    }
  }

  /** Runs one attempt; never rejects, so a handler error cannot crash the process. */
  private async run(job: MemoryJob, handler: JobHandler<JobName>): Promise<void> {
    const context: JobContext<JobName> = {
      name: job.name,
      data: job.data,
      attemptsMade: job.attemptsMade,
      maxAttempts: this.options.maxAttempts,
    };
    try {
      await handler(context);
      this.finish(job);
    } catch (err) {
      this.onFailure(job, err);
    }
  }

  private onFailure(job: MemoryJob, err: unknown): void {
    const failedRuns = job.attemptsMade + 1;
    let delay: number | undefined;
    if (!isPermanent(err) && failedRuns < this.options.maxAttempts) {
      try {
        delay = retryDelay(err, failedRuns, this.options);
      } catch (backoffErr) {
        this.logger?.error({ err: backoffErr, job: job.name }, 'queue backoff failed');
      }
    }
    if (delay === undefined || this.closed) {
      this.logger?.warn({ err, job: job.name, attemptsMade: failedRuns }, 'job failed');
      this.failed = Math.min(this.failed + 1, FAILED_JOBS_KEPT);
      this.finish(job);
      return;
    }
    this.schedule({ ...job, attemptsMade: failedRuns }, delay);
  }

  private finish(job: MemoryJob): void {
    if (job.jobId !== undefined) this.pendingIds.delete(idKey(job.name, job.jobId));
  }
}

function idKey(name: JobName, jobId: string): string {
  return `${name}\u0000${jobId}`;
}
