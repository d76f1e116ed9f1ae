import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../shared/errors';
import type { TemplateSources } from './compile';
import type { RenderedEmail } from './template.port';

/** One preview for the thread: what to compile (cached there by `key`) and the variables. */
export interface PreviewRequest {
  id: number;
  key: string;
  sources: TemplateSources;
  variables: Record<string, unknown>;
  /** Largest HTML plus text a preview may produce, in characters. */
  maxChars: number;
}

export type PreviewReply = { id: number } & ({ email: RenderedEmail } | { tooLarge: number } | { error: string });

export interface PreviewThreadOptions {
  /** A preview (compile included, thread start not) running longer is stopped (the thread is ended) and answered 422. */
  timeoutMs: number;
  /** Largest HTML plus text a preview may produce, in characters. */
  maxChars: number;
  /** Previews waiting for the thread beyond this are refused (503, try again). */
  maxWaiting: number;
  /** The thread ends after this long without a preview. */
  idleMs: number;
}

const DEFAULTS: PreviewThreadOptions = { timeoutMs: 10_000, maxChars: 2 * 1024 * 1024, maxWaiting: 8, idleMs: 30_000 };

/**
 * Loads the thread's module: compiled JavaScript in production, TypeScript through tsx (a dev
 * dependency) under `npm run dev` and the tests.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require(require.resolve('tsx/cjs/api', { paths: [require('node:path').dirname(workerData.entry)] })).register();
require(workerData.entry);
require('node:worker_threads').parentPort.postMessage('ready');
`;

const megabytes = (chars: number): string => `${(chars / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Renders template previews (`POST /v1/templates/{id}/render`, `GET …/preview`) in a worker
 * thread, one at a time, each bounded in time and size. A preview renders a template the
 * author controls over data the author controls: a 2,000-line `{{#each}}` over a large order
 * used to hold the API's event loop (and /healthz) for seconds. A render past `timeoutMs`
 * ends the thread, which is the only way to stop synchronous Handlebars; the next preview
 * starts a new one. Messages are rendered by the registry itself, never here.
 */
export class PreviewThread {
  private readonly options: PreviewThreadOptions;
  private worker: Worker | null = null;
  /** Resolves once the thread has loaded its modules (a preview's time starts then). */
  private ready: Promise<void> = Promise.resolve();
  private nextId = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(options: Partial<PreviewThreadOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Renders in the thread after the previews before it; rejects with a 422 AppError when too slow or too large. */
  render(request: Omit<PreviewRequest, 'id' | 'maxChars'>): Promise<RenderedEmail> {
    if (this.waiting >= this.options.maxWaiting) {
      return Promise.reject(new AppError('unavailable', 'Too many template previews are rendering; try again in a few seconds'));
    }
    this.waiting += 1;
    const run = this.tail.then(() => this.renderNow({ ...request, id: this.nextId++, maxChars: this.options.maxChars }));
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    void this.tail.then(() => (this.waiting -= 1));
    return run;
  }

  /** Whether a thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  private async renderNow(request: PreviewRequest): Promise<RenderedEmail> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.start();
    worker.ref(); // a preview in flight keeps the process alive
    await this.ready;
    return new Promise<RenderedEmail>((resolve, reject) => {
      const done = (finish: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        finish();
        if (this.worker === worker) this.idle(worker);
      };
      const onMessage = (reply: PreviewReply) => {
        if (reply.id === request.id) done(() => ('email' in reply ? resolve(reply.email) : reject(this.failure(reply))));
      };
      const onExit = (code: number) => done(() => reject(new AppError('unavailable', `the preview thread exited with code ${code}; try again`)));
      const timer = setTimeout(() => {
        this.stop();
        done(() => reject(new AppError('template_invalid', `The preview took longer than ${this.options.timeoutMs / 1000} s to render and was stopped. It renders the template once over the data given: make its {{#each}} blocks or the data smaller.`)));
      }, this.options.timeoutMs);
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }

  private failure(reply: PreviewReply): AppError {
    if ('tooLarge' in reply) {
      return new AppError(
        'template_invalid',
        `The preview would be ${megabytes(reply.tooLarge)} of HTML and text, more than the ${megabytes(this.options.maxChars)} a preview may be (email clients clip messages past about 100 KB): render it with less data.`,
      );
    }
    return new AppError('template_invalid', `The template failed to render: ${'error' in reply ? reply.error : 'no answer'}`);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const entry = path.join(__dirname, `preview.worker${path.extname(__filename)}`);
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry } });
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('exit', (code) => reject(new AppError('unavailable', `the preview thread exited with code ${code} while starting; try again`)));
    });
    // an 'error' is followed by 'exit', which fails the preview in flight
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  /** Nothing in flight: the thread may not keep the process alive, and ends after `idleMs`. */
  private idle(worker: Worker): void {
    worker.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs);
    this.idleTimer.unref();
  }

  private stop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}
