import { batchReader, EVENT_SLICE, sliceLoader } from '../../../src/events/batch-reader';
import type { EventRecord } from '../../../src/events/event.record';
import { createMemoryStore } from '../../../src/store/memory/memory.store';

describe('batch reader', () => {
  test('when a batch reads the same organization and sender configuration many times, then the store is read once each, users every time', async () => {
    const store = createMemoryStore();
    await store.directory.putOrganization('acme', { name: 'Acme', active: true });
    await store.directory.putUser('u1', { organizationId: 'acme', email: 'u1@acme.example', firstName: '', lastName: '', active: true });
    const spies = {
      org: jest.spyOn(store.directory, 'getOrganization'),
      sender: jest.spyOn(store.senders, 'getConfig'),
      user: jest.spyOn(store.directory, 'getUser'),
    };
    const reader = batchReader(store);
    for (let i = 0; i < 5; i++) {
      await Promise.all([reader.directory.getUser('u1'), reader.directory.getOrganization('acme'), reader.senders.getConfig('order.submitted', null), reader.senders.getConfig('order.submitted', 'acme')]);
    }
    expect(spies.org).toHaveBeenCalledTimes(1);
    expect(spies.sender).toHaveBeenCalledTimes(2);
    expect(spies.user).toHaveBeenCalledTimes(5);
    expect((await reader.directory.getOrganization('acme'))?.name).toBe('Acme');
  });

  test('when a batch has run for over a second, then it reads the configuration again', async () => {
    const store = createMemoryStore();
    await store.directory.putOrganization('acme', { name: 'Old', active: true });
    let clock = 0;
    const reader = batchReader(store, () => clock);
    expect((await reader.directory.getOrganization('acme'))?.name).toBe('Old');
    await store.directory.putOrganization('acme', { name: 'New', active: false });
    clock = 500;
    expect((await reader.directory.getOrganization('acme'))?.name).toBe('Old');
    clock = 1500;
    expect(await reader.directory.getOrganization('acme')).toMatchObject({ name: 'New', active: false });
  });

  test('when a new batch starts, then it reads afresh', async () => {
    const store = createMemoryStore();
    await store.directory.putOrganization('acme', { name: 'Old', active: true });
    expect((await batchReader(store).directory.getOrganization('acme'))?.name).toBe('Old');
    await store.directory.putOrganization('acme', { name: 'New', active: false });
    expect(await batchReader(store).directory.getOrganization('acme')).toMatchObject({ name: 'New', active: false });
  });
});

describe('batch reader: users read ahead, sender state', () => {
  test('when a slice primes its users, then each primed read is used once, in one store read, and later reads go to the store', async () => {
    const store = createMemoryStore();
    await store.directory.putUser('u1', { organizationId: 'acme', email: 'u1@acme.example', firstName: 'One', lastName: '', active: true });
    await store.directory.putUser('u2', { organizationId: 'acme', email: 'u2@acme.example', firstName: 'Two', lastName: '', active: true });
    const many = jest.spyOn(store.directory, 'getUsers');
    const one = jest.spyOn(store.directory, 'getUser');
    const reader = batchReader(store);
    reader.primeUsers(['u1', 'u2', 'u1', 'ghost']);
    expect((await reader.directory.getUser('u1'))?.firstName).toBe('One');
    expect((await reader.directory.getUser('u2'))?.firstName).toBe('Two');
    await store.directory.putUser('u1', { organizationId: 'acme', email: 'u1@acme.example', firstName: 'Renamed', lastName: '', active: false });
    expect((await reader.directory.getUser('u1'))?.firstName).toBe('One'); // the second primed read of u1 (same slice)
    expect(await reader.directory.getUser('ghost')).toBeNull();
    expect(many).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    expect(await reader.directory.getUser('u1')).toMatchObject({ firstName: 'Renamed', active: false }); // primed reads used up
    expect(one).toHaveBeenCalledTimes(1);
  });

  test('when a read-ahead is over a second old by the time its event asks, then the user is read afresh', async () => {
    const store = createMemoryStore();
    await store.directory.putUser('u1', { organizationId: 'acme', email: 'u1@acme.example', firstName: 'One', lastName: '', active: true });
    let clock = 0;
    const reader = batchReader(store, () => clock);
    reader.primeUsers(['u1', 'u1']);
    expect((await reader.directory.getUser('u1'))?.active).toBe(true);
    await store.directory.putUser('u1', { organizationId: 'acme', email: 'u1@acme.example', firstName: 'One', lastName: '', active: false });
    clock = 1500; // slow receivers ahead of the second event
    expect((await reader.directory.getUser('u1'))?.active).toBe(false);
  });

  test('when the read ahead and the fallback both fail and no event asks, then nothing is left unhandled', async () => {
    const store = createMemoryStore();
    jest.spyOn(store.directory, 'getUsers').mockRejectedValue(new Error('store down'));
    jest.spyOn(store.directory, 'getUser').mockRejectedValue(new Error('store down'));
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      batchReader(store).primeUsers(['never-asked']);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  test('when the read ahead fails, then each user is read on its own instead', async () => {
    const store = createMemoryStore();
    await store.directory.putUser('u1', { organizationId: 'acme', email: 'u1@acme.example', firstName: 'One', lastName: '', active: true });
    jest.spyOn(store.directory, 'getUsers').mockRejectedValue(new Error('store down'));
    const reader = batchReader(store);
    reader.primeUsers(['u1']);
    expect((await reader.directory.getUser('u1'))?.firstName).toBe('One');
  });

  test('when a sender state is read twice within a second, then the store is read once; after a second, again', async () => {
    const store = createMemoryStore();
    const spy = jest.spyOn(store.senders, 'getState');
    let clock = 0;
    const reader = batchReader(store, () => clock);
    await reader.senders.getState('order.submitted');
    await store.senders.suspend('order.submitted', new Date().toISOString());
    expect((await reader.senders.getState('order.submitted')).suspendedAt).toBeNull();
    clock = 1500;
    expect((await reader.senders.getState('order.submitted')).suspendedAt).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(2);
  });
});

describe('sliceLoader', () => {
  const record = (id: string) => ({ id, type: 'order.submitted', status: 'accepted', occurredAt: 't', receivedAt: 't', data: {} }) as EventRecord;

  it('when a batch of 120 events is taken in order, then they are read in slices of 50, each once, and unknown ids are null', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `e${i}`);
    const reads: string[][] = [];
    const load = sliceLoader(ids, async (part) => {
      reads.push(part);
      return part.filter((id) => id !== 'e7').map(record);
    });
    const got = await Promise.all(ids.map((id) => load(id)));
    expect(reads.map((r) => r.length)).toEqual([EVENT_SLICE, EVENT_SLICE, 20]);
    expect(got.map((r) => r?.id ?? null)).toEqual(ids.map((id) => (id === 'e7' ? null : id)));
    expect(await load('not-in-batch')).toBeNull();
  });

  it('when only the first events are taken, then later slices are never read', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `e${i}`);
    const read = jest.fn(async (part: string[]) => part.map(record));
    const load = sliceLoader(ids, read);
    await Promise.all(ids.slice(0, 10).map((id) => load(id)));
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]?.[0]).toEqual(ids.slice(0, 50));
  });
});
