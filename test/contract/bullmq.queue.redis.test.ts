import Redis from 'ioredis';
import { BullMqQueue } from '../../src/queue/bullmq.queue';
import { AppError } from '../../src/shared/errors';
import { testRedisUrl, uniquePrefix } from '../support/redis';
import { removeDir, startRedisServer } from '../support/redis-server';
import { describeQueueContract, waitFor } from './queue.contract';

/** Deletes every key under `prefix`, so test runs leave the shared Redis clean. */
async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl());
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

describeQueueContract('BullMqQueue', async (options) => {
  const prefix = uniquePrefix();
  const queue = new BullMqQueue({ connection: testRedisUrl(), prefix, options });
  return {
    queue,
    cleanup: async () => {
      await queue.close(2_000);
      await deleteKeys(prefix);
    },
  };
});

/** Calls `attempt` until it resolves; rethrows its last error after `timeoutMs`. */
async function retryUntil(attempt: () => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('BullMqQueue and a Redis outage', () => {
  it('when Redis goes down, then add() fails fast as unavailable, and works again once Redis is back', async () => {
    const first = await startRedisServer();
    let current = first;
    const queue = new BullMqQueue({
      connection: first.url,
      prefix: uniquePrefix(),
      options: { maxAttempts: 3, backoff: () => 50 },
    });
    try {
      await queue.add('process-event', { eventIds: ['evt_before'] });

      await first.stop();
      const startedAt = Date.now();
      const failure = await queue.add('process-event', { eventIds: ['evt_during'] }).catch((err: unknown) => err);
      expect(Date.now() - startedAt).toBeLessThan(2_500);
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({ code: 'unavailable', status: 503, retryable: true });
      await expect(queue.ping()).rejects.toMatchObject({ code: 'unavailable' });

      // Same port and directory: the very same queue object must reconnect by itself.
      current = await startRedisServer({ port: first.port, dir: first.dir });
      await retryUntil(() => queue.add('process-event', { eventIds: ['evt_after'] }), 10_000);
      const handled: string[] = [];
      queue.process('process-event', async (job) => void handled.push(...job.data.eventIds), 1);
      await waitFor(() => handled.includes('evt_after'), 5_000, 'the job added after the restart');
      expect(handled).not.toContain('evt_during');
    } finally {
      await queue.close(1_000);
      await current.stop();
      removeDir(first.dir);
    }
  });
});
