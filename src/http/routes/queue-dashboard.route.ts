import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router } from 'express';
import type { Queue as BullQueue } from 'bullmq';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * `/admin/queues`: the @bull-board dashboard over the BullMQ queues (admin key required,
 * as for every non-ingest route). Embedded mode has no BullMQ queues (`null`), so it explains that.
 */
export function queueDashboard(bullQueues: BullQueue[] | null): Router[] {
  if (bullQueues === null) {
    const router = Router();
    router.get(DASHBOARD_PATH, (_req, res) => {
      res.status(404).json({ error: { code: 'not_found', message: 'The queue dashboard needs Redis: set REDIS_URL (production mode)' } });
    });
    return [router];
  }
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: bullQueues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Herald queues' } } });
  const router = Router();
  router.use(DASHBOARD_PATH, serverAdapter.getRouter() as Router);
  return [router];
}
