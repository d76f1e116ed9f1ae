import { randomBytes } from 'node:crypto';
import { orderSubmitted, seedRecipient } from '../support/seed';
import { waitFor } from '../support/harness';
import { startRedisServer, removeDir, type RedisProcess } from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import { startRoleHerald, type RoleHerald } from '../support/role-herald';
import { spawnHerald, type HeraldChild } from '../support/spawn-herald';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import type { Store } from '../../src/stores.port';

const EVENTS = 2000;
const WORKER_CONCURRENCY = 50;
const KILL_AFTER_REQUESTS = 300;

/** Posts every event, `concurrency` requests at a time; returns the HTTP statuses. */
async function postAll(url: string, events: object[], concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < events.length; i += concurrency) {
    const batch = events.slice(i, i + concurrency).map(async (event) => {
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      await res.arrayBuffer();
      return res.status;
    });
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

/** Every message with `status`, through the store's pagination. */
async function allMessageIds(store: Store, status: 'sent' | 'pending' | 'failed'): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.messages.list({ status }, 200, cursor);
    ids.push(...page.data.map((m) => m.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('crash: a worker killed mid-delivery', () => {
  let redis: RedisProcess;
  let rx: WebhookReceiver;
  let api: RoleHerald;
  const workers: HeraldChild[] = [];

  beforeAll(async () => {
    redis = await startRedisServer({ appendonly: true });
    rx = await startWebhookReceiver();
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await api?.close();
    await rx?.close();
    await redis?.stop();
    if (redis) removeDir(redis.dir);
  });

  test('when a worker is SIGKILLed with deliveries in flight and another starts, then every message is sent and only in-flight ones arrive twice', async () => {
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: uniquePrefix(),
      // Shared by API and workers: the workers must open the sender's shared key sealed by the API.
      SECRETS_KEY: randomBytes(32).toString('base64'),
      ALLOW_PRIVATE_NETWORK_URLS: 'true',
      RETRY_SCHEDULE: '0.5,1,2',
      WORKER_LOCK_MS: '3000',
    };
    api = await startRoleHerald({ ...env, ROLE: 'api' });
    await api.api().put('/v1/senders/order.submitted').send({ kind: 'custom-url', url: `${rx.url}/hooks/{eventType}` }).expect(201);
    const { userId } = await seedRecipient(api.api());

    const events = Array.from({ length: EVENTS }, (_, i) => orderSubmitted(userId, { id: `evt_crash_${i}`, orderId: `PO-${i}` }));
    const statuses = await postAll(api.url, events, 100);
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    expect(rx.requests).toHaveLength(0);

    const workerEnv = { ...env, ROLE: 'worker', WORKER_CONCURRENCY: String(WORKER_CONCURRENCY), LOG_LEVEL: 'warn' };
    const first = spawnHerald(workerEnv);
    workers.push(first);
    await rx.waitFor(KILL_AFTER_REQUESTS, 30_000);
    const exit = await first.stop('SIGKILL');
    const killedAt = Date.now();
    expect(exit.signal).toBe('SIGKILL');
    const receivedBeforeKill = rx.requests.length;
    expect(receivedBeforeKill).toBeLessThan(EVENTS);

    workers.push(spawnHerald(workerEnv));
    const uniqueIds = () => new Set(rx.requests.map((r) => String(r.headers['webhook-id'])));
    await waitFor(async () => uniqueIds().size >= EVENTS, 60_000, `${EVENTS} distinct webhook-ids`);
    await waitFor(async () => (await allMessageIds(api.herald.store, 'sent')).length === EVENTS, 10_000, 'every message sent');

    // Every event reached the receiver, under the id of its one sent message.
    const sent = await allMessageIds(api.herald.store, 'sent');
    expect(new Set(sent)).toEqual(uniqueIds());
    const eventIds = new Set(rx.requests.map((r) => (JSON.parse(r.body) as { eventId: string }).eventId));
    expect(eventIds).toEqual(new Set(events.map((e) => e.id)));
    expect(await allMessageIds(api.herald.store, 'pending')).toEqual([]);
    expect(await allMessageIds(api.herald.store, 'failed')).toEqual([]);
    const pendingViaApi = await api.api().get('/v1/messages?status=pending').expect(200);
    expect(pendingViaApi.body.data).toEqual([]);
    const stored = await Promise.all(events.map((e) => api.herald.store.events.get(e.id ?? '')));
    expect(stored.filter((e) => e?.status !== 'processed')).toEqual([]);

    // Duplicates are only the deliveries in flight when the worker died.
    const firstSeen = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const r of rx.requests) {
      const id = String(r.headers['webhook-id']);
      if (!firstSeen.has(id)) firstSeen.set(id, r.at);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const duplicated = [...counts].filter(([, n]) => n > 1);
    expect(duplicated.every(([, n]) => n === 2)).toBe(true);
    expect(duplicated.length).toBeLessThanOrEqual(WORKER_CONCURRENCY);
    expect(duplicated.filter(([id]) => (firstSeen.get(id) ?? Infinity) > killedAt)).toEqual([]);
    process.stdout.write(`crash test: ${receivedBeforeKill} requests before the kill, ${duplicated.length} delivered twice, ${rx.requests.length} in all\n`);
  }, 120_000);
});
