import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. `body` is the raw text, exactly as sent (for signatures). */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface ScriptedResponse {
  /** How many requests get this answer (default 1). */
  times?: number;
  body?: string;
  /** e.g. `{ 'Retry-After': '7' }` or `{ Location: 'https://elsewhere' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (to exercise timeouts). */
  delayMs?: number;
  /**
   * Echo the request back, as a careless receiver would: the body becomes the `x-*` and
   * `authorization` headers, the decoded basic-auth credentials and the posted `data`; the
   * reason phrase carries the same header values and credentials.
   */
  echo?: boolean;
}

/** What an echoing receiver answers: the interesting parts first, so they fit an excerpt. */
function echoOf(req: http.IncomingMessage, body: string): { body: string; reason: string } {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => (name.startsWith('x-') && name !== 'x-oc-hash') || name === 'authorization'));
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const credentials = basic === undefined ? null : Buffer.from(basic, 'base64').toString('utf8');
  let data: unknown = null;
  try {
    data = (JSON.parse(body) as { data?: unknown }).data ?? null;
  } catch {
    data = body;
  }
  const reason = `echo ${Object.values(headers).join(' ')} ${credentials ?? ''}`.trim();
  return { body: JSON.stringify({ headers, credentials, data }), reason };
}

export interface WebhookReceiver {
  /** Base URL, e.g. `http://127.0.0.1:43123`; any path is accepted. */
  url: string;
  requests: ReceivedRequest[];
  /** Resolves once `n` requests have arrived; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Queue an answer; when the queue is empty the receiver answers 200 `{"ok":true}`. */
  respondWith(status: number, opts?: ScriptedResponse): void;
  /** Forget requests and scripted answers. */
  reset(): void;
  close(): Promise<void>;
}

interface Script {
  status: number;
  left: number;
  opts: ScriptedResponse;
}

/** A recording webhook receiver on 127.0.0.1 with scriptable answers. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let scripts: Script[] = [];
  let waiters: (() => void)[] = [];

  const nextScript = (): Script | undefined => {
    const script = scripts[0];
    if (script && --script.left <= 0) scripts.shift();
    return script;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      waiters.forEach((w) => w());
      const script = nextScript();
      const echo = script?.opts.echo ? echoOf(req, Buffer.concat(chunks).toString('utf8')) : null;
      const answer = (): void => {
        if (res.destroyed) return;
        const headers = { 'content-type': 'application/json', ...script?.opts.headers };
        if (echo) res.writeHead(script?.status ?? 200, echo.reason, headers);
        else res.writeHead(script?.status ?? 200, headers);
        res.end(echo?.body ?? script?.opts.body ?? '{"ok":true}');
      };
      const delay = script?.opts.delayMs ?? 0;
      if (delay > 0) setTimeout(answer, delay).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (requests.length < n) return;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve(requests.slice(0, n));
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== check);
          reject(new Error(`webhook receiver: expected ${n} requests within ${timeoutMs}ms, got ${requests.length}`));
        }, timeoutMs);
        waiters.push(check);
        check();
      });
    },
    respondWith(status, opts = {}) {
      scripts.push({ status, left: opts.times ?? 1, opts });
    },
    reset() {
      requests.length = 0;
      scripts = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
