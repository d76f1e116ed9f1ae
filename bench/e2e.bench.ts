import { Queue } from 'bullmq';
import { orderSubmitted } from '../test/support/seed';
import { cpuSecondsOf, startChild, type BenchChild } from './support/child';
import { blast, offer } from './support/load';
import { startRemoteReceiver, type RemoteReceiver as BenchReceiver } from './support/receiver';
import { boundRow, median, percentile, ratioRow, type BenchRow } from './support/report';
import { ADMIN_KEY, BENCH_USER, benchEnv, INGEST_ORDER_BODY, seedBench, timedOrderBody } from './support/setup';
import { bareWebhookBody } from './support/webhook-body';

export interface E2eOptions {
  redisUrl: string;
  rounds: number;
  /** Messages drained in each throughput run. */
  messages: number;
  /** Length of the latency run at a quarter of the limit. */
  latencyS: number;
  /** The redis-server's pid, to account its CPU per delivery. */
  redisPid?: number;
}

/** One timed drain: its rate, the CPU each delivery cost the worker and Redis, the worker's peak RSS. */
export interface Drain {
  perS: number;
  workerCpuUs: number;
  /** Of it, on the main thread: the event loop, which one delivery after another must pass through. */
  mainThreadCpuUs: number;
  redisCpuUs: number;
  peakRssMb: number;
}

export interface Latency {
  sent: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
}

/** One round: the bare drain, Herald's drain, then latency at a quarter of this round's bare rate. */
export interface E2eRound {
  bare: Drain;
  herald: Drain;
  offeredPerS: number;
  latency: Latency;
}

export interface E2eFigures {
  rounds: E2eRound[];
}

/** Seconds of load at the latency run's rate before it is measured. */
const WARMUP_S = 2;

const auth = { authorization: `Bearer ${ADMIN_KEY}` };

/** The webhook body Herald sends for the bench event (same shape and size, for the bare worker). */
const webhookPayload = (n: number): object => bareWebhookBody(orderSubmitted(BENCH_USER, { id: `evt_bare_${n}` }), n);

/** Starts the drain (workers) and times it until `n` deliveries reached the receiver. */
async function drain(child: BenchChild, receiver: BenchReceiver, n: number, redisPid: number | undefined): Promise<Drain> {
  await receiver.reset();
  const cpu0 = { worker: child.cpuSeconds(), main: child.mainThreadCpuSeconds(), redis: cpuSecondsOf(redisPid) };
  const start = Date.now();
  child.send({ type: 'start-workers' });
  const { lastArrival: last } = await receiver.waitFor(n, 180_000);
  const perDelivery = (seconds: number) => (seconds * 1e6) / n;
  return {
    perS: (n / Math.max(1, last - start)) * 1000,
    workerCpuUs: perDelivery(child.cpuSeconds() - cpu0.worker),
    mainThreadCpuUs: perDelivery(child.mainThreadCpuSeconds() - cpu0.main),
    redisCpuUs: perDelivery(cpuSecondsOf(redisPid) - cpu0.redis),
    peakRssMb: child.peakRssMb(),
  };
}

async function bareLimit(opts: E2eOptions, receiver: BenchReceiver, prefix: string): Promise<Drain> {
  const queue = new Queue('deliver', { connection: { url: opts.redisUrl }, prefix });
  for (let i = 0; i < opts.messages; i += 1000) {
    const count = Math.min(1000, opts.messages - i);
    await queue.addBulk(Array.from({ length: count }, (_, k) => ({ name: 'deliver', data: webhookPayload(i + k), opts: { removeOnComplete: true } })));
  }
  await queue.close();
  const worker = await startChild('bare-worker.server.ts', { REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix, RECEIVER_URL: `${receiver.url}/hook` });
  try {
    return await drain(worker, receiver, opts.messages, opts.redisPid);
  } finally {
    await worker.stop();
  }
}

/**
 * Herald in its production topology: a ROLE=api process takes the events, a ROLE=worker
 * process delivers them (the worker's CPU and peak RSS are what the rows report). First
 * `messages` events are ingested with the worker idle and the drain is timed; then latency
 * at `rate` events per second.
 */
