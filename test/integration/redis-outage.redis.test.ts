import { randomBytes } from 'node:crypto';
import { orderSubmitted, seedRecipient } from '../support/seed';
import { waitFor } from '../support/harness';
import { startRedisServer, removeDir, type RedisProcess } from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import { startRoleHerald, type RoleHerald } from '../support/role-herald';

interface EventView {
  status: string;
  messages: { id: string; status: string; transport: string; attemptCount: number }[];
}

/** Times one call, in ms. */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await call();
  return { value, ms: Date.now() - start };
}

describe('Redis outage', () => {
  let redis: RedisProcess;
  let herald: RoleHerald;
  let userId: string;

  const post = (event: object) => herald.api().post('/v1/events').send(event);
  const sentEvent = (id: string) =>
    waitFor(async () => {
      const res = await herald.api().get(`/v1/events/${id}`);
      const view = res.body as EventView;
      return res.status === 200 && view.status === 'processed' && view.messages.every((m) => m.status === 'sent') ? view : null;
    }, 15_000, `event ${id} processed and sent`);

  beforeAll(async () => {
    redis = await startRedisServer({ appendonly: true });
    herald = await startRoleHerald({ REDIS_URL: redis.url, REDIS_PREFIX: uniquePrefix(), SECRETS_KEY: randomBytes(32).toString('base64'), ROLE: 'all', WORKER_CONCURRENCY: '5' });
    ({ userId } = await seedRecipient(herald.api()));
  });

  afterAll(async () => {
    await herald?.close();
    await redis?.stop();
    if (redis) removeDir(redis.dir);
  });

  test('when Redis stops and comes back, then ingest answers 503 with Retry-After meanwhile and recovers by itself, losing and doubling nothing', async () => {
    await post(orderSubmitted(userId, { id: 'evt_before' })).expect(202);
    await sentEvent('evt_before');

    await redis.stop();
    const down = await timed(() => post(orderSubmitted(userId, { id: 'evt_during' })));
    expect(down.value.status).toBe(503);
    expect(down.value.headers['retry-after']).toMatch(/^\d+$/);
    expect(down.value.body.error.code).toBe('unavailable');
    expect(down.ms).toBeLessThan(3000);
    const again = await timed(() => post(orderSubmitted(userId)));
    expect(again.value.status).toBe(503);
    expect(again.ms).toBeLessThan(3000);

    const ready = await timed(() => herald.api().get('/readyz'));
    expect(ready.value.status).toBe(503);
    expect(ready.value.body.checks.store).toMatch(/^unavailable/);
    expect(ready.value.body.checks.queue).toMatch(/^unavailable/);
    expect(ready.ms).toBeLessThan(3000);

    redis = await startRedisServer({ port: redis.port, dir: redis.dir, appendonly: true });
    await waitFor(async () => (await herald.api().get('/readyz')).status === 200, 15_000, '/readyz 200 after Redis returns');

    // The client retries the event that got a 503: stored and processed once.
    await post(orderSubmitted(userId, { id: 'evt_during' })).expect(202);
    await post(orderSubmitted(userId, { id: 'evt_after' })).expect(202);
    const during = await sentEvent('evt_during');
    await sentEvent('evt_after');
    expect(during.messages).toHaveLength(1);
    expect(during.messages[0]).toMatchObject({ status: 'sent', transport: 'outbox', attemptCount: 1 });
    const repost = await post(orderSubmitted(userId, { id: 'evt_during' })).expect(200);
    expect(repost.body).toMatchObject({ id: 'evt_during', duplicate: true });

    // What was acknowledged before the outage survived it (AOF), and nothing went out twice.
    const before = await herald.api().get('/v1/events/evt_before').expect(200);
    expect(before.body.status).toBe('processed');
    const outbox = await herald.api().get('/v1/outbox').expect(200);
    const entries = (outbox.body.data ?? outbox.body) as { messageId: string }[];
    const duringId = during.messages[0]?.id;
    expect(entries.filter((e) => e.messageId === duringId)).toHaveLength(1);
  }, 60_000);
});
