import type { RouteReader } from '../delivery/recipient-and-sender';
import type { Store } from '../store/store.port';

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
