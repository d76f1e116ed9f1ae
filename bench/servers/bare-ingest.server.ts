/**
 * The ingest baseline: a bare express 5 route that only calls BullMQ `add`, with the same
 * server settings as Herald's API (ETag and x-powered-by off, `express.json()` with the same
 * limit, `res.json()`, no request logging: LOG_LEVEL=warn logs nothing per request in either).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import express from 'express';
import { reportReady } from '../support/child';

async function main(): Promise<void> {
  const url = process.env.REDIS_URL ?? '';
  const queue = new Queue('process-event', { connection: { url }, prefix: process.env.REDIS_PREFIX ?? 'bare' });
  await queue.waitUntilReady();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '1mb' }));
  app.post('/v1/events', async (req, res) => {
    const id = String((req.body as { id?: unknown }).id);
    // The same job options Herald uses (dedupe by job id, completed jobs removed).
    await queue.add('process-event', { eventId: id }, { jobId: `evt-${id}`, attempts: 8, backoff: { type: 'custom' }, removeOnComplete: true, removeOnFail: { count: 1000 } });
    res.status(202).json({ id, status: 'accepted' });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    void queue.close().then(() => process.exit(0));
  });
  reportReady((server.address() as AddressInfo).port);
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench bare ingest failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
