import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { EXCERPT_BYTES } from './http-result';

/** The request outlived its whole-request time budget. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timeout after ${timeoutMs}ms`);
    this.name = 'RequestTimeoutError';
  }
}

export interface ExchangeInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  agent: http.Agent;
  lookup?: LookupFunction;
}

export interface ExchangeResult {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  /** At most a little more than one excerpt's worth of the body: the rest is not read. */
  body: Buffer;
}

/**
 * One HTTP exchange with a hard deadline covering connect, upload and the response head.
 * Never follows redirects (node:http does not) and reads only the first KiB of the answer:
 * a receiver cannot hold a delivery open by streaming a large body.
 */
export function exchange(url: URL, init: ExchangeInit): Promise<ExchangeResult> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: init.method,
      headers: init.headers,
      agent: init.agent,
      ...(init.lookup ? { lookup: init.lookup } : {}),
    });
    // Reject before destroying so the timeout, not the resulting socket error, is reported.
    const timer = setTimeout(() => {
      const timeout = new RequestTimeoutError(init.timeoutMs);
      reject(timeout);
      req.destroy(timeout);
    }, init.timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      reject(err);
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size > EXCERPT_BYTES + 4) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', fail);
    });
    req.end(init.body);
  });
}
