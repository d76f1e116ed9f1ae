import type { PutResult } from '../shared/page';
import type { Organization, User } from './directory.schema';

export type OrganizationInput = Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>;
export type UserInput = Omit<User, 'id' | 'createdAt' | 'updatedAt'>;

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
}
