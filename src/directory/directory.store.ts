import type { Page, PutResult } from '../shared/page';
import type { Organization, User } from './directory.schema';

export type OrganizationInput = Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>;
export type UserInput = Omit<User, 'id' | 'createdAt' | 'updatedAt'>;

/** A directory listing: by id, optionally narrowed. */
export interface DirectorySearch {
  /** Case-insensitive substring of the id, name, e-mail, username or organization id. */
  text?: string;
  /** Users of this organization only. */
  organizationId?: string;
  limit: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
}

/** The directory: organizations and users, kept until deleted. */
export interface DirectoryStore {
  putOrganization(id: string, input: OrganizationInput): Promise<PutResult<Organization>>;
  getOrganization(id: string): Promise<Organization | null>;
  deleteOrganization(id: string): Promise<boolean>;
  putUser(id: string, input: UserInput): Promise<PutResult<User>>;
  getUser(id: string): Promise<User | null>;
  /** Several users in one read, in the order asked (null for unknown ids). */
  getUsers(ids: string[]): Promise<Array<User | null>>;
  deleteUser(id: string): Promise<boolean>;
  /** Organizations in id order (the console's directory page). */
  listOrganizations(search: DirectorySearch): Promise<Page<Organization>>;
  /** Users in id order. */
  listUsers(search: DirectorySearch): Promise<Page<User>>;
}
