import { Queue } from 'bullmq';
import { orderSubmitted } from '../test/support/seed';
import { cpuSecondsOf, startChild, type BenchChild } from './support/child';
import { blast, offer } from './support/load';
import { startRemoteReceiver, type RemoteReceiver as BenchReceiver } from './support/receiver';
import { boundRow, percentile, ratioRow, type BenchRow } from './support/report';
import { ADMIN_KEY, BENCH_ORG, BENCH_USER, benchEnv, INGEST_ORDER_BODY, timedOrderBody } from './support/setup';

export interface E2eOptions {
  redisUrl: string;
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
  redisCpuUs: number;
  peakRssMb: number;
}

export interface E2eFigures {
  limitPerS: number;
  heraldPerS: number;
  bare: Drain;
  herald: Drain;
  offeredPerS: number;
  latency: { sent: number; delivered: number; p50: number; p99: number; max: number };
}

/** Seconds of load at the latency run's rate before it is measured. */
const WARMUP_S = 2;

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
async function drain(child: BenchChild, receiver: BenchReceiver, n: number, redisPid: number | undefined): Promise<Drain> {
  await receiver.reset();
  const cpu0 = { worker: child.cpuSeconds(), redis: cpuSecondsOf(redisPid) };
  const start = Date.now();
  child.send({ type: 'start-workers' });
  const { lastArrival: last } = await receiver.waitFor(n, 180_000);
  const perDelivery = (seconds: number) => (seconds * 1e6) / n;
  return {
    perS: (n / Math.max(1, last - start)) * 1000,
    workerCpuUs: perDelivery(child.cpuSeconds() - cpu0.worker),
    redisCpuUs: perDelivery(cpuSecondsOf(redisPid) - cpu0.redis),
    peakRssMb: child.peakRssMb(),
  };
}

async function bareLimit(opts: E2eOptions, receiver: BenchReceiver): Promise<Drain> {
  const prefix = 'bare-e2e';
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
 * Herald in its production topology: a ROLE=api process takes the events, a ROLE=worker
 * process delivers them (the worker's CPU and peak RSS are what the rows report). First
 * `messages` events are ingested with the worker idle and the drain is timed; then latency
 * at `rate` events per second.
 */
async function heraldRuns(opts: E2eOptions, receiver: BenchReceiver, rate: number): Promise<{ herald: Drain; latency: E2eFigures['latency'] }> {
  const env = (role: string) => benchEnv(opts.redisUrl, 'herald-e2e', { ROLE: role, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '50' });
  const [api, worker] = await Promise.all([startChild('herald.server.ts', env('api')), startChild('herald.server.ts', env('worker'))]);
  try {
    const base = `http://127.0.0.1:${api.port}`;
    await seed(base, receiver.url);
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
  `worker ${d.workerCpuUs.toFixed(0)} µs + Redis ${d.redisCpuUs.toFixed(0)} µs CPU per delivery, peak RSS ${d.peakRssMb.toFixed(0)} MB`;

/**
 * Custom-url deliveries per second, Herald (ROLE=all, Redis) vs a bare BullMQ worker POSTing
 * the same payload; then event→delivery latency at a quarter of the bare worker's rate.
 */
export async function e2eBench(opts: E2eOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: E2eFigures }> {
  const receiver = await startRemoteReceiver();
  try {
    const bare = await bareLimit(opts, receiver);
    const limitPerS = bare.perS;
    log(`e2e limit (bare BullMQ worker): ${limitPerS.toFixed(0)} deliveries/s, ${describe(bare)}`);
    const offeredPerS = Math.round(limitPerS / 4);
    const runs = await heraldRuns(opts, receiver, offeredPerS);
    const heraldPerS = runs.herald.perS;
    log(`e2e herald: ${heraldPerS.toFixed(0)} deliveries/s, ${describe(runs.herald)}; at ${offeredPerS}/s offered: p50 ${runs.latency.p50} ms, p99 ${runs.latency.p99} ms (${runs.latency.delivered}/${runs.latency.sent})`);
    const figures = { limitPerS, heraldPerS, offeredPerS, bare, ...runs };
    const info = (row: BenchRow): BenchRow => ({ ...row, target: '(info)', pass: true });
    const rows = [
      ratioRow('e2e custom-url deliveries', 'msg/s', heraldPerS, limitPerS, 'bare BullMQ worker', { min: 0.6 }),
      info(ratioRow('e2e worker CPU per delivery', 'µs', runs.herald.workerCpuUs, bare.workerCpuUs, 'bare BullMQ worker', {})),
      info(ratioRow('e2e Redis CPU per delivery', 'µs', runs.herald.redisCpuUs, bare.redisCpuUs, 'bare BullMQ worker', {})),
      info(boundRow(`e2e latency p50 @ ${offeredPerS}/s`, 'ms', runs.latency.p50, Infinity)),
      boundRow(`e2e latency p99 @ ${offeredPerS}/s`, 'ms', runs.latency.p99, 100),
      boundRow('e2e worker peak RSS (drain + latency)', 'MB', runs.herald.peakRssMb, 250, bare.peakRssMb, 'bare BullMQ worker'),
    ];
    return { rows, figures };
  } finally {
    await receiver.close();
  }
}
