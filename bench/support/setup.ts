import { orderSubmitted } from '../../test/support/seed';

/** The bearer key of every benchmarked Herald (auth is on, as in production). */
export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
export const BENCH_USER = 'bench-buyer';
export const BENCH_ORG = 'bench-org';

/** An order.submitted body whose id autocannon replaces per request (`[<id>]`). */
export const INGEST_ORDER_BODY = JSON.stringify(orderSubmitted(BENCH_USER, { id: 'evt_[<id>]' }));

/** An order.submitted body with a given id and its send time in the data (passed through as posted). */
export function timedOrderBody(id: string): string {
  const event = orderSubmitted(BENCH_USER, { id });
  return JSON.stringify({ ...event, data: { ...event.data, benchSentAt: Date.now() } });
}

/**
 * The environment of a benchmarked Herald: Redis drivers, auth on, LOG_LEVEL=warn (nothing is
 * logged per request or per delivery at that level), loopback receivers allowed.
 */
export function benchEnv(redisUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'warn',
    ALLOW_PRIVATE_NETWORK_URLS: 'true',
    HOST: '127.0.0.1',
    SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...extra,
  };
}
