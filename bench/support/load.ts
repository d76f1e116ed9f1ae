import http from 'node:http';
import autocannon from 'autocannon';

export interface LoadResult {
  /** Mean requests per second over the run (2xx only). */
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections?: number;
  durationS?: number;
  /** Stop after this many requests instead of a duration. */
  amount?: number;
}

/**
 * POSTs `body` with autocannon. `[<id>]` in the body becomes a unique id per request, so
 * idempotency never short-circuits a request.
 */
export async function blast(opts: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    method: 'POST',
    connections: opts.connections ?? 50,
    ...(opts.amount !== undefined ? { amount: opts.amount } : { duration: opts.durationS ?? 10 }),
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.body,
    idReplacement: true,
  });
  const ok = result['2xx'];
  const seconds = result.duration > 0 ? result.duration : 1;
  return { rps: ok / seconds, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total };
}

/**
 * Open-loop load: `rate` POSTs per second for `durationS`, each built by `body(n)` at the
 * moment it is sent (so it can carry its send time). Returns how many were answered 2xx.
 */
export async function offer(opts: { url: string; rate: number; durationS: number; headers?: Record<string, string>; body: (n: number) => string }): Promise<{ sent: number; ok: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(opts.url);
  let sent = 0;
  let ok = 0;
  const pending: Promise<void>[] = [];
  const send = (): Promise<void> =>
    new Promise((resolve) => {
      const body = opts.body(sent++);
      const headers = { ...opts.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request(target, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 0) < 300) ok++;
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end(body);
    });
  const start = Date.now();
  const total = Math.round(opts.rate * opts.durationS);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      // Catch up to the schedule: every request due by now is sent now.
      const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * opts.rate));
      while (sent < due) pending.push(send());
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  await Promise.all(pending);
  agent.destroy();
  return { sent, ok };
}
