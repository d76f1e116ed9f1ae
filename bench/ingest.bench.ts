import { startChild, type BenchChild } from './support/child';
import { blast, type LoadResult } from './support/load';
import { ratioRow, type BenchRow } from './support/report';
import { benchEnv, INGEST_ORDER_BODY, ADMIN_KEY } from './support/setup';

export interface IngestOptions {
  redisUrl: string;
  rounds: number;
  durationS: number;
  warmupS: number;
}

/** Every round's autocannon result, in round order. */
export interface IngestFigures {
  herald: LoadResult[];
  bare: LoadResult[];
}

async function measure(child: BenchChild, opts: IngestOptions, headers: Record<string, string>): Promise<LoadResult> {
  const url = `http://127.0.0.1:${child.port}/v1/events`;
  await blast({ url, body: INGEST_ORDER_BODY, headers, durationS: opts.warmupS });
  const result = await blast({ url, body: INGEST_ORDER_BODY, headers, durationS: opts.durationS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`ingest run had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return result;
}

/**
 * `POST /v1/events` on a real Herald (ROLE=api, auth on, Redis drivers) vs a bare express
 * route that only calls BullMQ `add`: in each round the bare route, then Herald (each after
 * its own warm-up), 50 connections each, unique event ids. Rows are medians of per-round ratios.
 */
export async function ingestBench(opts: IngestOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: IngestFigures }> {
  const herald = await startChild('herald.server.ts', benchEnv(opts.redisUrl, 'herald-ingest', { ROLE: 'api' }));
  const bare = await startChild('bare-ingest.server.ts', { REDIS_URL: opts.redisUrl, REDIS_PREFIX: 'bare-ingest' });
  const figures: IngestFigures = { herald: [], bare: [] };
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const b = await measure(bare, opts, {});
      const h = await measure(herald, opts, { authorization: `Bearer ${ADMIN_KEY}` });
      figures.bare.push(b);
      figures.herald.push(h);
      log(`ingest round ${round}/${opts.rounds}: herald ${h.rps.toFixed(0)} req/s p50 ${h.p50} p99 ${h.p99} ms | bare ${b.rps.toFixed(0)} req/s p50 ${b.p50} p99 ${b.p99} ms`);
    }
  } finally {
    await Promise.all([herald.stop(), bare.stop()]);
  }
  const of = (runs: LoadResult[], key: 'rps' | 'p50' | 'p99') => runs.map((r) => r[key]);
  const name = 'express + BullMQ add';
  const rows = [
    ratioRow('ingest throughput', 'req/s', of(figures.herald, 'rps'), of(figures.bare, 'rps'), name, { min: 1.0 }),
    // p50 has no target of its own: report it, never fail on it.
    ratioRow('ingest p50 latency', 'ms', of(figures.herald, 'p50'), of(figures.bare, 'p50'), name, {}),
    ratioRow('ingest p99 latency', 'ms', of(figures.herald, 'p99'), of(figures.bare, 'p99'), name, { max: 1.5 }),
  ];
  return { rows, figures };
}
