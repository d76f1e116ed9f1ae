import { Router, type Request, type Response } from 'express';
import type { AcceptEvent, AcceptResult } from '../../events/accept-event';
import { notFound } from '../../shared/errors';
import type { Store } from '../../stores.port';
import { eventView } from '../views';

/** `POST /v1/events` (ingest): mounted ahead of every other route, it is the hot path. */
export function ingestHandler(acceptEvent: AcceptEvent, onAccepted?: (type: string) => void) {
  return async (req: Request, res: Response): Promise<void> => {
    const result = await acceptEvent.execute(req.body);
    if (!result.duplicate) onAccepted?.(result.type);
    res.status(acceptStatus(result)).json(acceptBody(result));
  };
}

/** SPEC §3.1: 202 for a new event, 200 for a duplicate id. */
export const acceptStatus = (result: AcceptResult): 200 | 202 => (result.duplicate ? 200 : 202);

/** `{"id","status"}`, plus `"duplicate": true` for a repeated id. */
export function acceptBody(result: AcceptResult): { id: string; status: string; duplicate?: true } {
  return result.duplicate ? { id: result.id, status: result.status, duplicate: true } : { id: result.id, status: result.status };
}

/** `GET /v1/events/{id}`. */
export function eventRoutes(store: Pick<Store, 'events' | 'messages'>): Router {
  const router = Router();
  router.get('/v1/events/:id', async (req, res) => {
    const event = await store.events.get(req.params.id);
    if (!event) throw notFound('event', req.params.id);
    res.json(eventView(event, await store.messages.listForEvent(event.id)));
  });
  return router;
}
