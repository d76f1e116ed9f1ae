import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router } from 'express';
import { BullMqQueue } from '../../queue/bullmq.queue';
import type { Queue } from '../../jobs/queue.port';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * `/admin/queues`: the @bull-board dashboard over the BullMQ queues (admin key required,
 * as for every non-ingest route). Embedded mode has no BullMQ queues, so it explains that.
 */
export function queueDashboard(queue: Queue): Router[] {
  if (!(queue instanceof BullMqQueue)) {
    const router = Router();
    router.get(DASHBOARD_PATH, (_req, res) => {
      res.status(404).json({ error: { code: 'not_found', message: 'The queue dashboard needs Redis: set REDIS_URL (production mode)' } });
    });
    return [router];
  }
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queue.bullQueues().map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Herald queues' } } });
  const router = Router();
  router.use(DASHBOARD_PATH, serverAdapter.getRouter() as Router);
  return [router];
}
