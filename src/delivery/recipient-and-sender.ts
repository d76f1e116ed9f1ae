import { activeCheck, type RecipientCheck } from '../directory/assert-active';
import type { SenderKinds } from '../senders/kinds/registry';
import { routeMessage, type ResolvedSender } from '../senders/route-message';
import type { DirectoryStore } from '../directory/directory.store';
import type { SenderStore } from '../senders/sender.store';

/** The reads that choose a message's recipient and sender (a Store, or a batch's cache of one). */
export interface RouteReader {
  directory: Pick<DirectoryStore, 'getUser' | 'getOrganization'>;
  senders: Pick<SenderStore, 'getConfig'>;
}

/**
 * The active check (SPEC §3.2) and the sender choice (§3.3) for one recipient, made before
 * every attempt. Once the user is read, the organization and the sender configurations are
 * read together: one round trip instead of two.
 */
export async function recipientAndSender(store: RouteReader, userId: string, eventType: string, kinds: SenderKinds): Promise<{ check: RecipientCheck; sender: ResolvedSender }> {
  const user = await store.directory.getUser(userId);
  const organizationId = user?.organizationId ?? null;
  const [organization, sender] = await Promise.all([
    organizationId === null ? null : store.directory.getOrganization(organizationId),
    routeMessage(store, eventType, organizationId, kinds),
  ]);
  return { check: activeCheck(user, organization), sender };
}
