import type { RouteReader } from '../delivery/recipient-and-sender';
import type { Store } from '../store/store.port';
import type { EventRecord } from './event.record';

/** How long a batch reuses what it read: a change made meanwhile applies within this. */
const FRESH_MS = 1000;

/**
 * The reads of one process-event batch: each organization and sender configuration is read
 * at most once a second per batch (its events share them: the global sender above all),
 * users every time. A batch's later events (first attempts can take seconds) read afresh.
 */
export function batchReader(store: Store, now: () => number = Date.now): RouteReader {
  const organizations = new Map<string, { at: number; value: ReturnType<Store['getOrganization']> }>();
  const senders = new Map<string, { at: number; value: ReturnType<Store['getSenderConfig']> }>();
  const once = <T>(cache: Map<string, { at: number; value: T }>, key: string, read: () => T): T => {
    const hit = cache.get(key);
    if (hit && now() - hit.at < FRESH_MS) return hit.value;
    const value = read();
    cache.set(key, { at: now(), value });
    return value;
  };
  return {
    getUser: (id) => store.getUser(id),
    getOrganization: (id) => once(organizations, id, () => store.getOrganization(id)),
    getSenderConfig: (type, orgId) => once(senders, `${type}\u0000${orgId ?? ''}`, () => store.getSenderConfig(type, orgId)),
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
