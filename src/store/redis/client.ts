import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../../shared/errors';

/**
 * Client options for a store connection: fail fast instead of queueing while Redis is
 * down (the API must answer 503 at once), and keep reconnecting in the background so
 * the same client recovers when Redis returns.
 */
export const STORE_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2000,
  commandTimeout: 2000,
  retryStrategy: (times) => Math.min(times * 100, 1000),
  lazyConnect: true,
  // Commands issued in the same tick (concurrent requests, concurrent jobs) go out in one
  // write and come back in one read: far fewer syscalls for Redis and for us under load.
  enableAutoPipelining: true,
};

/** Opens a client and waits until it is ready; throws `unavailable` when Redis cannot be reached. */
export async function connectRedis(url: string, onError: (err: Error) => void = () => {}): Promise<Redis> {
  const redis = new Redis(url, STORE_REDIS_OPTIONS);
  // ioredis prints every connection error itself unless someone listens.
  redis.on('error', onError);
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw toStoreError(err);
  }
}

// Replies that mean "the server is there but cannot serve now", not a bug of ours.
const TRANSIENT_REPLIES = /^(LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN|OOM)/;

/**
 * Maps a Redis failure to the store's contract: connection trouble and timeouts become
 * `AppError('unavailable')`; a genuine error reply (a bug) is passed on unchanged.
 */
export function toStoreError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'ReplyError' && !TRANSIENT_REPLIES.test(err.message)) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('unavailable', `store unavailable: ${reason}`);
}

interface BufferScripting {
  evalshaBuffer(sha: string, numKeys: number, ...rest: Array<string | number | Buffer>): Promise<unknown>;
  evalBuffer(source: string, numKeys: number, ...rest: Array<string | number | Buffer>): Promise<unknown>;
}

/** A Lua script run by SHA, loaded on first use (or after a server restart). */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: Array<string | number | Buffer>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }

  /** As `run`, with string replies as Buffers (for binary values, see codec.ts). */
  async runBuffer(redis: Redis, keys: string[], args: Array<string | number | Buffer>): Promise<unknown> {
    // ioredis has these at run time but not in its types; `callBuffer` loses the command name
    // under auto-pipelining.
    const client = redis as unknown as BufferScripting;
    try {
      return await client.evalshaBuffer(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
      return client.evalBuffer(this.source, keys.length, ...keys, ...args);
    }
  }
}