async function heraldRuns(opts: E2eOptions, receiver: BenchReceiver, rate: number, prefix: string): Promise<{ herald: Drain; latency: Latency }> {
  const env = (role: string) => benchEnv(opts.redisUrl, prefix, { ROLE: role, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '50' });
  const [api, worker] = await Promise.all([startChild('herald.server.ts', env('api')), startChild('herald.server.ts', env('worker'))]);
  try {
    const base = `http://127.0.0.1:${api.port}`;
    await seedBench(base, receiver.url);
    const filled = await blast({ url: `${base}/v1/events`, body: INGEST_ORDER_BODY, headers: { authorization: auth.authorization }, amount: opts.messages });
    if (filled.non2xx > 0 || filled.errors > 0) throw new Error(`filling the queue: ${filled.non2xx} non-2xx, ${filled.errors} errors`);
    const drained = await drain(worker, receiver, opts.messages, opts.redisPid);
    const run = Date.now().toString(36);
    const at = (durationS: number, tag: string) =>
      offer({ url: `${base}/v1/events`, rate, durationS, headers: { authorization: auth.authorization }, body: (n) => timedOrderBody(`evt_${tag}_${run}_${n}`) });
    // Warm-up at the same rate, not counted (as the ingest bench does): after the drain the
    // first second runs on cold paths (small batches, new connections) and is a transient.
    await receiver.reset();
    const warm = await at(WARMUP_S, 'warm');
    await receiver.waitFor(warm.ok, 60_000);
    await receiver.reset();
    const offered = await at(opts.latencyS, 'lat');
    const { latencies: l } = await receiver.waitFor(offered.ok, 60_000);
    return { herald: { ...drained, peakRssMb: worker.peakRssMb() }, latency: { sent: offered.sent, delivered: l.length, p50: percentile(l, 50), p99: percentile(l, 99), max: percentile(l, 100) } };
  } finally {
    await Promise.all([api.stop(), worker.stop()]);
  }
}

const describe = (d: Drain): string =>
  `worker ${d.workerCpuUs.toFixed(0)} µs (event loop ${d.mainThreadCpuUs.toFixed(0)} µs) + Redis ${d.redisCpuUs.toFixed(0)} µs CPU per delivery, peak RSS ${d.peakRssMb.toFixed(0)} MB`;

/**
 * Custom-url deliveries per second, Herald (ROLE=api + ROLE=worker, Redis) vs a bare BullMQ
 * worker POSTing the same payload, in alternating rounds with fresh children and key prefixes
 * per round; each round then measures event→delivery latency at a quarter of that round's
 * bare rate. Rows are medians of per-round figures and ratios; peak RSS is the maximum.
 */
export async function e2eBench(opts: E2eOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: E2eFigures }> {
  const receiver = await startRemoteReceiver();
  const rounds: E2eRound[] = [];
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const bare = await bareLimit(opts, receiver, `bare-e2e-${round}`);
      log(`e2e round ${round}/${opts.rounds} bare BullMQ worker: ${bare.perS.toFixed(0)} deliveries/s, ${describe(bare)}`);
      const offeredPerS = Math.round(bare.perS / 4);
      const runs = await heraldRuns(opts, receiver, offeredPerS, `herald-e2e-${round}`);
      const l = runs.latency;
      log(`e2e round ${round}/${opts.rounds} herald: ${runs.herald.perS.toFixed(0)} deliveries/s, ${describe(runs.herald)}; at ${offeredPerS}/s offered: p50 ${l.p50} ms, p99 ${l.p99} ms (${l.delivered}/${l.sent})`);
      rounds.push({ bare, offeredPerS, ...runs });
    }
  } finally {
    await receiver.close();
  }
  const of = <T>(pick: (r: E2eRound) => T): T[] => rounds.map(pick);
  const name = 'bare BullMQ worker';
  const quarter = `¼ bare rate (~${median(of((r) => r.offeredPerS)).toFixed(0)}/s)`;
  const rows = [
    ratioRow('e2e custom-url deliveries', 'msg/s', of((r) => r.herald.perS), of((r) => r.bare.perS), name, { min: 0.6 }),
    ratioRow('e2e worker CPU per delivery', 'µs', of((r) => r.herald.workerCpuUs), of((r) => r.bare.workerCpuUs), name, {}),
    ratioRow('e2e — of it on the event-loop thread', 'µs', of((r) => r.herald.mainThreadCpuUs), of((r) => r.bare.mainThreadCpuUs), name, {}),
    ratioRow('e2e Redis CPU per delivery', 'µs', of((r) => r.herald.redisCpuUs), of((r) => r.bare.redisCpuUs), name, {}),
    boundRow(`e2e latency p50 @ ${quarter}`, 'ms', of((r) => r.latency.p50), Infinity),
    boundRow(`e2e latency p99 @ ${quarter}`, 'ms', of((r) => r.latency.p99), 100),
    boundRow('e2e worker peak RSS (drain + latency, max of rounds)', 'MB', of((r) => r.herald.peakRssMb), 250, { aggregate: 'max', baseline: of((r) => r.bare.peakRssMb), baselineName: name }),
  ];
  return { rows, figures: { rounds } };
}
