import pino from 'pino';
import type { NewMessageInput } from '../../../src/delivery/message-lifecycle';
import { builtinEventTypes } from '../../../src/event-types/catalog';
import type { EventRecord } from '../../../src/events/event.record';
import { ProcessEvent } from '../../../src/events/process-event';
import { Limiter } from '../../../src/shared/limiter';
import { createMemoryStore } from '../../../src/store/memory/memory.store';

/**
 * process-event reads only the recipients of a stored event (its data was validated at
 * ingest and is not parsed again): what cannot give recipients is dropped, never retried.
 */
async function processStored(data: Record<string, unknown>, type = 'order.submitted') {
  const store = createMemoryStore(() => new Date());
  const record: EventRecord = { id: 'evt_1', type, status: 'accepted', occurredAt: '2026-11-20T10:00:00Z', receivedAt: new Date().toISOString(), data };
  await store.events.create(record);
  const created: NewMessageInput[] = [];
  const errors: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(line) });
  const processEvent = new ProcessEvent({
    store,
    lifecycle: {
      create: async (input) => {
        created.push(input);
        return null;
      },
    },
    eventTypes: builtinEventTypes(),
    now: () => new Date(),
    logger,
    limiter: new Limiter(10),
  });
  await processEvent.handle([record.id]);
  return { recipients: created.map((c) => c.userId), errors, status: (await store.events.get(record.id))?.status };
}

describe('process-event on a stored event', () => {
  it('when it names a user, then that user gets a message', async () => {
    const { recipients, errors } = await processStored({ userId: 'ada', order: { id: 'PO-1' } });
    expect(recipients).toEqual(['ada']);
    expect(errors).toEqual([]);
  });

  it('when an approval names approvers twice, then each approver gets one message', async () => {
    const { recipients } = await processStored({ userId: 'buyer', approverUserIds: ['bob', 'eve', 'bob'], order: { id: 'PO-1' } }, 'order.approval_requested');
    expect(recipients).toEqual(['bob', 'eve']);
  });

  it.each([
    ['its data has no recipient', { order: { id: 'PO-1' } }, 'order.submitted'],
    ['its recipient is not a string', { userId: 42 }, 'order.submitted'],
    ['an approval has no approvers', { userId: 'buyer', order: { id: 'PO-1' } }, 'order.approval_requested'],
    ['its type is no longer in the catalog', { userId: 'ada' }, 'order.teleported'],
  ])('when %s, then no message is made and the event is dropped with a log line (not queued again)', async (_case, data, type) => {
    const { recipients, errors, status } = await processStored(data, type);
    expect(recipients).toEqual([]);
    expect(errors.join('')).toContain('no longer validates');
    // marked processed: the reaper does not queue it again
    expect(status).toBe('processed');
  });
});
