import { startTestHerald, type Driver, type TestHerald } from '../support/harness';
import { seedRecipient } from '../support/seed';

type Issue = { path: string; message: string };

const API_KEY = 'md-customer-cfg-KEY7a3c';
const PASSWORD = 'basic-pass-cfg-P9w2';
const HEADER_VALUE = 'header-secret-cfg-H4k8';
const GIVEN_KEY = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const SHARED_KEY = /^whsec_[A-Za-z0-9+/]{43}=$/;

const customUrl = (over: Record<string, unknown> = {}) => ({
  kind: 'custom-url',
  url: 'http://127.0.0.1:9/hooks/{eventType}',
  headers: { 'X-Api-Key': HEADER_VALUE },
  basicAuth: { username: 'herald', password: PASSWORD },
  ...over,
});
const customMandrill = { kind: 'custom-mandrill', apiKey: API_KEY, fromEmail: 'shop@acme.example', fromName: 'Acme', mandrillTemplate: 'order-confirmation' };

/** SPEC §4 "Sender configuration": PUT/GET/DELETE, masking, shared keys, validation, URL guard. */
export function sendersConfigSuite(driver: Driver): void {
  describe(`sender configuration (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver, { LOG_LEVEL: 'debug' });
      await seedRecipient(h.api(), { userId: 'cfg-buyer', orgId: 'cfg-org' });
    });
    afterAll(() => h.close());

    test.each([
      ['default-mandrill', { kind: 'default-mandrill', subject: 'Thanks!', cc: ['ops@acme.example'] }],
      ['custom-mandrill', customMandrill],
      ['custom-url', customUrl()],
      ['disabled', { kind: 'disabled' }],
    ])('when a global and an org %s config are put twice, then 201 then 200 and GET shows it, then DELETE removes it', async (kind, body) => {
      for (const path of ['/v1/senders/order.shipped', '/v1/organizations/cfg-org/senders/order.shipped']) {
        const created = await h.api().put(path).send(body).expect(201);
        expect(created.body).toMatchObject({ eventType: 'order.shipped', kind, createdAt: expect.any(String), updatedAt: expect.any(String) });
        await h.api().put(path).send(body).expect(200);
        const read = await h.api().get(path).expect(200);
        expect(read.body.kind).toBe(kind);
      }
      const global = (await h.api().get('/v1/senders/order.shipped')).body;
      expect(global).toMatchObject({ scope: 'global', organizationId: null });
      const org = (await h.api().get('/v1/organizations/cfg-org/senders/order.shipped')).body;
      expect(org).toMatchObject({ scope: 'organization', organizationId: 'cfg-org' });

      const list = (await h.api().get('/v1/senders').expect(200)).body.data as { eventType: string; scope: string; kind: string }[];
      const listed = list.filter((c) => c.eventType === 'order.shipped').map((c) => `${c.scope}:${c.kind}`).sort();
      expect(listed).toEqual([`global:${kind}`, `organization:${kind}`]);

      for (const path of ['/v1/senders/order.shipped', '/v1/organizations/cfg-org/senders/order.shipped']) {
        await h.api().delete(path).expect(204);
        await h.api().get(path).expect(404);
        await h.api().delete(path).expect(404);
      }
    });

    test('when secrets are read back, then each is masked to its last 4 characters, the basic-auth password whole', async () => {
      await h.api().put('/v1/senders/order.submitted').send(customMandrill).expect(201);
      const put = await h.api().put('/v1/organizations/cfg-org/senders/order.submitted').send(customUrl()).expect(201);
      expect(put.body).toMatchObject({ headers: { 'X-Api-Key': '••••H4k8' }, basicAuth: { username: 'herald', password: '••••' } });

      const mandrill = (await h.api().get('/v1/senders/order.submitted').expect(200)).body;
      expect(mandrill).toMatchObject({ apiKey: '••••7a3c', fromEmail: 'shop@acme.example', mandrillTemplate: 'order-confirmation' });
      const url = (await h.api().get('/v1/organizations/cfg-org/senders/order.submitted').expect(200)).body;
      expect(url).toMatchObject({
        url: 'http://127.0.0.1:9/hooks/{eventType}',
        headers: { 'X-Api-Key': '••••H4k8' },
        basicAuth: { username: 'herald', password: '••••' },
        state: { suspendedAt: null, consecutiveFailures: 0 },
      });
      expect(url.sharedKey).toMatch(/^••••.{4}$/);
      const everything = JSON.stringify((await h.api().get('/v1/senders')).body);
      for (const secret of [API_KEY, PASSWORD, HEADER_VALUE]) expect(everything).not.toContain(secret);
      await h.api().delete('/v1/senders/order.submitted').expect(204);
      await h.api().delete('/v1/organizations/cfg-org/senders/order.submitted').expect(204);
    });

    test('when a custom-url config has no sharedKey, then one is generated and shown in full only in that PUT response', async () => {
      const put = await h.api().put('/v1/senders/user.password_reset').send(customUrl()).expect(201);
      const key = put.body.sharedKey as string;
      expect(key).toMatch(SHARED_KEY);
      expect(Buffer.from(key.slice('whsec_'.length), 'base64')).toHaveLength(32);

      const read = (await h.api().get('/v1/senders/user.password_reset')).body;
      expect(read.sharedKey).toBe(`••••${key.slice(-4)}`);

      const replaced = await h.api().put('/v1/senders/user.password_reset').send(customUrl({ method: 'PUT' })).expect(200);
      expect(replaced.body.sharedKey).toBe(`••••${key.slice(-4)}`);
      expect(replaced.body.method).toBe('PUT');
      expect(JSON.stringify((await h.api().get('/v1/senders')).body)).not.toContain(key);

      const given = await h.api().put('/v1/senders/user.password_reset').send(customUrl({ sharedKey: GIVEN_KEY })).expect(200);
      expect(given.body.sharedKey).toBe(GIVEN_KEY);
      expect((await h.api().get('/v1/senders/user.password_reset')).body.sharedKey).toBe(`••••${GIVEN_KEY.slice(-4)}`);
      await h.api().delete('/v1/senders/user.password_reset').expect(204);
    });

    test('when the event type in the path is unknown, then 404', async () => {
      for (const path of ['/v1/senders/order.teleported', '/v1/organizations/cfg-org/senders/order.teleported']) {
        expect((await h.api().put(path).send({ kind: 'disabled' })).status).toBe(404);
        expect((await h.api().get(path)).status).toBe(404);
        expect((await h.api().delete(path)).status).toBe(404);
      }
    });

    test.each([
      ['apiKey is missing', { kind: 'custom-mandrill', fromEmail: 'shop@acme.example' }, 'apiKey'],
      ['the url is not a URL', { kind: 'custom-url', url: 'not a url' }, 'url'],
      ['the kind is unknown', { kind: 'carrier-pigeon' }, 'kind'],
      ['a header tries to set webhook-signature', customUrl({ headers: { 'Webhook-Signature': 'v1,forged' } }), 'headers'],
    ])('when %s, then 400 names the path', async (_what, body, path) => {
      const res = await h.api().put('/v1/senders/order.submitted').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect((res.body.error.details as Issue[]).map((d) => d.path)).toContain(path);
      await h.api().get('/v1/senders/order.submitted').expect(404);
    });

    test('when an override is put for an unknown organization, then 404', async () => {
      const res = await h.api().put('/v1/organizations/no-such-org/senders/order.submitted').send({ kind: 'disabled' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    test('when configs hold secrets, then they are neither logged nor stored in clear', async () => {
      await h.api().put('/v1/senders/order.shipped').send(customMandrill).expect(201);
      await h.api().put('/v1/organizations/cfg-org/senders/order.shipped').send(customUrl()).expect(201);
      expect(h.logs.join('')).toContain('/v1/organizations/cfg-org/senders/order.shipped');
      const stored = JSON.stringify(await h.herald.store.senders.listConfigs());
      for (const secret of [API_KEY, PASSWORD, HEADER_VALUE]) {
        expect(stored).not.toContain(secret);
        expect(h.logs.join('')).not.toContain(secret);
      }
      await h.api().delete('/v1/senders/order.shipped').expect(204);
      await h.api().delete('/v1/organizations/cfg-org/senders/order.shipped').expect(204);
    });
  });

  describe(`sender URL guard with private networks refused (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver, { ALLOW_PRIVATE_NETWORK_URLS: 'false' });
    });
    afterAll(() => h.close());

    test.each([
      ['plain http', 'http://hooks.example.com/in', /https/],
      ['loopback', 'https://127.0.0.1/in', /127\.0\.0\.1.*not a public address/],
      ['a private address', 'https://10.0.0.1/', /10\.0\.0\.1.*not a public address/],
      ['loopback, with placeholders filled in from the sample', 'https://127.0.0.1/orders/{orderId}?u={userId}', /127\.0\.0\.1.*not a public address/],
    ])('when a custom URL is %s, then 400 names the problem', async (_what, url, problem) => {
      const res = await h.api().put('/v1/senders/order.submitted').send({ kind: 'custom-url', url });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(problem);
      await h.api().get('/v1/senders/order.submitted').expect(404);
    });
  });
}
