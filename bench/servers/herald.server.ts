/**
 * A real Herald (`createHerald`, Redis drivers) for the benchmarks, configured from the
 * environment like `src/main.ts`. Listens on a free loopback port when its role serves the
 * API. Workers start only when the parent sends `start-workers`, so a bench can fill the
 * queue first and then time the drain.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createHerald } from '../../src/herald';
import { createLogger } from '../../src/shared/logger';
import { reportReady } from '../support/child';

async function main(): Promise<void> {
  const { config, errors } = loadConfig(process.env);
  if (!config) throw new Error(`bad bench config: ${errors.join('; ')}`);
  const herald = await createHerald(config, createLogger(config.logLevel));
  let server: Server | null = null;
  if (herald.app) {
    const app = herald.app;
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  }
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'start-workers') return;
    herald.startWorkers();
    process.send?.({ type: 'workers-started' });
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections();
      await herald.close();
      process.exit(0);
    })();
  });
  reportReady(server ? (server.address() as AddressInfo).port : undefined);
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench herald failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
