import type { Redis } from 'ioredis';
import type { EventRecord } from '../../events/event.record';
import type { EventStore } from '../../events/event.store';
import { timeMs } from '../cursor';
import { decodeEvent, encodeEvent } from './codec';
import type { RedisKeys } from './keys';
import * as scripts from './scripts';

/**
 * Events: create-once binary values (codec.ts: status prefix, the ids of the event's messages,
 * then the event compressed) expiring after the retention, plus the index of unprocessed ones.
 */
export class RedisEvents implements EventStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttl: number,
  ) {}

  async create(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    const keys = event.status === 'accepted' ? [this.keys.event(event.id), this.keys.eventsAccepted()] : [this.keys.event(event.id)];
    const stored = await scripts.createOnce.runBuffer(this.redis, keys, [encodeEvent(event), this.ttl, timeMs(event.receivedAt), event.id]);
    return Buffer.isBuffer(stored) ? { created: false, existing: decodeEvent(event.id, stored) } : { created: true };
  }
  async getMany(ids: string[]): Promise<EventRecord[]> {
    if (ids.length === 0) return [];
    const raw = await this.redis.mgetBuffer(ids.map((id) => this.keys.event(id)));
    return raw.flatMap((value, i) => (value === null ? [] : [decodeEvent(ids[i] ?? '', value)]));
  }
  async get(id: string): Promise<EventRecord | null> {
    const raw = await this.redis.getBuffer(this.keys.event(id));
    return raw === null ? null : decodeEvent(id, raw);
  }
  async markProcessed(id: string): Promise<void> {
    await scripts.markEventProcessed.run(this.redis, [this.keys.event(id), this.keys.eventsAccepted()], [id]);
  }
  async listAccepted(receivedBefore: Date, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.eventsAccepted(), '-inf', `(${receivedBefore.getTime()}`, 'LIMIT', 0, limit);
  }
}
