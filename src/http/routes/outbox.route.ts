import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import type { Store } from '../../store/store.port';
import { EMAIL_PAGE_CSP } from '../email-page';

const query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** The dev outbox (SPEC §7): `GET /v1/outbox`, `GET /v1/outbox/{messageId}.html`. */
export function outboxRoutes(store: Store): Router {
  const router = Router();
  router.get('/v1/outbox', async (req, res) => {
    const { limit } = parseOrThrow(query, req.query, 'query');
    const entries = await store.listOutbox(limit);
    res.json({
      data: entries.map(({ html: _html, ...entry }) => ({ ...entry, htmlUrl: `/v1/outbox/${entry.messageId}.html` })),
    });
  });
  router.get('/v1/outbox/:file', async (req, res) => {
    const file = String(req.params.file);
    const [messageId, extension] = file.endsWith('.html') ? [file.slice(0, -5), 'html'] : file.endsWith('.txt') ? [file.slice(0, -4), 'txt'] : [file, 'json'];
    const entry = await store.getOutbox(messageId);
    if (!entry) throw notFound('outbox message', messageId);
    if (extension === 'html') {
      res.set('Content-Security-Policy', EMAIL_PAGE_CSP);
      res.type('html').send(entry.html);
    } else if (extension === 'txt') {
      res.type('text/plain').send(entry.text);
    } else {
      res.json(entry);
    }
  });
  return router;
}
