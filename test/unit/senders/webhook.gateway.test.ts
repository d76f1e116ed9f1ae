import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookRequest } from '../../../src/senders/sender.port';
import { HttpWebhookGateway } from '../../../src/senders/webhook.gateway';
import { startWebhookReceiver, type WebhookReceiver } from '../../fakes/webhook-receiver';

const SHARED_KEY = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const BODY = JSON.stringify({ id: 'msg_1', type: 'order.submitted', data: { note: 'héllo ✓' } });

/** What OrderCloud receivers (@ordercloud/catalyst isOcHashValid) do. */
function ocHashValid(body: string, key: string, header: string): boolean {
  const expected = createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(body, 'utf8')).digest('base64');
  return expected.length === header.length && timingSafeEqual(Buffer.from(expected), Buffer.from(header));
}

/**
 * A receiver that echoes every request header back, in its body and its status line, with
 * the status code named by the path (`/echo/400`).
 */
async function startEchoReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = Number(req.url?.split('/').pop()) || 200;
      res.writeHead(status, `Echo ${String(req.headers['x-api-key'])}`, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ youSent: req.headers }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('HttpWebhookGateway', () => {
  let receiver: WebhookReceiver;
  let gateway: HttpWebhookGateway;

  const request = (over: Partial<WebhookRequest> = {}): WebhookRequest => ({
    url: `${receiver.url}/hooks/order.submitted`,
    method: 'POST',
    messageId: 'msg_1',
    timestamp: new Date(),
    body: BODY,
    sharedKey: SHARED_KEY,
    headers: {},
    timeoutMs: 2000,
    ...over,
  });

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    gateway = new HttpWebhookGateway({ allowPrivateNetwork: true });
  });
  afterEach(async () => {
    gateway.close();
    await receiver.close();
  });

  it('when a message is delivered, then the receiver verifies it with the reference standardwebhooks library', async () => {
    const result = await gateway.send(request());
    expect(result).toEqual({ outcome: 'success', statusCode: 200, response: '{"ok":true}' });
    const [got] = await receiver.waitFor(1);
    expect(got.method).toBe('POST');
    expect(got.path).toBe('/hooks/order.submitted');
    expect(got.body).toBe(BODY);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toBe('Herald/0.1');
    expect(got.headers['webhook-id']).toBe('msg_1');
    expect(new Webhook(SHARED_KEY).verify(got.body, got.headers as Record<string, string>)).toEqual(JSON.parse(BODY));
  });

  it('when a message is delivered, then X-oc-hash verifies the way OrderCloud receivers check it', async () => {
    await gateway.send(request());
    const [got] = await receiver.waitFor(1);
    expect(ocHashValid(got.body, SHARED_KEY, String(got.headers['x-oc-hash']))).toBe(true);
    expect(ocHashValid(got.body, 'whsec_other', String(got.headers['x-oc-hash']))).toBe(false);
  });

  it('when the method is PUT with basic auth, then the receiver gets a PUT with those credentials', async () => {
    await gateway.send(request({ method: 'PUT', basicAuth: { username: 'shop', password: 's3cret-pass' } }));
    const [got] = await receiver.waitFor(1);
    expect(got.method).toBe('PUT');
    expect(got.headers.authorization).toBe(`Basic ${Buffer.from('shop:s3cret-pass').toString('base64')}`);
  });

  it('when custom headers try to replace signature, content type or auth, then only the harmless ones arrive', async () => {
    const headers = {
      'X-Api-Key': 'abc',
      'Webhook-Signature': 'v1,forged',
      'X-OC-HASH': 'forged',
      'Content-Type': 'text/plain',
      'Webhook-Id': 'msg_forged',
      'Webhook-Timestamp': '1',
      'Content-Length': '1',
      Host: 'evil.example',
      Authorization: 'Bearer forged',
    };
    await gateway.send(request({ headers, basicAuth: { username: 'shop', password: 'pw-1234' } }));
    const [got] = await receiver.waitFor(1);
    expect(got.headers['x-api-key']).toBe('abc');
    expect(got.headers['webhook-signature']).not.toContain('forged');
    expect(got.headers['x-oc-hash']).not.toBe('forged');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers.authorization).toMatch(/^Basic /);
    expect(got.headers['webhook-id']).toBe('msg_1');
    expect(got.headers.host).toBe(new URL(receiver.url).host);
    expect(got.body).toBe(BODY);
    expect(() => new Webhook(SHARED_KEY).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
  });

  it('when the receiver is slower than timeoutMs, then the attempt is transient with a timeout error', async () => {
    receiver.respondWith(200, { delayMs: 1500 });
    const started = Date.now();
    const result = await gateway.send(request({ timeoutMs: 200 }));
    expect(result).toMatchObject({ outcome: 'transient', statusCode: null, error: 'timeout after 200ms' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when the receiver redirects, then it is a failure naming the Location and the redirect is not followed', async () => {
    receiver.respondWith(302, { headers: { Location: `${receiver.url}/elsewhere` } });
    const result = await gateway.send(request());
    expect(result).toMatchObject({ outcome: 'transient', statusCode: 302 });
    expect(result.outcome !== 'success' && result.error).toContain(`${receiver.url}/elsewhere`);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/order.submitted']);
  });

  it('when the receiver answers 410 Gone, then the failure is permanent with status 410', async () => {
    receiver.respondWith(410, { body: '{"error":"gone"}' });
    expect(await gateway.send(request())).toMatchObject({ outcome: 'permanent', statusCode: 410, response: '{"error":"gone"}' });
  });

  it.each([400, 401, 404, 422])('when the receiver answers %i, then the failure is permanent', async (status) => {
    receiver.respondWith(status);
    expect(await gateway.send(request())).toMatchObject({ outcome: 'permanent', statusCode: status });
  });

  it.each([408, 409, 425, 500, 503])('when the receiver answers %i, then the failure is transient', async (status) => {
    receiver.respondWith(status);
    expect(await gateway.send(request())).toMatchObject({ outcome: 'transient', statusCode: status });
  });

  it('when the receiver answers 429 with Retry-After seconds, then the failure is transient with retryAfterMs', async () => {
    receiver.respondWith(429, { headers: { 'Retry-After': '7' } });
    expect(await gateway.send(request())).toMatchObject({ outcome: 'transient', statusCode: 429, retryAfterMs: 7000 });
  });

  it('when Retry-After is an HTTP date, then retryAfterMs counts down to it', async () => {
    receiver.respondWith(503, { headers: { 'Retry-After': new Date(Date.now() + 60_000).toUTCString() } });
    const result = await gateway.send(request());
    const after = result.outcome === 'success' ? undefined : result.retryAfterMs;
    expect(after).toBeGreaterThan(55_000);
    expect(after).toBeLessThanOrEqual(60_000);
  });

  it('when the receiver answers a large body, then at most 1 KiB of it is kept, cut on a character boundary', async () => {
    receiver.respondWith(500, { body: 'é'.repeat(5000) });
    const result = await gateway.send(request());
    expect(Buffer.byteLength(result.response ?? '')).toBeLessThanOrEqual(1024);
    expect(result.response).toBe('é'.repeat(512));
  });

  it('when the receiver echoes secrets, then they are not in the stored response', async () => {
    receiver.respondWith(400, { body: `bad key ${SHARED_KEY} for shop:pw-1234` });
    const result = await gateway.send(request({ basicAuth: { username: 'shop', password: 'pw-1234' } }));
    expect(JSON.stringify(result)).not.toContain(SHARED_KEY);
    expect(JSON.stringify(result)).not.toContain('pw-1234');
  });

  it.each([400, 200])('when a receiver echoes request headers with HTTP %i, then configured header values are not in the stored attempt', async (status) => {
    const echo = await startEchoReceiver();
    try {
      const headers = { 'X-Api-Key': 'key-Zq81-confidential', Authorization: 'Bearer tok-77Hx-confidential' };
      const result = await gateway.send(request({ url: `${echo.url}/echo/${status}`, headers }));
      expect(result.statusCode).toBe(status);
      expect(result.response).toContain('[redacted]');
      const stored = JSON.stringify({ response: result.response, error: result.outcome === 'success' ? null : result.error });
      expect(stored).not.toContain('key-Zq81-confidential');
      expect(stored).not.toContain('tok-77Hx-confidential');
    } finally {
      await echo.close();
    }
  });

  it('when an Authorization header is configured without basic auth, then the receiver gets that bearer token', async () => {
    await gateway.send(request({ headers: { Authorization: 'Bearer xyz' } }));
    const [got] = await receiver.waitFor(1);
    expect(got.headers.authorization).toBe('Bearer xyz');
    expect(() => new Webhook(SHARED_KEY).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
  });

  it('when nothing listens at the URL, then the failure is transient', async () => {
    const url = receiver.url;
    await receiver.close();
    receiver = await startWebhookReceiver();
    expect(await gateway.send(request({ url }))).toMatchObject({ outcome: 'transient', statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  describe('when private networks are not allowed', () => {
    let strict: HttpWebhookGateway;
    beforeEach(() => {
      strict = new HttpWebhookGateway({ allowPrivateNetwork: false });
    });
    afterEach(() => strict.close());

    it('when the URL is the loopback receiver, then nothing is sent and the failure is permanent', async () => {
      const result = await strict.send(request());
      expect(result).toMatchObject({ outcome: 'permanent', statusCode: null, error: expect.stringMatching(/127\.0\.0\.1.*not a public address/) });
      expect(receiver.requests).toHaveLength(0);
    });

    it('when a host name resolves to loopback at connect time, then the connection is refused permanently', async () => {
      const port = new URL(receiver.url).port;
      const result = await strict.send(request({ url: `https://localhost:${port}/x` }));
      expect(result).toMatchObject({ outcome: 'permanent', error: expect.stringMatching(/localhost resolves to .* not a public address/) });
      expect(receiver.requests).toHaveLength(0);
    });

    it('when DNS rebinds a public-looking name to a private address, then the connection is refused', async () => {
      const rebinding = new HttpWebhookGateway({
        allowPrivateNetwork: false,
        resolveAll: (_host, cb) => cb(null, [{ address: '10.0.0.8', family: 4 }]),
      });
      const result = await rebinding.send(request({ url: 'https://hooks.example.com/x' }));
      rebinding.close();
      expect(result).toMatchObject({ outcome: 'permanent', error: expect.stringContaining('10.0.0.8') });
    });
  });
});
