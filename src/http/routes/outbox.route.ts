import { Router } from 'express';
import { z } from 'zod';
import type { OutboxEntry } from '../../delivery/message.record';
import { notFound } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import type { Store } from '../../stores.port';
import { EMAIL_PAGE_CSP } from '../email-page';

const query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** An outbox entry as JSON reads show it: links to the bodies instead of the bodies. */
export type OutboxSummary = Omit<OutboxEntry, 'html' | 'text'> & { htmlUrl: string; textUrl: string };

/**
 * JSON reads leave the rendered bodies out: a password-reset email carries the reset URL and
 * code, which every API read masks (SPEC §8). The `.html` and `.txt` views show the email
 * exactly as it would have been sent (SPEC §7): seeing it is what the outbox is for.
 */
export function outboxSummary(entry: OutboxEntry): OutboxSummary {
  const { html: _html, text: _text, ...rest } = entry;
  const base = `/v1/outbox/${encodeURIComponent(entry.messageId)}`;
  return { ...rest, htmlUrl: `${base}.html`, textUrl: `${base}.txt` };
}

/** `{messageId}.html` / `{messageId}.txt` / `{messageId}` (JSON). */
function parseFile(file: string): { messageId: string; view: 'html' | 'txt' | 'json' } {
  if (file.endsWith('.html')) return { messageId: file.slice(0, -5), view: 'html' };
  if (file.endsWith('.txt')) return { messageId: file.slice(0, -4), view: 'txt' };
  return { messageId: file, view: 'json' };
}

/** The dev outbox (SPEC §7): `GET /v1/outbox`, `GET /v1/outbox/{messageId}[.html|.txt]`. */
export function outboxRoutes(store: Pick<Store, 'outbox'>): Router {
  const router = Router();
  router.get('/v1/outbox', async (req, res) => {
    const { limit } = parseOrThrow(query, req.query, 'query');
    const entries = await store.outbox.list(limit);
    res.json({ data: entries.map(outboxSummary) });
  });
  router.get('/v1/outbox/:file', async (req, res) => {
    const { messageId, view } = parseFile(String(req.params.file));
    const entry = await store.outbox.get(messageId);
    if (!entry) throw notFound('outbox message', messageId);
    if (view === 'html') {
      res.set('Content-Security-Policy', EMAIL_PAGE_CSP);
      res.type('html').send(entry.html);
    } else if (view === 'txt') {
      res.type('text/plain').send(entry.text);
    } else {
      res.json(outboxSummary(entry));
    }
  });
  return router;
}
