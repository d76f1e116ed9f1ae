import type { Redis } from 'ioredis';
import type { OutboxEntry } from '../delivery/message.record';
import type { EventRecord } from '../events/event.record';
import { timeMs } from './cursor';
import { exec, getJson, loadAll } from './redis-json';
import type { RedisKeys } from './redis-keys';
import * as scripts from './redis-scripts';

/**
 * Events (create-once JSON values) and outbox entries (JSON values plus a newest-first
 * index), all expiring after the retention. Callers map connection errors.
 */
export class RedisEvents {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttl: number,
  ) {}

  async create(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    const keys = event.status === 'accepted' ? [this.keys.event(event.id), this.keys.eventsAccepted()] : [this.keys.event(event.id)];
    const stored = await scripts.createOnce.run(this.redis, keys, [JSON.stringify(event), this.ttl, timeMs(event.receivedAt), event.id]);
    return typeof stored === 'string' ? { created: false, existing: JSON.parse(stored) as EventRecord } : { created: true };
  }
  async getMany(ids: string[]): Promise<EventRecord[]> {
    return loadAll<EventRecord>(this.redis, ids, (id) => this.keys.event(id));
  }
  async get(id: string): Promise<EventRecord | null> {
    return getJson<EventRecord>(this.redis, this.keys.event(id));
  }
  async markProcessed(id: string): Promise<void> {
    await scripts.markEventProcessed.run(this.redis, [this.keys.event(id), this.keys.eventsAccepted()], [id]);
  }
  /** Oldest first. */
  async listAccepted(receivedBefore: Date, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.eventsAccepted(), '-inf', `(${receivedBefore.getTime()}`, 'LIMIT', 0, limit);
  }

  /** Stores the entry and trims index entries older than the retention. */
  async putOutbox(entry: OutboxEntry): Promise<void> {
    const index = this.keys.outboxIndex();
    const chain = this.redis
      .multi()
      .set(this.keys.outbox(entry.messageId), JSON.stringify(entry), 'EX', this.ttl)
      .zadd(index, timeMs(entry.createdAt), entry.messageId)
      .zremrangebyscore(index, '-inf', `(${Date.now() - this.ttl * 1000}`)
      .expire(index, this.ttl);
    await exec(chain);
  }
  async getOutbox(messageId: string): Promise<OutboxEntry | null> {
    return getJson<OutboxEntry>(this.redis, this.keys.outbox(messageId));
  }
  async listOutbox(limit: number): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    return loadAll<OutboxEntry>(this.redis, await this.redis.zrevrange(this.keys.outboxIndex(), 0, limit - 1), this.keys.outbox);
  }
}
