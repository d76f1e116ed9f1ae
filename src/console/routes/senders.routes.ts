import { Router, type Request, type Response } from 'express';
import type { SenderView } from '../../senders/sender-config.service';
import { AppError, notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import type { ConsoleDeps } from '../console.deps';
import { senderPage, type SenderPageView } from '../pages/sender.page';
import { sendersPage } from '../pages/senders.page';
import { send } from '../respond';
import { safeNext, pageContext } from '../session/gate';
import { kindForm } from '../senders/kinds';
import type { FormBody } from '../senders/kinds/kind-form';
import { testEvent } from '../senders/test-event';
import { doneNotice, doneUrl } from './done';

type Deps = Pick<ConsoleDeps, 'senders' | 'senderSecrets' | 'store' | 'templates' | 'eventTypes' | 'acceptEvent'>;

/** Users offered by the test-event pickers (any id can still be typed). */
const PICKER_USERS = 200;

/** The matrix, one sender's page (form per kind, delete, resume, overrides), and Send test event. */
export function senderRoutes(deps: Deps): Router {
  const router = Router();
  const typeOf = (req: Request): string => {
    const type = String(req.params.eventType);
    if (!deps.eventTypes.has(type)) throw notFound('event type', type);
    return type;
  };
  const userIds = async () => (await deps.store.directory.listUsers({ limit: PICKER_USERS })).data.map((u) => u.id);

  router.get('/console/senders', async (_req, res) => {
    const [senders, users] = await Promise.all([deps.senders.list(), userIds()]);
    send(res, sendersPage(pageContext(res), { eventTypes: deps.eventTypes.types, senders, userIds: users }));
  });

  router.get('/console/senders/:eventType', async (req, res) => {
    const org = typeof req.query.organization === 'string' && req.query.organization !== '' ? req.query.organization : null;
    const view = await pageView(deps, typeOf(req), org, userIds, typeof req.query.kind === 'string' ? req.query.kind : undefined);
    send(res, senderPage(pageContext(res), { ...view, notice: doneNotice(req.query) }));
  });

  // before /:eventType: `resume` is not an event type
  router.post('/console/senders/resume', async (req, res) => {
    const body = req.body as FormBody;
    const type = String(body.eventType ?? '');
    if (!deps.eventTypes.has(type)) throw notFound('event type', type);
    const { released } = await deps.senders.resume(type, body.organizationId ? body.organizationId : null);
    res.redirect(303, doneUrl(safeNext(body.returnTo), 'resumed', released));
  });

  router.post('/console/senders/:eventType', async (req, res) => saveSender(deps, req, res, typeOf(req), userIds));

  router.post('/console/senders/:eventType/delete', async (req, res) => {
    const type = typeOf(req);
    const org = orgFrom(req);
    await deps.senders.delete(type, org);
    res.redirect(303, doneUrl(pathOf(type, org), 'deleted'));
  });

  router.post('/console/senders/:eventType/test', async (req, res) => {
    const userId = String((req.body as FormBody).userId ?? '').trim();
    if (!userId) throw new AppError('validation_failed', 'Choose the user the test event is for');
    const result = await deps.acceptEvent.execute(testEvent(deps.eventTypes, typeOf(req), userId));
    res.redirect(303, `/console/events/${encodeURIComponent(result.id)}?sent=1`);
  });
  return router;
}

const pathOf = (type: string, org: string | null) => `/console/senders/${encodeURIComponent(type)}${org ? `?organization=${encodeURIComponent(org)}` : ''}`;

function orgFrom(req: Request): string | null {
  const org = (req.body as FormBody).organizationId;
  return org ? org : null;
}

async function pageView(deps: Deps, type: string, org: string | null, userIds: () => Promise<string[]>, kind?: string): Promise<SenderPageView> {
  const [stored, all, templates, users, orgs] = await Promise.all([
    deps.senders.get(type, org).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }),
    deps.senders.list(),
    deps.templates.list(),
    userIds(),
    deps.store.directory.listOrganizations({ limit: 500 }),
  ]);
  if (org !== null && !orgs.data.some((o) => o.id === org) && !(await deps.store.directory.getOrganization(org))) throw notFound('organization', org);
  return {
    eventType: type, organizationId: org, stored, draft: stored,
    kind: kind && kindForm(kind) ? kind : stored?.kind ?? 'default-mandrill',
    templateIds: templates.filter((t) => !t.builtin).map((t) => t.id),
    userIds: users,
    overrides: all.filter((s) => s.eventType === type && s.organizationId !== null).map((s) => s.organizationId as string),
    organizationIds: orgs.data.map((o) => o.id),
  };
}

/** Builds the PUT body with the kind's form, then the API's schema and `SenderChanges.put` decide. */
async function saveSender(deps: Deps, req: Request, res: Response, type: string, userIds: () => Promise<string[]>): Promise<void> {
  const body = req.body as FormBody;
  const org = orgFrom(req);
  const form = kindForm(String(body.kind));
  if (!form) throw new AppError('validation_failed', `Unknown sender kind '${String(body.kind)}'`);
  const input = form.body(body, await deps.senderSecrets.opened(type, org));
  try {
    const { view } = await deps.senders.put(type, org, parseOrThrow(deps.senders.inputSchema, input));
    // a shared key in full (not masked) is one the save generated or set: shown this once
    const revealedKey = 'sharedKey' in view && typeof view.sharedKey === 'string' && view.sharedKey.startsWith('whsec_') ? view.sharedKey : undefined;
    if (!revealedKey) return res.redirect(303, doneUrl(pathOf(type, org), 'saved'));
    // the one read that shows the key in full: rendered, not redirected (the redirect would lose it)
    send(res, senderPage(pageContext(res), { ...(await pageView(deps, type, org, userIds)), revealedKey }));
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'not_found')) throw err;
    const view = await pageView(deps, type, org, userIds, form.kind);
    const problems = Array.isArray(err.details) ? (err.details as Array<{ path?: string; message: string }>) : [{ message: err.message }];
    send(res, senderPage(pageContext(res), { ...view, draft: draftOf(input, view.stored), problems }), 400);
  }
}

/** What was posted, as the form shows it again: secrets never echoed (the stored, masked ones stand in). */
function draftOf(input: Record<string, unknown>, stored: SenderView | null): SenderView {
  const same = stored?.kind === input.kind ? (stored as unknown as Record<string, unknown>) : {};
  const headers = input.headers && typeof input.headers === 'object' ? Object.fromEntries(Object.keys(input.headers).map((k) => [k, ''])) : undefined;
  const basicAuth = input.basicAuth as { username: string } | undefined;
  return {
    ...same, ...input,
    apiKey: same.apiKey, sharedKey: same.sharedKey, headers,
    basicAuth: basicAuth ? { username: basicAuth.username, password: (same.basicAuth as { password?: string } | undefined)?.password ?? '' } : undefined,
  } as unknown as SenderView;
}
