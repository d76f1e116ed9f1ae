import { Router, type Request, type Response } from 'express';
import { directoryIdSchema, organizationInputSchema, userInputSchema } from '../../directory/directory.schema';
import { AppError, notFound } from '../../shared/errors';
import { parseOrThrow, type ValidationIssue } from '../../shared/validation';
import type { ConsoleDeps } from '../console.deps';
import { directoryPage, type DirectoryView } from '../pages/directory.page';
import { send } from '../respond';
import { pageContext, safeNext } from '../session/gate';
import type { FormBody } from '../senders/kinds/kind-form';
import { doneNotice, doneUrl } from './done';

type Deps = Pick<ConsoleDeps, 'store' | 'eventTypes'>;

const PAGE = 50;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Organizations and users: searchable lists, create/change forms and active toggles, with the API's own schemas. */
export function directoryRoutes(deps: Deps): Router {
  const router = Router();
  const { directory } = deps.store;

  const view = async (query: Record<string, unknown>, extra: Partial<DirectoryView> = {}): Promise<DirectoryView> => {
    const q = str(query.q) ?? '';
    const [orgs, users, anyOrg, editOrganization, editUser] = await Promise.all([
      directory.listOrganizations({ text: q, limit: PAGE, cursor: str(query.orgCursor) }),
      directory.listUsers({ text: q, limit: PAGE, cursor: str(query.userCursor) }),
      q ? directory.listOrganizations({ limit: 1 }) : null,
      str(query.organization) ? directory.getOrganization(str(query.organization) ?? '') : null,
      str(query.user) ? directory.getUser(str(query.user) ?? '') : null,
    ]);
    const empty = (anyOrg ?? orgs).data.length === 0;
    return { q, organizations: orgs.data, users: users.data, nextOrganizations: orgs.nextCursor, nextUsers: users.nextCursor, editOrganization: editOrganization ?? undefined, editUser: editUser ?? undefined, empty, ...extra };
  };
  const refuse = async (res: Response, form: 'organization' | 'user', body: FormBody, err: unknown) => {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    const issues = (err.details as ValidationIssue[] | undefined) ?? [{ path: '', message: err.message }];
    const edit = { ...body, active: body.active === 'on' };
    const extra = form === 'organization' ? { editOrganization: edit } : { editUser: edit };
    send(res, directoryPage(pageContext(res), await view({}, { ...extra, problems: { form, issues } })), 400);
  };

  router.get('/console/directory', async (req, res) => {
    send(res, directoryPage(pageContext(res), await view(req.query, { notice: doneNotice(req.query) })));
  });

  router.post('/console/directory/organizations', async (req, res) => {
    const body = req.body as FormBody;
    try {
      const id = parseOrThrow(directoryIdSchema, body.id ?? '', 'organization id');
      await directory.putOrganization(id, parseOrThrow(organizationInputSchema, { name: body.name, active: body.active === 'on' }));
      res.redirect(303, doneUrl(`/console/directory?q=${encodeURIComponent(id)}`, 'saved'));
    } catch (err) {
      await refuse(res, 'organization', body, err);
    }
  });

  router.post('/console/directory/users', async (req, res) => {
    const body = req.body as FormBody;
    try {
      const id = parseOrThrow(directoryIdSchema, body.id ?? '', 'user id');
      const input = { organizationId: body.organizationId, email: body.email, firstName: body.firstName ?? '', lastName: body.lastName ?? '', username: str(body.username), locale: str(body.locale), active: body.active === 'on' };
      await directory.putUser(id, parseOrThrow(userInputSchema, input));
      res.redirect(303, doneUrl(`/console/directory?q=${encodeURIComponent(id)}`, 'saved'));
    } catch (err) {
      await refuse(res, 'user', body, err);
    }
  });

  router.post('/console/directory/organizations/:id/active', async (req, res) => {
    const org = await directory.getOrganization(req.params.id);
    if (!org) throw notFound('organization', req.params.id);
    const active = (req.body as FormBody).active === 'true';
    await directory.putOrganization(org.id, parseOrThrow(organizationInputSchema, { name: org.name, active }));
    res.redirect(303, doneUrl(backTo(req), active ? 'activated' : 'deactivated'));
  });

  router.post('/console/directory/users/:id/active', async (req, res) => {
    const user = await directory.getUser(req.params.id);
    if (!user) throw notFound('user', req.params.id);
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = user;
    const active = (req.body as FormBody).active === 'true';
    await directory.putUser(user.id, parseOrThrow(userInputSchema, { ...input, active }));
    res.redirect(303, doneUrl(backTo(req), active ? 'activated' : 'deactivated'));
  });

  // The catalog's sample recipient, so a first test event has someone to go to.
  router.post('/console/directory/sample', async (_req, res) => {
    const type = deps.eventTypes.types[0];
    if (type === undefined) throw new AppError('not_found', 'The catalog has no event type');
    const { user, organization } = deps.eventTypes.sample(type);
    if (!(await directory.getOrganization(organization.id))) await directory.putOrganization(organization.id, { name: organization.name, active: true });
    if (!(await directory.getUser(user.id))) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...input } = user;
      await directory.putUser(user.id, { ...input, active: true });
    }
    res.redirect(303, doneUrl('/console/directory', 'sample'));
  });
  return router;
}

/** Back to the directory page the toggle was pressed on (its search kept). */
function backTo(req: Request): string {
  const next = safeNext((req.body as FormBody).returnTo);
  return next.startsWith('/console/directory') ? next : '/console/directory';
}
