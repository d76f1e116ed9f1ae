import { Redis } from 'ioredis';
import type { AttemptRecord } from '../../src/delivery/message.record';
import { builtinEventTypes } from '../../src/event-types/catalog';
import { timeMs } from '../../src/store/cursor';
import { redisKeys } from '../../src/store/redis/keys';
import { RedisOutbox } from '../../src/store/redis/outbox';
import { connectRedisStore } from '../../src/store/redis/redis.store';
import type { Store } from '../../src/stores.port';
import { at, eventRecord, messageRecord } from '../fixtures/records';
import { dumpObject, dumpRedis, occurs } from '../support/leak-search';
import { testRedisUrl, uniquePrefix } from '../support/redis';
import { removeDir, startRedisServer, type RedisProcess } from '../support/redis-server';
import { orderSubmitted } from '../support/seed';

function attempt(number: number, over: Partial<AttemptRecord> = {}): AttemptRecord {
  return { number, startedAt: at(number * 1000), durationMs: 12, outcome: 'transient', statusCode: 503, error: 'busy', response: null, ...over };
}

/** A store on its own prefix, a plain client beside it, and cleanup of both. */
async function withStore(url: string, body: (store: Store, admin: Redis, prefix: string) => Promise<void>): Promise<void> {
  const prefix = uniquePrefix();
  const admin = new Redis(url);
  const store = await connectRedisStore(url, prefix, 30);
  try {
    await body(store, admin, prefix);
  } finally {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
    await store.close();
  }
}

