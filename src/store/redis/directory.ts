import type { Redis } from 'ioredis';
import type { Organization, User } from '../../directory/directory.schema';
import type { DirectoryStore } from '../../directory/directory.store';
import { getJson, parse, putStamped } from './json';
import type { RedisKeys } from './keys';
import type { PutResult } from '../../shared/page';

/** Organizations and users in Redis: one JSON value each, kept until deleted. The store maps connection errors. */
export class RedisDirectory implements DirectoryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<Organization>> {
    return putStamped<Organization>(this.redis, this.keys.organization(id), { id, ...input });
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return getJson<Organization>(this.redis, this.keys.organization(id));
  }
  async deleteOrganization(id: string): Promise<boolean> {
    return (await this.redis.del(this.keys.organization(id))) > 0;
  }
  async putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>> {
    return putStamped<User>(this.redis, this.keys.user(id), { id, ...input });
  }
  async getUser(id: string): Promise<User | null> {
    return getJson<User>(this.redis, this.keys.user(id));
  }
  async getUsers(ids: string[]): Promise<Array<User | null>> {
    if (ids.length === 0) return [];
    return (await this.redis.mget(ids.map((id) => this.keys.user(id)))).map((json) => parse<User>(json));
  }
  async deleteUser(id: string): Promise<boolean> {
    return (await this.redis.del(this.keys.user(id))) > 0;
  }
}
