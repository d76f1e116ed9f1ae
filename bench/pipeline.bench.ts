import { startChild, type BenchChild } from './support/child';
import { blast } from './support/load';
import { startRemoteReceiver, type RemoteReceiver } from './support/receiver';
import { ratioRow, type BenchRow } from './support/report';
import { ADMIN_KEY, benchEnv, INGEST_ORDER_BODY, seedBench } from './support/setup';

export interface PipelineOptions {
  redisUrl: string;
  rounds: number;
  /** Events POSTed (and delivered) in each timed run. */
  messages: number;
  /** Events sent through first in each run, not timed (connections, JIT, worker batches). */
  warmup: number;
}

/** One timed run: first request to the `messages`-th delivery. */
export interface PipelineRun {
  perS: number;
  elapsedMs: number;
}

export interface PipelineFigures {
  herald: PipelineRun[];
  bare: PipelineRun[];
}

interface Pipeline {
  url: string;
  headers: Record<string, string>;
  /** The ingest process and the worker process (only the worker is told to start workers). */
  children: [BenchChild, BenchChild];
}

/** Sends `n` events as fast as autocannon can (50 connections) and times them to the n-th delivery. */
async function timed(p: Pipeline, receiver: RemoteReceiver, n: number): Promise<PipelineRun> {
  await receiver.reset();
  const start = Date.now();
  const posted = await blast({ url: p.url, body: INGEST_ORDER_BODY, headers: p.headers, amount: n });
  if (posted.non2xx > 0 || posted.errors > 0) throw new Error(`pipeline: ${posted.non2xx} non-2xx answers, ${posted.errors} errors`);
  const { lastArrival } = await receiver.waitFor(n, 180_000);
  const elapsedMs = Math.max(1, lastArrival - start);
  return { perS: (n / elapsedMs) * 1000, elapsedMs };
}

async function run(p: Pipeline, receiver: RemoteReceiver, opts: PipelineOptions): Promise<PipelineRun> {
  try {
    p.children[1].send({ type: 'start-workers' });
    if (opts.warmup > 0) await timed(p, receiver, opts.warmup);
    return await timed(p, receiver, opts.messages);
  } finally {
    await Promise.all(p.children.map((c) => c.stop()));
  }
}

/** The bare pipeline: express + BullMQ `add` of the webhook body, and the bare worker POSTing it, both running. */
async function barePipeline(redisUrl: string, receiverUrl: string, prefix: string): Promise<Pipeline> {
  const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
  const [ingest, worker] = await Promise.all([
    startChild('bare-ingest.server.ts', { ...env, BARE_QUEUE: 'deliver' }),
    startChild('bare-worker.server.ts', { ...env, RECEIVER_URL: `${receiverUrl}/hook` }),
  ]);
  return { url: `http://127.0.0.1:${ingest.port}/v1/events`, headers: {}, children: [ingest, worker] };
}

/** Herald as deployed: a ROLE=api process and a ROLE=worker process, both running. */
async function heraldPipeline(redisUrl: string, receiverUrl: string, prefix: string): Promise<Pipeline> {
  const env = (role: string) => benchEnv(redisUrl, prefix, { ROLE: role, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '50' });
  const [api, worker] = await Promise.all([startChild('herald.server.ts', env('api')), startChild('herald.server.ts', env('worker'))]);
  const base = `http://127.0.0.1:${api.port}`;
  await seedBench(base, receiverUrl);
  return { url: `${base}/v1/events`, headers: { authorization: `Bearer ${ADMIN_KEY}` }, children: [api, worker] };
}

/**
 * The full pipeline, what a user experiences: N events POSTed as fast as autocannon can and
 * the time from the first request to the N-th delivery at the receiver, with ingest and
 * delivery running at once. Herald (ROLE=api + ROLE=worker) vs the bare pipeline, in
 * alternating rounds with fresh children and key prefixes per round.
 */
export async function pipelineBench(opts: PipelineOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: PipelineFigures }> {
  const receiver = await startRemoteReceiver();
  const figures: PipelineFigures = { herald: [], bare: [] };
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const b = await run(await barePipeline(opts.redisUrl, receiver.url, `bare-pipe-${round}`), receiver, opts);
      const h = await run(await heraldPipeline(opts.redisUrl, receiver.url, `herald-pipe-${round}`), receiver, opts);
      figures.bare.push(b);
      figures.herald.push(h);
      // (no posting rate: autocannon reports whole seconds and ends on a second's tick, both too coarse here)
      const line = (r: PipelineRun) => `${r.perS.toFixed(0)} deliveries/s (${opts.messages} in ${r.elapsedMs} ms)`;
      log(`pipeline round ${round}/${opts.rounds}: herald ${line(h)} | bare ${line(b)}`);
    }
  } finally {
    await receiver.close();
  }
  const rows = [
    ratioRow('pipeline: HTTP ingest → delivery (api + worker)', 'msg/s', figures.herald.map((r) => r.perS), figures.bare.map((r) => r.perS), 'express+add → bare worker', {}),
  ];
  return { rows, figures };
}