describe('RedisStore values written before the compact encoding', () => {
  test('when a message, its attempts list, its event and the event\'s message set are in the earlier forms, then they read, update and gain new data correctly', async () => {
    await withStore(testRedisUrl(), async (store, admin, prefix) => {
      const k = redisKeys(prefix);
      const old = messageRecord('msg_old', { eventId: 'evt_old', createdAt: at(5), updatedAt: at(6), version: 3 });
      const { version: _v, ...oldJson } = old;
      const { status: _s, ...eventJson } = eventRecord('evt_old');
      await admin.set(k.message('msg_old'), `3|${JSON.stringify(oldJson)}`, 'EX', 3600);
      await admin.rpush(k.attempts('msg_old'), JSON.stringify(attempt(1)));
      await admin.set(k.event('evt_old'), `a|${JSON.stringify(eventJson)}`, 'EX', 3600);
      await admin.zadd(k.eventMessages('evt_old'), timeMs(old.createdAt), 'msg_old');
      for (const index of [k.messagesAll(), k.messagesByType(old.type), k.messagesByStatus('pending'), k.messagesByOrg('org-1')]) await admin.zadd(index, timeMs(old.createdAt), 'msg_old');

      expect(await store.messages.get('msg_old')).toEqual(old);
      expect(await store.messages.listAttempts('msg_old')).toEqual([attempt(1)]);
      expect(await store.events.get('evt_old')).toEqual(eventRecord('evt_old'));

      // settled from a stale copy: the compare fails once, the attempt still lands once
      await store.messages.update('msg_old', { lastError: 'meanwhile' });
      const settled = await store.messages.update('msg_old', { status: 'sent', attemptCount: 2 }, old, attempt(2));
      expect(settled).toMatchObject({ status: 'sent', attemptCount: 2, lastError: 'meanwhile', version: 5 });
      await store.messages.appendAttempt('msg_old', attempt(3, { outcome: 'success', statusCode: 200, error: null, response: '{"ok":true}' }));
      expect((await store.messages.listAttempts('msg_old')).map((a) => a.number)).toEqual([1, 2, 3]);
      expect((await admin.getBuffer(k.message('msg_old')))?.toString('latin1')).toMatch(/^5\|\d+\|\[1,/);
      expect(await store.messages.count('sent')).toBe(1);
      expect(await store.messages.count('pending')).toBe(0);

      // a new message of the old event: recorded in the event's value, listed with the old one
      await store.messages.create(messageRecord('msg_new', { eventId: 'evt_old', createdAt: at(9) }), { markEventProcessed: true });
      expect((await store.messages.listForEvent('evt_old')).map((m) => m.id)).toEqual(['msg_old', 'msg_new']);
      expect(await store.events.get('evt_old')).toEqual({ ...eventRecord('evt_old'), status: 'processed' });
      expect(await admin.get(k.event('evt_old'))).toMatch(/^p\|msg_new\|\{/);
      // listed in full (the type indexes written before the set of types are found) and counted once
      expect((await store.messages.list({}, 10)).data.map((m) => m.id)).toEqual(['msg_new', 'msg_old']);
      expect(await store.messages.count('sent')).toBe(1);
    });
  });

  test('when values are bare JSON (before any prefix), then they read and update, and the event\'s messages go to its set', async () => {
    await withStore(testRedisUrl(), async (store, admin, prefix) => {
      const k = redisKeys(prefix);
      const { version: _v, ...bare } = messageRecord('msg_bare', { eventId: 'evt_bare' });
      await admin.set(k.message('msg_bare'), JSON.stringify(bare));
      await admin.set(k.event('evt_bare'), JSON.stringify(eventRecord('evt_bare', { status: 'processed' })));
      const read = await store.messages.get('msg_bare');
      expect(read).toMatchObject({ id: 'msg_bare', version: 0 });
      expect(await store.messages.updateIf('msg_bare', read!, { status: 'failed' })).toMatchObject({ status: 'failed', version: 1 });
      expect(await store.messages.get('msg_bare')).toEqual({ ...messageRecord('msg_bare', { eventId: 'evt_bare', status: 'failed', version: 1 }), updatedAt: expect.any(String) });
      await store.messages.create(messageRecord('msg_bare2', { eventId: 'evt_bare', createdAt: at(3) }));
      expect((await store.messages.listForEvent('evt_bare')).map((m) => m.id)).toEqual(['msg_bare2']);
      expect(await admin.zrange(k.eventMessages('evt_bare'), 0, -1)).toEqual(['msg_bare2']);
      expect(await store.events.get('evt_bare')).toEqual(eventRecord('evt_bare', { status: 'processed' }));
    });
  });

  test('when the old sent index holds a message that is replayed and sent again, then it is counted once', async () => {
    await withStore(testRedisUrl(), async (store, admin, prefix) => {
      const k = redisKeys(prefix);
      const sent = messageRecord('msg_was_sent', { status: 'sent', createdAt: new Date().toISOString() });
      const { version: _v, ...json } = sent;
      await admin.set(k.message(sent.id), `2|${JSON.stringify(json)}`);
      for (const index of [k.messagesAll(), k.messagesByStatus('sent'), k.messagesByType(sent.type)]) await admin.zadd(index, timeMs(sent.createdAt), sent.id);
      expect(await store.messages.count('sent')).toBe(1);
      await store.messages.update(sent.id, { status: 'pending' });
      expect([await store.messages.count('sent'), await store.messages.count('pending')]).toEqual([0, 1]);
      expect((await store.messages.list({ status: 'sent' }, 10)).data).toEqual([]);
      await store.messages.update(sent.id, { status: 'sent' });
      expect([await store.messages.count('sent'), await store.messages.count('pending')]).toEqual([1, 0]);
      expect(await store.messages.countCreatedSince('sent', new Date(Date.now() - 60_000))).toBe(1);
      expect((await store.messages.list({ status: 'sent' }, 10)).data.map((m) => m.id)).toEqual([sent.id]);
    });
  });
});

describe('RedisStore dev outbox', () => {
  test('when more entries are put than are kept, then the oldest go, index entry and body', async () => {
    await withStore(testRedisUrl(), async (_store, admin, prefix) => {
      const k = redisKeys(prefix);
      const outbox = new RedisOutbox(admin, k, 86_400, 3);
      for (let i = 1; i <= 5; i++) {
        await outbox.put({
          messageId: `msg_${i}`, eventId: 'evt_1', type: 'order.submitted', from: { email: 'a@example.com', name: 'A' },
          to: { email: 'b@example.com', name: 'B' }, cc: [], subject: `s${i}`, html: '<p>h</p>', text: 't', createdAt: at(i),
        });
      }
      expect((await outbox.list(10)).map((e) => e.messageId)).toEqual(['msg_5', 'msg_4', 'msg_3']);
      expect(await outbox.get('msg_1')).toBeNull();
      expect(await admin.exists(k.outbox('msg_1'), k.outbox('msg_2'))).toBe(0);
      expect(await admin.zcard(k.outboxIndex())).toBe(3);
    });
  });
});

describe('leak search over compressed values', () => {
  test('when a secret is planted inside a compressed event, variables and an attempt, then the search finds each, and the raw bytes alone would not', async () => {
    await withStore(testRedisUrl(), async (store, admin, prefix) => {
      const inEvent = 'PLANTED-EVENT-SECRET-4711';
      const inVariables = 'PLANTED-VARIABLE-SECRET-0815';
      const inAttempt = 'PLANTED-ATTEMPT-SECRET-2342';
      await store.events.create(eventRecord('evt_s', { data: { userId: 'u', verificationCode: inEvent } }));
      const created = (await store.messages.create(messageRecord('msg_s', { eventId: 'evt_s', variables: { code: inVariables, products: [] } }))).message;
      await store.messages.update('msg_s', { status: 'failed' }, created, attempt(1, { error: `receiver said ${inAttempt}`, outcome: 'permanent' }));

      const raw = (await Promise.all((await admin.keys(`${prefix}:*`)).map(async (key) => (await admin.getBuffer(key).catch(() => null))?.toString('latin1') ?? ''))).join('\n');
      expect([inEvent, inVariables].filter((secret) => raw.includes(secret))).toEqual([]);

      const dump = await dumpRedis(testRedisUrl(), prefix);
      const all = dumpObject(dump, false);
      expect([inEvent, inVariables, inAttempt].filter((secret) => !occurs(all, secret))).toEqual([]);
      // event data and variables hold the event's secrets by design and may be left out; an attempt may not
      const withoutEventRecords = dumpObject(dump, true);
      expect([inEvent, inVariables, inAttempt].map((secret) => occurs(withoutEventRecords, secret))).toEqual([false, false, true]);
    });
  });
});

describe('RedisStore capacity', () => {
  let server: RedisProcess;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dir);
  });

  // Measured when written (500 messages, ids as long as Herald's): 1,430 bytes for Mandrill, 1,020 for
  // custom-url. Before the compact encoding: 4,900 and 3,300 bytes, and 4 keys.
  test.each([
    ['Mandrill', true, '[{"email":"bench@bench.example","status":"sent","_id":"fake17962041606010","reject_reason":null}]', 1536],
    ['custom-url', false, '{"ok":true}', 1200],
  ] as const)('when 500 order.submitted %s messages are created, claimed and settled through the store, then each costs at most its bound in bytes and 2 keys with its event', async (_kind, withVariables, reply, bound) => {
    const catalog = builtinEventTypes();
    const user = { id: 'u1', organizationId: 'o1', email: 'bench@bench.example', firstName: 'Ada', lastName: 'Lovelace', username: 'ada', active: true, createdAt: at(0), updatedAt: at(0) };
    const organization = { id: 'o1', name: 'Bench Org', active: true, createdAt: at(0), updatedAt: at(0) };
    const admin = new Redis(server.url);
    // its own server, emptied after: the default prefix, as long as a deployment's
    const store = await connectRedisStore(server.url, 'herald', 30);
    try {
      const send = async (i: number) => {
        const body = orderSubmitted('u1', { id: `evt_${i}` });
        const now = new Date();
        const eventId = `evt_01m8v1rr${String(i).padStart(14, '0')}`;
        await store.events.create({ id: eventId, type: 'order.submitted', status: 'accepted', occurredAt: body.occurredAt, receivedAt: now.toISOString(), data: body.data });
        const variables = withVariables ? catalog.resolveVariables('order.submitted', body.data, { user, organization, now }) : null;
        const message = messageRecord(`msg_01m8v1rr${String(i).padStart(14, '0')}`, {
          eventId, organizationId: 'o1', recipient: { userId: 'u1', email: user.email }, variables, createdAt: now.toISOString(), updatedAt: now.toISOString(),
        });
        const created = (await store.messages.create(message, { markEventProcessed: true })).message;
        const claimed = await store.messages.updateIf(created.id, created, { leaseUntil: new Date(now.getTime() + 30_000).toISOString(), attemptCount: 1 });
        const settled: AttemptRecord = { number: 1, startedAt: now.toISOString(), durationMs: 57, outcome: 'success', statusCode: 200, error: null, response: reply };
        await store.messages.update(created.id, { status: 'sent', transport: withVariables ? 'mandrill' : 'http', leaseUntil: null }, claimed ?? undefined, settled);
      };
      await send(-1); // the indexes exist before measuring
      const used = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
      const [memory0, keys0] = [await used(), await admin.dbsize()];
      const N = Number(process.env.CAPACITY_N ?? 500);
      for (let i = 0; i < N; i += 30) await Promise.all(Array.from({ length: Math.min(30, N - i) }, (_, j) => send(i + j)));
      const [memory1, keys1] = [await used(), await admin.dbsize()];
      const perMessage = (memory1 - memory0) / N;
      const [last] = (await store.messages.list({ status: 'sent' }, 1)).data;
      expect(last).toMatchObject({ status: 'sent', variables: withVariables ? expect.objectContaining({ orderid: 'PO-1001' }) : null });
      expect(await store.messages.listAttempts(last?.id ?? '')).toEqual([expect.objectContaining({ outcome: 'success', response: reply })]);
      expect((keys1 - keys0) / N).toBe(2);
      // about 1,300 when written; 4,900 before the compact encoding
      if (process.env.CAPACITY_DEBUG) {
        const usage: Record<string, number> = {};
        for (const key of await admin.keys('*')) {
          const group = key.replace(/:(evt|msg)_.*$/, ':*');
          usage[group] = (usage[group] ?? 0) + Number(await admin.memory('USAGE', key));
        }
        console.log(perMessage, Object.fromEntries(Object.entries(usage).map(([g, b]) => [g, Math.round(b / N)])));
      }
      expect(perMessage).toBeLessThan(bound);
    } finally {
      await admin.flushall();
      admin.disconnect();
      await store.close();
    }
  });
});
