import { Router, type Request } from 'express';
import type { SenderChanges } from '../../delivery/sender-changes';
import { isEventType } from '../../events/event.schema';
import { notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';

/** The event type from the path; an unknown one is a 404 (there is no such resource). */
function eventTypeOf(req: Request): string {
  const type = String(req.params.eventType);
  if (!isEventType(type)) throw notFound('event type', type);
  return type;
}

/** Global sender configurations and organization overrides (SPEC §4). */
export function senderRoutes(senders: SenderChanges): Router {
  const router = Router();
  const scopes: [string, (req: Request) => string | null][] = [
    ['/v1/senders/:eventType', () => null],
    ['/v1/organizations/:orgId/senders/:eventType', (req) => String(req.params.orgId)],
  ];

  router.get('/v1/senders', async (_req, res) => {
    res.json({ data: await senders.list() });
  });
  for (const [path, orgOf] of scopes) {
    router.put(path, async (req, res) => {
      const { created, view } = await senders.put(eventTypeOf(req), orgOf(req), parseOrThrow(senders.inputSchema, req.body));
      res.status(created ? 201 : 200).json(view);
    });
    router.get(path, async (req, res) => {
      res.json(await senders.get(eventTypeOf(req), orgOf(req)));
    });
    router.delete(path, async (req, res) => {
      await senders.delete(eventTypeOf(req), orgOf(req));
      res.status(204).end();
    });
    router.post(`${path}/resume`, async (req, res) => {
      const eventType = eventTypeOf(req);
      const organizationId = orgOf(req);
      const { current, released } = await senders.resume(eventType, organizationId);
      res.json({ ...(current ?? { eventType, scope: organizationId === null ? 'global' : 'organization', organizationId, kind: null }), released });
    });
  }
  return router;
}
