/**
 * `npm run bench`: render, ingest and end-to-end benchmarks, each beside a baseline measured
 * in the same run. Starts a private redis-server and a loopback receiver; prints a table and
 * writes bench/results.json (a partial run writes to the temp directory). BENCH_ONLY=render,ingest,e2e picks benchmarks; BENCH_ROUNDS,
 * BENCH_DURATION_S, BENCH_E2E_MESSAGES tune the length.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedisServer } from '../test/support/redis-server';
import { e2eBench } from './e2e.bench';
import { ingestBench } from './ingest.bench';
import { renderBench } from './render.bench';
import { compileServers } from './support/child';
import { printTable, type BenchRow } from './support/report';

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function main(): Promise<void> {
  const only = new Set((process.env.BENCH_ONLY ?? 'render,ingest,e2e').split(','));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows: BenchRow[] = [];
  const figures: Record<string, unknown> = {};
  log(`bench: ${os.cpus().length} CPUs, node ${process.version}; servers run with LOG_LEVEL=warn`);
  if (only.has('render')) {
    const render = await renderBench(log);
    rows.push(...render.rows);
    figures.render = render.figures;
  }
  if (only.has('ingest') || only.has('e2e')) {
    log('compiling Herald and the bench servers (they run as node on compiled code, like npm start)');
    compileServers();
    const redis = await startRedisServer();
    try {
      if (only.has('ingest')) {
        const opts = { redisUrl: redis.url, rounds: num('BENCH_ROUNDS', 2), durationS: num('BENCH_DURATION_S', 10), warmupS: 2 };
        const ingest = await ingestBench(opts, log);
        rows.push(...ingest.rows);
        figures.ingest = { ...opts, redisUrl: undefined, ...ingest.figures };
      }
      if (only.has('e2e')) {
        const opts = { redisUrl: redis.url, redisPid: redis.process.pid, messages: num('BENCH_E2E_MESSAGES', 10_000), latencyS: num('BENCH_DURATION_S', 10) };
        const e2e = await e2eBench(opts, log);
        rows.push(...e2e.rows);
        figures.e2e = { messages: opts.messages, latencyS: opts.latencyS, ...e2e.figures };
      }
    } finally {
      await redis.stop();
    }
  }
  process.stdout.write(`\n${printTable(rows)}\n`);
  const results = {
    timestamp: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { logLevel: 'warn', etag: false, connections: 50 },
    rows,
    figures,
  };
  // a partial run (BENCH_ONLY) must not replace the full run's figures the README quotes
  const file = process.env.BENCH_ONLY ? path.join(os.tmpdir(), 'herald-bench-partial.json') : path.join(__dirname, 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), file)}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
