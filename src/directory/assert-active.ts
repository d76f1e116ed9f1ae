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
 * AND the user's organization exists and is active. Made before the first try and every
 * retry (see recipientAndSender), on a user and organization already read.
 */
export function activeCheck(user: User | null, organization: Organization | null): RecipientCheck {
  if (!user) return { ok: false, reason: 'unknown_user', user: null, organization: null };
  if (!organization) return { ok: false, reason: 'unknown_organization', user, organization: null };
  if (!user.active) return { ok: false, reason: 'inactive_user', user, organization };
  if (!organization.active) return { ok: false, reason: 'inactive_organization', user, organization };
  return { ok: true, user, organization };
}
