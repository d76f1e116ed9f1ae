/**
 * The ingest baseline: a bare express 5 route that only calls BullMQ `add`, with the same
 * server settings as Herald's API (ETag and x-powered-by off, `express.json()` with the same
 * limit, `res.json()`, no request logging: LOG_LEVEL=warn logs nothing per request in either).
 *
 * BARE_QUEUE=deliver makes it the ingest half of the bare pipeline: the route adds the
 * webhook body built from the posted event to the `deliver` queue that the bare worker
 * (bare-worker.server.ts) POSTs to the receiver. Otherwise it adds `{eventId}` to
 * `process-event` with the job options Herald uses.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import express from 'express';
import { reportReady } from '../support/child';
import { bareWebhookBody } from '../support/webhook-body';

async function main(): Promise<void> {
  const url = process.env.REDIS_URL ?? '';
  const pipeline = process.env.BARE_QUEUE === 'deliver';
  const queue = new Queue(pipeline ? 'deliver' : 'process-event', { connection: { url }, prefix: process.env.REDIS_PREFIX ?? 'bare' });
  await queue.waitUntilReady();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '1mb' }));
  let n = 0;
  app.post('/v1/events', async (req, res) => {
    const event = req.body as { id?: unknown; type?: unknown; data?: unknown };
    const id = String(event.id);
    if (pipeline) {
      await queue.add('deliver', bareWebhookBody(event, `${process.pid}_${n++}`), { removeOnComplete: true });
    } else {
      // The same job options Herald uses (dedupe by job id, completed jobs removed).
      await queue.add('process-event', { eventId: id }, { jobId: `evt-${id}`, attempts: 8, backoff: { type: 'custom' }, removeOnComplete: true, removeOnFail: { count: 1000 } });
    }
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
