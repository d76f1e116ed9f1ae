import { Router } from 'express';
import { z } from 'zod';
import type { Metrics } from '../../metrics/metrics';
import { withTimeout } from '../../shared/timeout';

export interface HealthDeps {
  /** Each check throws when its dependency is unreachable. */
  checks: Record<string, () => Promise<void>>;
  metrics: Metrics;
}

export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.string()).meta({ description: "Each dependency (store, queue): 'ok' or 'unavailable: <why>'" }),
});

/** `/healthz` (the process is up), `/readyz` (store and queue reachable), `/metrics`. */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, `unavailable: ${err instanceof Error ? err.message : String(err)}`] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
