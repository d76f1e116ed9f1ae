import { Router } from 'express';
import { z } from 'zod';
import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import { parseOrThrow } from '../../shared/validation';
import { templateInputSchema } from '../../templates/template.record';
import { renderRequestSchema, type TemplateService } from '../../templates/template.service';
import { EMAIL_PAGE_CSP } from '../email-page';
import { dateTime, eventTypeName } from '../views';

export const previewQuerySchema = (eventTypes: EventTypeCatalog) => z.object({ type: eventTypes.typeSchema.optional() });

/** A stored template version, as PUT answers it. */
export const storedTemplateSchema = templateInputSchema.extend({
  id: z.string(),
  version: z.number().int().meta({ description: 'Starts at 1; every PUT adds one' }),
  createdAt: dateTime,
  updatedAt: dateTime,
});
/** A template as GET and the list show it: stored, or built in (`builtin.<type>`). */
export const templateViewSchema = z.discriminatedUnion('builtin', [
  storedTemplateSchema.extend({ builtin: z.literal(false) }),
  templateInputSchema.required().extend({ id: z.string(), builtin: z.literal(true), type: eventTypeName }),
]);
export const templateListSchema = z.object({ data: z.array(templateViewSchema).meta({ description: 'Built-in templates first, then stored ones by id' }) });
export const renderedEmailSchema = z.object({ subject: z.string(), html: z.string(), text: z.string() });

/** Stored templates, built-ins (`builtin.<type>`), render and browser preview (SPEC §4). */
export function templateRoutes(service: TemplateService, eventTypes: EventTypeCatalog): Router {
  const router = Router();
  const renderRequest = renderRequestSchema(eventTypes);
  const previewQuery = previewQuerySchema(eventTypes);
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
