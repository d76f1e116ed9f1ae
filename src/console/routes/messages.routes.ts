import { Router, type Response } from 'express';
import { messageQuerySchema } from '../../http/routes/messages.route';
import { eventView, maskSensitive, messageDetailView, messageView, shownVariables } from '../../http/views';
import { AppError, notFound } from '../../shared/errors';
import { toIssues } from '../../shared/validation';
import type { ConsoleDeps } from '../console.deps';
import { eventMessages, eventPage } from '../pages/event.page';
import { messagePage, type MessagePageView } from '../pages/message.page';
import { messagesPage, type MessageFilters } from '../pages/messages.page';
import { send } from '../respond';
import { pageContext } from '../session/gate';
import { notice } from '../views/components';
import { html } from '../views/html';
import { doneNotice, doneUrl } from './done';

type Deps = Pick<ConsoleDeps, 'store' | 'eventTypes' | 'replay' | 'outboxInUse'>;

const PAGE_SIZE = 50;

/** Messages (filtered like `GET /v1/messages`), one message with its attempts and Replay, one event. */
export function messageRoutes(deps: Deps): Router {
  const router = Router();
  const querySchema = messageQuerySchema(deps.eventTypes);

  router.get('/console/messages', async (req, res) => {
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const parsed = querySchema.safeParse({ limit: PAGE_SIZE, ...raw });
    const filters: MessageFilters = pick(req.query, ['status', 'type', 'organizationId', 'recipientEmail']);
    const organizations = (await deps.store.directory.listOrganizations({ limit: 200 })).data.map((o) => o.id);
    const base = { filters, eventTypes: deps.eventTypes.types, organizations };
    if (!parsed.success) return send(res, messagesPage(pageContext(res), { ...base, messages: [], nextCursor: null, problems: toIssues(parsed.error) }), 400);
    const q = parsed.data;
    const page = await deps.store.messages.list({ status: q.status, type: q.type, organizationId: q.organizationId, recipientEmail: q.recipientEmail }, q.limit, q.cursor);
    send(res, messagesPage(pageContext(res), { ...base, messages: page.data.map(messageView), nextCursor: page.nextCursor }));
  });

  router.get('/console/messages/:id', async (req, res) => {
    send(res, messagePage(pageContext(res), await loadMessage(deps, req.params.id, doneNotice(req.query))));
  });

  router.post('/console/messages/:id/replay', async (req, res) => {
    try {
      await deps.replay(req.params.id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return replayRefused(deps, res, req.params.id, err.message);
      throw err;
    }
    res.redirect(303, doneUrl(`/console/messages/${encodeURIComponent(req.params.id)}`, 'replayed'));
  });

  router.get('/console/events/:id', async (req, res) => {
    send(res, eventPage(pageContext(res), await loadEvent(deps, req.params.id), req.query.sent === '1'));
  });
  router.get('/console/events/:id/messages', async (req, res) => {
    send(res, eventMessages(await loadEvent(deps, req.params.id)));
  });
  return router;
}

async function loadMessage(deps: Deps, id: string, pageNotice?: MessagePageView['notice']): Promise<MessagePageView> {
  const message = await deps.store.messages.get(id);
  if (!message) throw notFound('message', id);
  const [attempts, event] = await Promise.all([deps.store.messages.listAttempts(id), deps.store.events.get(message.eventId)]);
  const secrets = deps.eventTypes.secretFields;
  return {
    message: messageDetailView(message, attempts, secrets, shownVariables(deps.eventTypes, message, event)),
    eventData: event ? (maskSensitive(event.data, secrets) as Record<string, unknown>) : null,
    outboxInUse: deps.outboxInUse,
    notice: pageNotice,
  };
}

async function replayRefused(deps: Deps, res: Response, id: string, why: string): Promise<void> {
  const view = await loadMessage(deps, id, notice('error', html`Not replayed: ${why}`));
  send(res, messagePage(pageContext(res), view), 409);
}

async function loadEvent(deps: Deps, id: string) {
  const event = await deps.store.events.get(id);
  if (!event) throw notFound('event', id);
  return eventView(event, await deps.store.messages.listForEvent(id), deps.eventTypes.secretFields);
}

function pick(query: Record<string, unknown>, keys: Array<keyof MessageFilters>): MessageFilters {
  const out: MessageFilters = {};
  for (const key of keys) if (typeof query[key] === 'string' && query[key] !== '') out[key] = query[key];
  return out;
}
