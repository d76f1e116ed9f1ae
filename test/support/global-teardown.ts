import { removeDir } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  const mjmlCache = process.env.HERALD_TEST_MJML_CACHE;
  if (mjmlCache) removeDir(mjmlCache);
  const redis = globalThis.__heraldRedis;
  if (!redis) return;
  await redis.stop();
  removeDir(redis.dir);
}
