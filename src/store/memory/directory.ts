import type { Organization, User } from '../../directory/directory.schema';
import { organizationMatches, userMatches } from '../../directory/directory-search';
import type { DirectorySearch, DirectoryStore, OrganizationInput, UserInput } from '../../directory/directory.store';
import type { Page, PutResult } from '../../shared/page';
import { decodeIdCursor, encodeIdCursor } from '../cursor';
import { copy } from './copy';

/** Organizations and users in plain maps. */
export class MemoryDirectory implements DirectoryStore {
  private readonly organizations = new Map<string, Organization>();
  private readonly users = new Map<string, User>();

  constructor(private readonly now: () => Date) {}

  async putOrganization(id: string, input: OrganizationInput): Promise<PutResult<Organization>> {
    return this.putStamped(this.organizations, id, input);
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return copy(this.organizations.get(id) ?? null);
  }
  async deleteOrganization(id: string): Promise<boolean> {
    return this.organizations.delete(id);
  }
  async putUser(id: string, input: UserInput): Promise<PutResult<User>> {
    return this.putStamped(this.users, id, input);
  }
  async getUser(id: string): Promise<User | null> {
    return copy(this.users.get(id) ?? null);
  }
  async getUsers(ids: string[]): Promise<Array<User | null>> {
    return ids.map((id) => copy(this.users.get(id) ?? null));
  }
  async deleteUser(id: string): Promise<boolean> {
    return this.users.delete(id);
  }

  async listOrganizations(search: DirectorySearch): Promise<Page<Organization>> {
    return pageById(this.organizations, search, (org) => organizationMatches(org, search));
  }
  async listUsers(search: DirectorySearch): Promise<Page<User>> {
    return pageById(this.users, search, (user) => userMatches(user, search));
  }

  /** Create-or-replace that keeps the first `createdAt`. */
  private putStamped<I extends object, T extends I & { id: string; createdAt: string; updatedAt: string }>(
    map: Map<string, T>,
    id: string,
    input: I,
  ): PutResult<T> {
    const existing = map.get(id);
    const at = this.now().toISOString();
    const value = { id, ...copy(input), createdAt: existing?.createdAt ?? at, updatedAt: at } as T;
    map.set(id, value);
    return { created: !existing, value: copy(value) };
  }
}

/** One page of a map's values in id order, after the search's cursor. */
function pageById<T extends { id: string }>(map: Map<string, T>, search: DirectorySearch, matches: (value: T) => boolean): Page<T> {
  const after = search.cursor === undefined ? null : decodeIdCursor(search.cursor);
  const ids = [...map.keys()].filter((id) => after === null || id > after).sort();
  const found: T[] = [];
  for (const id of ids) {
    const value = map.get(id);
    if (value && matches(value)) found.push(value);
    if (found.length > search.limit) break;
  }
  const data = found.slice(0, search.limit);
  const last = data.at(-1);
  return { data: copy(data), nextCursor: found.length > search.limit && last ? encodeIdCursor(last.id) : null };
}
