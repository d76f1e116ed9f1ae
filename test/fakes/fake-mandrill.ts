import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One API call as received: `path` without the `/api/1.3` prefix or `.json` suffix. */
export interface MandrillCall {
  path: string;
  /** The parsed JSON body, including the `key` the client adds. */
  body: MandrillBody;
  at: number;
}

export interface MandrillBody {
  key?: string;
  template_name?: string;
  message?: {
    to?: { email: string; name?: string; type?: string }[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export type MandrillFailure =
  | 'general-error-500'
  | 'invalid-key'
  | 'validation-error'
  | 'unknown-template'
  /** Recipient status `rejected` (reject_reason `hard-bounce`). */
  | 'rejected'
  /** Recipient status `invalid`. */
  | 'invalid'
  /** A GeneralError whose message and body echo the API key back (scrubbing test). */
  | 'echo-key'
  /** Recipient status `sent`, with the key, subject, text and merge vars echoed alongside. */
  | 'echo-sent'
  /** An unexpected recipient status that echoes the key, merge vars and text (a transient failure). */
  | 'echo-status';

export interface FakeMandrill {
  /** Use as MANDRILL_API_URL, e.g. `http://127.0.0.1:43123/api/1.3`. */
  url: string;
  calls: MandrillCall[];
  /** The `messages/send` and `messages/send-template` calls. */
  sends(): MandrillCall[];
  /** The next `times` (default 1) send calls fail this way. */
  fail(kind: MandrillFailure, times?: number): void;
  /** The next send calls made with this API key answer these ways, in order (before `fail`'s). */
  script(apiKey: string, answers: MandrillFailure[]): void;
  /** Every answer waits `ms` first (0 to stop). */
  slow(ms: number): void;
  /** Forget calls, failures and slowness. */
  reset(): void;
  close(): Promise<void>;
}

const ERRORS: Partial<Record<MandrillFailure, { code: number; name: string; message: string }>> = {
  'general-error-500': { code: -1, name: 'GeneralError', message: 'An unexpected error occurred processing the request' },
  'invalid-key': { code: -1, name: 'Invalid_Key', message: 'Invalid API key' },
  'validation-error': { code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"to":"Please enter an array"}}' },
  'unknown-template': { code: 5, name: 'Unknown_Template', message: 'No such template "missing"' },
};

const SEND_PATHS = new Set(['/messages/send', '/messages/send-template']);

function answerFor(call: MandrillCall, failure: MandrillFailure | undefined): { status: number; body: unknown } {
  const error = failure ? ERRORS[failure] : undefined;
  if (error) return { status: 500, body: { status: 'error', ...error } };
  if (failure === 'echo-key') {
    return { status: 500, body: { status: 'error', code: -1, name: 'GeneralError', message: `bad key ${call.body.key}`, request: call.body } };
  }
  if (failure === 'echo-sent' || failure === 'echo-status') {
    const echo = { key: call.body.key, vars: call.body.message?.global_merge_vars, subject: call.body.message?.subject, text: call.body.message?.text };
    const status = failure === 'echo-sent' ? 'sent' : `unexpected ${JSON.stringify(echo)}`;
    const to = call.body.message?.to ?? [];
    return { status: 200, body: to.map((r, i) => ({ email: r.email, status, _id: `fake${i}`, reject_reason: null, ...(failure === 'echo-sent' ? { echo } : {}) })) };
  }
  if (call.path === '/users/ping') return { status: 200, body: 'PONG!' };
  if (call.path === '/templates/info') return { status: 200, body: { name: call.body.name, slug: call.body.name, code: '<p>{{firstname}}</p>' } };
  const to = call.body.message?.to ?? [];
  const status = failure === 'rejected' ? 'rejected' : failure === 'invalid' ? 'invalid' : 'sent';
  const reject = failure === 'rejected' ? 'hard-bounce' : null;
  return { status: 200, body: to.map((r, i) => ({ email: r.email, status, _id: `fake${Date.now()}${i}`, reject_reason: reject })) };
}

/** A fake Mandrill API on 127.0.0.1, driven by the official client. */
export async function startFakeMandrill(): Promise<FakeMandrill> {
  const calls: MandrillCall[] = [];
  let failures: MandrillFailure[] = [];
  let scripts = new Map<string, MandrillFailure[]>();
  let delayMs = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').replace(/^\/api\/1\.3/, '').replace(/\.json$/, '');
      let body: MandrillBody = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as MandrillBody;
      } catch {
        // An unparseable body still gets recorded and answered.
      }
      const call = { path, body, at: Date.now() };
      calls.push(call);
      const scripted = typeof body.key === 'string' ? scripts.get(body.key) : undefined;
      const failure = SEND_PATHS.has(path) ? (scripted?.length ? scripted.shift() : failures.shift()) : undefined;
      const answer = answerFor(call, failure);
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      };
      if (delayMs > 0) setTimeout(send, delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/1.3`,
    calls,
    sends: () => calls.filter((c) => SEND_PATHS.has(c.path)),
    fail(kind, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(kind);
    },
    script(apiKey, answers) {
      scripts.set(apiKey, [...(scripts.get(apiKey) ?? []), ...answers]);
    },
    slow(ms) {
      delayMs = ms;
    },
    reset() {
      calls.length = 0;
      failures = [];
      scripts = new Map();
      delayMs = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
