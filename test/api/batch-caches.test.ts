import type { DeliveryResult, WebhookGateway, WebhookRequest } from '../../src/senders/sender.port';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { createHerald } from '../../src/herald';
import type { HttpApp } from '../../src/http/app';
import { AppError } from '../../src/shared/errors';
import { createLogger } from '../../src/shared/logger';
import { MemoryQueue } from '../../src/queue/memory.queue';
import { createMemoryStore } from '../../src/store/memory/memory.store';
import { MemoryTemplates } from '../../src/store/memory/templates';
import { startTestHerald, waitFor, type TestHerald } from '../support/harness';
import { messageRecord } from '../fixtures/records';
import { orderSubmitted, seedRecipient } from '../support/seed';

/**
 * process-event reads ahead (a slice's users, its senders' state) to save round trips. These
 * are the guarantees that read-ahead must not weaken, one event at a time (WORKER_CONCURRENCY=1)
 * so the order is certain: suspension counts consecutive failures, a suspended sender's later
 * messages are held, and a user deactivated meanwhile is not sent to.
 */
class ScriptedWebhook implements WebhookGateway {
  readonly sent: string[] = [];
  constructor(
    private readonly script: DeliveryResult[],
    private readonly onSend: (n: number) => Promise<void> = async () => undefined,
  ) {}
  async send(request: WebhookRequest): Promise<DeliveryResult> {
    const n = this.sent.length;
    this.sent.push(request.messageId);
    await this.onSend(n);
    return this.script[n] ?? { outcome: 'success', statusCode: 200, response: 'ok' };
  }
}

const fail500: DeliveryResult = { outcome: 'transient', statusCode: 500, error: 'receiver answered HTTP 500', response: null };
const ok200: DeliveryResult = { outcome: 'success', statusCode: 200, response: 'ok' };

async function startWith(webhook: ScriptedWebhook): Promise<TestHerald> {
  const h = await startTestHerald('memory', { WORKER_CONCURRENCY: '1', SUSPEND_AFTER_FAILURES: '3', RETRY_SCHEDULE: '60,60' }, { webhook });
  await seedRecipient(h.api(), { userId: 'u1', orgId: 'acme' });
  await h.api().put('/v1/senders/order.submitted').send({ kind: 'custom-url', url: 'http://127.0.0.1:9/hook' }).expect(201);
  return h;
}

/** Stores `n` events for u1 and queues them as one batch, as ingest under load does. */
async function oneBatch(h: TestHerald, tag: string, n: number): Promise<string[]> {
  const now = new Date().toISOString();
  const ids = Array.from({ length: n }, (_, i) => `evt_${tag}_${i}`);
  for (const id of ids) await h.herald.store.events.create({ id, type: 'order.submitted', status: 'accepted', occurredAt: now, receivedAt: now, data: orderSubmitted('u1').data });
  await h.herald.queue.add('process-event', { eventIds: ids });
  return ids;
}

const firstMessage = async (h: TestHerald, eventId: string) => (await h.api().get(`/v1/events/${eventId}`)).body.messages?.[0] as { status: string; reason: string | null; attemptCount: number } | undefined;

describe('process-event read-ahead keeps the delivery guarantees', () => {
  test('when failures are not consecutive (500, 500, 200, 500) within one batch, then the sender is not suspended', async () => {
    const webhook = new ScriptedWebhook([fail500, fail500, ok200, fail500]);
    const h = await startWith(webhook);
    try {
      await oneBatch(h, 'nonconsecutive', 4);
      await waitFor(async () => webhook.sent.length === 4, 5000, '4 sends');
      await waitFor(async () => (await h.herald.store.senders.getState('global:order.submitted')).consecutiveFailures === 1, 2000, 'one failure counted after the success');
      expect((await h.herald.store.senders.getState('global:order.submitted')).suspendedAt).toBeNull();
    } finally {
      await h.close();
    }
  });

  test('when the sender is suspended by this batch, then its later first attempts are held, not sent', async () => {
    const webhook = new ScriptedWebhook(Array.from({ length: 10 }, () => fail500));
    const h = await startWith(webhook);
    try {
      const ids = await oneBatch(h, 'suspended', 6);
      await waitFor(async () => (await firstMessage(h, ids[5] ?? ''))?.status === 'held', 5000, 'the last message held');
      expect(webhook.sent).toHaveLength(3);
      for (const id of ids.slice(3)) expect(await firstMessage(h, id)).toMatchObject({ status: 'held', attemptCount: 0 });
    } finally {
      await h.close();
    }
  });

  test('when the user is deactivated while a slow receiver takes the first message, then the later events of the batch are skipped', async () => {
    const started: { h?: TestHerald } = {};
    const webhook = new ScriptedWebhook([], async (n) => {
      if (n !== 0 || !started.h) return;
      await started.h.api().put('/v1/users/u1').send({ organizationId: 'acme', email: 'u1@acme.example', firstName: 'A', lastName: 'B', active: false }).expect(200);
      await new Promise((r) => setTimeout(r, 1200)); // longer than any read-ahead may be reused
    });
    const h = (started.h = await startWith(webhook));
    try {
      const ids = await oneBatch(h, 'deactivated', 3);
      await waitFor(async () => (await firstMessage(h, ids[2] ?? ''))?.status === 'skipped', 6000, 'the last message skipped');
      expect(webhook.sent).toHaveLength(1);
      expect(await firstMessage(h, ids[1] ?? '')).toMatchObject({ status: 'skipped', reason: 'inactive_user' });
    } finally {
      await h.close();
    }
  });
});

