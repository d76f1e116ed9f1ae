import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { checkHealth } from '../../src/healthcheck';
import { waitFor } from '../support/harness';
import { sample } from '../support/prometheus';
import { orderSubmitted, seedRecipient } from '../support/seed';
import { testRedisUrl, uniquePrefix } from '../support/redis';
import { startRoleHerald, type RoleHerald } from '../support/role-herald';
import { spawnHerald, type HeraldChild } from '../support/spawn-herald';
import { waitForIdle } from '../support/idle';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';


/** Sent messages settled by one Herald process, from its own Prometheus counter. */
async function sentBy(node: RoleHerald): Promise<number> {
  const metric = await node.herald.metrics.messagesSettled.get();
  return metric.values.filter((v) => v.labels.status === 'sent').reduce((sum, v) => sum + v.value, 0);
}

describe('roles: API and worker processes on one Redis', () => {
  let rx: WebhookReceiver;
  let env: Record<string, string>;
  const nodes: RoleHerald[] = [];
  const children: HeraldChild[] = [];

  const start = async (role: 'api' | 'worker', extra: Record<string, string> = {}) => {
    const node = await startRoleHerald({ ...env, ROLE: role, ...extra });
    nodes.push(node);
    return node;
  };
  const eventStatus = async (api: RoleHerald, id: string) => (await api.api().get(`/v1/events/${id}`).expect(200)).body as {
    status: string;
    messages: { id: string; status: string; attemptCount: number }[];
  };

  beforeEach(async () => {
    rx = await startWebhookReceiver();
    env = { REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), SECRETS_KEY: randomBytes(32).toString('base64'), WORKER_CONCURRENCY: '10' };
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.stop('SIGKILL')));
    await Promise.all(nodes.splice(0).map((n) => n.close()));
    await rx.close();
  });

  /** An API node with a custom-url sender pointing at the receiver and one recipient. */
  async function apiWithReceiver(): Promise<{ api: RoleHerald; userId: string }> {
    const api = await start('api');
    await api.api().put('/v1/senders/order.submitted').send({ kind: 'custom-url', url: `${rx.url}/hooks` }).expect(201);
    const { userId } = await seedRecipient(api.api());
    return { api, userId };
  }

  test('when only an API process runs, then events are accepted and wait; when two workers join, then each message is sent exactly once', async () => {
    const { api, userId } = await apiWithReceiver();
    const early = Array.from({ length: 20 }, (_, i) => `evt_early_${i}`);
    for (const id of early) await api.api().post('/v1/events').send(orderSubmitted(userId, { id })).expect(202);
    // No consumer exists yet, so there is no idle to wait for: give a stray one time to act.
    await new Promise((r) => setTimeout(r, 500));
    expect(rx.requests).toHaveLength(0);
    expect((await eventStatus(api, early[0] ?? '')).status).toBe('accepted');
    expect(await api.herald.queue.counts()).toMatchObject({ waiting: early.length });

    const workers = [await start('worker'), await start('worker')];
    const late = Array.from({ length: 200 }, (_, i) => `evt_late_${i}`);
    await Promise.all(late.map((id) => api.api().post('/v1/events').send(orderSubmitted(userId, { id })).expect(202)));
    const all = [...early, ...late];
    await rx.waitFor(all.length, 20_000);
    await waitForIdle(api.herald);

    const ids = rx.requests.map((r) => String(r.headers['webhook-id']));
    expect(new Set(ids).size).toBe(all.length);
    expect(ids).toHaveLength(all.length);
    for (const id of all) {
      const event = await eventStatus(api, id);
      expect(event).toMatchObject({ status: 'processed', messages: [{ status: 'sent', attemptCount: 1 }] });
    }
    const perWorker = await Promise.all(workers.map(sentBy));
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(perWorker.every((n) => n > 0)).toBe(true);
  }, 60_000);

  test('when a worker has METRICS_PORT, then it serves /healthz, /readyz and a /metrics with the deliveries it made', async () => {
    const { api, userId } = await apiWithReceiver();
    const worker = await start('worker', { METRICS_PORT: '0' });
    expect(worker.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await api.api().post('/v1/events').send(orderSubmitted(userId, { id: 'evt_worker_metrics' })).expect(202);
    await rx.waitFor(1, 10_000);
    const metrics = request(worker.metricsUrl);
    const page = await waitFor(async () => {
      const text = (await metrics.get('/metrics').expect(200)).text;
      return sample(text, 'herald_messages_total', { sender_kind: 'custom-url', status: 'sent' }) === 1 && text;
    }, 5000, 'the delivery counted on the worker');
    expect(sample(page, 'herald_attempt_duration_seconds_count', { sender_kind: 'custom-url', outcome: 'success' })).toBe(1);
    expect(sample(page, 'herald_queue_jobs', { state: 'waiting' })).toEqual(expect.any(Number));
    // the API process delivered nothing, so it has no delivery to count
    const apiPage = (await api.api().get('/metrics').expect(200)).text;
    expect(sample(apiPage, 'herald_messages_total', { sender_kind: 'custom-url', status: 'sent' })).toBeUndefined();

    expect((await metrics.get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    // the container healthcheck finds it from the same environment
    const metricsPort = new URL(worker.metricsUrl).port;
    expect(await checkHealth({ ...env, ROLE: 'worker', METRICS_PORT: metricsPort })).toMatchObject({ healthy: true });
    expect((await metrics.get('/readyz').expect(200)).body).toEqual({ status: 'ready', checks: { store: 'ok', queue: 'ok' } });
    const other = await metrics.get('/v1/events/evt_worker_metrics').expect(404);
    expect(other.body.error).toMatchObject({ code: 'not_found' });
  });

  test('when a worker has no METRICS_PORT, then it opens no port', async () => {
    const worker = await start('worker');
    expect(worker.metricsUrl).toBe('');
    expect(worker.server).toBeNull();
  });

  test('when a worker process gets SIGTERM during slow deliveries, then it finishes them and exits 0', async () => {
    const { api, userId } = await apiWithReceiver();
    rx.respondWith(200, { times: 5, delayMs: 1000 });
    const worker = spawnHerald({ ...env, ROLE: 'worker', ALLOW_PRIVATE_NETWORK_URLS: 'true', LOG_LEVEL: 'info' });
    children.push(worker);
    const ids = Array.from({ length: 5 }, (_, i) => `evt_slow_${i}`);
    await Promise.all(ids.map((id) => api.api().post('/v1/events').send(orderSubmitted(userId, { id })).expect(202)));
    await rx.waitFor(ids.length, 20_000);

    const signalledAt = Date.now();
    const exit = await worker.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(worker.stdout()).toContain('"msg":"stopped"');
    for (const id of ids) {
      expect(await eventStatus(api, id)).toMatchObject({ messages: [{ status: 'sent', attemptCount: 1 }] });
    }
    expect(rx.requests).toHaveLength(ids.length);
  }, 60_000);
});
