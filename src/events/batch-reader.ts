import type { RouteReader } from '../delivery/recipient-and-sender';
import type { Organization, User } from '../directory/directory.schema';
import type { SenderConfigRecord, SenderState } from '../senders/sender-config.schema';
import type { Store } from '../stores.port';
import type { SenderStore } from '../senders/sender.store';
import type { EventRecord } from './event.record';

/** How long a batch reuses what it read: a change made meanwhile applies within this. */
const FRESH_MS = 1000;

/** The reads of one process-event batch (see `batchReader`). */
export interface BatchReader extends RouteReader {
  /** Configurations, and a sender's suspension state, each reused for up to a second. */
  senders: Pick<SenderStore, 'getConfig' | 'getState'>;
  /** Reads these users in one round trip; each read is used by the next `getUser` of that id within a second. */
  primeUsers(ids: string[]): void;
  /** Drops the cached state of a sender (after a failed attempt changed it). */
  forgetSenderState(key: string): void;
}

/**
 * The reads of one process-event batch: each organization, sender configuration and sender
 * state is read at most once a second per batch (its events share them: the global sender
 * above all). Users are read for every event, but a slice's users in one round trip
 * (`primeUsers`), each used once. A batch's later events (first attempts can take seconds)
 * read afresh.
 */
export function batchReader(store: Pick<Store, 'directory' | 'senders'>, now: () => number = Date.now): BatchReader {
  const organizations = new Map<string, { at: number; value: Promise<Organization | null> }>();
  const senders = new Map<string, { at: number; value: Promise<SenderConfigRecord | null> }>();
  const states = new Map<string, { at: number; value: Promise<SenderState> }>();
  const primed = new Map<string, { at: number; read: Promise<User | null> }[]>();
  const once = <T>(cache: Map<string, { at: number; value: T }>, key: string, read: () => T): T => {
    const hit = cache.get(key);
    if (hit && now() - hit.at < FRESH_MS) return hit.value;
    const value = read();
    // a failed read is awaited by whoever needs it; until then it must not count as unhandled
    if (value instanceof Promise) value.catch(() => undefined);
    cache.set(key, { at: now(), value });
    return value;
  };
  const getUser = (id: string): Promise<User | null> => {
    const waiting = primed.get(id);
    const next = waiting?.shift();
    if (waiting?.length === 0) primed.delete(id);
    // read ahead more than a second ago (slow receivers ahead of it): read afresh, as for organizations
    if (next && now() - next.at < FRESH_MS) return next.read;
    return store.directory.getUser(id);
  };
  return {
    directory: {
      getUser,
      getOrganization: (id) => once(organizations, id, () => store.directory.getOrganization(id)),
    },
    senders: {
      getConfig: (type, orgId) => once(senders, `${type}\u0000${orgId ?? ''}`, () => store.senders.getConfig(type, orgId)),
      getState: (key) => once(states, key, () => store.senders.getState(key)),
    },
    primeUsers: (ids) => {
      if (ids.length === 0) return;
      const at = now();
      const users = store.directory.getUsers(ids);
      ids.forEach((id, i) => {
        // a failed read ahead is no error: the event's own getUser reads again (or fails there)
        const read = users.then((all) => all[i] ?? null, () => store.directory.getUser(id));
        read.catch(() => undefined); // an event that never asks (it no longer validates) must not leave it unhandled
        const waiting = primed.get(id);
        if (waiting) waiting.push({ at, read });
        else primed.set(id, [{ at, read }]);
      });
    },
    forgetSenderState: (key) => {
      states.delete(key);
    },
  };
}

/** Events read per round trip by `sliceLoader`. */
export const EVENT_SLICE = 50;

/**
 * Reads a batch's events in slices of `EVENT_SLICE`, each on the first request for one of its
 * ids, and forgets a slice once all its events were taken: one round trip per slice, and
 * only the slices being processed in memory (not every event of every batch a worker holds).
 */
export function sliceLoader(ids: readonly string[], read: (ids: string[]) => Promise<EventRecord[]>): (id: string) => Promise<EventRecord | null> {
  const position = new Map(ids.map((id, i) => [id, i]));
  const slices = new Map<number, { records: Promise<Map<string, EventRecord>>; left: number }>();
  return async (id) => {
    const at = position.get(id);
    if (at === undefined) return null;
    const n = Math.floor(at / EVENT_SLICE);
    let slice = slices.get(n);
    if (!slice) {
      const part = ids.slice(n * EVENT_SLICE, (n + 1) * EVENT_SLICE);
      slice = { records: read(part).then((records) => new Map(records.map((e) => [e.id, e]))), left: part.length };
      slices.set(n, slice);
    }
    if (--slice.left === 0) slices.delete(n);
    return (await slice.records).get(id) ?? null;
  };
}
