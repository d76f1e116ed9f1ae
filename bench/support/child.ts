import { fork, type ChildProcess } from 'node:child_process';
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
}

/**
 * Forks `bench/servers/<script>` under tsx with `env` added to the parent's environment and
 * waits for its `ready` message (which carries the port it listens on, if any).
 */
export async function startChild(script: string, env: Record<string, string>): Promise<BenchChild> {
  const child: ChildProcess = fork(path.join(__dirname, '..', 'servers', script), [], {
    env: { ...process.env, ...env },
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every child (to find what dominates).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
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
