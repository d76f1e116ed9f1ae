import type { MessageRecord } from '../../src/delivery/message.record';
import { messageRecord } from '../fixtures/records';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { waitForIdle } from '../support/idle';
import { orderSubmitted, seedRecipient } from '../support/seed';

type Msg = { id: string; status: string; attemptCount: number };

/** A message of an organization's custom-url override, as a store would hold it. */
const stored = (id: string, eventId: string, org: string, user: string, overrides: Partial<MessageRecord>): MessageRecord =>
  messageRecord(id, {
    eventId, organizationId: org, recipient: { userId: user, email: `${user}@acme.example` },
    sender: { kind: 'custom-url', scope: 'organization', organizationId: org }, transport: 'http', variables: null, ...overrides,
  });

/** What happens when runners, replays and sender changes meet: nothing twice, nothing lost. */
export function deliveryRacesSuite(driver: Driver): void {
  describe(`delivery races (${driver})`, () => {
    let h: TestHerald;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      h = await startTestHerald(driver, { RETRY_SCHEDULE: '0.4,0.4', SUSPEND_AFTER_FAILURES: '1' });
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      await h.close();
      await receiver.close();
    });
    beforeEach(() => receiver.reset());

    async function messageOf(eventId: string): Promise<Msg> {
      return waitFor(async () => (await h.api().get(`/v1/events/${eventId}`)).body.messages?.[0] as Msg | undefined, 5000, `message of ${eventId}`);
    }

    test('when the event is processed again while its first attempt is in flight, then the receiver gets it once', async () => {
      // A Herald of its own: the takeover job below stays scheduled until the lease runs out
      // (~15 s), and the other tests wait for an idle queue.
      const own = await startTestHerald(driver, { RETRY_SCHEDULE: '0.4,0.4' });
      try {
        await seedRecipient(own.api(), { userId: 'race-1', orgId: 'race-org-1' });
        await own.api().put('/v1/organizations/race-org-1/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r1` }).expect(201);
        receiver.respondWith(200, { delayMs: 700 });
        await own.api().post('/v1/events').send(orderSubmitted('race-1', { id: 'evt_race_inflight' })).expect(202);
        await receiver.waitFor(1, 3000);
        // A duplicate or redelivered process-event job, while the first attempt is still sending.
        await own.herald.queue.add('process-event', { eventIds: ['evt_race_inflight'] });
        // Both runs finished; all that is left is the job that takes over once the lease runs out.
        await waitForIdle(own.herald, { delayed: 1 });
        expect(receiver.requests).toHaveLength(1);
        const event = (await own.api().get('/v1/events/evt_race_inflight').expect(200)).body;
        expect(event.messages).toEqual([expect.objectContaining({ status: 'sent', attemptCount: 1 })]);
      } finally {
        await own.close();
      }
    });

    test('when the same message is retried twice at once, then one replay wins and it is sent once more', async () => {
      await seedRecipient(h.api(), { userId: 'race-2', orgId: 'race-org-2' });
      await h.api().put('/v1/organizations/race-org-2/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r2` }).expect(201);
      await h.api().post('/v1/events').send(orderSubmitted('race-2', { id: 'evt_race_replay' })).expect(202);
      await receiver.waitFor(1, 3000);
      const message = await waitFor(async () => {
        const m = await messageOf('evt_race_replay');
        return m.status === 'sent' && m;
      });
      const answers = await Promise.all([1, 2].map(() => h.api().post(`/v1/messages/${message.id}/retry`)));
      expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
      await receiver.waitFor(2, 3000);
      await waitForIdle(h.herald);
      expect(receiver.requests).toHaveLength(2);
      expect(await messageOf('evt_race_replay')).toMatchObject({ status: 'sent', attemptCount: 2 });
    });

    test('when a suspended custom-url sender is deleted, then its held messages go out through the sender that applies now', async () => {
      await seedRecipient(h.api(), { userId: 'race-3', orgId: 'race-org-3' });
      await h.api().put('/v1/organizations/race-org-3/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r3` }).expect(201);
      receiver.respondWith(503);
      await h.api().post('/v1/events').send(orderSubmitted('race-3', { id: 'evt_race_held', orderId: 'PO-HELD-3' })).expect(202);
      await waitFor(async () => (await messageOf('evt_race_held')).status === 'held', 5000, 'held');
      await h.api().delete('/v1/organizations/race-org-3/senders/order.submitted').expect(204);
      const sent = await waitFor(async () => {
        const m = await messageOf('evt_race_held');
        return m.status === 'sent' && m;
      }, 5000, 'sent after delete');
      expect(sent).toMatchObject({ status: 'sent' });
      const outbox = (await h.api().get('/v1/outbox')).body.data as { messageId: string; subject: string }[];
      expect(outbox.find((e) => e.messageId === sent.id)?.subject).toContain('PO-HELD-3');
    });

    test('when a pending message has lost its job, then the reaper queues it again and it is delivered', async () => {
      await seedRecipient(h.api(), { userId: 'race-5', orgId: 'race-org-5' });
      await h.api().put('/v1/organizations/race-org-5/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r5` }).expect(201);
      const long = new Date(Date.now() - 5 * 60_000).toISOString();
      await h.herald.store.events.create({ id: 'evt_race_lost', type: 'order.submitted', status: 'processed', occurredAt: long, receivedAt: long, data: orderSubmitted('race-5').data });
      const orphan = stored('msg_race_lost', 'evt_race_lost', 'race-org-5', 'race-5', { nextAttemptAt: long, createdAt: long, updatedAt: long });
      await h.herald.store.messages.create(orphan);
      // a leased one (an attempt in flight) and a fresh one are left alone
      await h.herald.store.messages.create({ ...orphan, id: 'msg_race_leased', leaseUntil: new Date(Date.now() + 60_000).toISOString() });
      await h.herald.store.messages.create({ ...orphan, id: 'msg_race_fresh', nextAttemptAt: new Date().toISOString() });
      expect(await h.herald.reap()).toBe(1);
      await receiver.waitFor(1, 3000);
      expect(receiver.requests[0]?.headers['webhook-id']).toBe('msg_race_lost');
      await waitFor(async () => (await h.api().get('/v1/messages/msg_race_lost')).body.status === 'sent', 3000, 'reaped message sent');
    });

    test('when an accepted event has lost its process-event job, then the reaper queues it and it is delivered', async () => {
      await seedRecipient(h.api(), { userId: 'race-8', orgId: 'race-org-8' });
      await h.api().put('/v1/organizations/race-org-8/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r8` }).expect(201);
      const long = new Date(Date.now() - 5 * 60_000).toISOString();
      await h.herald.store.events.create({ id: 'evt_race_unqueued', type: 'order.submitted', status: 'accepted', occurredAt: long, receivedAt: long, data: orderSubmitted('race-8').data });
      expect(await h.herald.reap()).toBe(1);
      await receiver.waitFor(1, 3000);
      const event = await waitFor(async () => {
        const e = (await h.api().get('/v1/events/evt_race_unqueued')).body;
        return e.status === 'processed' && e.messages[0]?.status === 'sent' && e;
      }, 3000, 'processed and sent');
      expect(event.messages).toHaveLength(1);
      expect(await h.herald.reap()).toBe(0);
    });

    test('when an organization override is created while the global custom-url sender holds its messages, then they go out through the override', async () => {
      await seedRecipient(h.api(), { userId: 'race-9', orgId: 'race-org-9' });
      await h.api().put('/v1/senders/user.password_reset').send({ kind: 'custom-url', url: `${receiver.url}/r9` }).expect(201);
      receiver.respondWith(503);
      await h.api().post('/v1/events').send({ id: 'evt_race_override', type: 'user.password_reset', data: { userId: 'race-9', passwordResetUrl: 'https://shop.example/reset?t=R9' } }).expect(202);
      await waitFor(async () => (await messageOf('evt_race_override')).status === 'held', 5000, 'held by the global sender');
      await h.api().put('/v1/organizations/race-org-9/senders/user.password_reset').send({ kind: 'default-mandrill' }).expect(201);
      const sent = await waitFor(async () => {
        const m = await messageOf('evt_race_override');
        return m.status === 'sent' && m;
      }, 5000, 'sent through the override');
      await h.api().get(`/v1/outbox/${sent.id}.html`).expect(200);
      await h.api().delete('/v1/senders/user.password_reset').expect(204);
    });

    test('when a job of an older delivery cycle runs, then it does nothing and the job of the current cycle delivers', async () => {
      await seedRecipient(h.api(), { userId: 'race-7', orgId: 'race-org-7' });
      await h.api().put('/v1/organizations/race-org-7/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r7` }).expect(201);
      const now = new Date().toISOString();
      await h.herald.store.events.create({ id: 'evt_race_cycle', type: 'order.submitted', status: 'processed', occurredAt: now, receivedAt: now, data: orderSubmitted('race-7').data });
      await h.herald.store.messages.create(stored('msg_race_cycle', 'evt_race_cycle', 'race-org-7', 'race-7', { attemptCount: 1, nextAttemptAt: now, cycleStart: 1, cycle: 1 }));
      await h.herald.queue.add('deliver', { messageId: 'msg_race_cycle', cycle: 0 });
      await waitForIdle(h.herald);
      expect(receiver.requests).toHaveLength(0);
      await h.herald.queue.add('deliver', { messageId: 'msg_race_cycle', cycle: 1 });
      await receiver.waitFor(1, 3000);
      await waitFor(async () => (await h.api().get('/v1/messages/msg_race_cycle')).body.status === 'sent', 3000, 'sent by the current cycle');
    });

    test('when a sender is resumed after its configuration was deleted, then resume still releases what it held', async () => {
      await seedRecipient(h.api(), { userId: 'race-6', orgId: 'race-org-6' });
      await h.api().post('/v1/organizations/race-org-6/senders/order.submitted/resume').expect(404);
      // as if held by a custom-url override deleted while the hold was being written
      const key = 'org:race-org-6:order.submitted';
      const now = new Date().toISOString();
      await h.herald.store.events.create({ id: 'evt_race_orphan_held', type: 'order.submitted', status: 'processed', occurredAt: now, receivedAt: now, data: orderSubmitted('race-6').data });
      await h.herald.store.messages.create(stored('msg_race_orphan_held', 'evt_race_orphan_held', 'race-org-6', 'race-6', { status: 'held', reason: 'sender_suspended', attemptCount: 1, lastError: 'HTTP 500' }));
      await h.herald.store.messages.markHeld(key, 'msg_race_orphan_held');
      const res = await h.api().post('/v1/organizations/race-org-6/senders/order.submitted/resume').expect(200);
      expect(res.body).toMatchObject({ eventType: 'order.submitted', organizationId: 'race-org-6', kind: null, released: 1 });
      await waitFor(async () => (await h.api().get('/v1/messages/msg_race_orphan_held')).body.status === 'sent', 3000, 'released and sent');
    });

    test('when a custom-url sender becomes an email sender before the retry, then the email carries the order', async () => {
      await seedRecipient(h.api(), { userId: 'race-4', orgId: 'race-org-4' });
      await h.api().put('/v1/organizations/race-org-4/senders/order.submitted').send({ kind: 'custom-url', url: `${receiver.url}/r4` }).expect(201);
      await h.api().put('/v1/organizations/race-org-4').send({ name: 'Race Org 4' }).expect(200);
      receiver.respondWith(500);
      await h.api().post('/v1/events').send(orderSubmitted('race-4', { id: 'evt_race_switch', orderId: 'PO-SWITCH-4' })).expect(202);
      await receiver.waitFor(1, 3000);
      // SUSPEND_AFTER_FAILURES=1 holds it; switching the kind releases it to the new sender.
      await waitFor(async () => (await messageOf('evt_race_switch')).status === 'held', 5000, 'held');
      await h.api().put('/v1/organizations/race-org-4/senders/order.submitted').send({ kind: 'default-mandrill' }).expect(200);
      const sent = await waitFor(async () => {
        const m = await messageOf('evt_race_switch');
        return m.status === 'sent' && m;
      }, 5000, 'sent by email');
      const html = await h.api().get(`/v1/outbox/${sent.id}.html`).expect(200);
      expect(html.text).toContain('PO-SWITCH-4');
      expect(html.text).toContain('Widget');
    });
  });
}
