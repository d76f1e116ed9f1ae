import { reapPending } from '../../../src/delivery/reaper';
import { releaseHeld, replayMessage, resumeSender } from '../../../src/delivery/requeue';
import { RetryLaterError } from '../../../src/jobs/queue.port';
import { AppError } from '../../../src/shared/errors';
import pino from 'pino';
import { gone, lifecycleKit, ok, permanent, SCHEDULE_MS, SUSPEND_AFTER, transient } from './lifecycle-kit';

/*
 * Each guarantee of the README's "Retries, dead letters, suspension, replay" section, on the
 * in-memory store and queue with a fake clock: the lifecycle is driven job by job.
 */

const LEASE_MS = 35_000; // default-mandrill: the Mandrill client's 30 s timeout + 5 s margin

describe('message lifecycle: retries and dead letters', () => {
  test('when the first attempt fails transiently, then the message waits for the first delay and a deliver job is queued for then', async () => {
    const k = await lifecycleKit();
    k.results.push(transient);
    const { id, first } = await k.createMessage();
    await first?.();
    expect(await k.message(id)).toMatchObject({ status: 'pending', attemptCount: 1, lastError: 'receiver answered HTTP 503', leaseUntil: null });
    expect((await k.message(id)).nextAttemptAt).toBe(new Date(k.clock.now().getTime() + SCHEDULE_MS[0]!).toISOString());
    expect(k.queued).toEqual([{ name: 'deliver', data: { messageId: id, cycle: 0 }, options: { jobId: `msg-${id}-0`, delayMs: SCHEDULE_MS[0] } }]);
  });

  test('when a deliver job runs before the message is due, then it is put off until then and nothing is sent', async () => {
    const k = await lifecycleKit();
    k.results.push(transient);
    const { id, first } = await k.createMessage();
    await first?.();
    k.clock.advance(10_000);
    const early = k.deliver(id);
    await expect(early).rejects.toBeInstanceOf(RetryLaterError);
    await early.catch((err: RetryLaterError) => expect(err.delayMs).toBe(SCHEDULE_MS[0]! - 10_000 + 100));
    expect(k.sent).toHaveLength(1);
  });

  test('when every attempt of the schedule fails, then the message is failed (retries_exhausted) with every attempt recorded', async () => {
    const k = await lifecycleKit();
    k.results.push(transient, transient, transient);
    const { id, first } = await k.createMessage();
    await first?.();
    k.clock.advance(SCHEDULE_MS[0]!);
    await expect(k.deliver(id)).rejects.toBeInstanceOf(RetryLaterError);
    expect(await k.message(id)).toMatchObject({ status: 'pending', attemptCount: 2 });
    k.clock.advance(SCHEDULE_MS[1]!);
    await k.deliver(id);
    expect(await k.message(id)).toMatchObject({ status: 'failed', reason: 'retries_exhausted', attemptCount: 3, nextAttemptAt: null });
    expect((await k.store.messages.listAttempts(id)).map((a) => a.outcome)).toEqual(['transient', 'transient', 'transient']);
    expect(k.sent).toHaveLength(3);
  });

  test('when an attempt fails permanently, then the message is failed at once and no retry is queued', async () => {
    const k = await lifecycleKit();
    k.results.push(permanent);
    const { id, first } = await k.createMessage();
    await first?.();
    expect(await k.message(id)).toMatchObject({ status: 'failed', reason: 'permanent_failure', attemptCount: 1 });
    expect(k.queued).toEqual([]);
  });

  test('when the recipient is deactivated between attempts, then the retry is not sent and the message is skipped', async () => {
    const k = await lifecycleKit();
    k.results.push(transient);
    const { id, first } = await k.createMessage();
    await first?.();
    await k.store.directory.putUser('ada', { organizationId: 'acme', email: 'ada@acme.example', firstName: 'Ada', lastName: 'L', active: false });
    k.clock.advance(SCHEDULE_MS[0]!);
    await k.deliver(id);
    expect(await k.message(id)).toMatchObject({ status: 'skipped', reason: 'inactive_user', attemptCount: 1 });
    expect(k.sent).toHaveLength(1);
  });
});

