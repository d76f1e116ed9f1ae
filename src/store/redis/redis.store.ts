import type { Redis } from 'ioredis';
import type { Store } from '../../stores.port';
import { connectRedis, toStoreError } from './client';
import { RedisDirectory } from './directory';
import { RedisEvents } from './events';
import { redisKeys } from './keys';
import { RedisMessages } from './messages';
import { RedisOutbox } from './outbox';
import { RedisSenders } from './senders';
import { RedisSessions } from './sessions';
import { RedisTemplates } from './templates';

export interface RedisStoreOptions {
  /** The client. The store owns it from now on: `close()` quits it. */
  redis: Redis;
  /** Every key is `${prefix}:…`. */
  prefix: string;
  /** Events, messages, attempts, outbox entries and held indexes expire after this many days. */
  retentionDays: number;
}

/**
 * The production store on Redis. Directory, sender configurations, sender state and
 * templates are kept until deleted; everything produced by traffic expires after
 * `retentionDays`. Every call of every area maps connection failures to
 * `AppError('unavailable')`.
 */
export function createRedisStore(opts: RedisStoreOptions): Store {
  const { redis } = opts;
  const keys = redisKeys(opts.prefix);
  const ttl = Math.max(1, Math.ceil(opts.retentionDays * 86_400));
  return {
    directory: mapErrors(new RedisDirectory(redis, keys)),
    senders: mapErrors(new RedisSenders(redis, keys)),
    templates: mapErrors(new RedisTemplates(redis, keys)),
    events: mapErrors(new RedisEvents(redis, keys, ttl)),
    messages: mapErrors(new RedisMessages(redis, keys, ttl)),
    outbox: mapErrors(new RedisOutbox(redis, keys, ttl)),
    sessions: mapErrors(new RedisSessions(redis, keys)),
    ping: async () => {
      try {
        await redis.ping();
      } catch (err) {
        throw toStoreError(err);
      }
    },
    close: async () => {
      try {
        await redis.quit();
      } catch {
        // Not connected: nothing to flush, just stop reconnecting.
        redis.disconnect();
      }
    },
  };
}

/** Connects with fail-fast options (see `STORE_REDIS_OPTIONS`), waits until ready, and builds the store. */
export async function connectRedisStore(url: string, prefix: string, retentionDays: number, onError?: (err: Error) => void): Promise<Store> {
  return createRedisStore({ redis: await connectRedis(url, onError), prefix, retentionDays });
}

/**
 * The area with each of its public methods wrapped once (not per call) so that connection
 * trouble becomes `unavailable`, the store's contract.
 */
function mapErrors<T extends object>(area: T): T {
  const wrapped = Object.create(area) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(area))) {
    const method = (area as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(area, args);
      } catch (err) {
        throw toStoreError(err);
      }
    };
  }
  return wrapped as T;
}
