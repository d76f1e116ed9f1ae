import { Router, type Request } from 'express';
import { releaseForOverride, resumeSender, type ReplayDeps } from '../../delivery/replay';
import { isEventType } from '../../events/event.schema';
import { AppError, notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import { senderKey } from '../../senders/sender-config.schema';
import type { SenderConfigService } from '../../senders/sender-config.service';

/** The event type from the path; an unknown one is a 404 (there is no such resource). */
function eventTypeOf(req: Request): string {
  const type = String(req.params.eventType);
  if (!isEventType(type)) throw notFound('event type', type);
  return type;
}

/** Global sender configurations and organization overrides (SPEC §4). */
export function senderRoutes(service: SenderConfigService, replay: ReplayDeps): Router {
  const router = Router();
  const scopes: [string, (req: Request) => string | null][] = [
    ['/v1/senders/:eventType', () => null],
    ['/v1/organizations/:orgId/senders/:eventType', (req) => String(req.params.orgId)],
  ];

  router.get('/v1/senders', async (_req, res) => {
    res.json({ data: await service.list() });
  });
  for (const [path, orgOf] of scopes) {
    router.put(path, async (req, res) => {
      const eventType = eventTypeOf(req);
      const input = parseOrThrow(service.kinds.inputSchema, req.body);
      const organizationId = orgOf(req);
      const { created, view } = await service.put(eventType, organizationId, input);
      // Not a kind that can be suspended: whatever it held goes out through the new sender.
      if (!service.kinds.of(input).suspendable) await resumeSender(replay, senderKey(eventType, organizationId));
      // An organization override also takes over what the suspended global sender held for it.
      if (organizationId !== null) await releaseForOverride(replay, eventType, organizationId);
      res.status(created ? 201 : 200).json(view);
    });
    router.get(path, async (req, res) => {
      res.json(await service.get(eventTypeOf(req), orgOf(req)));
    });
    router.delete(path, async (req, res) => {
      const eventType = eventTypeOf(req);
      const organizationId = orgOf(req);
      const missing = await service.delete(eventType, organizationId).then(() => null, (err: unknown) => {
        if (err instanceof AppError && err.code === 'not_found') return err;
        throw err;
      });
      // Held messages are never dropped: they go out through whichever sender applies now.
      // Also after a 404, so a DELETE repeated after a failed release still releases them.
      await resumeSender(replay, senderKey(eventType, organizationId));
      if (missing) throw missing;
      res.status(204).end();
    });
    router.post(`${path}/resume`, async (req, res) => {
      const eventType = eventTypeOf(req);
      const organizationId = orgOf(req);
      // Works without a configuration too: messages held by a sender deleted meanwhile go out.
      const released = await resumeSender(replay, senderKey(eventType, organizationId));
      const current = await service.get(eventType, organizationId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      });
      // No configuration and nothing held: there is no such sender (a typo is not a success).
      if (!current && released === 0) throw notFound('sender configuration', organizationId ? `${organizationId}/${eventType}` : eventType);
      res.json({ ...(current ?? { eventType, scope: organizationId === null ? 'global' : 'organization', organizationId, kind: null }), released });
    });
  }
  return router;
}
