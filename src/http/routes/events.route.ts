import { Router, type Request, type Response } from 'express';
import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import type { AcceptEvent } from '../../events/accept-event';
import { notFound } from '../../shared/errors';
import type { Store } from '../../store/store.port';
import { eventView } from '../views';

/** `POST /v1/events` (ingest): mounted ahead of every other route, it is the hot path. */
export function ingestHandler(acceptEvent: AcceptEvent, onAccepted?: (type: string) => void) {
  return async (req: Request, res: Response): Promise<void> => {
    const result = await acceptEvent.execute(req.body);
    if (result.httpStatus === 202) onAccepted?.(result.type);
    res.status(result.httpStatus).json(result.body);
  };
}

/** `GET /v1/events/{id}`. */
export function eventRoutes(store: Store, eventTypes: EventTypeCatalog): Router {
  const router = Router();
  router.get('/v1/events/:id', async (req, res) => {
    const event = await store.getEvent(req.params.id);
    if (!event) throw notFound('event', req.params.id);
    res.json(eventView(event, await store.listMessagesForEvent(event.id), eventTypes.secretFields));
  });
  return router;
}