describe('message lifecycle: one attempt at a time', () => {
  test('when a deliver job finds an attempt in flight (a duplicate post, a redelivered job), then it waits the lease out instead of sending', async () => {
    const k = await lifecycleKit();
    const { id } = await k.createMessage(); // created holding its first attempt's lease; that attempt is "in flight"
    const waiting = k.deliver(id);
    await expect(waiting).rejects.toBeInstanceOf(RetryLaterError);
    await waiting.catch((err: RetryLaterError) => expect(err.delayMs).toBe(LEASE_MS + 100));
    expect(k.sent).toHaveLength(0);
  });

  test('when the runner holding the lease died, then another takes the message over once the lease runs out, and sends it once', async () => {
    const k = await lifecycleKit();
    const { id } = await k.createMessage(); // the runner that created it crashed before sending
    k.clock.advance(LEASE_MS);
    await k.deliver(id);
    expect(await k.message(id)).toMatchObject({ status: 'sent', attemptCount: 1 });
    expect(k.sent).toHaveLength(1);
    await k.deliver(id); // a redelivered job of a sent message does nothing
    expect(k.sent).toHaveLength(1);
  });

  test('when two runners race for the same due message, then exactly one sends it; the other is told to look again', async () => {
    const k = await lifecycleKit();
    const { id } = await k.createMessage();
    k.clock.advance(LEASE_MS);
    const results = await Promise.allSettled([k.deliver(id), k.deliver(id)]);
    expect(k.sent).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(RetryLaterError)]);
    expect(await k.message(id)).toMatchObject({ status: 'sent', attemptCount: 1 });
  });

  test('when an attempt fails for a passing reason (the store), then the lease is given back so the job can retry at once', async () => {
    const k = await lifecycleKit();
    k.results.push(new AppError('unavailable', 'store blip'));
    const { id, first } = await k.createMessage();
    await expect(first?.()).rejects.toThrow('store blip');
    expect(await k.message(id)).toMatchObject({ status: 'pending', leaseUntil: null, attemptCount: 0 });
    await k.deliver(id); // no wait for a lease
    expect(await k.message(id)).toMatchObject({ status: 'sent', attemptCount: 1 });
  });

  test('when preparing the message fails for good (a template deleted), then the attempt is permanent and the message failed', async () => {
    const k = await lifecycleKit();
    k.results.push(new Error('template tpl version 2 is gone'));
    const { id, first } = await k.createMessage();
    await first?.();
    expect(await k.message(id)).toMatchObject({ status: 'failed', reason: 'permanent_failure', lastError: 'template tpl version 2 is gone' });
  });
});