/** Fails the first read of a pinned template version (the render's read), as a Redis blip would. */
class BlipOnRender extends MemoryTemplates {
  blips = 0;
  override async get(id: string, version?: number) {
    if (version !== undefined && this.blips === 0) {
      this.blips++;
      throw new AppError('unavailable', 'store blip');
    }
    return super.get(id, version);
  }
}

describe('a delivery that cannot be prepared for a passing reason', () => {
  test('when the store is briefly unavailable while a worker first compiles a stored template, then the message is retried and sent, not failed', async () => {
    // API and worker apart (as in production, here sharing one memory store and queue): the
    // worker has not compiled the template the API validated
    const templates = new BlipOnRender(() => new Date());
    const store = createMemoryStore(undefined, { templates });
    const queue = new MemoryQueue({ maxAttempts: 5, backoff: () => 50 });
    const worker = await startTestHerald('memory', { RETRY_SCHEDULE: '0.05,0.05' }, { store, queue });
    const { config } = loadConfig({ LOG_LEVEL: 'warn', ALLOW_PRIVATE_NETWORK_URLS: 'true' });
    if (!config) throw new Error('config');
    const apiHerald = await createHerald(config, createLogger('warn'), { store, queue }); // workers never started: API only
    const api = { api: () => request.agent(apiHerald.app as HttpApp), close: () => apiHerald.close() };
    try {
      await seedRecipient(api.api(), { userId: 'u1', orgId: 'acme' });
      const mjml = '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{firstname}}</mj-text></mj-column></mj-section></mj-body></mjml>';
      await api.api().put('/v1/templates/blip').send({ subject: 'Hello {{firstname}}', mjml }).expect(201);
      await api.api().put('/v1/senders/order.submitted').send({ kind: 'default-mandrill', templateId: 'blip' }).expect(201);
      await api.api().post('/v1/events').send(orderSubmitted('u1', { id: 'evt_blip' })).expect(202);
      const message = await waitFor(async () => {
        const m = (await api.api().get('/v1/events/evt_blip')).body.messages?.[0] as { status: string } | undefined;
        return m && m.status !== 'pending' && m;
      }, 8000, 'the message settled');
      expect(templates.blips).toBe(1);
      expect(message).toMatchObject({ status: 'sent' });
    } finally {
      await worker.close();
      await api.close();
    }
  });
});

describe('resuming a sender that holds many messages', () => {
  test('when a sender holding 300 messages is resumed, then every one is released (counted once) and delivered', async () => {
    const webhook = new ScriptedWebhook([]);
    const h = await startWith(webhook);
    try {
      const key = 'global:order.submitted';
      const now = new Date().toISOString();
      for (let i = 0; i < 300; i++) {
        const id = `msg_held_${String(i).padStart(3, '0')}`;
        await h.herald.store.events.create({ id: `evt_held_${i}`, type: 'order.submitted', status: 'processed', occurredAt: now, receivedAt: now, data: orderSubmitted('u1').data });
        await h.herald.store.messages.create(messageRecord(id, {
          eventId: `evt_held_${i}`, status: 'held', reason: 'sender_suspended', organizationId: 'acme', recipient: { userId: 'u1', email: 'u1@acme.example' },
          sender: { kind: 'custom-url', scope: 'global', organizationId: null }, transport: 'http', attemptCount: 1,
        }));
        await h.herald.store.messages.markHeld(key, id);
      }
      await h.herald.store.senders.suspend(key, now);
      const resumed = await h.api().post('/v1/senders/order.submitted/resume').expect(200);
      expect(resumed.body.released).toBe(300);
      expect(await h.herald.store.messages.listHeld(key)).toEqual([]);
      await waitFor(async () => new Set(webhook.sent).size === 300, 10_000, '300 deliveries');
      // a second resume finds nothing left to release
      expect((await h.api().post('/v1/senders/order.submitted/resume').expect(200)).body.released).toBe(0);
    } finally {
      await h.close();
    }
  });
});
