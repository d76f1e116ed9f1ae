import type { AttemptRecord, MessageRecord, OutboxEntry } from '../../src/delivery/message.record';
import { at, eventRecord, messageRecord } from '../fixtures/records';
import { AppError } from '../../src/shared/errors';
import type { MessageFilter } from '../../src/delivery/message.store';
import type { Store } from '../../src/stores.port';
import { FAILURE_HISTORY_MS } from '../../src/senders/sender.store';

export interface StoreHarness {
  store: Store;
  cleanup(): Promise<void>;
}

function attempt(number: number): AttemptRecord {
  return { number, startedAt: at(number * 1000), durationMs: 12, outcome: 'transient', statusCode: 503, error: 'busy', response: null };
}

function outboxEntry(messageId: string, offsetMs: number): OutboxEntry {
  return {
    messageId, eventId: 'evt_1', type: 'order.submitted', from: { email: 'no-reply@example.com', name: 'Herald' },
    to: { email: 'buyer@example.com', name: 'Bea Buyer' }, cc: [], subject: `Order ${messageId}`,
    html: '<p>hi</p>', text: 'hi', createdAt: at(offsetMs),
  };
}

/** Reads every page of a listing, returning the pages' ids. */
async function allPages(store: Store, filter: MessageFilter, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.messages.list(filter, limit, cursor);
    pages.push(page.data.map((m) => m.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

/**
 * The behaviour every `Store` implementation must have. `factory` gives each test a fresh,
 * empty store.
 */
export function describeStoreContract(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => harness.cleanup());

    describe('directory', () => {
      it('when an organization is put twice, then the first is created and the second replaces it keeping createdAt', async () => {
        const first = await store.directory.putOrganization('org-1', { name: 'Acme', active: true });
        expect(first).toMatchObject({ created: true, value: { id: 'org-1', name: 'Acme', active: true } });
        const second = await store.directory.putOrganization('org-1', { name: 'Acme Corp', active: false });
        expect(second.created).toBe(false);
        expect(second.value.createdAt).toBe(first.value.createdAt);
        expect(await store.directory.getOrganization('org-1')).toEqual(second.value);
      });

      it('when a user is put, read and deleted, then reads after the delete find nothing', async () => {
        const put = await store.directory.putUser('u-1', { organizationId: 'org-1', email: 'u@example.com', firstName: 'U', lastName: 'One', active: true });
        expect(put.created).toBe(true);
        expect(await store.directory.getUser('u-1')).toEqual(put.value);
        expect(await store.directory.deleteUser('u-1')).toBe(true);
        expect(await store.directory.getUser('u-1')).toBeNull();
        expect(await store.directory.deleteUser('u-1')).toBe(false);
      });

      it('when several users are read at once, then each comes back in the order asked, unknown ids as null', async () => {
        const a = await store.directory.putUser('u-a', { organizationId: 'org-1', email: 'a@example.com', firstName: 'A', lastName: 'A', active: true });
        const b = await store.directory.putUser('u-b', { organizationId: 'org-1', email: 'b@example.com', firstName: 'B', lastName: 'B', active: false });
        expect(await store.directory.getUsers(['u-b', 'nope', 'u-a', 'u-b'])).toEqual([b.value, null, a.value, b.value]);
        expect(await store.directory.getUsers([])).toEqual([]);
      });

      it('when ids are unknown, then reads give null and deletes give false', async () => {
        expect(await store.directory.getOrganization('nope')).toBeNull();
        expect(await store.directory.deleteOrganization('nope')).toBe(false);
        expect(await store.directory.getUser('nope')).toBeNull();
      });

      it('when a caller changes a value it got back, then the stored value stays as it was', async () => {
        const { value } = await store.directory.putOrganization('org-1', { name: 'Acme', active: true });
        value.name = 'changed';
        const read = await store.directory.getOrganization('org-1');
        if (read) read.active = false;
        expect(await store.directory.getOrganization('org-1')).toMatchObject({ name: 'Acme', active: true });
      });
    });

    describe('directory listings', () => {
      it('when organizations and users are listed, then they come in id order, searchable and paged, and deletes leave the list', async () => {
        for (const [id, name] of [['org-b', 'Bolt Supply'], ['org-a', 'Acme Hardware'], ['org-c', 'Crane Tools']]) {
          await store.directory.putOrganization(id, { name, active: true });
        }
        await store.directory.putOrganization('org-a', { name: 'Acme Hardware', active: false });
        const all = await store.directory.listOrganizations({ limit: 10 });
        expect(all.data.map((o) => [o.id, o.active])).toEqual([['org-a', false], ['org-b', true], ['org-c', true]]);
        expect(all.nextCursor).toBeNull();
        const first = await store.directory.listOrganizations({ limit: 2 });
        expect(first.data.map((o) => o.id)).toEqual(['org-a', 'org-b']);
        const second = await store.directory.listOrganizations({ limit: 2, cursor: first.nextCursor ?? undefined });
        expect(second).toEqual({ data: [expect.objectContaining({ id: 'org-c' })], nextCursor: null });
        expect((await store.directory.listOrganizations({ limit: 10, text: 'crane' })).data.map((o) => o.id)).toEqual(['org-c']);
        await store.directory.deleteOrganization('org-b');
        expect((await store.directory.listOrganizations({ limit: 10 })).data.map((o) => o.id)).toEqual(['org-a', 'org-c']);
      });

      it('when users are searched, then name, e-mail and organization match, and an organization narrows them', async () => {
        await store.directory.putUser('u-1', { organizationId: 'org-a', email: 'ada@acme.example', firstName: 'Ada', lastName: 'Lovelace', active: true });
        await store.directory.putUser('u-2', { organizationId: 'org-b', email: 'bob@bolt.example', firstName: 'Bob', lastName: 'Stone', active: true });
        await store.directory.putUser('u-3', { organizationId: 'org-a', email: 'cy@acme.example', firstName: 'Cy', lastName: 'Young', active: false });
        const ids = async (search: { text?: string; organizationId?: string }) => (await store.directory.listUsers({ limit: 10, ...search })).data.map((u) => u.id);
        expect(await ids({})).toEqual(['u-1', 'u-2', 'u-3']);
        expect(await ids({ text: 'ACME.example' })).toEqual(['u-1', 'u-3']);
        expect(await ids({ text: 'ada lovelace' })).toEqual(['u-1']);
        expect(await ids({ text: 'org-b' })).toEqual(['u-2']);
        expect(await ids({ organizationId: 'org-a', text: 'young' })).toEqual(['u-3']);
        await store.directory.deleteUser('u-1');
        expect(await ids({})).toEqual(['u-2', 'u-3']);
        await expect(store.directory.listUsers({ limit: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'validation_failed' });
      });
    });

    describe('console sessions', () => {
      const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

      it('when a session is put, read and deleted, then reads after the delete find nothing', async () => {
        const session = { createdAt: new Date().toISOString(), expiresAt: inMs(60_000) };
        await store.sessions.put('hash-1', session);
        expect(await store.sessions.get('hash-1')).toEqual(session);
        expect(await store.sessions.get('hash-2')).toBeNull();
        await store.sessions.delete('hash-1');
        expect(await store.sessions.get('hash-1')).toBeNull();
      });

      it('when a session expires, then it reads as gone', async () => {
        await store.sessions.put('hash-short', { createdAt: new Date().toISOString(), expiresAt: inMs(150) });
        expect(await store.sessions.get('hash-short')).not.toBeNull();
        await new Promise((r) => setTimeout(r, 300));
        expect(await store.sessions.get('hash-short')).toBeNull();
      });

      it('when sign-ins fail, then they count per client within the window, and start again after it', async () => {
        expect(await store.sessions.failures('10.0.0.1')).toBe(0);
        const counts = await Promise.all(Array.from({ length: 5 }, () => store.sessions.recordFailure('10.0.0.1', 300)));
        expect([...counts].sort()).toEqual([1, 2, 3, 4, 5]);
        expect(await store.sessions.failures('10.0.0.1')).toBe(5);
        expect(await store.sessions.failures('10.0.0.2')).toBe(0);
        await new Promise((r) => setTimeout(r, 450));
        expect(await store.sessions.failures('10.0.0.1')).toBe(0);
        expect(await store.sessions.recordFailure('10.0.0.1', 300)).toBe(1);
      });
    });

    describe('sender configurations and state', () => {
      it('when global and organization configs are put, then each reads back by scope and all are listed', async () => {
        const global = await store.senders.putConfig({ eventType: 'order.submitted', scope: 'global', organizationId: null, config: { kind: 'disabled' } });
        const org = await store.senders.putConfig({ eventType: 'order.submitted', scope: 'organization', organizationId: 'org-1', config: { kind: 'disabled' } });
        expect(global.created && org.created).toBe(true);
        expect(await store.senders.getConfig('order.submitted', null)).toEqual(global.value);
        expect(await store.senders.getConfig('order.submitted', 'org-1')).toEqual(org.value);
        expect(await store.senders.getConfig('order.submitted', 'org-2')).toBeNull();
        const listed = await store.senders.listConfigs();
        expect(listed).toHaveLength(2);
        expect(listed).toEqual(expect.arrayContaining([global.value, org.value]));
      });

      it('when a config is replaced and then deleted, then createdAt is kept and the delete removes only it', async () => {
        const first = await store.senders.putConfig({ eventType: 'order.shipped', scope: 'global', organizationId: null, config: { kind: 'disabled' } });
        const again = await store.senders.putConfig({ eventType: 'order.shipped', scope: 'global', organizationId: null, config: { kind: 'default-mandrill', cc: [] } });
        expect(again).toMatchObject({ created: false, value: { createdAt: first.value.createdAt, config: { kind: 'default-mandrill' } } });
        expect(await store.senders.deleteConfig('order.shipped', null)).toBe(true);
        expect(await store.senders.deleteConfig('order.shipped', null)).toBe(false);
        expect(await store.senders.listConfigs()).toEqual([]);
      });

      it('when a sender was never touched, then it reads as not suspended with no failures', async () => {
        expect(await store.senders.getState('global:order.submitted')).toEqual({ suspendedAt: null, consecutiveFailures: 0 });
      });

      it('when failures are recorded concurrently, then every one counts and a success resets the count', async () => {
        const key = 'org:org-1:order.submitted';
        const counts = await Promise.all(Array.from({ length: 20 }, () => store.senders.recordFailure(key, new Date(at(0)))));
        expect(counts.map((c) => c.consecutive).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(Math.max(...counts.map((c) => c.inWindow))).toBe(20);
        expect((await store.senders.getState(key)).consecutiveFailures).toBe(20);
        await store.senders.recordSuccess(key);
        expect(await store.senders.getState(key)).toEqual({ suspendedAt: null, consecutiveFailures: 0 });
      });

      it('when a sender is suspended twice and resumed, then only the first suspension counts and resume clears everything', async () => {
        const key = 'global:order.submitted';
        await store.senders.recordFailure(key, new Date(at(1)));
        expect(await store.senders.suspend(key, at(5))).toBe(true);
        expect(await store.senders.suspend(key, at(9))).toBe(false);
        await store.senders.recordSuccess(key);
        expect(await store.senders.getState(key)).toEqual({ suspendedAt: at(5), consecutiveFailures: 0 });
        await store.senders.resume(key);
        expect(await store.senders.getState(key)).toEqual({ suspendedAt: null, consecutiveFailures: 0 });
        expect(await store.senders.failuresSince(key, new Date(0))).toBe(0);
      });

      it('when failures are spread over time, then the window counts only those at or after its start, and a success does not clear them', async () => {
        const key = 'org:org-1:order.shipped';
        const minute = 60_000;
        const times = [0, 10, 200, 350, 359].map((m) => new Date(Date.parse(at(0)) + m * minute));
        const counts = [];
        for (const t of times) counts.push(await store.senders.recordFailure(key, t, new Date(t.getTime() - 360 * minute)));
        expect(counts.map((c) => c.inWindow)).toEqual([1, 2, 3, 4, 5]);
        await store.senders.recordSuccess(key);
        const later = new Date(Date.parse(at(0)) + 400 * minute);
        // 0 and 10 fell out of the six hours before `later`; the success reset only the consecutive count.
        expect(await store.senders.recordFailure(key, later, new Date(later.getTime() - 360 * minute))).toEqual({ consecutive: 1, inWindow: 4 });
        expect(await store.senders.failuresSince(key, new Date(Date.parse(at(0)) + 300 * minute))).toBe(3);
        expect(await store.senders.failuresSince('org:org-2:order.shipped', new Date(0))).toBe(0);
      });

      it('when failures are older than the kept history, then they are forgotten at the next failure', async () => {
        const key = 'global:order.shipped';
        const start = Date.parse(at(0));
        await store.senders.recordFailure(key, new Date(start));
        const weekLater = new Date(start + FAILURE_HISTORY_MS + 1000);
        expect(await store.senders.recordFailure(key, weekLater)).toEqual({ consecutive: 2, inWindow: 1 });
        expect(await store.senders.failuresSince(key, new Date(0))).toBe(1);
      });
    });

    describe('templates', () => {
      it('when a template is put twice, then versions 1 and 2 exist and the latest is the default', async () => {
        const v1 = await store.templates.put('tpl', { subject: 'One', mjml: '<mjml>1</mjml>' });
        const v2 = await store.templates.put('tpl', { subject: 'Two', mjml: '<mjml>2</mjml>', text: 'two' });
        expect(v1).toMatchObject({ created: true, value: { id: 'tpl', version: 1, subject: 'One' } });
        expect(v2).toMatchObject({ created: false, value: { id: 'tpl', version: 2, subject: 'Two', text: 'two', createdAt: v1.value.createdAt } });
        expect(await store.templates.get('tpl')).toEqual(v2.value);
        expect(await store.templates.get('tpl', 1)).toEqual(v1.value);
        expect(await store.templates.get('tpl', 3)).toBeNull();
      });

      it('when several templates exist, then the list holds the latest version of each', async () => {
        await store.templates.put('a', { subject: 'A1', mjml: '<mjml/>' });
        await store.templates.put('a', { subject: 'A2', mjml: '<mjml/>' });
        await store.templates.put('b', { subject: 'B1', mjml: '<mjml/>' });
        const listed = await store.templates.list();
        expect(listed.map((t) => [t.id, t.version, t.subject]).sort()).toEqual([['a', 2, 'A2'], ['b', 1, 'B1']]);
      });

      it('when a template is deleted, then it is gone from reads but pinned versions stay and numbering goes on', async () => {
        await store.templates.put('tpl', { subject: 'One', mjml: '<mjml/>' });
        await store.templates.put('tpl', { subject: 'Two', mjml: '<mjml/>' });
        expect(await store.templates.delete('tpl')).toBe(true);
        expect(await store.templates.get('tpl')).toBeNull();
        expect(await store.templates.list()).toEqual([]);
        expect(await store.templates.delete('tpl')).toBe(false);
        // a message created before the delete still renders the version it was created with
        expect((await store.templates.get('tpl', 1))?.subject).toBe('One');
        const again = await store.templates.put('tpl', { subject: 'New', mjml: '<mjml/>' });
        expect(again.created).toBe(true);
        // a re-created template never reuses a pinned version number for other content
        expect(again.value.version).toBe(3);
        expect((await store.templates.get('tpl'))?.subject).toBe('New');
        expect((await store.templates.get('tpl', 2))?.subject).toBe('Two');
      });
    });

    describe('events', () => {
      it('when the same event id is created twice, then the second returns the first unchanged', async () => {
        const event = eventRecord('evt_1');
        expect(await store.events.create(event)).toEqual({ created: true });
        expect(await store.events.create(eventRecord('evt_1', { data: { other: true } }))).toEqual({ created: false, existing: event });
        expect(await store.events.get('evt_1')).toEqual(event);
      });

      it('when the same event id is created concurrently, then exactly one create wins', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.events.create(eventRecord('evt_c', { data: { i } }))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const stored = await store.events.get('evt_c');
        for (const r of results) if (!r.created) expect(r.existing).toEqual(stored);
      });

      it('when an event is marked processed, then it reads as processed; unknown ids are ignored', async () => {
        await store.events.create(eventRecord('evt_1'));
        await store.events.markProcessed('evt_1');
        await store.events.markProcessed('evt_unknown');
        expect(await store.events.get('evt_1')).toMatchObject({ status: 'processed' });
        expect(await store.events.get('evt_unknown')).toBeNull();
      });
    });

    describe('events in bulk', () => {
      it('when several events are read at once, then the known ones come back and unknown ids are left out', async () => {
        await store.events.create(eventRecord('evt_a'));
        await store.events.create(eventRecord('evt_b'));
        const got = await store.events.getMany(['evt_b', 'evt_nope', 'evt_a']);
        expect(got.map((e) => e.id).sort()).toEqual(['evt_a', 'evt_b']);
        expect(await store.events.getMany([])).toEqual([]);
      });
    });

    describe('unprocessed events', () => {
      it('when events stay accepted, then they are listed oldest first until marked processed', async () => {
        const old = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
        await store.events.create({ ...eventRecord('evt_old2'), receivedAt: old(2) });
        await store.events.create({ ...eventRecord('evt_old5'), receivedAt: old(5) });
        await store.events.create({ ...eventRecord('evt_new'), receivedAt: old(0) });
        await store.events.create({ ...eventRecord('evt_done'), status: 'processed', receivedAt: old(9) });
        const before = new Date(Date.now() - 60_000);
        expect(await store.events.listAccepted(before, 10)).toEqual(['evt_old5', 'evt_old2']);
        expect(await store.events.listAccepted(before, 1)).toEqual(['evt_old5']);
        await store.events.markProcessed('evt_old5');
        await store.events.markProcessed('evt_never_stored');
        expect(await store.events.listAccepted(before, 10)).toEqual(['evt_old2']);
        expect((await store.events.get('evt_old5'))?.status).toBe('processed');
      });
    });

    describe('messages', () => {
      it('when a message is created with markEventProcessed, then its event is processed and off the unprocessed list, created or found', async () => {
        await store.events.create(eventRecord('evt_mark'));
        await store.events.create(eventRecord('evt_keep'));
        const m = { ...messageRecord('msg_mark'), eventId: 'evt_mark' };
        expect((await store.messages.create(m, { markEventProcessed: true })).created).toBe(true);
        expect(await store.events.get('evt_mark')).toMatchObject({ status: 'processed' });
        await store.messages.create({ ...messageRecord('msg_keep'), eventId: 'evt_keep' });
        expect(await store.events.get('evt_keep')).toMatchObject({ status: 'accepted' });
        expect(await store.events.listAccepted(new Date(Date.now() + 60_000), 10)).toEqual(['evt_keep']);
        // found rather than created (a rerun): still marks
        expect((await store.messages.create({ ...messageRecord('msg_keep'), eventId: 'evt_keep' }, { markEventProcessed: true })).created).toBe(false);
        expect(await store.events.get('evt_keep')).toMatchObject({ status: 'processed' });
        expect(await store.events.listAccepted(new Date(Date.now() + 60_000), 10)).toEqual([]);
      });

      it('when a message id is created twice (also concurrently), then one is created and the stored one is returned', async () => {
        const m = messageRecord('msg_a');
        expect(await store.messages.create(m)).toEqual({ created: true, message: m });
        expect(await store.messages.create({ ...m, status: 'sent' })).toEqual({ created: false, message: m });
        const results = await Promise.all(Array.from({ length: 10 }, () => store.messages.create(messageRecord('msg_b'))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect((await store.messages.list({}, 10)).data.map((x) => x.id)).toEqual(['msg_b', 'msg_a']);
      });

      it('when a message is updated, then the patch is merged, updatedAt moves and unknown ids give null', async () => {
        await store.messages.create(messageRecord('msg_a'));
        const updated = await store.messages.update('msg_a', { status: 'sent', transport: 'mandrill', attemptCount: 1 });
        expect(updated).toMatchObject({ id: 'msg_a', status: 'sent', transport: 'mandrill', attemptCount: 1, recipient: { userId: 'buyer-1' } });
        expect(updated?.updatedAt).not.toBe(at(0));
        expect(await store.messages.get('msg_a')).toEqual(updated);
        expect(await store.messages.update('msg_unknown', { status: 'sent' })).toBeNull();
        expect(await store.messages.get('msg_unknown')).toBeNull();
      });

      it('when a message is written, then its version goes up by one each time, whatever the patch', async () => {
        const created = (await store.messages.create(messageRecord('msg_v'))).message;
        expect(created.version).toBe(1);
        const same = await store.messages.update('msg_v', {});
        expect(same?.version).toBe(2);
        expect((await store.messages.update('msg_v', { status: 'sent' }, same ?? undefined))?.version).toBe(3);
        expect((await store.messages.get('msg_v'))?.version).toBe(3);
      });

      it('when two writers compare-and-set from the same read, then exactly one wins and the other gets null', async () => {
        const read = (await store.messages.create(messageRecord('msg_cas'))).message;
        const results = await Promise.all([
          store.messages.updateIf('msg_cas', read, { leaseUntil: at(100) }),
          store.messages.updateIf('msg_cas', read, { leaseUntil: at(200) }),
        ]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        // a copy with the same content but an older version still loses: the version decides, not the JSON
        const winner = results.find((r) => r !== null);
        await store.messages.update('msg_cas', { leaseUntil: winner?.leaseUntil ?? null });
        expect(await store.messages.updateIf('msg_cas', { ...read, leaseUntil: winner?.leaseUntil ?? null }, { status: 'sent' })).toBeNull();
        const current = await store.messages.get('msg_cas');
        expect(await store.messages.updateIf('msg_cas', current!, { status: 'sent' })).toMatchObject({ status: 'sent', version: (current?.version ?? 0) + 1 });
        expect(await store.messages.updateIf('msg_unknown', read, { status: 'sent' })).toBeNull();
      });

      it('when a message is settled with its attempt, then the attempt is stored exactly once, also when the caller\'s copy was stale', async () => {
        const created = (await store.messages.create(messageRecord('msg_settle'))).message;
        const first = await store.messages.update('msg_settle', { status: 'sent', attemptCount: 1 }, created, attempt(1));
        expect(first).toMatchObject({ status: 'sent', attemptCount: 1 });
        expect(await store.messages.listAttempts('msg_settle')).toEqual([attempt(1)]);
        // `created` is stale now: the compare fails, the update is redone on a fresh read, the attempt is not added twice
        const second = await store.messages.update('msg_settle', { attemptCount: 2 }, created, attempt(2));
        expect(second).toMatchObject({ status: 'sent', attemptCount: 2 });
        expect(await store.messages.listAttempts('msg_settle')).toEqual([attempt(1), attempt(2)]);
        // without the caller's copy
        await store.messages.update('msg_settle', { attemptCount: 3 }, undefined, attempt(3));
        expect(await store.messages.listAttempts('msg_settle')).toEqual([attempt(1), attempt(2), attempt(3)]);
        expect(await store.messages.get('msg_settle')).toMatchObject({ attemptCount: 3 });
      });

      it('when messages change status, then countMessages follows each status', async () => {
        await store.messages.create(messageRecord('msg_c1'));
        await store.messages.create(messageRecord('msg_c2'));
        await store.messages.update('msg_c2', { status: 'held' });
        expect(await store.messages.count('held')).toBe(1);
        expect(await store.messages.count('pending')).toBe(1);
        await store.messages.update('msg_c2', { status: 'sent' });
        expect(await store.messages.count('held')).toBe(0);
        expect(await store.messages.count('sent')).toBe(1);
      });

      it('when messages are sent, replayed and sent again, then every status count (also since a time) and the sent listing follow', async () => {
        const hourAgo = new Date(Date.now() - 3_600_000);
        for (const [id, status] of [['msg_s1', 'sent'], ['msg_s2', 'pending'], ['msg_s3', 'failed'], ['msg_s4', 'skipped']] as const) {
          await store.messages.create(messageRecord(id, { status, createdAt: new Date().toISOString() }));
        }
        await store.messages.create(messageRecord('msg_s0', { status: 'sent', createdAt: new Date(hourAgo.getTime() - 60_000).toISOString() }));
        const counts = async () => Object.fromEntries(await Promise.all((['pending', 'sent', 'failed', 'skipped', 'held'] as const).map(async (s) => [s, await store.messages.count(s)])));
        const since = async () => Object.fromEntries(await Promise.all((['pending', 'sent', 'failed'] as const).map(async (s) => [s, await store.messages.countCreatedSince(s, hourAgo)])));
        const sentIds = async () => (await allPages(store, { status: 'sent' }, 1)).flat();
        expect(await counts()).toEqual({ pending: 1, sent: 2, failed: 1, skipped: 1, held: 0 });
        expect(await since()).toEqual({ pending: 1, sent: 1, failed: 1 });
        await store.messages.update('msg_s2', { status: 'sent' });
        expect(await counts()).toEqual({ pending: 0, sent: 3, failed: 1, skipped: 1, held: 0 });
        // created in this order (same ms or later), so newest first is s2, s1, then the old s0
        expect(await sentIds()).toEqual(['msg_s2', 'msg_s1', 'msg_s0']);
        // a replay: sent → pending → held → sent
        await store.messages.update('msg_s1', { status: 'pending' });
        expect(await counts()).toEqual({ pending: 1, sent: 2, failed: 1, skipped: 1, held: 0 });
        expect(await since()).toEqual({ pending: 1, sent: 1, failed: 1 });
        expect(await sentIds()).not.toContain('msg_s1');
        await store.messages.update('msg_s1', { status: 'held' });
        await store.messages.update('msg_s1', { status: 'sent' });
        expect(await counts()).toEqual({ pending: 0, sent: 3, failed: 1, skipped: 1, held: 0 });
        expect(await since()).toEqual({ pending: 0, sent: 2, failed: 1 });
        expect(await store.messages.list({ status: 'sent', type: 'order.submitted' }, 10)).toMatchObject({ data: [{ status: 'sent' }, { status: 'sent' }, { status: 'sent' }], nextCursor: null });
      });

      it('when an attempt is settled while another writer keeps changing the message, then it is stored exactly once and no patch is lost', async () => {
        const created = (await store.messages.create(messageRecord('msg_race'))).message;
        await store.messages.appendAttempt('msg_race', attempt(1));
        const writers = Array.from({ length: 8 }, (_, i) => store.messages.update('msg_race', { lastError: `e${i}` }));
        const settle = store.messages.update('msg_race', { status: 'sent', attemptCount: 2 }, created, attempt(2));
        await Promise.all([...writers, settle]);
        await store.messages.appendAttempt('msg_race', attempt(3));
        expect(await store.messages.listAttempts('msg_race')).toEqual([attempt(1), attempt(2), attempt(3)]);
        expect(await store.messages.get('msg_race')).toMatchObject({ status: 'sent', attemptCount: 2, version: 10 });
      });

      it('when messages share a millisecond, then they list newest first with ties by id descending, across pages', async () => {
        for (const [id, offset] of [['msg_1', 0], ['msg_3', 5], ['msg_2', 5], ['msg_5', 5], ['msg_4', 9]] as const) {
          await store.messages.create(messageRecord(id, { createdAt: at(offset) }));
        }
        expect((await allPages(store, {}, 2)).flat()).toEqual(['msg_4', 'msg_5', 'msg_3', 'msg_2', 'msg_1']);
        expect(await allPages(store, {}, 2)).toEqual([['msg_4', 'msg_5'], ['msg_3', 'msg_2'], ['msg_1']]);
      });

      it('when pages are read while new messages arrive, then nothing is skipped or repeated and new ones do not appear', async () => {
        for (let i = 0; i < 7; i++) await store.messages.create(messageRecord(`msg_${i}`, { createdAt: at(i * 10) }));
        const first = await store.messages.list({}, 3);
        await store.messages.create(messageRecord('msg_new1', { createdAt: at(1000) }));
        await store.messages.create(messageRecord('msg_new2', { createdAt: at(60) }));
        const second = await store.messages.list({}, 3, first.nextCursor ?? undefined);
        const third = await store.messages.list({}, 3, second.nextCursor ?? undefined);
        expect([first, second, third].map((p) => p.data.map((m) => m.id))).toEqual([['msg_6', 'msg_5', 'msg_4'], ['msg_3', 'msg_2', 'msg_1'], ['msg_0']]);
        expect(third.nextCursor).toBeNull();
        expect((await store.messages.list({}, 2)).data.map((m) => m.id)).toEqual(['msg_new1', 'msg_new2']);
      });

      it('when exactly a page of messages exists, then there is no next cursor', async () => {
        for (let i = 0; i < 3; i++) await store.messages.create(messageRecord(`msg_${i}`, { createdAt: at(i) }));
        expect((await store.messages.list({}, 3)).nextCursor).toBeNull();
        expect(await store.messages.list({}, 10)).toMatchObject({ nextCursor: null });
      });

      it('when listing with status, type and organization filters, alone or combined, then only matching messages show', async () => {
        const rows: Array<[string, Partial<MessageRecord>]> = [
          ['msg_1', { status: 'sent', type: 'order.submitted', organizationId: 'org-1' }],
          ['msg_2', { status: 'failed', type: 'order.shipped', organizationId: 'org-1' }],
          ['msg_3', { status: 'failed', type: 'order.submitted', organizationId: 'org-2' }],
          ['msg_4', { status: 'skipped', type: 'user.password_reset', organizationId: null }],
          ['msg_5', { status: 'failed', type: 'order.submitted', organizationId: 'org-1' }],
        ];
        for (const [i, [id, o]] of rows.entries()) await store.messages.create(messageRecord(id, { ...o, createdAt: at(i) }));
        const ids = async (f: MessageFilter) => (await allPages(store, f, 2)).flat();
        expect(await ids({ status: 'failed' })).toEqual(['msg_5', 'msg_3', 'msg_2']);
        expect(await ids({ type: 'order.submitted' })).toEqual(['msg_5', 'msg_3', 'msg_1']);
        expect(await ids({ organizationId: 'org-1' })).toEqual(['msg_5', 'msg_2', 'msg_1']);
        expect(await ids({ status: 'failed', type: 'order.submitted' })).toEqual(['msg_5', 'msg_3']);
        expect(await ids({ status: 'failed', type: 'order.submitted', organizationId: 'org-1' })).toEqual(['msg_5']);
        expect(await ids({ status: 'held' })).toEqual([]);
      });

      it('when listing by recipient e-mail, alone or with other filters, then only that recipient\'s messages show, whatever the case', async () => {
        const rows: Array<[string, Partial<MessageRecord>]> = [
          ['msg_1', { recipient: { userId: 'u-ada', email: 'Ada@Acme.example' }, status: 'sent' }],
          ['msg_2', { recipient: { userId: 'u-bob', email: 'bob@acme.example' }, status: 'sent' }],
          ['msg_3', { recipient: { userId: 'u-ada', email: 'ada@acme.example' }, status: 'failed' }],
          ['msg_4', { recipient: { userId: 'u-nobody', email: null }, status: 'skipped' }],
        ];
        for (const [i, [id, o]] of rows.entries()) await store.messages.create(messageRecord(id, { ...o, createdAt: at(i) }));
        const ids = async (f: MessageFilter) => (await allPages(store, f, 1)).flat();
        expect(await ids({ recipientEmail: 'ada@acme.example' })).toEqual(['msg_3', 'msg_1']);
        expect(await ids({ recipientEmail: 'ADA@acme.EXAMPLE' })).toEqual(['msg_3', 'msg_1']);
        expect(await ids({ recipientEmail: 'ada@acme.example', status: 'sent' })).toEqual(['msg_1']);
        expect(await ids({ recipientEmail: 'nobody@acme.example' })).toEqual([]);
      });

      it('when counting by status since a time, then only messages created since then and now in that status count', async () => {
        const hourAgo = new Date(Date.now() - 3_600_000);
        await store.messages.create(messageRecord('msg_old', { createdAt: new Date(hourAgo.getTime() - 60_000).toISOString(), status: 'sent' }));
        await store.messages.create(messageRecord('msg_new1', { createdAt: new Date(hourAgo.getTime() + 60_000).toISOString(), status: 'sent' }));
        await store.messages.create(messageRecord('msg_new2', { createdAt: new Date().toISOString(), status: 'pending' }));
        expect(await store.messages.countCreatedSince('sent', hourAgo)).toBe(1);
        expect(await store.messages.countCreatedSince('pending', hourAgo)).toBe(1);
        await store.messages.update('msg_new2', { status: 'failed' });
        expect(await store.messages.countCreatedSince('pending', hourAgo)).toBe(0);
        expect(await store.messages.countCreatedSince('failed', hourAgo)).toBe(1);
        expect(await store.messages.countCreatedSince('held', hourAgo)).toBe(0);
      });

      it('when a message changes status, then it moves from the old status listing to the new one', async () => {
        await store.messages.create(messageRecord('msg_a'));
        await store.messages.update('msg_a', { status: 'failed', reason: 'permanent_failure' });
        expect((await store.messages.list({ status: 'pending' }, 10)).data).toEqual([]);
        expect((await store.messages.list({ status: 'failed' }, 10)).data.map((m) => m.status)).toEqual(['failed']);
        await store.messages.update('msg_a', { status: 'sent' });
        expect((await store.messages.list({ status: 'failed' }, 10)).data).toEqual([]);
        expect((await store.messages.list({ status: 'sent' }, 10)).data.map((m) => m.id)).toEqual(['msg_a']);
      });

      it('when a combined filter matches few of many messages, then its pages still hold every match in order', async () => {
        await Promise.all(Array.from({ length: 450 }, (_, i) => {
          const match = i % 100 === 7;
          return store.messages.create(messageRecord(`msg_${String(i).padStart(3, '0')}`, { createdAt: at(i), status: match ? 'failed' : 'sent', organizationId: 'org-1' }));
        }));
        const pages = await allPages(store, { status: 'failed', organizationId: 'org-1' }, 2);
        expect(pages.flat()).toEqual(['msg_407', 'msg_307', 'msg_207', 'msg_107', 'msg_007']);
      });

      it('when a message is updated concurrently, then every patch lands and it sits in exactly one status listing', async () => {
        await store.messages.create(messageRecord('msg_a'));
        await Promise.all([
          store.messages.update('msg_a', { status: 'failed' }),
          store.messages.update('msg_a', { lastError: 'timeout' }),
          store.messages.update('msg_a', { attemptCount: 3 }),
          store.messages.update('msg_a', { nextAttemptAt: at(99) }),
        ]);
        expect(await store.messages.get('msg_a')).toMatchObject({ status: 'failed', lastError: 'timeout', attemptCount: 3, nextAttemptAt: at(99) });
        const listed = await Promise.all((['pending', 'failed'] as const).map(async (status) => (await store.messages.list({ status }, 10)).data.length));
        expect(listed).toEqual([0, 1]);
      });

      it('when a cursor is not one the store gave out, then listing fails as validation_failed', async () => {
        await expect(store.messages.list({}, 10, 'not-a-cursor')).rejects.toMatchObject({ code: 'validation_failed' });
        await expect(store.messages.list({}, 10, 'not-a-cursor')).rejects.toBeInstanceOf(AppError);
      });

      it('when an event has messages, then they list for that event only, oldest first', async () => {
        await store.messages.create(messageRecord('msg_2', { eventId: 'evt_1', createdAt: at(2) }));
        await store.messages.create(messageRecord('msg_1', { eventId: 'evt_1', createdAt: at(1) }));
        await store.messages.create(messageRecord('msg_3', { eventId: 'evt_2' }));
        expect((await store.messages.listForEvent('evt_1')).map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
        expect(await store.messages.listForEvent('evt_none')).toEqual([]);
      });

      it('when a stored event gets messages (created out of order, once more by a rerun), then each lists once, oldest first, and the event reads unchanged', async () => {
        const event = eventRecord('evt_many');
        await store.events.create(event);
        for (const [id, offset] of [['msg_b', 20], ['msg_c', 30], ['msg_a', 10], ['msg_b', 20], ['msg_a2', 10]] as const) {
          await store.messages.create(messageRecord(id, { eventId: 'evt_many', createdAt: at(offset) }), { markEventProcessed: true });
        }
        expect((await store.messages.listForEvent('evt_many')).map((m) => m.id)).toEqual(['msg_a', 'msg_a2', 'msg_b', 'msg_c']);
        expect(await store.events.get('evt_many')).toEqual({ ...event, status: 'processed' });
        expect(await store.events.getMany(['evt_many'])).toEqual([{ ...event, status: 'processed' }]);
      });
    });

    describe('held messages, attempts and outbox', () => {
      it('when messages are held and released, then the held list follows, without duplicates, per sender key', async () => {
        await store.messages.markHeld('global:order.submitted', 'msg_1');
        await store.messages.markHeld('global:order.submitted', 'msg_2');
        await store.messages.markHeld('global:order.submitted', 'msg_1');
        await store.messages.markHeld('org:o:order.submitted', 'msg_9');
        expect((await store.messages.listHeld('global:order.submitted')).sort()).toEqual(['msg_1', 'msg_2']);
        await store.messages.releaseHeld('global:order.submitted', 'msg_1');
        await store.messages.releaseHeld('global:order.submitted', 'msg_unknown');
        expect(await store.messages.listHeld('global:order.submitted')).toEqual(['msg_2']);
        expect(await store.messages.listHeld('global:order.shipped')).toEqual([]);
      });

      it('when attempts are appended, then they list in the order they were made', async () => {
        for (const n of [1, 2, 3]) await store.messages.appendAttempt('msg_a', attempt(n));
        expect(await store.messages.listAttempts('msg_a')).toEqual([attempt(1), attempt(2), attempt(3)]);
        expect(await store.messages.listAttempts('msg_none')).toEqual([]);
      });

      it('when outbox entries are kept, then they list newest first, up to the limit, and read back by message id', async () => {
        await store.outbox.put(outboxEntry('msg_1', 10));
        await store.outbox.put(outboxEntry('msg_3', 30));
        await store.outbox.put(outboxEntry('msg_2', 20));
        expect((await store.outbox.list(10)).map((e) => e.messageId)).toEqual(['msg_3', 'msg_2', 'msg_1']);
        expect((await store.outbox.list(2)).map((e) => e.messageId)).toEqual(['msg_3', 'msg_2']);
        expect(await store.outbox.get('msg_2')).toEqual(outboxEntry('msg_2', 20));
        expect(await store.outbox.get('msg_none')).toBeNull();
      });

      it('when the store is pinged, then it answers', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
