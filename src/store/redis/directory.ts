import type { Redis } from 'ioredis';
import type { Organization, User } from '../../directory/directory.schema';
import { organizationMatches, userMatches } from '../../directory/directory-search';
import type { DirectorySearch, DirectoryStore } from '../../directory/directory.store';
import type { Page, PutResult } from '../../shared/page';
import { decodeIdCursor, encodeIdCursor } from '../cursor';
import { exec, getJson, parse, putStamped } from './json';
import type { RedisKeys } from './keys';

/** Index entries looked at per listing page at most; a sparse search returns a short page with a cursor. */
const MAX_SCAN = 5000;
const BATCH = 200;

/**
 * Organizations and users in Redis: one JSON value each, kept until deleted, and a sorted set
 * of the ids of each (score 0, so ordered by id) for listing. The store maps connection errors.
 */
export class RedisDirectory implements DirectoryStore {
  private indexed: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<Organization>> {
    return putStamped<Organization>(this.redis, this.keys.organization(id), { id, ...input }, { key: this.keys.organizationIds(), member: id });
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return getJson<Organization>(this.redis, this.keys.organization(id));
  }
  async deleteOrganization(id: string): Promise<boolean> {
    const [deleted] = await exec(this.redis.multi().del(this.keys.organization(id)).zrem(this.keys.organizationIds(), id));
    return Number(deleted) > 0;
  }
  async putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>> {
    return putStamped<User>(this.redis, this.keys.user(id), { id, ...input }, { key: this.keys.userIds(), member: id });
  }
  async getUser(id: string): Promise<User | null> {
    return getJson<User>(this.redis, this.keys.user(id));
  }
  async getUsers(ids: string[]): Promise<Array<User | null>> {
    if (ids.length === 0) return [];
    return (await this.redis.mget(ids.map((id) => this.keys.user(id)))).map((json) => parse<User>(json));
  }
  async deleteUser(id: string): Promise<boolean> {
    const [deleted] = await exec(this.redis.multi().del(this.keys.user(id)).zrem(this.keys.userIds(), id));
    return Number(deleted) > 0;
  }

  async listOrganizations(search: DirectorySearch): Promise<Page<Organization>> {
    await this.ensureIndexed();
    return this.page(this.keys.organizationIds(), (id) => this.keys.organization(id), search, (org: Organization) => organizationMatches(org, search));
  }
  async listUsers(search: DirectorySearch): Promise<Page<User>> {
    await this.ensureIndexed();
    return this.page(this.keys.userIds(), (id) => this.keys.user(id), search, (user: User) => userMatches(user, search));
  }

  /** Walks the id index from the cursor, loading and matching in batches, up to MAX_SCAN ids. */
  private async page<T extends { id: string }>(index: string, keyOf: (id: string) => string, search: DirectorySearch, matches: (value: T) => boolean): Promise<Page<T>> {
    const found: T[] = [];
    let after = search.cursor === undefined ? null : decodeIdCursor(search.cursor);
    let scanned = 0;
    let exhausted = false;
    while (found.length <= search.limit && scanned < MAX_SCAN && !exhausted) {
      const ids = await this.redis.zrangebylex(index, after === null ? '-' : `(${after}`, '+', 'LIMIT', 0, BATCH);
      const values = ids.length === 0 ? [] : await this.redis.mget(ids.map(keyOf));
      for (const [i, id] of ids.entries()) {
        scanned++;
        after = id;
        const value = parse<T>(values[i] ?? null);
        if (value && matches(value)) found.push(value);
        if (found.length > search.limit) break;
      }
      exhausted = ids.length < BATCH;
    }
    const data = found.slice(0, search.limit);
    const last = data.at(-1);
    if (found.length > search.limit && last) return { data, nextCursor: encodeIdCursor(last.id) };
    // Scan budget spent before the page filled: continue from the last id looked at.
    return { data, nextCursor: !exhausted && after !== null ? encodeIdCursor(after) : null };
  }

  /**
   * Organizations and users written before the id indexes existed are added to them once
   * (SCAN over their keys), then a marker says it is done. Idempotent, so concurrent runs are harmless.
   */
  private ensureIndexed(): Promise<void> {
    this.indexed ??= (async () => {
      if ((await this.redis.exists(this.keys.directoryIndexed())) === 1) return;
      await this.indexExisting(this.keys.organization(''), this.keys.organizationIds());
      await this.indexExisting(this.keys.user(''), this.keys.userIds());
      await this.redis.set(this.keys.directoryIndexed(), '1');
    })().catch((err: unknown) => {
      this.indexed = null;
      throw err;
    });
    return this.indexed;
  }

  private async indexExisting(keyPrefix: string, index: string): Promise<void> {
    const pattern = `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      const ids = keys.map((key) => key.slice(keyPrefix.length));
      if (ids.length > 0) await this.redis.zadd(index, ...ids.flatMap((id) => [0, id]));
      cursor = next;
    } while (cursor !== '0');
  }
}
