import type { RouteReader } from '../delivery/recipient-and-sender';
import type { Store } from '../store/store.port';

/**
 * The reads of one process-event batch: each organization and sender configuration is read
 * once per batch (a batch's events share them: the global sender above all), users every
 * time. A snapshot as the batch starts, like the batch itself; retries read afresh.
 */
export function batchReader(store: Store): RouteReader {
  const organizations = new Map<string, ReturnType<Store['getOrganization']>>();
  const senders = new Map<string, ReturnType<Store['getSenderConfig']>>();
  const once = <T>(cache: Map<string, T>, key: string, read: () => T): T => {
    let value = cache.get(key);
    if (value === undefined) {
      value = read();
      cache.set(key, value);
    }
    return value;
  };
  return {
    getUser: (id) => store.getUser(id),
    getOrganization: (id) => once(organizations, id, () => store.getOrganization(id)),
    getSenderConfig: (type, orgId) => once(senders, `${type}\u0000${orgId ?? ''}`, () => store.getSenderConfig(type, orgId)),
  };
}
