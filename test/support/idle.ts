import type { Queue, QueueCounts } from '../../src/jobs/queue.port';

export interface IdleOptions {
  /** Fails the test after this long (the queue never went quiet). */
  timeoutMs?: number;
  /** Consecutive quiet polls needed: one quiet poll could fall between two jobs of a chain. */
  quietPolls?: number;
  intervalMs?: number;
  /**
   * Delayed jobs the test knows are scheduled far ahead (e.g. the takeover job of a message
   * whose lease has seconds to run): quiet then means exactly this many delayed jobs.
   */
  delayed?: number;
}

/**
 * Resolves once the queue has nothing waiting, delayed or active for `quietPolls` polls in a
 * row: every job run so far has finished and none is scheduled, so nothing more can happen
 * without a new trigger. Use it instead of "sleep, then check nothing more arrived".
 *
 * It proves as much as the sleep did: handlers enqueue their follow-up jobs (retries,
 * replays, released messages) before they finish, so an active job never leaves the queue
 * quiet while its consequences are still to come.
 */
export async function waitForQueueIdle(queue: Pick<Queue, 'counts'>, options: IdleOptions = {}): Promise<void> {
  const { timeoutMs = 10_000, quietPolls = 3, intervalMs = 20, delayed = 0 } = options;
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last: QueueCounts | undefined;
  for (;;) {
    last = await queue.counts();
    quiet = last.waiting + last.active === 0 && last.delayed === delayed ? quiet + 1 : 0;
    if (quiet >= quietPolls) return;
    if (Date.now() > deadline) {
      throw new Error(`queue not idle after ${timeoutMs} ms: ${JSON.stringify(last)}, expected nothing waiting or active and ${delayed} delayed`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** `waitForQueueIdle` on a Herald's queue: every event processed, every attempt made or scheduled none. */
export function waitForIdle(herald: { queue: Pick<Queue, 'counts'> }, options?: IdleOptions): Promise<void> {
  return waitForQueueIdle(herald.queue, options);
}
