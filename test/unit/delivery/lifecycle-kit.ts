import pino from 'pino';
import { MessageLifecycle } from '../../../src/delivery/message-lifecycle';
import type { DeliveryContext } from '../../../src/delivery/message-lifecycle';
import { RetryPolicy } from '../../../src/delivery/retry-policy';
import type { EventRecord } from '../../../src/events/event.record';
import type { JobContext } from '../../../src/jobs/queue.port';
import { MemoryQueue } from '../../../src/queue/memory.queue';
import { builtinSenderKinds } from '../../../src/senders/kinds/registry';
import type { DeliveryResult } from '../../../src/senders/sender.port';
import { createMemoryStore } from '../../../src/store/memory/memory.store';

/** A clock that only moves when told. */
export class FakeClock {
  private ms = Date.parse('2026-12-01T10:00:00.000Z');
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const ok: DeliveryResult = { outcome: 'success', statusCode: 200, response: 'ok' };
export const transient: DeliveryResult = { outcome: 'transient', statusCode: 503, error: 'receiver answered HTTP 503', response: null };
export const permanent: DeliveryResult = { outcome: 'permanent', statusCode: 400, error: 'receiver answered HTTP 400', response: null };
export const gone: DeliveryResult = { outcome: 'permanent', statusCode: 410, error: 'receiver answered HTTP 410 Gone', response: null };

/** The schedule every lifecycle test uses: retries after 60 s and 300 s (3 attempts), no jitter. */
export const SCHEDULE_MS = [60_000, 300_000];
export const SUSPEND_AFTER = 3;

/**
 * A message lifecycle on the in-memory store and queue with a fake clock. The queue never
 * runs jobs by itself: a test runs a deliver job by hand (`deliver`) when its clock says so,
 * and reads what was queued from `queued`. `results` scripts what each send answers (an
 * Error: preparing the message threw).
 */
export async function lifecycleKit() {
  const clock = new FakeClock();
  const store = createMemoryStore(clock.now);
  const queue = new MemoryQueue({ maxAttempts: 5, backoff: () => 0 });
  const queued: { name: string; data: unknown; options: { jobId?: string; delayMs?: number } }[] = [];
  jest.spyOn(queue, 'add').mockImplementation(async (name, data, options = {}) => {
    queued.push({ name, data, options });
  });
  const results: (DeliveryResult | Error)[] = [];
  const sent: DeliveryContext[] = [];
  const lifecycle = new MessageLifecycle({
    store,
    queue,
    now: clock.now,
    logger: pino({ level: 'silent' }),
    rule: new RetryPolicy(SCHEDULE_MS, () => 0.5),
    suspendAfterFailures: SUSPEND_AFTER,
    kinds: builtinSenderKinds,
    defaultTransport: 'outbox',
    send: async (context) => {
      const next = results.shift() ?? ok;
      if (next instanceof Error) throw next; // preparing the message failed (render, store)
      sent.push(context);
      return { transport: context.message.transport, result: next };
    },
  });
  await store.directory.putOrganization('acme', { name: 'Acme', active: true });
  await store.directory.putUser('ada', { organizationId: 'acme', email: 'ada@acme.example', firstName: 'Ada', lastName: 'L', active: true });

  let n = 0;
  /** An event stored and its message created for Ada; returns the message id and its first attempt (not yet run). */
  const createMessage = async () => {
    n++;
    const event: EventRecord = { id: `evt_${n}`, type: 'order.submitted', status: 'accepted', occurredAt: clock.now().toISOString(), receivedAt: clock.now().toISOString(), data: {} };
    await store.events.create(event);
    const first = await lifecycle.create({ id: `msg_${n}`, event, userId: 'ada', reader: store, variables: () => ({ firstname: 'Ada' }), last: true });
    return { id: `msg_${n}`, first };
  };
  const job = (messageId: string, cycle?: number): JobContext<'deliver'> => ({ name: 'deliver', data: { messageId, cycle }, attemptsMade: 0, maxAttempts: 5 });
  /** Runs a deliver job for the message's current cycle (or the one given). */
  const deliver = async (messageId: string, cycle?: number) => {
    const current = await store.messages.get(messageId);
    return lifecycle.deliver(job(messageId, cycle ?? current?.cycle));
  };
  const message = async (id: string) => {
    const m = await store.messages.get(id);
    if (!m) throw new Error(`no message ${id}`);
    return m;
  };
  return { clock, store, queue, queued, results, sent, lifecycle, createMessage, deliver, message, requeueDeps: { store, queue, now: clock.now } };
}
