import { AppError } from '../../src/shared/errors';
import { MemoryQueue } from '../../src/queue/memory.queue';
import type { EnqueueOptions, JobName, JobPayloads } from '../../src/jobs/queue.port';
import { createMemoryStore } from '../../src/store/memory/memory.store';
import { MemoryDirectory } from '../../src/store/memory/directory';
import { startTestHerald, waitFor } from '../support/harness';
import { waitForIdle } from '../support/idle';
import { orderSubmitted, seedRecipient } from '../support/seed';

/** Fails the first directory read of one user, as a Redis blip would. */
class FlakyDirectory extends MemoryDirectory {
  private failed = false;
  override async getUser(id: string) {
    if (id === 'flaky' && !this.failed) {
      this.failed = true;
      throw new AppError('unavailable', 'store blip');
    }
    return super.getUser(id);
  }
}

/** Counts the process-event jobs added; each add takes 5 ms, like a round trip to Redis. */
class CountingQueue extends MemoryQueue {
  processJobs = 0;
  override async add<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<void> {
    if (name === 'process-event') this.processJobs++;
    await new Promise((r) => setTimeout(r, 5));
    return super.add(name, data, options);
  }
}

describe('process-event batches', () => {
  test('when many events arrive while the queue is busy, then they are queued in fewer jobs and every one is delivered once', async () => {
    const queue = new CountingQueue({ maxAttempts: 3, backoff: () => 50 });
    const h = await startTestHerald('memory', {}, { queue });
    try {
      await seedRecipient(h.api(), { userId: 'many', orgId: 'acme' });
      const posted = await Promise.all(
        Array.from({ length: 60 }, (_, i) => h.api().post('/v1/events').send(orderSubmitted('many', { id: `evt_many_${i}` }))),
      );
      expect(posted.every((r) => r.status === 202)).toBe(true);
      expect(queue.processJobs).toBeLessThan(60);
      await waitFor(async () => (await h.api().get('/v1/outbox?limit=500')).body.data.length === 60, 8000, '60 emails');
    } finally {
      await h.close();
    }
  });

  test('when one event of a batch fails, then the batch is retried and the other event is not sent twice', async () => {
    const h = await startTestHerald('memory', {}, { store: createMemoryStore(undefined, { directory: new FlakyDirectory(() => new Date()) }) });
    try {
      await seedRecipient(h.api(), { userId: 'steady', orgId: 'acme' });
      await seedRecipient(h.api(), { userId: 'flaky', orgId: 'acme' });
      const now = new Date().toISOString();
      for (const [id, user] of [['evt_steady', 'steady'], ['evt_flaky', 'flaky']]) {
        await h.herald.store.events.create({ id, type: 'order.submitted', status: 'accepted', occurredAt: now, receivedAt: now, data: orderSubmitted(user).data });
      }
      await h.herald.queue.add('process-event', { eventIds: ['evt_steady', 'evt_flaky'] });

      const outbox = await waitFor(async () => {
        const entries = (await h.api().get('/v1/outbox')).body.data as { eventId: string }[];
        return entries.length >= 2 && entries;
      }, 5000, 'both emails');
      await waitForIdle(h.herald);
      const again = (await h.api().get('/v1/outbox')).body.data as { eventId: string }[];
      expect(again.map((e) => e.eventId).sort()).toEqual(['evt_flaky', 'evt_steady']);
      expect(outbox).toHaveLength(2);
      const steady = (await h.api().get('/v1/events/evt_steady')).body;
      expect(steady.messages[0]).toMatchObject({ status: 'sent', attemptCount: 1 });
    } finally {
      await h.close();
    }
  });
});
