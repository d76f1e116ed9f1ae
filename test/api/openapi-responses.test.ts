import request, { type Response } from 'supertest';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor, type TestHerald } from '../support/harness';
import { ResponseChecker, type OpenApiDocument } from '../support/openapi-checker';
import { orderShipped, orderSubmitted, passwordReset, seedRecipient } from '../support/seed';

const ADMIN = 'admin-key-openapi-0123456789';
const INGEST = 'ingest-key-openapi-0123456789';
const TEMPLATE = { subject: 'Order {{orderid}}', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{firstname}}</mj-text></mj-column></mj-section></mj-body></mjml>' };

type Method = 'get' | 'put' | 'post' | 'delete';
interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** `admin` (default), `ingest` or `none`. */
  key?: 'admin' | 'ingest' | 'none';
  /** Sent as is with this content type instead of JSON. */
  raw?: { type: string; text: string };
}

/**
 * Every answer of a running Herald, checked against the schema /openapi.json gives for it:
 * every 2xx of every operation is exercised (the last test says which were not), and one
 * error per kind, so the document and the views cannot drift apart.
 */
describe('OpenAPI document against real responses (memory)', () => {
  let h: TestHerald;
  let receiver: WebhookReceiver;
  let checker: ResponseChecker;

  async function call(method: Method, path: string, opts: Call = {}): Promise<Response> {
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(opts.params?.[name] ?? `missing-${name}`)) + (opts.query ? `?${opts.query}` : '');
    let req = request(h.app)[method](url);
    const key = { admin: ADMIN, ingest: INGEST, none: null }[opts.key ?? 'admin'];
    if (key) req = req.set('Authorization', `Bearer ${key}`);
    if (opts.raw) req = req.set('Content-Type', opts.raw.type).send(opts.raw.text);
    else if (opts.body !== undefined) req = req.send(opts.body as object);
    const res = await req;
    checker.check(method, path, res);
    return res;
  }

  const messagesOf = async (eventId: string, settled = true): Promise<{ id: string; status: string }[]> =>
    waitFor(async () => {
      const messages = (await request(h.app).get(`/v1/events/${eventId}`).set('Authorization', `Bearer ${ADMIN}`)).body.messages as { id: string; status: string }[] | undefined;
      return messages?.length && (!settled || messages.every((m) => m.status !== 'pending')) ? messages : null;
    }, 8000, `messages of ${eventId}`);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await startTestHerald('memory', { ADMIN_API_KEY: ADMIN, INGEST_API_KEY: INGEST });
    const doc = (await request(h.app).get('/openapi.json').expect(200)).body as OpenApiDocument;
    checker = new ResponseChecker(doc);
    await seedRecipient(h.api().set('Authorization', `Bearer ${ADMIN}`), { userId: 'oa-buyer', orgId: 'oa-org' });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  test('when health, readiness, metrics and the document are read, then each matches its description', async () => {
    await call('get', '/healthz', { key: 'none' });
    await call('get', '/readyz', { key: 'none' });
    await call('get', '/metrics', { key: 'none' });
    await call('get', '/openapi.json', { key: 'none' });
  });

  test('when the event types are listed, then the catalog answer matches', async () => {
    const listed = (await call('get', '/v1/event-types')).body as { data: { type: string }[] };
    expect(listed.data).toHaveLength(23);
  });

  test('when organizations and users are put, read and deleted, then each answer matches', async () => {
    const org = { params: { id: 'oa-tmp-org' }, body: { name: 'Tmp' } };
    expect((await call('put', '/v1/organizations/{id}', org)).status).toBe(201);
    expect((await call('put', '/v1/organizations/{id}', org)).status).toBe(200);
    await call('get', '/v1/organizations/{id}', org);
    const user = { params: { id: 'oa-tmp-user' }, body: { organizationId: 'oa-tmp-org', email: 'tmp@acme.example', locale: 'en-GB' } };
    expect((await call('put', '/v1/users/{id}', user)).status).toBe(201);
    expect((await call('put', '/v1/users/{id}', user)).status).toBe(200);
    await call('get', '/v1/users/{id}', user);
    expect((await call('delete', '/v1/users/{id}', user)).status).toBe(204);
    expect((await call('delete', '/v1/organizations/{id}', org)).status).toBe(204);
  });

  test('when events are posted and delivered, then events, message pages, attempts and retries match', async () => {
    const hook = { params: { eventType: 'order.shipped' }, body: { kind: 'custom-url', url: `${receiver.url}/hooks/{eventType}`, headers: { 'X-Api-Key': 'hdr-secret-0001' }, basicAuth: { username: 'h', password: 'pw-secret-0001' }, format: 'standard', configData: { shop: 'oa' }, suspend: { failures: 5, withinMinutes: 60 } } };
    expect((await call('put', '/v1/senders/{eventType}', hook)).status).toBe(201);
    expect((await call('put', '/v1/senders/{eventType}', hook)).status).toBe(200);
    receiver.respondWith(503, { body: '{"busy":true}' });
    expect((await call('post', '/v1/events', { body: orderShipped('oa-buyer', { id: 'oa-shipped' }) })).status).toBe(202);
    expect((await call('post', '/v1/events', { body: orderSubmitted('oa-buyer', { id: 'oa-submitted' }), key: 'ingest' })).status).toBe(202);
    expect((await call('post', '/v1/events', { body: orderSubmitted('oa-buyer', { id: 'oa-submitted' }) })).status).toBe(200);
    await call('post', '/v1/events', { body: orderSubmitted('nobody', { id: 'oa-skipped' }) });

    const [shipped] = await messagesOf('oa-shipped');
    await messagesOf('oa-submitted');
    await messagesOf('oa-skipped');
    for (const id of ['oa-shipped', 'oa-submitted', 'oa-skipped']) await call('get', '/v1/events/{id}', { params: { id } });
    const detail = (await call('get', '/v1/messages/{id}', { params: { id: shipped.id } })).body as { attempts: { outcome: string }[] };
    expect(detail.attempts.map((a) => a.outcome)).toEqual(['transient', 'success']);

    let page = (await call('get', '/v1/messages', { query: 'limit=2' })).body as { data: unknown[]; nextCursor: string | null };
    expect(page.nextCursor).toEqual(expect.any(String));
    while (page.nextCursor) page = (await call('get', '/v1/messages', { query: `limit=2&cursor=${encodeURIComponent(page.nextCursor)}` })).body;
    expect(page.nextCursor).toBeNull();
    await call('get', '/v1/messages', { query: 'status=sent&type=order.submitted&organizationId=oa-org' });

    expect((await call('post', '/v1/messages/{id}/retry', { params: { id: shipped.id } })).status).toBe(202);
    await messagesOf('oa-shipped');
  });

  test('when every sender kind is put, listed, read, resumed and deleted, then each answer matches', async () => {
    const org = (eventType: string, body?: object) => ({ params: { orgId: 'oa-org', eventType }, body });
    await call('put', '/v1/organizations/{orgId}/senders/{eventType}', org('order.submitted', { kind: 'default-mandrill', subject: 'Thanks {{orderid}}', cc: ['ops@acme.example'] }));
    await call('put', '/v1/organizations/{orgId}/senders/{eventType}', org('order.shipped', { kind: 'custom-mandrill', apiKey: 'md-secret-key-0001', fromEmail: 'shop@acme.example', mandrillTemplate: 'shipped' }));
    await call('put', '/v1/senders/{eventType}', { params: { eventType: 'order.submitted' }, body: { kind: 'disabled' } });
    const hook = org('user.password_reset', { kind: 'custom-url', url: `${receiver.url}/reset`, sharedKey: `whsec_${Buffer.alloc(32, 1).toString('base64')}` });
    expect((await call('put', '/v1/organizations/{orgId}/senders/{eventType}', hook)).status).toBe(201);
    expect((await call('put', '/v1/organizations/{orgId}/senders/{eventType}', hook)).status).toBe(200);

    // 410 Gone suspends the sender: the message is held until the resume releases it
    receiver.respondWith(410);
    await call('post', '/v1/events', { body: passwordReset('oa-buyer', { id: 'oa-reset' }) });
    await waitFor(async () => (await messagesOf('oa-reset', false))[0].status === 'held', 8000, 'a held message');
    await call('get', '/v1/organizations/{orgId}/senders/{eventType}', org('user.password_reset'));
    const resumed = (await call('post', '/v1/organizations/{orgId}/senders/{eventType}/resume', org('user.password_reset'))).body as { released: number };
    expect(resumed.released).toBe(1);
    await call('post', '/v1/senders/{eventType}/resume', { params: { eventType: 'order.shipped' } });

    const listed = (await call('get', '/v1/senders')).body as { data: { kind: string }[] };
    expect(new Set(listed.data.map((s) => s.kind))).toEqual(new Set(['default-mandrill', 'custom-mandrill', 'custom-url', 'disabled']));
    await call('get', '/v1/senders/{eventType}', { params: { eventType: 'order.shipped' } });
    expect((await call('delete', '/v1/senders/{eventType}', { params: { eventType: 'order.submitted' } })).status).toBe(204);
    expect((await call('delete', '/v1/organizations/{orgId}/senders/{eventType}', org('order.shipped'))).status).toBe(204);
  });

  test('when templates are listed, put, read, rendered, previewed and deleted, then each answer matches', async () => {
    await call('get', '/v1/templates');
    expect((await call('put', '/v1/templates/{id}', { params: { id: 'oa-tpl' }, body: TEMPLATE })).status).toBe(201);
    expect((await call('put', '/v1/templates/{id}', { params: { id: 'oa-tpl' }, body: { ...TEMPLATE, text: 'Hi' } })).status).toBe(200);
    await call('get', '/v1/templates/{id}', { params: { id: 'oa-tpl' } });
    await call('get', '/v1/templates/{id}', { params: { id: 'builtin.order.shipped' } });
    await call('get', '/v1/templates');
    await call('post', '/v1/templates/{id}/render', { params: { id: 'oa-tpl' }, body: { type: 'order.submitted' } });
    await call('post', '/v1/templates/{id}/render', { params: { id: 'builtin.user.password_reset' }, body: {} });
    await call('get', '/v1/templates/{id}/preview', { params: { id: 'oa-tpl' }, query: 'type=order.shipped' });
    expect((await call('delete', '/v1/templates/{id}', { params: { id: 'oa-tpl' } })).status).toBe(204);
  });

  test('when the dev outbox is read, then the list, the summary, the HTML and the text match', async () => {
    const list = (await call('get', '/v1/outbox', { query: 'limit=5' })).body as { data: { messageId: string }[] };
    const messageId = list.data[0].messageId;
    for (const file of [messageId, `${messageId}.html`, `${messageId}.txt`]) await call('get', '/v1/outbox/{file}', { params: { file } });
  });

  test('when requests fail, then every error is the envelope the document lists for that operation', async () => {
    expect((await call('get', '/v1/messages', { query: 'status=lost' })).status).toBe(400);
    expect((await call('get', '/v1/messages', { key: 'none' })).status).toBe(401);
    expect((await call('get', '/v1/senders', { key: 'ingest' })).status).toBe(403);
    expect((await call('get', '/v1/events/{id}', { params: { id: 'oa-none' } })).status).toBe(404);
    const [skipped] = await messagesOf('oa-skipped');
    expect((await call('post', '/v1/messages/{id}/retry', { params: { id: skipped.id } })).status).toBe(409);
    expect((await call('post', '/v1/events', { raw: { type: 'application/json', text: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) } })).status).toBe(413);
    expect((await call('put', '/v1/users/{id}', { params: { id: 'u' }, raw: { type: 'text/plain', text: 'hi' } })).status).toBe(415);
    expect((await call('put', '/v1/templates/{id}', { params: { id: 'oa-bad' }, body: { ...TEMPLATE, mjml: '<mjml><mj-body><mj-text>{{#if x}}</mj-text></mj-body></mjml>' } })).status).toBe(422);
    const badBody = { kind: 'custom-url', url: `${receiver.url}/in`, format: 'template', bodyTemplate: '{"x": {{orderid}}}' };
    expect((await call('put', '/v1/senders/{eventType}', { params: { eventType: 'order.submitted' }, body: badBody })).status).toBe(422);
  });

  test('when the tests above ran, then every 2xx answer of every operation was checked', () => {
    expect(checker.successes().filter((answer) => !checker.seen.has(answer))).toEqual([]);
  });
});
