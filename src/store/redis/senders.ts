import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { senderKey, type SenderConfigRecord, type SenderState } from '../../senders/sender-config.schema';
import { FAILURE_HISTORY_MAX, FAILURE_HISTORY_MS, type FailureCounts, type SenderStore } from '../../senders/sender.store';
import { LuaScript } from './client';
import { parse } from './json';
import type { RedisKeys } from './keys';
import type { PutResult } from '../../shared/page';

/**
 * One failure, atomically: the consecutive count goes up, the time joins the failure history
 * (trimmed by age and count, expiring when idle) and the failures in the window are counted.
 * KEYS: state hash, history sorted set. ARGV: ms, member, oldest kept ms, max kept, TTL ms,
 * window start ms. Returns { consecutive, inWindow }.
 */
const recordFailureScript = new LuaScript(`
local consecutive = redis.call('HINCRBY', KEYS[1], 'failures', 1)
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return { consecutive, redis.call('ZCOUNT', KEYS[2], ARGV[6], '+inf') }
`);

/**
 * Sender configurations (one hash, field = sender key), sender state (a hash per sender
 * key: `failures`, `suspendedAt`), kept until deleted, and each sender's recent failure
 * times (a sorted set that expires FAILURE_HISTORY_MS after the last failure). The store
 * maps connection errors.
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
  async recordFailure(key: string, at: Date, windowStart?: Date): Promise<FailureCounts> {
    const ms = at.getTime();
    // Two failures in the same millisecond are two members.
    const member = `${ms}:${randomBytes(4).toString('hex')}`;
    const args = [ms, member, ms - FAILURE_HISTORY_MS, FAILURE_HISTORY_MAX, FAILURE_HISTORY_MS, windowStart ? windowStart.getTime() : '-inf'];
    const [consecutive, inWindow] = (await recordFailureScript.run(this.redis, [this.keys.senderState(key), this.keys.senderFailures(key)], args)) as [number, number];
    return { consecutive, inWindow };
  }
  async failuresSince(key: string, since: Date): Promise<number> {
    return this.redis.zcount(this.keys.senderFailures(key), since.getTime(), '+inf');
  }
  async recordSuccess(key: string): Promise<void> {
    await this.redis.hset(this.keys.senderState(key), 'failures', 0);
  }
  async suspend(key: string, at: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.senderState(key), 'suspendedAt', at)) === 1;
  }
  async resume(key: string): Promise<void> {
    await this.redis.del(this.keys.senderState(key), this.keys.senderFailures(key));
  }
}
