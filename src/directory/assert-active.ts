import type { Store } from '../store/store.port';
import type { Organization, User } from './directory.schema';

export type RecipientCheck =
  | { ok: true; user: User; organization: Organization }
  | {
      ok: false;
      reason: 'unknown_user' | 'unknown_organization' | 'inactive_user' | 'inactive_organization';
      user: User | null;
      organization: Organization | null;
    };

/**
 * The active rule (SPEC §3.2): a message goes out only when the user exists and is active
 * AND the user's organization exists and is active. Made before the first try and every retry.
 */
export async function checkRecipient(store: Store, userId: string): Promise<RecipientCheck> {
  const user = await store.getUser(userId);
  if (!user) return { ok: false, reason: 'unknown_user', user: null, organization: null };
  const organization = await store.getOrganization(user.organizationId);
  if (!organization) return { ok: false, reason: 'unknown_organization', user, organization: null };
  if (!user.active) return { ok: false, reason: 'inactive_user', user, organization };
  if (!organization.active) return { ok: false, reason: 'inactive_organization', user, organization };
  return { ok: true, user, organization };
}
