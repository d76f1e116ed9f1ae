/**
 * The end-to-end limit: a bare BullMQ worker (concurrency 50) whose job data is the webhook
 * body, POSTed as JSON to the loopback receiver over a keep-alive agent, like Herald's
 * custom-url gateway. No store, no directory, no signing.
 */
import http from 'node:http';
import { Worker } from 'bullmq';
import { reportReady } from '../support/child';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

function post(url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const target = new URL(process.env.RECEIVER_URL ?? '');
  const worker = new Worker(
    'deliver',
    async (job) => {
      const status = await post(target, JSON.stringify(job.data));
      if (status < 200 || status >= 300) throw new Error(`receiver answered ${status}`);
    },
    { connection: { url: process.env.REDIS_URL ?? '', maxRetriesPerRequest: null }, prefix: process.env.REDIS_PREFIX ?? 'bare', concurrency: 50, autorun: false },
  );
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'start-workers') void worker.run();
  });
  process.once('SIGTERM', () => {
    agent.destroy();
    void worker.close().then(() => process.exit(0));
  });
  await worker.waitUntilReady();
  reportReady();
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench bare worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
