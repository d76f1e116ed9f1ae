import { Queue } from 'bullmq';
import { orderSubmitted } from '../test/support/seed';
import { startChild, type BenchChild } from './support/child';
import { blast, offer } from './support/load';
import { startBenchReceiver, type BenchReceiver } from './support/receiver';
import { boundRow, percentile, ratioRow, type BenchRow } from './support/report';
import { ADMIN_KEY, BENCH_ORG, BENCH_USER, benchEnv, INGEST_ORDER_BODY, timedOrderBody } from './support/setup';

export interface E2eOptions {
  redisUrl: string;
  /** Messages drained in each throughput run. */
  messages: number;
  /** Length of the latency run at a quarter of the limit. */
  latencyS: number;
}

export interface E2eFigures {
  limitPerS: number;
  heraldPerS: number;
  offeredPerS: number;
  latency: { sent: number; delivered: number; p50: number; p99: number; max: number };
}

const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

/** The webhook body Herald sends for the bench event (same shape and size, for the bare worker). */
function webhookPayload(n: number): object {
  const event = orderSubmitted(BENCH_USER, { id: `evt_bare_${n}` });
  return {
    id: `msg_bare_${n}`, type: event.type, timestamp: new Date().toISOString(), eventId: event.id,
    recipient: { id: BENCH_USER, email: 'bench@bench.example', firstName: 'Ada', lastName: 'Lovelace', username: 'ada', organizationId: BENCH_ORG },
    organization: { id: BENCH_ORG, name: 'Bench Org' }, cc: [], data: event.data,
  };
}

/** Starts the drain (workers) and times it until `n` deliveries reached the receiver. */
async function drain(child: BenchChild, receiver: BenchReceiver, n: number): Promise<number> {
  receiver.reset();
  const start = Date.now();
  child.send({ type: 'start-workers' });
  await receiver.waitFor(n, 180_000);
  const last = receiver.arrivals[n - 1] ?? Date.now();
  return (n / Math.max(1, last - start)) * 1000;
}

async function bareLimit(opts: E2eOptions, receiver: BenchReceiver): Promise<number> {
  const prefix = 'bare-e2e';
  const queue = new Queue('deliver', { connection: { url: opts.redisUrl }, prefix });
  for (let i = 0; i < opts.messages; i += 1000) {
    const count = Math.min(1000, opts.messages - i);
    await queue.addBulk(Array.from({ length: count }, (_, k) => ({ name: 'deliver', data: webhookPayload(i + k), opts: { removeOnComplete: true } })));
  }
  await queue.close();
  const worker = await startChild('bare-worker.server.ts', { REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix, RECEIVER_URL: `${receiver.url}/hook` });
  try {
    return await drain(worker, receiver, opts.messages);
  } finally {
    await worker.stop();
  }
}

async function seed(base: string, receiverUrl: string): Promise<void> {
  const put = async (path: string, body: object) => {
    const res = await fetch(`${base}${path}`, { method: 'PUT', headers: auth, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`PUT ${path} answered ${res.status}: ${await res.text()}`);
  };
  await put(`/v1/organizations/${BENCH_ORG}`, { name: 'Bench Org', active: true });
  await put(`/v1/users/${BENCH_USER}`, { organizationId: BENCH_ORG, email: 'bench@bench.example', firstName: 'Ada', lastName: 'Lovelace', username: 'ada', active: true });
  await put('/v1/senders/order.submitted', { kind: 'custom-url', url: `${receiverUrl}/hook` });
}

/**
 * Herald ROLE=all: ingest `messages` events with workers stopped, then time the drain (one
 * process, like the bare worker). Then latency at `rate` in the production topology: events
 * posted to a separate ROLE=api process, delivered by the first one's workers.
 */
async function heraldRuns(opts: E2eOptions, receiver: BenchReceiver, rate: number): Promise<Omit<E2eFigures, 'limitPerS' | 'offeredPerS'>> {
  const herald = await startChild('herald.server.ts', benchEnv(opts.redisUrl, 'herald-e2e', { ROLE: 'all', WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '50' }));
  const base = `http://127.0.0.1:${herald.port}`;
  try {
    await seed(base, receiver.url);
    const filled = await blast({ url: `${base}/v1/events`, body: INGEST_ORDER_BODY, headers: { authorization: auth.authorization }, amount: opts.messages });
    if (filled.non2xx > 0 || filled.errors > 0) throw new Error(`filling the queue: ${filled.non2xx} non-2xx, ${filled.errors} errors`);
    const heraldPerS = await drain(herald, receiver, opts.messages);
    receiver.reset();
    const api = await startChild('herald.server.ts', benchEnv(opts.redisUrl, 'herald-e2e', { ROLE: 'api' }));
    try {
      const run = Date.now().toString(36);
      const url = `http://127.0.0.1:${api.port}/v1/events`;
      const offered = await offer({ url, rate, durationS: opts.latencyS, headers: { authorization: auth.authorization }, body: (n) => timedOrderBody(`evt_lat_${run}_${n}`) });
      await receiver.waitFor(offered.ok, 60_000);
      const l = receiver.latencies;
      return { heraldPerS, latency: { sent: offered.sent, delivered: l.length, p50: percentile(l, 50), p99: percentile(l, 99), max: percentile(l, 100) } };
    } finally {
      await api.stop();
    }
  } finally {
    await herald.stop();
  }
}

/**
 * Custom-url deliveries per second, Herald (ROLE=all, Redis) vs a bare BullMQ worker POSTing
 * the same payload; then event→delivery latency at a quarter of the bare worker's rate.
 */
export async function e2eBench(opts: E2eOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: E2eFigures }> {
  const receiver = await startBenchReceiver();
  try {
    const limitPerS = await bareLimit(opts, receiver);
    log(`e2e limit (bare BullMQ worker): ${limitPerS.toFixed(0)} deliveries/s`);
    const offeredPerS = Math.round(limitPerS / 4);
    const runs = await heraldRuns(opts, receiver, offeredPerS);
    log(`e2e herald: ${runs.heraldPerS.toFixed(0)} deliveries/s; at ${offeredPerS}/s offered: p50 ${runs.latency.p50} ms, p99 ${runs.latency.p99} ms (${runs.latency.delivered}/${runs.latency.sent})`);
    const figures = { limitPerS, offeredPerS, ...runs };
    const rows = [
      ratioRow('e2e custom-url deliveries', 'msg/s', runs.heraldPerS, limitPerS, 'bare BullMQ worker', { min: 0.6 }),
      boundRow(`e2e latency p50 @ ${offeredPerS}/s`, 'ms', runs.latency.p50, Infinity),
      boundRow(`e2e latency p99 @ ${offeredPerS}/s`, 'ms', runs.latency.p99, 100),
    ];
    const p50 = rows[1];
    if (p50) p50.target = '(info)';
    return { rows, figures };
  } finally {
    await receiver.close();
  }
}
