import { AppError } from '../../src/shared/errors';
import { createMemoryStore } from '../../src/store/memory/memory.store';
import { MemorySenders } from '../../src/store/memory/senders';
import { startWebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor } from '../support/harness';
import { orderSubmitted, seedRecipient } from '../support/seed';

/** The second sender-state read fails, as a Redis blip inside a deliver job would. */
class BlipSenders extends MemorySenders {
  private reads = 0;
  override async getState(key: string) {
    this.reads++;
    if (this.reads === 2) throw new AppError('unavailable', 'store blip');
    return super.getState(key);
  }
}

describe('infrastructure errors during delivery', () => {
  test('when the store fails inside a retry, then the message still gets every attempt of its schedule', async () => {
    const receiver = await startWebhookReceiver();
    receiver.respondWith(500, { times: 10 });
    const h = await startTestHerald('memory', { RETRY_SCHEDULE: '0.05,0.05' }, { store: createMemoryStore(undefined, { senders: new BlipSenders(() => new Date()) }) });
    try {
      await seedRecipient(h.api(), { userId: 'blip', orgId: 'blip-org' });
      await h.api().put('/v1/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/blip` }).expect(201);
      await h.api().post('/v1/events').send(orderSubmitted('blip', { id: 'evt_blip' })).expect(202);
      const message = await waitFor(async () => {
        const m = (await h.api().get('/v1/events/evt_blip')).body.messages?.[0];
        return m?.status === 'failed' && m;
      }, 8000, 'failed after its schedule');
      expect(message).toMatchObject({ reason: 'retries_exhausted', attemptCount: 3 });
      expect(receiver.requests).toHaveLength(3);
    } finally {
      await h.close();
      await receiver.close();
    }
  });
});
