import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpApp } from '../../src/http/app';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawClient {
  /**
   * One request exactly as given: the path is not normalised (`/v1/users/..` stays), the
   * body bytes are sent as they are (garbage gzip included), with a Content-Length.
   */
  send(method: string, path: string, headers?: Record<string, string>, body?: Buffer | string): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Serves `app` on a loopback port and talks to it without any URL or body processing. */
export async function rawClient(app: HttpApp): Promise<RawClient> {
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: false });
  return {
    send(method, path, headers = {}, body) {
      const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
      return new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { ...headers, ...(bytes ? { 'content-length': String(bytes.length) } : {}) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(bytes);
      });
    },
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
