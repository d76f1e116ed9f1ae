import { Router } from 'express';
import { z } from 'zod';
import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import { eventTypeName } from '../views';

/** `GET /v1/event-types` (SPEC §2): every type Herald speaks, in catalog order. */
export const eventTypeListSchema = z.object({
  data: z.array(
    z.object({
      type: eventTypeName,
      messageType: z.string().meta({ description: "OrderCloud's MessageType for it, such as OrderSubmitted" }),
      recipients: z.string().meta({ description: 'Who is told, as the data field naming them: userId, or approverUserIds (one message per approver)' }),
      sample: z.record(z.string(), z.unknown()).meta({ description: 'Realistic `data` of this type, as posted: valid for POST /v1/events, used by previews' }),
    }),
  ),
});

/** Lists the catalog: what can be posted, what OrderCloud calls it, who is told, and an example. */
export function eventTypeRoutes(eventTypes: EventTypeCatalog): Router {
  const router = Router();
  // the catalog does not change while the process runs
  const body: z.output<typeof eventTypeListSchema> = {
    data: eventTypes.all().map((t) => ({ type: t.type, messageType: t.messageType, recipients: t.recipientRule, sample: eventTypes.sample(t.type).data })),
  };
  router.get('/v1/event-types', (_req, res) => {
    res.json(body);
  });
  return router;
}
