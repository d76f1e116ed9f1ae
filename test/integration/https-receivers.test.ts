import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { waitFor } from '../support/harness';
import { freePort } from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import { orderSubmitted, passwordReset, seedRecipient } from '../support/seed';
import { spawnHerald, type HeraldChild } from '../support/spawn-herald';

/** A test CA and two loopback certificates: one it signed, one self-signed. Made here with openssl, no network. */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Herald test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', 'trusted.key', '-out', 'trusted.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'trusted.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'trusted.pem', '-days', '2', '-extfile', 'leaf.ext');
  openssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
  const read = (name: string) => readFileSync(join(dir, name));
  return { caFile: join(dir, 'ca.pem'), trusted: { key: read('trusted.key'), cert: read('trusted.pem') }, selfSigned: { key: read('self.key'), cert: read('self.pem') } };
}

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  encrypted: boolean;
}

/** An HTTPS receiver on loopback that answers 200 to anything and records what reached it. */
async function httpsReceiver(tls: { key: Buffer; cert: Buffer }): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = https.createServer(tls, (req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, encrypted: 'encrypted' in req.socket });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type Message = { id: string; status: string; attemptCount: number; attempts: { outcome: string; statusCode: number | null; error: string | null }[] };

const drivers: ['embedded' | 'redis', Record<string, string>][] = [['embedded', {}]];
// The spawned Herald on the production drivers too, when this run has a Redis.
if (process.env.HERALD_TEST_REDIS_URL) {
  drivers.push(['redis', { REDIS_URL: process.env.HERALD_TEST_REDIS_URL, REDIS_PREFIX: uniquePrefix(), SECRETS_KEY: randomBytes(32).toString('base64') }]);
}

/**
 * Issue 12: HTTPS receivers. A Herald process trusts a private CA only through
 * NODE_EXTRA_CA_CERTS (given to that child alone); a certificate outside the trust store is
 * a failed attempt that says so, never a silent success.
 */
describe.each(drivers)('HTTPS receivers, Herald as its own process (%s)', (_driver, driverEnv) => {
  let dir: string;
  let herald: HeraldChild;
  let base: string;
  let trustedRx: Awaited<ReturnType<typeof httpsReceiver>>;
  let selfSignedRx: Awaited<ReturnType<typeof httpsReceiver>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'herald-tls-'));
    const certs = makeCertificates(dir);
    trustedRx = await httpsReceiver(certs.trusted);
    selfSignedRx = await httpsReceiver(certs.selfSigned);
    const port = await freePort();
    herald = spawnHerald({
      ...driverEnv, PORT: String(port), ALLOW_PRIVATE_NETWORK_URLS: 'true', RETRY_SCHEDULE: '0.05', NODE_EXTRA_CA_CERTS: certs.caFile,
    });
    await herald.waitForOutput('Herald is listening', 60_000);
    base = `http://127.0.0.1:${port}`;
  }, 90_000);

  afterAll(async () => {
    await herald?.stop('SIGTERM');
    await trustedRx?.close();
    await selfSignedRx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = () => request.agent(base);
  const settledMessage = async (eventId: string): Promise<Message> => {
    const id = await waitFor(async () => (await api().get(`/v1/events/${eventId}`)).body.messages?.[0]?.id as string | undefined, 10_000, `message of ${eventId}`);
    return waitFor(async () => {
      const m = (await api().get(`/v1/messages/${id}`)).body as Message;
      return m.status !== 'pending' && m;
    }, 10_000, `${eventId} settled`);
  };

  test('when the receiver has a certificate from the CA in NODE_EXTRA_CA_CERTS, then the GET with basic auth is delivered over TLS', async () => {
    const { userId } = await seedRecipient(api(), { userId: 'tls-buyer', orgId: 'tls-org' });
    const basicAuth = { username: 'herald', password: 'tls-pass-4Rt6' };
    await api().put('/v1/senders/order.submitted').send({ kind: 'custom-url', method: 'GET', url: `${trustedRx.url}/orders/{orderId}`, basicAuth }).expect(201);
    const m = await settledMessage((await api().post('/v1/events').send(orderSubmitted(userId, { id: 'evt_tls_ok', orderId: 'PO-443' })).expect(202)).body.id);
    expect(m).toMatchObject({ status: 'sent', attemptCount: 1 });
    expect(trustedRx.seen).toEqual([{ method: 'GET', path: '/orders/PO-443', authorization: `Basic ${Buffer.from('herald:tls-pass-4Rt6').toString('base64')}`, encrypted: true }]);
  });

  test('when the receiver presents a self-signed certificate outside the trust store, then every attempt fails saying so and nothing is delivered', async () => {
    const { userId } = await seedRecipient(api(), { userId: 'tls-buyer-2', orgId: 'tls-org-2' });
    await api().put('/v1/senders/user.password_reset').send({ kind: 'custom-url', url: `${selfSignedRx.url}/reset` }).expect(201);
    const m = await settledMessage((await api().post('/v1/events').send(passwordReset(userId, { id: 'evt_tls_self' })).expect(202)).body.id);
    expect(m).toMatchObject({ status: 'failed', attemptCount: 2 });
    for (const attempt of m.attempts) {
      expect(attempt).toMatchObject({ outcome: 'transient', statusCode: null, error: expect.stringMatching(/^TLS: the receiver's certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT/) });
    }
    expect(selfSignedRx.seen).toEqual([]);
  });
});
