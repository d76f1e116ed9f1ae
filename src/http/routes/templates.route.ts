import { Router } from 'express';
import { z } from 'zod';
import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import { parseOrThrow } from '../../shared/validation';
import { templateInputSchema } from '../../templates/template.record';
import { renderRequestSchema, type TemplateService } from '../../templates/template.service';
import { EMAIL_PAGE_CSP } from '../email-page';

/** Stored templates, built-ins (`builtin.<type>`), render and browser preview (SPEC §4). */
export function templateRoutes(service: TemplateService, eventTypes: EventTypeCatalog): Router {
  const router = Router();
  const renderRequest = renderRequestSchema(eventTypes);
  const previewQuery = z.object({ type: eventTypes.typeSchema.optional() });
  router.get('/v1/templates', async (_req, res) => {
    res.json({ data: await service.list() });
  });
  router.put('/v1/templates/:id', async (req, res) => {
    const result = await service.put(req.params.id, parseOrThrow(templateInputSchema, req.body));
    res.status(result.created ? 201 : 200).json(result.value);
  });
  router.get('/v1/templates/:id', async (req, res) => {
    res.json(await service.get(req.params.id));
  });
  router.delete('/v1/templates/:id', async (req, res) => {
    await service.delete(req.params.id);
    res.status(204).end();
  });
  router.post('/v1/templates/:id/render', async (req, res) => {
    res.json(await service.render(req.params.id, parseOrThrow(renderRequest, req.body ?? {})));
  });
  router.get('/v1/templates/:id/preview', async (req, res) => {
    const { type } = parseOrThrow(previewQuery, req.query, 'query');
    const rendered = await service.render(req.params.id, { type });
    res.set('Content-Security-Policy', EMAIL_PAGE_CSP);
    res.type('html').send(rendered.html);
  });
  return router;
}
