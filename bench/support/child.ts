import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Messages a bench child sends its parent over IPC. */
export type ChildMessage = { type: 'ready'; port?: number } | { type: 'done'; [key: string]: unknown };

/** A server or worker running in a process of its own, so it does not share the load generator's event loop. */
export interface BenchChild {
  port: number;
  send(message: object): void;
  /** Resolves with the next message of `type`. */
  next(type: string): Promise<ChildMessage>;
  stop(): Promise<void>;
  /** Peak resident memory of the process so far (Linux VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU seconds (user + system) the process has used so far (Linux /proc). */
  cpuSeconds(): number;
  /** CPU seconds of its main thread alone (the event loop; not GC helpers or the thread pool). */
  mainThreadCpuSeconds(): number;
}

/** VmHWM of a Linux process in MB (0 where /proc is missing). */
export function peakRssMbOf(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of a Linux process in seconds (0 where /proc is missing). */
export function cpuSecondsOf(pid: number | undefined, thread?: number): number {
  try {
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    // fields after the command name (which may contain spaces) start at ") "
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return 0;
  }
}

/** Where `compileServers` puts the compiled servers (git-ignored). */
const COMPILED = path.join(__dirname, '..', '..', 'dist-bench');

/**
 * Compiles Herald and the bench servers to plain JavaScript, so the children run as
 * `npm start` runs Herald (node on compiled code): no TypeScript loader in their CPU or memory.
 */
export function compileServers(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, '..', '..', 'tsconfig.bench.json')], { stdio: 'inherit' });
}

/**
 * Forks the compiled `bench/servers/<script>` (see `compileServers`) with `env` added to the
 * parent's environment and waits for its `ready` message (which carries the port it listens
 * on, if any).
 */
export async function startChild(script: string, env: Record<string, string>): Promise<BenchChild> {
  const child: ChildProcess = fork(path.join(COMPILED, 'bench', 'servers', script.replace(/\.ts$/, '.js')), [], {
    env: { ...process.env, ...env },
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every child (to find what dominates);
    // BENCH_NODE_FLAGS adds node flags to every child (e.g. --trace-gc).
    execArgv: [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: { type: string; resolve: (m: ChildMessage) => void }[] = [];
  child.on('message', (message: ChildMessage) => {
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: string): Promise<ChildMessage> =>
    new Promise((resolve, reject) => {
      waiters.push({ type, resolve });
      void exited.then(() => reject(new Error(`${script} exited before sending '${type}'`)));
    });
  const ready = await next('ready');
  return {
    port: ready.type === 'ready' ? (ready.port ?? 0) : 0,
    send: (message) => child.send(message),
    next,
    peakRssMb: () => peakRssMbOf(child.pid),
    cpuSeconds: () => cpuSecondsOf(child.pid),
    mainThreadCpuSeconds: () => cpuSecondsOf(child.pid, child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: tells the parent it is ready (optionally with its port). */
export function reportReady(port?: number): void {
  process.send?.({ type: 'ready', port });
}
