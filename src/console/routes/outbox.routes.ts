import { Router } from 'express';
import type { ConsoleDeps } from '../console.deps';
import { outboxPage } from '../pages/outbox.page';
import { send } from '../respond';
import { pageContext } from '../session/gate';

/** `GET /console/outbox`: the dev outbox as a list with links (mounted only when the outbox is in use). */
export function outboxRoutes(deps: Pick<ConsoleDeps, 'store'>): Router {
  const router = Router();
  router.get('/console/outbox', async (_req, res) => {
    send(res, outboxPage(pageContext(res), await deps.store.outbox.list(200)));
  });
  return router;
}
