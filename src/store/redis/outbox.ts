import type { Redis } from 'ioredis';
import type { OutboxEntry } from '../../delivery/message.record';
import { OUTBOX_KEEP, type OutboxStore } from '../../senders/outbox.store';
import { timeMs } from '../cursor';
import { getJson, loadAll } from './json';
import type { RedisKeys } from './keys';
import * as scripts from './scripts';

/**
 * The dev outbox (SPEC §7): JSON values plus a newest-first index. Only the newest
 * `OUTBOX_KEEP` entries are kept: each put drops the oldest beyond that, index entry and body,
 * so the outbox cannot grow with the retention (an entry is ~26 KB, a message ~1 KB). Entries
 * also expire after the retention. Production never writes here: with NODE_ENV=production
 * default-mandrill never falls back to the outbox (see default-mandrill.kind.ts).
 */
export class RedisOutbox implements OutboxStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttl: number,
    private readonly keep: number = OUTBOX_KEEP,
  ) {}

  async put(entry: OutboxEntry): Promise<void> {
    const keys = [this.keys.outbox(entry.messageId), this.keys.outboxIndex()];
    const args = [JSON.stringify(entry), this.ttl, timeMs(entry.createdAt), entry.messageId, Date.now() - this.ttl * 1000, this.keep, this.keys.outbox('')];
    await scripts.putOutbox.run(this.redis, keys, args);
  }
  async get(messageId: string): Promise<OutboxEntry | null> {
    return getJson<OutboxEntry>(this.redis, this.keys.outbox(messageId));
  }
  async list(limit: number): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    return loadAll<OutboxEntry>(this.redis, await this.redis.zrevrange(this.keys.outboxIndex(), 0, limit - 1), this.keys.outbox);
  }
}
