import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** How a child Herald ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A Herald running as its own process (`tsx src/main.ts`), as an operator would run it. */
export interface HeraldChild {
  pid: number;
  /** Everything written so far (pino JSON lines on stdout). */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `text`; rejects on timeout or if the process exits first. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Sends `signal` and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<Exit>;
}

/**
 * Starts `src/main.ts` (as `npm run dev` does) with a clean environment (PATH plus `env`). The child is SIGKILLed
 * after `maxLifeMs` so a hung test never leaves it behind.
 */
export function spawnHerald(env: Record<string, string>, maxLifeMs = 120_000): HeraldChild {
  // Node itself with tsx's loader, not the `tsx` wrapper: a signal must reach Herald, not a parent
  // process that would leave Herald orphaned on SIGKILL.
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  let listeners: (() => void)[] = [];
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const killer = setTimeout(() => child.kill('SIGKILL'), maxLifeMs);
  const exited = new Promise<Exit>((resolve) => {
    // 'close' (not 'exit'): by then stdout and stderr hold every line the process wrote
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      listeners.forEach((l) => l());
      resolve({ code, signal });
    });
  });
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;

  return {
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput(text, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (stdout.includes(text)) finish();
          else if (!alive()) finish(new Error(`Herald exited before printing "${text}"; stderr: ${stderr.slice(-2000)}`));
        };
        const finish = (err?: Error): void => {
          clearTimeout(timer);
          listeners = listeners.filter((l) => l !== check);
          if (err) reject(err);
          else resolve();
        };
        const timer = setTimeout(() => finish(new Error(`Herald did not print "${text}" within ${timeoutMs} ms`)), timeoutMs);
        listeners.push(check);
        check();
      });
    },
    async stop(signal) {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}
