import { Redis } from 'ioredis';
import { AppError } from '../../src/shared/errors';
import { redisKeys } from '../../src/store/redis/keys';
import { connectRedisStore } from '../../src/store/redis/redis.store';
import type { Store } from '../../src/stores.port';
import { removeDir, startRedisServer, type RedisProcess } from '../support/redis-server';
import { testRedisUrl, uniquePrefix } from '../support/redis';
import { eventRecord, messageRecord } from '../fixtures/records';
import { describeStoreContract } from './store.contract';

/** Deletes every key under the prefix (SCAN, so other suites' keys are untouched). */
async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

describeStoreContract('RedisStore', async () => {
  const prefix = uniquePrefix();
  const store = await connectRedisStore(testRedisUrl(), prefix, 30);
  return {
    store,
    cleanup: async () => {
      const admin = new Redis(testRedisUrl());
      await dropPrefix(admin, prefix);
      await admin.quit();
      await store.close();
    },
  };
});

/** Writes one of everything through the store. */
async function writeOneOfEach(store: Store): Promise<void> {
  await store.directory.putOrganization('org-1', { name: 'Acme', active: true });
  await store.directory.putUser('u-1', { organizationId: 'org-1', email: 'u@example.com', firstName: '', lastName: '', active: true });
  await store.senders.putConfig({ eventType: 'order.submitted', scope: 'global', organizationId: null, config: { kind: 'disabled' } });
  await store.senders.recordFailure('global:order.submitted', new Date());
  await store.templates.put('tpl', { subject: 'S', mjml: '<mjml/>' });
  await store.events.create(eventRecord('evt_1'));
  await store.messages.create(messageRecord('msg_1', { eventId: 'evt_1' }));
  await store.messages.update('msg_1', { status: 'held' });
  await store.messages.markHeld('global:order.submitted', 'msg_1');
  await store.messages.appendAttempt('msg_1', { number: 1, startedAt: new Date().toISOString(), durationMs: 1, outcome: 'transient', statusCode: null, error: 'x', response: null });
  await store.outbox.put({ messageId: 'msg_1', eventId: 'evt_1', type: 'order.submitted', from: { email: 'a@example.com', name: 'A' }, to: { email: 'b@example.com', name: 'B' }, cc: [], subject: 's', html: 'h', text: 't', createdAt: new Date().toISOString() });
}

describe('RedisStore on its own server', () => {
  let server: RedisProcess;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
    removeDir(server.dir);
  });

  it('when traffic is stored, then events, messages, attempts, outbox and held keys expire after the retention, and the rest does not', async () => {
    const prefix = uniquePrefix();
    const store = await connectRedisStore(server.url, prefix, 2);
    await writeOneOfEach(store);
    const k = redisKeys(prefix);
    const retention = 2 * 86_400;
    for (const key of [k.event('evt_1'), k.message('msg_1'), k.outbox('msg_1'), k.held('global:order.submitted'), k.messageTypes(), k.messagesByType('order.submitted')]) {
      const ttl = await admin.ttl(key);
      expect([key, ttl > retention - 60 && ttl <= retention]).toEqual([key, true]);
    }
    // attempts live in the message's value, its event's message ids in the event's value
    expect(await admin.exists(k.attempts('msg_1'), k.eventMessages('evt_1'), k.messagesAll())).toBe(0);
    for (const key of [k.organization('org-1'), k.user('u-1'), k.senderConfigs(), k.senderState('global:order.submitted'), k.template('tpl')]) {
      expect([key, await admin.ttl(key)]).toEqual([key, -1]);
    }
    await store.close();
  });

  it('when everything is written, then every key starts with the prefix', async () => {
    await admin.flushall();
    const prefix = uniquePrefix();
    const store = await connectRedisStore(server.url, prefix, 1);
    await writeOneOfEach(store);
    const keys = await admin.keys('*');
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((key) => !key.startsWith(`${prefix}:`))).toEqual([]);
    await store.close();
  });

  it('when Redis stops, then calls fail fast as unavailable, and when it returns the same store works again', async () => {
    const store = await connectRedisStore(server.url, uniquePrefix(), 1);
    await store.events.create(eventRecord('evt_before'));
    await server.stop();

    const started = Date.now();
    const error = await store.events.get('evt_before').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unavailable', status: 503, retryable: true });
    await expect(store.events.create(eventRecord('evt_during'))).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2000);

    server = await startRedisServer({ port: server.port, dir: server.dir });
    admin.disconnect();
    admin = new Redis(server.url);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(await store.ping().then(() => true, () => false))) await new Promise((r) => setTimeout(r, 100));
    expect(await store.events.create(eventRecord('evt_after'))).toEqual({ created: true });
    expect(await store.events.get('evt_after')).toMatchObject({ id: 'evt_after' });
    await store.close();
  });
});

