import type { Redis } from 'ioredis';
import { compareNewestFirst, type CursorPosition } from '../cursor';

/** Entries of one read of one or more message indexes, newest first. */
export interface Batch {
  positions: CursorPosition[];
  more: boolean;
}

/**
 * Up to `count` entries strictly after `after` (plus every remaining tie on its ms) of the
 * union of `indexes`, sorted sets of message ids scored by createdAt ms. Redis orders equal
 * scores by member, so ZREVRANGEBYSCORE yields exactly (ms desc, id desc). Several indexes
 * (a partition, such as the per-type ones) are read at once and merged: the `count` newest of
 * what they gave are safe to return, since an index that has more gave `count` entries newer
 * than anything it left out.
 */
export async function readIndexes(redis: Redis, indexes: string[], after: CursorPosition | null, count: number): Promise<Batch> {
  const batches = await Promise.all(indexes.map((index) => readIndex(redis, index, after, count)));
  if (batches.length === 1 && batches[0]) return batches[0];
  const merged = batches.flatMap((b) => b.positions).sort(compareNewestFirst);
  return { positions: merged.slice(0, count), more: merged.length > count || batches.some((b) => b.more) };
}

async function readIndex(redis: Redis, index: string, after: CursorPosition | null, count: number): Promise<Batch> {
  if (after === null) {
    const positions = pairs(await redis.zrevrangebyscore(index, '+inf', '-inf', 'WITHSCORES', 'LIMIT', 0, count));
    return { positions, more: positions.length === count };
  }
  const [ties, older] = await Promise.all([
    redis.zrevrangebyscore(index, after.ms, after.ms),
    redis.zrevrangebyscore(index, `(${after.ms}`, '-inf', 'WITHSCORES', 'LIMIT', 0, count),
  ]);
  const sameMs = ties.filter((id) => id < after.id).map((id) => ({ ms: after.ms, id }));
  const rest = pairs(older);
  return { positions: [...sameMs, ...rest], more: rest.length === count };
}

function pairs(raw: string[]): CursorPosition[] {
  const out: CursorPosition[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ id: raw[i] ?? '', ms: Number(raw[i + 1]) });
  return out;
}
