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
 * every attempt. The sender is the one of the event's `data.userId` organization (`scopeUserId`;
 * SPEC §2: on approval types the buyer's organization, whichever organization an approver is
 * in), which for every other type is the recipient's own. Once the users are read, the
 * organization and the sender configurations are read together: one round trip instead of two.
 */
export async function recipientAndSender(
  store: RouteReader,
  userId: string,
  eventType: string,
  kinds: SenderKinds,
  scopeUserId: string = userId,
): Promise<{ check: RecipientCheck; sender: ResolvedSender }> {
  const [user, scopeUser] = await Promise.all([
    store.directory.getUser(userId),
    scopeUserId === userId ? null : store.directory.getUser(scopeUserId),
  ]);
  const organizationId = user?.organizationId ?? null;
  const scopeOrganizationId = scopeUserId === userId ? organizationId : (scopeUser?.organizationId ?? null);
  const [organization, sender] = await Promise.all([
    organizationId === null ? null : store.directory.getOrganization(organizationId),
    routeMessage(store, eventType, scopeOrganizationId, kinds),
  ]);
  return { check: activeCheck(user, organization), sender };
}

/** The user whose organization scopes an event's sender: its `data.userId` (every type has one). */
export function scopeUserOf(data: Record<string, unknown>, recipientId: string): string {
  return typeof data.userId === 'string' ? data.userId : recipientId;
}
