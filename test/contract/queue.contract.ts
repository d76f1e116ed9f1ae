import {
  PermanentJobError,
  RetryLaterError,
  type JobContext,
  type Queue,
  type QueueOptions,
} from '../../src/jobs/queue.port';
import { waitForQueueIdle } from '../support/idle';

export interface QueueUnderTest {
  queue: Queue;
  cleanup(): Promise<void>;
}

export type QueueFactory = (options: QueueOptions) => Promise<QueueUnderTest>;

interface Run {
  attemptsMade: number;
  maxAttempts: number;
  eventId: string;
  at: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 10 ms; fails the test after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * The behaviour every `Queue` implementation must have (see queue.port.ts). `factory` builds
 * a fresh, isolated queue; `cleanup` closes it and releases whatever it used.
 */
export function describeQueueContract(name: string, factory: QueueFactory): void {
  describe(`Queue contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    const defaults: QueueOptions = { maxAttempts: 3, backoff: () => 50 };

    async function make(options: Partial<QueueOptions> = {}): Promise<Queue> {
      const made = await factory({ ...defaults, ...options });
      cleanups.push(made.cleanup);
      return made.queue;
    }

    /** A process-event consumer that records each run and then behaves as `behave` says. */
    function recorder(behave: (job: JobContext<'process-event'>, runs: Run[]) => Promise<void> = async () => {}) {
      const runs: Run[] = [];
      const handler = async (job: JobContext<'process-event'>) => {
        runs.push({ attemptsMade: job.attemptsMade, maxAttempts: job.maxAttempts, eventId: job.data.eventIds[0] ?? '', at: Date.now() });
        await behave(job, runs);
      };
      return { runs, handler };
    }

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    it('when a job is added to a consumed queue, then it runs once with its data', async () => {
      const queue = await make();
      const { runs, handler } = recorder();
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_1'] });
      await waitFor(() => runs.length === 1, 5_000, 'the run');
      await waitForQueueIdle(queue);
      expect(runs).toEqual([expect.objectContaining({ eventId: 'evt_1', attemptsMade: 0, maxAttempts: 3 })]);
    });

    it('when jobs are added before process() is called, then they run once it is', async () => {
      const queue = await make();
      await queue.add('process-event', { eventIds: ['evt_early'] });
      const delivered: string[] = [];
      await queue.add('deliver', { messageId: 'msg_1' });
      await sleep(100);
      const { runs, handler } = recorder();
      queue.process('process-event', handler, 1);
      queue.process('deliver', async (job) => void delivered.push(job.data.messageId), 1);
      await waitFor(() => runs.length === 1 && delivered.length === 1, 5_000, 'both runs');
      expect(runs[0].eventId).toBe('evt_early');
      expect(delivered).toEqual(['msg_1']);
    });

    it('when a job is delayed, then it does not run before the delay and runs after it', async () => {
      const queue = await make();
      const { runs, handler } = recorder();
      queue.process('process-event', handler, 1);
      const addedAt = Date.now();
      await queue.add('process-event', { eventIds: ['evt_later'] }, { delayMs: 300 });
      await sleep(150);
      expect(runs).toHaveLength(0);
      await waitFor(() => runs.length === 1, 5_000, 'the delayed run');
      expect(runs[0].at - addedAt).toBeGreaterThanOrEqual(280);
    });

    it('when a handler throws RetryLaterError, then the job reruns after that delay with attemptsMade + 1', async () => {
      const backoff = jest.fn(() => 10_000);
      const queue = await make({ backoff });
      const { runs, handler } = recorder(async (job) => {
        if (job.attemptsMade === 0) throw new RetryLaterError(200);
      });
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_retry'] });
      await waitFor(() => runs.length === 2, 5_000, 'the rerun');
      expect(runs.map((r) => r.attemptsMade)).toEqual([0, 1]);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(180);
      expect(runs[1].eventId).toBe('evt_retry');
      expect(backoff).not.toHaveBeenCalled();
    });

    it('when a handler throws an unexpected error, then the job reruns after backoff(attemptsMade)', async () => {
      const backoff = jest.fn((attemptsMade: number) => attemptsMade * 150);
      const queue = await make({ backoff });
      const { runs, handler } = recorder(async (job) => {
        if (job.attemptsMade < 2) throw new Error('store down');
      });
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_flaky'] });
      await waitFor(() => runs.length === 3, 5_000, 'two reruns');
      expect(runs.map((r) => r.attemptsMade)).toEqual([0, 1, 2]);
      expect(backoff.mock.calls.map(([made]) => made)).toEqual([1, 2]);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(130);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(280);
    });

    it('when a job keeps failing, then it runs maxAttempts times and is counted as failed', async () => {
      const queue = await make({ maxAttempts: 3, backoff: () => 20 });
      const { runs, handler } = recorder(async () => {
        throw new Error('always broken');
      });
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_doomed'] });
      await waitFor(() => runs.length === 3, 5_000, 'three runs');
      await waitForQueueIdle(queue);
      expect(runs).toHaveLength(3);
      expect(await queue.counts()).toMatchObject({ failed: 1, waiting: 0, delayed: 0, active: 0 });
    });

    it('when a handler throws PermanentJobError, then the job stops at once', async () => {
      const queue = await make({ maxAttempts: 5, backoff: () => 20 });
      const { runs, handler } = recorder(async () => {
        throw new PermanentJobError('recipient rejected');
      });
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_rejected'] });
      await waitFor(() => runs.length === 1, 5_000, 'the run');
      await waitForQueueIdle(queue);
      expect(runs).toHaveLength(1);
      expect(await queue.counts()).toMatchObject({ failed: 1, delayed: 0 });
    });

    it('when ten slow jobs meet concurrency 3, then never more than 3 run at once and all run', async () => {
      const queue = await make();
      let running = 0;
      let peak = 0;
      const { runs, handler } = recorder(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(150);
        running -= 1;
      });
      queue.process('process-event', handler, 3);
      for (let i = 0; i < 10; i++) await queue.add('process-event', { eventIds: [`evt_${i}`] });
      await waitFor(() => runs.length === 10 && running === 0, 8_000, 'all ten runs');
      expect(peak).toBe(3);
      expect(new Set(runs.map((r) => r.eventId)).size).toBe(10);
    });

    it('when a jobId is added again while its job is pending, then it runs only once', async () => {
      const queue = await make();
      const { runs, handler } = recorder(() => sleep(200));
      queue.process('process-event', handler, 2);
      await queue.add('process-event', { eventIds: ['evt_a'] }, { jobId: 'dedupe:1', delayMs: 100 });
      await queue.add('process-event', { eventIds: ['evt_b'] }, { jobId: 'dedupe:1' });
      await waitFor(() => runs.length === 1, 5_000, 'the run');
      await queue.add('process-event', { eventIds: ['evt_c'] }, { jobId: 'dedupe:1' });
      await waitForQueueIdle(queue);
      expect(runs.map((r) => r.eventId)).toEqual(['evt_a']);
    });

    it('when a job with a jobId has completed or failed, then the same jobId can be added again', async () => {
      const queue = await make({ maxAttempts: 1 });
      const { runs, handler } = recorder(async (job) => {
        if (job.data.eventIds[0] === 'evt_fails') throw new PermanentJobError('no');
      });
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_ok'] }, { jobId: '42' });
      await waitFor(() => runs.length === 1, 5_000, 'first run');
      await waitForQueueIdle(queue); // the job completed: its id is free again
      await queue.add('process-event', { eventIds: ['evt_fails'] }, { jobId: '42' });
      await waitFor(() => runs.length === 2, 5_000, 'second run');
      await waitForQueueIdle(queue); // the job failed: its id is free again
      await queue.add('process-event', { eventIds: ['evt_again'] }, { jobId: '42' });
      await waitFor(() => runs.length === 3, 5_000, 'third run');
      expect(runs.map((r) => r.eventId)).toEqual(['evt_ok', 'evt_fails', 'evt_again']);
    });

    it('when close() is called during a handler, then it waits for that handler to finish', async () => {
      const queue = await make();
      let finished = false;
      const { runs, handler } = recorder(async () => {
        await sleep(300);
        finished = true;
      });
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_inflight'] });
      await waitFor(() => runs.length === 1, 5_000, 'the run');
      await queue.close(5_000);
      expect(finished).toBe(true);
    });

    it('when a handler outlasts the close() timeout, then close() returns after about that timeout', async () => {
      const queue = await make();
      const { runs, handler } = recorder(() => sleep(1_500));
      queue.process('process-event', handler, 1);
      await queue.add('process-event', { eventIds: ['evt_stuck'] });
      await waitFor(() => runs.length === 1, 5_000, 'the run');
      const startedAt = Date.now();
      await queue.close(200);
      expect(Date.now() - startedAt).toBeLessThan(1_200);
      await sleep(1_400); // let the abandoned handler end inside this test
    });

    it('when jobs wait unconsumed or delayed, then counts() reports them', async () => {
      const queue = await make();
      await queue.add('process-event', { eventIds: ['evt_w1'] });
      await queue.add('deliver', { messageId: 'msg_w2' });
      await queue.add('deliver', { messageId: 'msg_d1' }, { delayMs: 60_000 });
      expect(await queue.counts()).toEqual({ waiting: 2, delayed: 1, active: 0, failed: 0 });
      await expect(queue.ping()).resolves.toBeUndefined();
    });
  });
}
