import { createHmac, timingSafeEqual } from 'node:crypto';
import { isOcHashValid } from '@ordercloud/catalyst';
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, type Driver, type TestHerald } from '../support/harness';
import { orderSubmitted, passwordReset } from '../support/seed';
import { heraldDriver, signatureHeaders, uid } from './platform-helpers';

type Issue = { path: string; message: string };

const TEMPLATE = '{"kind": "herald-test", "order": {{json orderid}}, "buyer": {{json recipient.email}}, "data": {{json event.data}}}';

/** Issue 12: a custom-url sender's method, URL placeholders, body formats and policy, at PUT and on the wire. */
export function dialectsSuite(driver: Driver): void {
  describe(`custom-url dialects (${driver})`, () => {
    let h: TestHerald;
    let rx: WebhookReceiver;
    const d = heraldDriver(() => h);
    beforeAll(async () => {
      rx = await startWebhookReceiver();
      h = await startTestHerald(driver);
    });
    afterAll(async () => {
      await h.close();
      await rx.close();
    });
    beforeEach(() => rx.reset());

    const put = (eventType: string, body: object) => d.api().put(`/v1/senders/${eventType}`).send({ kind: 'custom-url', url: `${rx.url}/in`, ...body });

    test.each([
      ['method PATCH', 'order.submitted', { method: 'PATCH' }, 'method', /POST|PUT|GET/],
      ['an unknown placeholder', 'order.submitted', { url: 'http://127.0.0.1:9/{tenantId}' }, 'url', /unknown placeholder \{tenantId\}/],
      ['a placeholder in the host', 'order.submitted', { url: 'http://{organizationId}.hooks.test/in' }, 'url', /\{organizationId\}.*host/],
      ['{orderId} for a type without an order', 'user.password_reset', { url: 'http://127.0.0.1:9/orders/{orderId}' }, 'url', /\{orderId\}.*user\.password_reset has none/],
      ['a bodyTemplate without format template', 'order.submitted', { bodyTemplate: '{}' }, 'bodyTemplate', /format "template"/],
    ])('when a custom-url config has %s, then 400 names it', async (_what, eventType, body, path, why) => {
      const res = await put(eventType, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      const issues = (res.body.error.details ?? []) as Issue[];
      expect(issues.find((i) => i.path === path)?.message ?? res.body.error.message).toMatch(why);
      await d.api().get(`/v1/senders/${eventType}`).expect(404);
    });

    test('when a body template does not give JSON for the sample, then 422 template_invalid gives the reason', async () => {
      const res = await put('order.submitted', { format: 'template', bodyTemplate: '{"order": {{orderid}}}' });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'template_invalid', message: expect.stringMatching(/order\.submitted sample.*did not produce JSON/) });
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'bodyTemplate' })]);
      const unknown = await put('order.submitted', { format: 'template', bodyTemplate: '{"x": {{shout orderid}}}' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details[0]).toMatchObject({ path: 'bodyTemplate', line: 1, message: expect.stringContaining('Unknown helper "shout"') });
    });

    test('when a sender sets no policy of its own, then GET shows the environment policy; with one, its own', async () => {
      await put('order.shipped', {}).expect(201);
      expect((await d.api().get('/v1/senders/order.shipped')).body).toMatchObject({
        method: 'POST', format: 'herald',
        policy: { retry: { schedule: [0.05, 0.1] }, suspend: { failures: 10, withinMinutes: null } },
        state: { suspendedAt: null, consecutiveFailures: 0, failuresInWindow: null },
      });
      await put('order.shipped', { retry: { schedule: [1, 30] }, suspend: { failures: 3 } }).expect(200);
      expect((await d.api().get('/v1/senders/order.shipped')).body).toMatchObject({
        retry: { schedule: [1, 30] }, suspend: { failures: 3 },
        policy: { retry: { schedule: [1, 30] }, suspend: { failures: 3, withinMinutes: null } },
      });
      await d.api().delete('/v1/senders/order.shipped').expect(204);
    });

    test.each([
      ['POST', 'herald'], ['POST', 'ordercloud'], ['POST', 'standard'], ['POST', 'template'],
      ['PUT', 'herald'], ['PUT', 'ordercloud'], ['PUT', 'standard'], ['PUT', 'template'],
      ['GET', 'herald'],
    ])('when the sender uses %s with the %s format, then both signatures verify over the exact bytes sent', async (method, format) => {
      const config = { kind: 'custom-url', method, format, url: `${rx.url}/orders/{orderId}/{messageType}?e={eventId}&m={messageId}&u={userId}&o={organizationId}&t={eventType}`, ...(format === 'template' ? { bodyTemplate: TEMPLATE } : {}) };
      const { userId, orgId, email, sharedKey } = await d.withOverride('order.submitted', config);
      const eventId = await d.post(orderSubmitted(userId, { id: uid('evt_sig'), orderId: 'PO 9/9' }));
      const m = await d.settled(eventId, 'sent');
      const [req] = await rx.waitFor(1);
      if (!req) throw new Error('nothing received');
      expect(req.method).toBe(method);
      expect(req.path).toBe(`/orders/PO%209%2F9/OrderSubmitted?e=${eventId}&m=${m.id}&u=${userId}&o=${orgId}&t=order.submitted`);
      // Standard Webhooks, by the reference library.
      expect(() => new Webhook(sharedKey).verify(req.body, signatureHeaders(req.headers))).not.toThrow();
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(req.body, signatureHeaders(req.headers))).toThrow();
      // X-oc-hash, by OrderCloud's catalyst (it needs a body to parse; a GET's is checked by hand).
      const ocHash = String(req.headers['x-oc-hash']);
      if (method === 'GET') {
        expect(req.body).toBe('');
        expect(req.headers['content-type']).toBeUndefined();
        const expected = createHmac('sha256', Buffer.from(sharedKey, 'utf8')).update('').digest('base64');
        expect(timingSafeEqual(Buffer.from(ocHash), Buffer.from(expected))).toBe(true);
        return;
      }
      expect(await isOcHashValid({ headers: req.headers, rawBody: req.body }, sharedKey)).toBe(true);
      expect(await isOcHashValid({ headers: req.headers, rawBody: req.body }, `${sharedKey}x`)).toBe(false);
      const body = JSON.parse(req.body) as Record<string, unknown>;
      const expected: Record<string, object> = {
        herald: { id: m.id, type: 'order.submitted', eventId, recipient: expect.objectContaining({ id: userId, email }) },
        ordercloud: { MessageType: 'OrderSubmitted', BuyerID: orgId, EventBody: expect.objectContaining({ Order: expect.objectContaining({ ID: 'PO 9/9' }) }) },
        standard: { type: 'order.submitted', timestamp: expect.any(String), data: expect.objectContaining({ userId }) },
        template: { kind: 'herald-test', order: 'PO 9/9', buyer: email, data: expect.objectContaining({ userId }) },
      };
      expect(body).toMatchObject(expected[format] ?? {});
      if (format === 'standard') expect(Object.keys(body).sort()).toEqual(['data', 'timestamp', 'type']);
    });

    test('when a sender has its own retry schedule, then it makes schedule length + 1 attempts, not the environment number', async () => {
      rx.respondWith(500, { times: 10 });
      const { userId } = await d.withOverride('user.password_reset', { kind: 'custom-url', url: `${rx.url}/reset`, retry: { schedule: [0.05] } });
      const m = await d.settled(await d.post(passwordReset(userId, { id: uid('evt_own_retry') })), 'failed');
      expect(m).toMatchObject({ reason: 'retries_exhausted', attemptCount: 2 });
      expect(rx.requests).toHaveLength(2);
    });
  });
}
