import type { Redis } from 'ioredis';
import type { ConsoleSession, SessionStore } from '../../console/session/session.store';
import { getJson } from './json';
import type { RedisKeys } from './keys';
import * as scripts from './scripts';

/** Console sessions (expiring with the session) and sign-in failure counters (expiring with their window). Callers map connection errors. */
export class RedisSessions implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async put(key: string, session: ConsoleSession): Promise<void> {
    const ttlMs = Math.max(1, Date.parse(session.expiresAt) - Date.now());
    await this.redis.set(this.keys.session(key), JSON.stringify(session), 'PX', ttlMs);
  }
  async get(key: string): Promise<ConsoleSession | null> {
    return getJson<ConsoleSession>(this.redis, this.keys.session(key));
  }
  async delete(key: string): Promise<void> {
    await this.redis.del(this.keys.session(key));
  }
  async recordFailure(key: string, windowMs: number): Promise<number> {
    return Number(await scripts.countInWindow.run(this.redis, [this.keys.signInFailures(key)], [Math.max(1, Math.ceil(windowMs))]));
  }
  async failures(key: string): Promise<number> {
    return Number((await this.redis.get(this.keys.signInFailures(key))) ?? 0);
  }
}
