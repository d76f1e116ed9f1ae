import type { Redis } from 'ioredis';
import type { OutboxEntry } from '../../delivery/message.record';
import type { OutboxStore } from '../../senders/outbox.store';
import { timeMs } from '../cursor';
import { exec, getJson, loadAll } from './json';
import type { RedisKeys } from './keys';

/** Outbox entries: JSON values plus a newest-first index, expiring after the retention. */
export class RedisOutbox implements OutboxStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttl: number,
  ) {}

  /** Stores the entry and trims index entries older than the retention. */
  async put(entry: OutboxEntry): Promise<void> {
    const index = this.keys.outboxIndex();
    const chain = this.redis
      .multi()
      .set(this.keys.outbox(entry.messageId), JSON.stringify(entry), 'EX', this.ttl)
      .zadd(index, timeMs(entry.createdAt), entry.messageId)
      .zremrangebyscore(index, '-inf', `(${Date.now() - this.ttl * 1000}`)
      .expire(index, this.ttl);
    await exec(chain);
  }
  async get(messageId: string): Promise<OutboxEntry | null> {
    return getJson<OutboxEntry>(this.redis, this.keys.outbox(messageId));
  }
  async list(limit: number): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    return loadAll<OutboxEntry>(this.redis, await this.redis.zrevrange(this.keys.outboxIndex(), 0, limit - 1), this.keys.outbox);
  }
}
