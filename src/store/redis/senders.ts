import type { Redis } from 'ioredis';
import { senderKey, type SenderConfigRecord, type SenderState } from '../../senders/sender-config.schema';
import type { SenderStore } from '../../senders/sender.store';
import { parse } from './json';
import type { RedisKeys } from './keys';
import type { PutResult } from '../../shared/page';

/**
 * Sender configurations (one hash, field = sender key) and sender state (a hash per sender
 * key: `failures`, `suspendedAt`), kept until deleted. The store maps connection errors.
 */
export class RedisSenders implements SenderStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async putConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>> {
    const field = senderKey(record.eventType, record.organizationId);
    const existing = parse<SenderConfigRecord>(await this.redis.hget(this.keys.senderConfigs(), field));
    const at = new Date().toISOString();
    const value: SenderConfigRecord = { ...record, createdAt: existing?.createdAt ?? at, updatedAt: at };
    await this.redis.hset(this.keys.senderConfigs(), field, JSON.stringify(value));
    return { created: existing === null, value };
  }
  async getConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null> {
    return parse<SenderConfigRecord>(await this.redis.hget(this.keys.senderConfigs(), senderKey(eventType, organizationId)));
  }
  async deleteConfig(eventType: string, organizationId: string | null): Promise<boolean> {
    return (await this.redis.hdel(this.keys.senderConfigs(), senderKey(eventType, organizationId))) > 0;
  }
  async listConfigs(): Promise<SenderConfigRecord[]> {
    const all = await this.redis.hgetall(this.keys.senderConfigs());
    return Object.keys(all).sort().map((field) => JSON.parse(all[field] ?? 'null') as SenderConfigRecord);
  }

  async getState(key: string): Promise<SenderState> {
    const [failures, suspendedAt] = await this.redis.hmget(this.keys.senderState(key), 'failures', 'suspendedAt');
    return { suspendedAt: suspendedAt ?? null, consecutiveFailures: Number(failures ?? 0) };
  }
  async recordFailure(key: string): Promise<number> {
    return this.redis.hincrby(this.keys.senderState(key), 'failures', 1);
  }
  async recordSuccess(key: string): Promise<void> {
    await this.redis.hset(this.keys.senderState(key), 'failures', 0);
  }
  async suspend(key: string, at: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.senderState(key), 'suspendedAt', at)) === 1;
  }
  async resume(key: string): Promise<void> {
    await this.redis.del(this.keys.senderState(key));
  }
}
