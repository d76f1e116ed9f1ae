import { Router } from 'express';
import { MESSAGE_STATUSES } from '../../delivery/message.record';
import { senderKey } from '../../senders/sender-config.schema';
import type { ConsoleDeps } from '../console.deps';
import { overviewPage, type SuspendedSender } from '../pages/overview.page';
import { send } from '../respond';
import { pageContext } from '../session/gate';
import { doneNotice } from './done';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `GET /console`: the last 24 hours by status, suspended senders (with Resume), queue depth. */
export function overviewRoutes(deps: Pick<ConsoleDeps, 'store' | 'senders' | 'queueCounts' | 'now'>): Router {
  const router = Router();
  router.get(['/console', '/console/'], async (req, res) => {
    const since = new Date(deps.now().getTime() - DAY_MS);
    const [last24h, senders, queue] = await Promise.all([
      Promise.all(MESSAGE_STATUSES.map(async (status) => ({ status, count: await deps.store.messages.countCreatedSince(status, since) }))),
      deps.senders.list(),
      deps.queueCounts(),
    ]);
    const suspended: SuspendedSender[] = await Promise.all(
      senders.flatMap((s) =>
        s.state?.suspendedAt
          ? [(async () => ({
              eventType: s.eventType, organizationId: s.organizationId, suspendedAt: s.state?.suspendedAt ?? '',
              consecutiveFailures: s.state?.consecutiveFailures ?? 0,
              held: (await deps.store.messages.listHeld(senderKey(s.eventType, s.organizationId))).length,
            }))()]
          : [],
      ),
    );
    send(res, overviewPage(pageContext(res), { last24h, suspended, queue, notice: doneNotice(req.query) }));
  });
  return router;
}
