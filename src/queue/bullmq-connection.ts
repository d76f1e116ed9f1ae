import type { RedisOptions as BullRedisOptions } from 'bullmq';
import Redis, { type RedisOptions } from 'ioredis';

/** Where BullMQ finds Redis: a `redis://`/`rediss://` URL or ioredis options. */
export type QueueConnection = string | RedisOptions;

/**
 * The producer connection shared by every BullMQ `Queue`. No offline queue and one retry per
 * request, so `add()` fails fast while Redis is down instead of buffering; ioredis keeps
 * reconnecting in the background, so the same client works again once Redis is back.
 */
export function createProducerClient(connection: QueueConnection): Redis {
  const options: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    // Concurrent add() calls share one write to Redis (the producer never blocks).
    enableAutoPipelining: true,
  };
  return typeof connection === 'string'
    ? new Redis(connection, options)
    : new Redis({ ...connection, ...options });
}

/**
 * Options for a `Worker`, which opens its own connections (one of them blocking). BullMQ
 * requires `maxRetriesPerRequest: null` there; the offline queue stays on so a worker simply
 * waits out a Redis outage.
 */
export function workerConnectionOptions(connection: QueueConnection): BullRedisOptions {
  const retryStrategy = (times: number): number => Math.min(times * 200, 2_000);
  if (typeof connection === 'string') return { url: connection, maxRetriesPerRequest: null, retryStrategy };
  return { ...connection, maxRetriesPerRequest: null, retryStrategy };
}

/**
 * BullMQ refuses custom job ids that contain ':' or look like integers. This encoding is
 * injective: '%' and ':' are percent-encoded, and all-digit ids get a prefix that a literal
 * id cannot produce (its '%' would have been encoded).
 */
export function toBullJobId(jobId: string): string {
  const safe = jobId.replace(/%/g, '%25').replace(/:/g, '%3A');
  return /^-?\d+$/.test(safe) ? `n%${safe}` : safe;
}
