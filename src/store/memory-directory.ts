import type { Organization, User } from '../directory/directory.schema';
import { copy } from './memory-copy';
import type { PutResult } from './store.port';

/** Organizations and users in plain maps. */
export class MemoryDirectory {
  private readonly organizations = new Map<string, Organization>();
  private readonly users = new Map<string, User>();

  constructor(private readonly now: () => Date) {}

  putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): PutResult<Organization> {
    return this.putStamped(this.organizations, id, input);
  }
  getOrganization(id: string): Organization | null {
    return copy(this.organizations.get(id) ?? null);
  }
  deleteOrganization(id: string): boolean {
    return this.organizations.delete(id);
  }
  putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): PutResult<User> {
    return this.putStamped(this.users, id, input);
  }
  getUser(id: string): User | null {
    return copy(this.users.get(id) ?? null);
  }
  deleteUser(id: string): boolean {
    return this.users.delete(id);
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
