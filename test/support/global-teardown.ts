import { removeDir } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  const redis = globalThis.__heraldRedis;
  if (!redis) return;
  await redis.stop();
  removeDir(redis.dir);
}