describe('RedisStore encoding', () => {
  test('when a message or an event was written by an earlier version (bare JSON), then it still reads, compares and updates', async () => {
    const prefix = uniquePrefix();
    const admin = new Redis(testRedisUrl());
    const store = await connectRedisStore(testRedisUrl(), prefix, 1);
    try {
      const keys = redisKeys(prefix);
      const { version: _v, ...legacyMessage } = messageRecord('msg_old');
      await admin.set(keys.message('msg_old'), JSON.stringify(legacyMessage));
      await admin.set(keys.event('evt_old'), JSON.stringify(eventRecord('evt_old', { status: 'processed' })));
      const read = await store.messages.get('msg_old');
      expect(read).toMatchObject({ id: 'msg_old', status: 'pending', version: 0 });
      expect(await store.messages.updateIf('msg_old', read!, { status: 'sent' })).toMatchObject({ status: 'sent', version: 1 });
      expect(await store.messages.get('msg_old')).toMatchObject({ status: 'sent', version: 1 });
      expect(await store.events.get('evt_old')).toMatchObject({ id: 'evt_old', status: 'processed' });
    } finally {
      await dropPrefix(admin, prefix);
      await admin.quit();
      await store.close();
    }
  });

  test('when organizations and users were written before the directory indexes existed, then the first listing finds them', async () => {
    const prefix = uniquePrefix();
    const admin = new Redis(testRedisUrl());
    const store = await connectRedisStore(testRedisUrl(), prefix, 1);
    try {
      const keys = redisKeys(prefix);
      const stamp = new Date().toISOString();
      await admin.set(keys.organization('org:old'), JSON.stringify({ id: 'org:old', name: 'Old', active: true, createdAt: stamp, updatedAt: stamp }));
      await admin.set(keys.user('u-old'), JSON.stringify({ id: 'u-old', organizationId: 'org:old', email: 'old@example.com', firstName: '', lastName: '', active: true, createdAt: stamp, updatedAt: stamp }));
      await store.directory.putOrganization('org-new', { name: 'New', active: true });
      expect((await store.directory.listOrganizations({ limit: 10 })).data.map((o) => o.id)).toEqual(['org-new', 'org:old']);
      expect((await store.directory.listUsers({ limit: 10 })).data.map((u) => u.id)).toEqual(['u-old']);
      expect(await admin.get(keys.directoryIndexed())).toBe('1');
    } finally {
      await dropPrefix(admin, prefix);
      await admin.quit();
      await store.close();
    }
  });

  test('when an event is marked processed, then only its status prefix changes, whatever the data holds', async () => {
    const prefix = uniquePrefix();
    const admin = new Redis(testRedisUrl());
    const store = await connectRedisStore(testRedisUrl(), prefix, 1);
    try {
      // data that spells the old script's search string must not be touched
      const event = eventRecord('evt_tricky', { data: { userId: 'u', note: '"status":"accepted"' } });
      await store.events.create(event);
      const before = await admin.getBuffer(redisKeys(prefix).event('evt_tricky'));
      await store.events.markProcessed('evt_tricky');
      expect(await store.events.get('evt_tricky')).toEqual({ ...event, status: 'processed' });
      const after = await admin.getBuffer(redisKeys(prefix).event('evt_tricky'));
      expect(after?.toString('latin1', 0, 2)).toBe('p|');
      expect(after?.subarray(1)).toEqual(before?.subarray(1));
    } finally {
      await dropPrefix(admin, prefix);
      await admin.quit();
      await store.close();
    }
  });
});
