import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startChild, type BenchChild } from './child';

/** The loopback receiver of the end-to-end bench: counts deliveries and their latency. */
export interface BenchReceiver {
  url: string;
  /** Arrival times (ms, Date.now()) of every delivery since the last reset. */
  arrivals: number[];
  /** Event→delivery latencies (ms) of deliveries whose event data carried `benchSentAt`. */
  latencies: number[];
  /** Resolves when `n` deliveries have arrived; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

/** Starts the receiver on 127.0.0.1. It parses every body (both sides pay the same) and answers 200. */
export async function startBenchReceiver(): Promise<BenchReceiver> {
  const arrivals: number[] = [];
  const latencies: number[] = [];
  let waiter: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { benchSentAt?: unknown } };
      arrivals.push(at);
      if (typeof body.data?.benchSentAt === 'number') latencies.push(at - body.data.benchSentAt);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      waiter?.();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    latencies,
    waitFor(n, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = null;
          reject(new Error(`receiver: expected ${n} deliveries within ${timeoutMs} ms, got ${arrivals.length}`));
        }, timeoutMs);
        waiter = () => {
          if (arrivals.length < n) return;
          clearTimeout(timer);
          waiter = null;
          resolve();
        };
        waiter();
      });
    },
    reset() {
      arrivals.length = 0;
      latencies.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The receiver running in a child process (see bench/servers/receiver.server.ts). */
export interface RemoteReceiver {
  url: string;
  reset(): Promise<void>;
  /** Waits for `n` deliveries since the last reset: the n-th's arrival time and every latency so far. */
  waitFor(n: number, timeoutMs: number): Promise<{ lastArrival: number; latencies: number[] }>;
  close(): Promise<void>;
}

export async function startRemoteReceiver(): Promise<RemoteReceiver> {
  const child: BenchChild = await startChild('receiver.server.ts', {});
  return {
    url: `http://127.0.0.1:${child.port}`,
    async reset() {
      const done = child.next('reset-done');
      child.send({ type: 'reset' });
      await done;
    },
    async waitFor(n, timeoutMs) {
      const arrived = child.next('arrived');
      child.send({ type: 'wait', n, timeoutMs });
      const reply = (await arrived) as { error?: string; lastArrival?: number; latencies?: number[] };
      if (reply.error) throw new Error(reply.error);
      return { lastArrival: reply.lastArrival ?? Date.now(), latencies: reply.latencies ?? [] };
    },
    close: () => child.stop(),
  };
}
