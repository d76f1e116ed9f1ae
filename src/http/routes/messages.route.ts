import { Router } from 'express';
import { z } from 'zod';
import { MESSAGE_STATUSES } from '../../delivery/message.record';
import type { MessageRecord } from '../../delivery/message.record';
import type { MessageStore } from '../../delivery/message.store';
import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import { notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import type { EventStore } from '../../events/event.store';
import { messageDetailView, messagePageSchema, messageView, shownVariables } from '../views';

/** `GET /v1/messages` query: `type` is one of the catalog's. */
export const messageQuerySchema = (eventTypes: EventTypeCatalog) => z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  type: eventTypes.typeSchema.optional(),
  organizationId: z.string().min(1).optional(),
  recipientEmail: z.string().min(3).max(254).meta({ description: "The recipient's e-mail address, compared case-insensitively" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

/** `GET /v1/messages`, `GET /v1/messages/{id}`, `POST /v1/messages/{id}/retry`. */
export interface MessageRoutesDeps {
  messages: Pick<MessageStore, 'list' | 'get' | 'listAttempts'>;
  /** A message's event: its data gives the type's own variables (see `shownVariables`). */
  events: Pick<EventStore, 'get'>;
  /** Replays a failed or sent message (SPEC §4 retry). */
  replay: (messageId: string) => Promise<MessageRecord>;
}

export function messageRoutes(deps: MessageRoutesDeps, eventTypes: EventTypeCatalog): Router {
  const router = Router();
  const querySchema = messageQuerySchema(eventTypes);
  router.get('/v1/messages', async (req, res) => {
    const q = parseOrThrow(querySchema, req.query, 'query');
    const page = await deps.messages.list({ status: q.status, type: q.type, organizationId: q.organizationId, recipientEmail: q.recipientEmail }, q.limit, q.cursor);
    res.json({ data: page.data.map(messageView), nextCursor: page.nextCursor } satisfies z.output<typeof messagePageSchema>);
  });
  router.get('/v1/messages/:id', async (req, res) => {
    const message = await deps.messages.get(req.params.id);
    if (!message) throw notFound('message', req.params.id);
    const [attempts, event] = await Promise.all([deps.messages.listAttempts(message.id), deps.events.get(message.eventId)]);
    res.json(messageDetailView(message, attempts, eventTypes.secretFields, shownVariables(eventTypes, message, event)));
  });
  router.post('/v1/messages/:id/retry', async (req, res) => {
    const message = await deps.replay(req.params.id);
    res.status(202).json(messageView(message));
  });
  return router;
}
