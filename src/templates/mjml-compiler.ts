import { Worker } from 'node:worker_threads';
import { AppError } from '../shared/errors';

/** One MJML validation error, as MJML reports it (1-based line in the compiled source). */
export interface MjmlError {
  line: number;
  message: string;
  tagName: string;
}

export interface MjmlResult {
  /** Empty when `errors` is not. */
  html: string;
  errors: MjmlError[];
}

/**
 * MJML → HTML at strict validation. Injectable so tests can count compiles: the registry
 * must call it once per template version, never per message.
 */
export type MjmlCompile = (source: string) => Promise<MjmlResult>;

/** What the thread answers for one compile. */
interface Reply {
  id: number;
  html: string;
  errors: MjmlError[];
}

/**
 * The thread's code (plain JavaScript: it runs the same under tsx, ts-jest and compiled
 * output). Strict validation throws a ValidationError carrying the errors with line numbers;
 * those become `errors`, and so does input MJML cannot parse at all. Includes are ignored so a template can never
 * read a file (`<mj-include>` is reported by validation instead); `fonts: {}` stops MJML from
 * linking Google Fonts into every email (system fonts only).
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = require(workerData.mjml);
const mjml2html = typeof loaded === 'function' ? loaded : loaded.default;
const OPTIONS = { validationLevel: 'strict', ignoreIncludes: true, keepComments: false, fonts: {} };
const isErrorList = (v) => Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && 'message' in e);
parentPort.on('message', async ({ id, source }) => {
  try {
    const result = await mjml2html(source, OPTIONS);
    parentPort.postMessage({ id, html: result.html, errors: [] });
  } catch (error) {
    const list = typeof error === 'object' && error !== null ? error.errors : undefined;
    if (isErrorList(list)) {
      const errors = list.map((e) => ({ line: Number(e.line) || 1, message: String(e.message).trim(), tagName: String(e.tagName ?? '') }));
      parentPort.postMessage({ id, html: '', errors });
    } else {
      // MJML throws a plain Error for input it cannot parse at all ("Parsing failed. Check
      // your mjml."): a problem of the template, reported like the others
      const message = error instanceof Error ? error.message : String(error);
      parentPort.postMessage({ id, html: '', errors: [{ line: 1, message, tagName: 'mjml' }] });
    }
  }
});
`;

/**
 * MJML in a worker thread, started on demand and ended when idle. MJML costs ~60 MB once
 * loaded, and Herald compiles only at startup and when a template version is first used: a
 * worker delivering messages would carry it (and V8 sizes its heap from the live data) for
 * nothing. `release()` ends the thread at once when nothing is in flight (after startup).
 */
export class MjmlThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: MjmlResult) => void; reject: (e: Error) => void }>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = 30_000) {}

  readonly compile: MjmlCompile = (source) =>
    new Promise<MjmlResult>((resolve, reject) => {
      const worker = this.start();
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      worker.ref(); // a compile in flight keeps the process alive (startup waits for it)
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
      worker.postMessage({ id, source });
    });

  /** Whether a thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Ends the thread now unless a compile is in flight; the next compile starts a new one. */
  release(): void {
    if (this.pending.size === 0) this.stop();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD_CODE, { eval: true, workerData: { mjml: require.resolve('mjml') } });
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve({ html: reply.html, errors: reply.errors });
      if (this.pending.size === 0 && this.worker === worker) {
        worker.unref();
        this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
        this.idleTimer.unref();
      }
    });
    const failed = (error: Error) => {
      // a thread we ended ourselves had nothing in flight; the compiles pending now are a newer thread's
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => failed(new AppError('unavailable', `the MJML thread failed: ${error.message}; try again`)));
    // retryable: the template is not at fault, and the next compile starts a new thread
    worker.on('exit', (code) => failed(new AppError('unavailable', `the MJML thread exited with code ${code}; try again`)));
    // an idle thread never keeps the process alive (unref after the listeners: adding a
    // 'message' listener refs it again); `compile` refs it while a compile is in flight
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

/** One MJML thread per process: every registry (tests start many Heralds) shares it. */
let shared: MjmlThread | null = null;

/** The process's MJML thread; `compile` is the registry's MJML compiler. */
export function mjmlThread(): MjmlThread {
  shared ??= new MjmlThread();
  return shared;
}
