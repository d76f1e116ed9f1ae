import { orderSubmitted } from '../../test/support/seed';
import { BENCH_ORG, BENCH_USER } from './webhook-body';

export { BENCH_ORG, BENCH_USER };

/** The bearer key of every benchmarked Herald (auth is on, as in production). */
export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

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

/** PUTs through Herald's API at `base` (admin key), failing on any non-2xx answer. */
export async function putJson(base: string, path: string, body: object): Promise<void> {
  const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const res = await fetch(`${base}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`PUT ${path} answered ${res.status}: ${await res.text()}`);
}

/** The bench recipient (one active user in one organization) and a custom-url sender for order.submitted. */
export async function seedBench(base: string, receiverUrl: string): Promise<void> {
  await putJson(base, `/v1/organizations/${BENCH_ORG}`, { name: 'Bench Org', active: true });
  await putJson(base, `/v1/users/${BENCH_USER}`, { organizationId: BENCH_ORG, email: 'bench@bench.example', firstName: 'Ada', lastName: 'Lovelace', username: 'ada', active: true });
  await putJson(base, '/v1/senders/order.submitted', { kind: 'custom-url', url: `${receiverUrl}/hook` });
}
