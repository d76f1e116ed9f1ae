import type { Organization, User } from './directory.schema';
import type { DirectorySearch } from './directory.store';

/** True when an organization matches the search (both stores filter with this). */
export function organizationMatches(org: Organization, search: DirectorySearch): boolean {
  return textMatches(search.text, [org.id, org.name]);
}

/** True when a user matches the search (both stores filter with this). */
export function userMatches(user: User, search: DirectorySearch): boolean {
  if (search.organizationId !== undefined && user.organizationId !== search.organizationId) return false;
  return textMatches(search.text, [user.id, user.email, user.firstName, user.lastName, `${user.firstName} ${user.lastName}`, user.username ?? '', user.organizationId]);
}

function textMatches(text: string | undefined, fields: string[]): boolean {
  const needle = text?.trim().toLowerCase();
  if (!needle) return true;
  return fields.some((field) => field.toLowerCase().includes(needle));
}