describe('message lifecycle: replay', () => {
  test('when a failed message is replayed, then it is pending in a new cycle with a schedule of its own, and a job of the old cycle does nothing', async () => {
    const k = await lifecycleKit();
    k.results.push(permanent, transient, transient, transient);
    const { id, first } = await k.createMessage();
    await first?.();
    const replayed = await replayMessage(k.requeueDeps, id);
    expect(replayed).toMatchObject({ status: 'pending', cycle: 1, cycleStart: 1, attemptCount: 1 });
    expect(k.queued.at(-1)).toEqual({ name: 'deliver', data: { messageId: id, cycle: 1 }, options: { jobId: `msg-${id}-1`, delayMs: 0 } });
    await k.deliver(id, 0); // the old cycle's job
    expect(k.sent).toHaveLength(1);
    // the new cycle gets all three attempts of the schedule
    await expect(k.deliver(id, 1)).rejects.toBeInstanceOf(RetryLaterError);
    k.clock.advance(SCHEDULE_MS[0]!);
    await expect(k.deliver(id, 1)).rejects.toBeInstanceOf(RetryLaterError);
    k.clock.advance(SCHEDULE_MS[1]!);
    await k.deliver(id, 1);
    expect(await k.message(id)).toMatchObject({ status: 'failed', reason: 'retries_exhausted', attemptCount: 4, cycle: 1 });
  });

  test('when the same message is replayed twice at once, then it is queued once and the other replay is a conflict', async () => {
    const k = await lifecycleKit();
    const { id, first } = await k.createMessage();
    await first?.();
    const results = await Promise.allSettled([replayMessage(k.requeueDeps, id), replayMessage(k.requeueDeps, id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(k.queued.filter((j) => j.name === 'deliver')).toHaveLength(1);
  });

  test('when a pending message is replayed, then it is a conflict and nothing changes', async () => {
    const k = await lifecycleKit();
    const { id } = await k.createMessage();
    await expect(replayMessage(k.requeueDeps, id)).rejects.toMatchObject({ code: 'conflict' });
    expect(await k.message(id)).toMatchObject({ status: 'pending', cycle: 0 });
  });

  test('when the queue refuses the replay job, then the message is put back as it was', async () => {
    const k = await lifecycleKit();
    const { id, first } = await k.createMessage();
    await first?.();
    (k.queue.add as jest.Mock).mockRejectedValueOnce(new Error('queue down'));
    await expect(replayMessage(k.requeueDeps, id)).rejects.toThrow('queue down');
    expect(await k.message(id)).toMatchObject({ status: 'sent', cycle: 0 });
  });
});

describe('message lifecycle: suspension and held messages', () => {
  async function customUrlKit() {
    const k = await lifecycleKit();
    await k.store.senders.putConfig({
      eventType: 'order.submitted', scope: 'global', organizationId: null,
      config: { kind: 'custom-url', format: 'herald', url: 'https://hooks.example/x', method: 'POST', headers: {}, timeoutMs: 1000, cc: [], sharedKey: 'sealed' },
    });
    return k;
  }

  test(`when a custom-url sender fails ${SUSPEND_AFTER} times in a row, then it is suspended and the message is held, never dropped; resume sends it`, async () => {
    const k = await customUrlKit();
    k.results.push(transient, transient, transient);
    const messages = [];
    for (let i = 0; i < SUSPEND_AFTER; i++) {
      const { id, first } = await k.createMessage();
      await first?.();
      messages.push(id);
    }
    const last = messages.at(-1) ?? '';
    expect(await k.message(last)).toMatchObject({ status: 'held', reason: 'sender_suspended', attemptCount: 1 });
    expect((await k.store.senders.getState('global:order.submitted')).suspendedAt).not.toBeNull();
    expect(await k.store.messages.listHeld('global:order.submitted')).toEqual([last]);
    // while suspended, a new message is held without an attempt
    const { id: later, first } = await k.createMessage();
    await first?.();
    expect(await k.message(later)).toMatchObject({ status: 'held', attemptCount: 0 });
    expect(k.sent).toHaveLength(SUSPEND_AFTER);

    expect(await resumeSender(k.requeueDeps, 'global:order.submitted')).toBe(2);
    expect(await k.message(later)).toMatchObject({ status: 'pending', cycle: 1 });
    await k.deliver(later);
    await k.deliver(last);
    expect(await k.message(later)).toMatchObject({ status: 'sent', attemptCount: 1 });
    expect(await k.message(last)).toMatchObject({ status: 'sent', attemptCount: 2 });
    expect(await k.store.messages.listHeld('global:order.submitted')).toEqual([]);
  });

  test('when a custom URL answers 410 Gone, then the sender is suspended at once', async () => {
    const k = await customUrlKit();
    k.results.push(gone);
    const { id, first } = await k.createMessage();
    await first?.();
    expect(await k.message(id)).toMatchObject({ status: 'held', lastError: 'receiver answered HTTP 410 Gone' });
  });

  test('when a success follows failures, then the failure count starts again', async () => {
    const k = await customUrlKit();
    k.results.push(transient, transient, ok, transient, transient);
    for (let i = 0; i < 5; i++) await (await k.createMessage()).first?.();
    expect(await k.store.senders.getState('global:order.submitted')).toEqual({ suspendedAt: null, consecutiveFailures: 2 });
  });

  test('when a held message is released twice at once, then it is queued once', async () => {
    const k = await customUrlKit();
    k.results.push(gone);
    const { id, first } = await k.createMessage();
    await first?.();
    await k.store.senders.resume('global:order.submitted');
    const released = await Promise.all([releaseHeld(k.requeueDeps, 'global:order.submitted', id), releaseHeld(k.requeueDeps, 'global:order.submitted', id)]);
    expect(released.filter(Boolean)).toHaveLength(1);
    expect(k.queued.filter((j) => j.name === 'deliver')).toHaveLength(1);
  });
});

describe('message lifecycle: the reaper', () => {
  test('when a pending message is past due with its lease run out (its job was lost), then the sweep queues it again; an in-flight one is left alone', async () => {
    const k = await lifecycleKit();
    const { id: lost } = await k.createMessage();
    k.clock.advance(LEASE_MS + 61_000);
    const { id: inFlight } = await k.createMessage();
    const reaped = await reapPending({ store: k.store, queue: k.queue, now: k.clock.now, logger: pino({ level: 'silent' }) });
    const jobs = k.queued.filter((j) => j.name === 'deliver').map((j) => (j.data as { messageId: string }).messageId);
    expect(jobs).toEqual([lost]);
    expect(jobs).not.toContain(inFlight);
    expect(reaped).toBeGreaterThanOrEqual(1);
  });

  test('when an event was accepted over a minute ago and never processed, then the sweep queues its process-event job under its own id', async () => {
    const k = await lifecycleKit();
    await k.store.events.create({ id: 'evt_lost', type: 'order.submitted', status: 'accepted', occurredAt: k.clock.now().toISOString(), receivedAt: k.clock.now().toISOString(), data: {} });
    k.clock.advance(61_000);
    await reapPending({ store: k.store, queue: k.queue, now: k.clock.now, logger: pino({ level: 'silent' }) });
    expect(k.queued).toContainEqual({ name: 'process-event', data: { eventIds: ['evt_lost'] }, options: { jobId: 'evt-evt_lost' } });
  });
});

describe('message lifecycle: whose sender', () => {
  test("when an approver belongs to another organization, then the sender is the buyer's organization's (SPEC §2), checked again on retry", async () => {
    const k = await lifecycleKit();
    await k.store.directory.putOrganization('beta', { name: 'Beta', active: true });
    await k.store.directory.putUser('bob', { organizationId: 'beta', email: 'bob@beta.example', firstName: 'Bob', lastName: 'B', active: true });
    // the buyer's (ada's) organization disables the type; the approver's has no override
    await k.store.senders.putConfig({ eventType: 'order.approval_requested', scope: 'organization', organizationId: 'acme', config: { kind: 'disabled' } });
    const event = { id: 'evt_appr', type: 'order.approval_requested', status: 'accepted' as const, occurredAt: k.clock.now().toISOString(), receivedAt: k.clock.now().toISOString(), data: { userId: 'ada', approverUserIds: ['bob'] } };
    await k.store.events.create(event);
    await k.lifecycle.create({ id: 'msg_appr', event, userId: 'bob', reader: k.store, variables: () => ({}), last: true });
    expect(await k.message('msg_appr')).toMatchObject({
      status: 'skipped', reason: 'sender_disabled', organizationId: 'beta',
      recipient: { userId: 'bob' }, sender: { kind: 'disabled', scope: 'organization', organizationId: 'acme' },
    });
  });
});
