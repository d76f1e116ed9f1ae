import { Router, type Request } from 'express';
import { z } from 'zod';
import type { SenderChanges } from '../../delivery/sender-changes';
import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import { notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import { builtinSenderKinds } from '../../senders/kinds/registry';
import type { AnySenderKind } from '../../senders/kinds/sender-kind.port';
import { dateTime, eventTypeName } from '../views';

const senderPlace = { eventType: eventTypeName, scope: z.enum(['global', 'organization']), organizationId: z.string().nullable() };
const senderState = z.object({
  suspendedAt: dateTime.nullable(),
  consecutiveFailures: z.number().int(),
  failuresInWindow: z.number().int().nullable().meta({ description: 'Failures within the suspend window; null when failures count in a row' }),
});
const senderPolicy = z
  .object({
    retry: z.object({ schedule: z.array(z.number()).meta({ description: 'Seconds before each retry' }) }),
    suspend: z.object({ failures: z.number().int(), withinMinutes: z.number().int().nullable() }),
  })
  .meta({ description: "What applies: the sender's own retry and suspend, else RETRY_SCHEDULE and SUSPEND_AFTER_FAILURES" });
const released = z.number().int().meta({ description: 'How many held messages were queued again' });

/** One kind's configuration as reads show it: stored fields (defaults filled in), secrets masked. */
function viewOf(kind: AnySenderKind) {
  const shape: Record<string, z.ZodType> = { ...senderPlace, ...kind.schema.shape, createdAt: dateTime, updatedAt: dateTime };
  // A masked secret (`••••ab12`) no longer has the input's format.
  if ('sharedKey' in shape) {
    shape.sharedKey = z.string().meta({ description: 'whsec_…: in full only in the PUT response that generated or set it; masked (••••ab12) in every later read' });
  }
  if ('headers' in shape) shape.headers = z.record(z.string(), z.string()).meta({ description: 'Configured headers, every value masked (••••ab12 or ••••)' });
  // Kinds whose senders can be suspended carry `state` (SPEC §3.7).
  if (kind.suspendable) shape.state = senderState;
  if (kind.policy) shape.policy = senderPolicy;
  return z.object(shape);
}
const senderViews = builtinSenderKinds.kinds.map(viewOf);
const [firstView, ...otherViews] = senderViews;

/** A sender configuration (SPEC §4), by kind; apiKey, sharedKey, header values and basicAuth.password masked. */
export const senderViewSchema = z.discriminatedUnion('kind', [firstView, ...otherViews]);
export const senderListSchema = z.object({ data: z.array(senderViewSchema) });
/** A resume answers the configuration (or, when it was deleted meanwhile, where it was) and how many messages it released. */
export const senderResumedSchema = z.union([
  z.discriminatedUnion('kind', [firstView.extend({ released }), ...otherViews.map((v) => v.extend({ released }))]),
  z.object({ ...senderPlace, kind: z.null(), released }),
]);

/** The event type from the path; an unknown one is a 404 (there is no such resource). */
function eventTypeFrom(req: Request, eventTypes: EventTypeCatalog): string {
  const type = String(req.params.eventType);
  if (!eventTypes.has(type)) throw notFound('event type', type);
  return type;
}

/** Global sender configurations and organization overrides (SPEC §4). */
export function senderRoutes(senders: SenderChanges, eventTypes: EventTypeCatalog): Router {
  const router = Router();
  const eventTypeOf = (req: Request) => eventTypeFrom(req, eventTypes);
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
