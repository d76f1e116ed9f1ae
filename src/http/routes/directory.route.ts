import { Router } from 'express';
import { directoryIdSchema, organizationInputSchema, userInputSchema } from '../../directory/directory.schema';
import { notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import type { Store } from '../../stores.port';

/** `PUT/GET/DELETE /v1/organizations/{id}` and `/v1/users/{id}`. */
export function directoryRoutes(store: Pick<Store, 'directory'>): Router {
  const router = Router();

  router.put('/v1/organizations/:id', async (req, res) => {
    const id = parseOrThrow(directoryIdSchema, req.params.id, 'organization id');
    const result = await store.directory.putOrganization(id, parseOrThrow(organizationInputSchema, req.body));
    res.status(result.created ? 201 : 200).json(result.value);
  });
  router.get('/v1/organizations/:id', async (req, res) => {
    const org = await store.directory.getOrganization(req.params.id);
    if (!org) throw notFound('organization', req.params.id);
    res.json(org);
  });
  router.delete('/v1/organizations/:id', async (req, res) => {
    if (!(await store.directory.deleteOrganization(req.params.id))) throw notFound('organization', req.params.id);
    res.status(204).end();
  });

  router.put('/v1/users/:id', async (req, res) => {
    const id = parseOrThrow(directoryIdSchema, req.params.id, 'user id');
    const input = parseOrThrow(userInputSchema, req.body);
    const result = await store.directory.putUser(id, input);
    res.status(result.created ? 201 : 200).json(result.value);
  });
  router.get('/v1/users/:id', async (req, res) => {
    const user = await store.directory.getUser(req.params.id);
    if (!user) throw notFound('user', req.params.id);
    res.json(user);
  });
  router.delete('/v1/users/:id', async (req, res) => {
    if (!(await store.directory.deleteUser(req.params.id))) throw notFound('user', req.params.id);
    res.status(204).end();
  });
  return router;
}
