import type { ChainableCommander, Redis } from 'ioredis';
import type { PutResult } from '../../shared/page';

/** JSON.parse of a Redis reply, keeping a missing key as null. */
export const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/** GET of a JSON value. */
export async function getJson<T>(redis: Redis, key: string): Promise<T | null> {
  return parse<T>(await redis.get(key));
}

/** MGET of the ids' keys, skipping those that expired meanwhile. */
export async function loadAll<T>(redis: Redis, ids: string[], keyOf: (id: string) => string): Promise<T[]> {
  if (ids.length === 0) return [];
  const raw = await redis.mget(ids.map(keyOf));
  return raw.flatMap((json) => (json === null ? [] : [JSON.parse(json) as T]));
}

/** Create-or-replace keeping the first `createdAt`; `index`: a sorted set (score 0) to add the member to in the same write. */
export async function putStamped<T extends { createdAt: string; updatedAt: string }>(
  redis: Redis,
  key: string,
  value: Omit<T, 'createdAt' | 'updatedAt'>,
  index?: { key: string; member: string },
): Promise<PutResult<T>> {
  const existing = parse<T>(await redis.get(key));
  const at = new Date().toISOString();
  const stored = { ...value, createdAt: existing?.createdAt ?? at, updatedAt: at } as T;
  if (index) await exec(redis.multi().set(key, JSON.stringify(stored)).zadd(index.key, 0, index.member));
  else await redis.set(key, JSON.stringify(stored));
  return { created: existing === null, value: stored };
}

/** Runs a MULTI and throws the first command error (exec reports them per command). */
export async function exec(chain: ChainableCommander): Promise<unknown[]> {
  const results = (await chain.exec()) ?? [];
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
