/**
 * `npm run bench`: render, ingest, end-to-end, pipeline and capacity benchmarks, each beside a
 * baseline measured in the same run. Herald and its baseline run in alternating rounds
 * (BENCH_ROUNDS, default 3); every row is the median of the per-round figures and ratios,
 * printed with the spread of the ratios. Each part gets a private redis-server; prints a table
 * and writes bench/results.json with every round's figures (a partial run writes to the temp
 * directory). BENCH_ONLY=render,ingest,e2e,pipeline,capacity picks parts; BENCH_RENDER_MS,
 * BENCH_DURATION_S, BENCH_E2E_MESSAGES, BENCH_PIPELINE_MESSAGES, BENCH_CAPACITY_MESSAGES tune
 * the length.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedisServer, type RedisProcess } from '../test/support/redis-server';
import { capacityBench } from './capacity.bench';
import { e2eBench } from './e2e.bench';
import { ingestBench } from './ingest.bench';
import { pipelineBench } from './pipeline.bench';
import { renderBench } from './render.bench';
import { compileServers } from './support/child';
import { printTable, type BenchRow } from './support/report';

const PARTS = ['render', 'ingest', 'e2e', 'pipeline', 'capacity'] as const;

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Runs `part` against a redis-server of its own, so no part inherits another's keys. */
async function withRedis<T>(part: (redis: RedisProcess) => Promise<T>): Promise<T> {
  const redis = await startRedisServer();
  try {
    return await part(redis);
  } finally {
    await redis.stop();
  }
}

async function runParts(only: Set<string>, rounds: number, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: Record<string, unknown> }> {
  const rows: BenchRow[] = [];
  const figures: Record<string, unknown> = {};
  const durationS = num('BENCH_DURATION_S', 5);
  if (only.has('render')) {
    const opts = { rounds, windowMs: num('BENCH_RENDER_MS', 120) };
    const render = await renderBench(opts, log);
    rows.push(...render.rows);
    figures.render = { ...opts, templates: render.figures };
  }
  if (!PARTS.slice(1).some((p) => only.has(p))) return { rows, figures };
  log('compiling Herald and the bench servers (they run as node on compiled code, like npm start)');
  compileServers();
  if (only.has('ingest')) {
    const ingest = await withRedis((redis) => ingestBench({ redisUrl: redis.url, rounds, durationS, warmupS: 1 }, log));
    rows.push(...ingest.rows);
    figures.ingest = { rounds, durationS, warmupS: 1, ...ingest.figures };
  }
  if (only.has('e2e')) {
    const messages = num('BENCH_E2E_MESSAGES', 8000);
    const e2e = await withRedis((redis) => e2eBench({ redisUrl: redis.url, redisPid: redis.process.pid, rounds, messages, latencyS: durationS }, log));
    rows.push(...e2e.rows);
    figures.e2e = { messages, latencyS: durationS, ...e2e.figures };
  }
  if (only.has('pipeline')) {
    const opts = { rounds, messages: num('BENCH_PIPELINE_MESSAGES', 6000), warmup: 500 };
    const pipeline = await withRedis((redis) => pipelineBench({ ...opts, redisUrl: redis.url }, log));
    rows.push(...pipeline.rows);
    figures.pipeline = { ...opts, ...pipeline.figures };
  }
  if (only.has('capacity')) {
    // capacity starts its own dedicated redis-server: its memory figures must see nothing else
    const capacity = await capacityBench({ rounds, messages: num('BENCH_CAPACITY_MESSAGES', 4000), users: 400, organizations: 20 }, log);
    rows.push(...capacity.rows);
    figures.capacity = capacity.figures;
  }
  return { rows, figures };
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = new Set((process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((p) => p.trim()));
  const unknown = [...only].filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')}; pick from ${PARTS.join(',')}`);
  const rounds = Math.floor(num('BENCH_ROUNDS', 3));
  const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
  log(`bench: ${os.cpus().length} CPUs, node ${process.version}; ${rounds} alternating rounds; servers run with LOG_LEVEL=warn`);
  const { rows, figures } = await runParts(only, rounds, log);
  const elapsedS = (Date.now() - started) / 1000;
  process.stdout.write(`\n${printTable(rows)}\n`);
  process.stdout.write(
    `\n${rounds} rounds, Herald and baseline alternating. herald/baseline: medians over rounds (peak RSS: max); ` +
      'ratio: median of the per-round ratios (lowest–highest round); a bound row shows the spread of its rounds. ' +
      'PASS/MISS is judged on the median.\n',
  );
  const results = {
    timestamp: new Date().toISOString(),
    elapsedS,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}`, loadavg: os.loadavg() },
    settings: { rounds, logLevel: 'warn', etag: false, connections: 50 },
    rows,
    figures,
  };
  // a partial run (BENCH_ONLY) must not replace the full run's figures the README quotes
  const file = process.env.BENCH_ONLY ? path.join(os.tmpdir(), 'herald-bench-partial.json') : path.join(__dirname, 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\ntotal elapsed ${Math.floor(elapsedS / 60)} min ${(elapsedS % 60).toFixed(0)} s\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
