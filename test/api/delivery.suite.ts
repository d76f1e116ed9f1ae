import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { startFakeMandrill, type FakeMandrill, type MandrillCall } from '../fakes/fake-mandrill';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, type Driver, type TestHerald } from '../support/harness';
import { waitForIdle } from '../support/idle';
import { orderShipped, orderSubmitted, passwordReset, seedRecipient } from '../support/seed';
import { heraldDriver, signatureHeaders, uid } from './platform-helpers';

const DEFAULT_KEY = 'md-default-account-KEY-d3f4';
const CUSTOMER_KEY = 'md-customer-account-KEY-c5t6';
const HEADER_VALUE = 'hdr-value-SECRET-h7v8';
const PASSWORD = 'basic-pw-SECRET-p9q0';

const messageIdOf = (call: MandrillCall): unknown => (call.body.message?.metadata as Record<string, unknown> | undefined)?.message_id;

/** Issue 3 "Done when": the three senders end to end, failure classes, suspension, replay. */
export function deliverySuite(driver: Driver): void {
  describe(`delivery (${driver})`, () => deliveryTests(driver));
}

function deliveryTests(driver: Driver): void {
  let receivers: WebhookReceiver[] = [];
  async function receiver(): Promise<WebhookReceiver> {
    const rx = await startWebhookReceiver();
    receivers.push(rx);
    return rx;
  }
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
  });

  describe(`delivery through the three senders (${driver})`, () => {
    let h: TestHerald;
    let mandrill: FakeMandrill;
    const d = heraldDriver(() => h);
    const sendsFor = (messageId: string) => mandrill.sends().filter((c) => messageIdOf(c) === messageId);

    beforeAll(async () => {
      mandrill = await startFakeMandrill();
      // debug: every request line is logged too, so "never in a log" covers the most output.
      h = await startTestHerald(driver, { MANDRILL_API_KEY: DEFAULT_KEY, MANDRILL_API_URL: mandrill.url, LOG_LEVEL: 'debug' });
    });
    afterAll(async () => {
      await h.close();
      await mandrill.close();
    });

    test('when default-mandrill has a cc, then Mandrill gets messages/send with the default key and the rendered order', async () => {
      const { userId, email } = await d.withOverride('order.submitted', { kind: 'default-mandrill', cc: ['ops@acme.example'] });
      const eventId = await d.post(orderSubmitted(userId, { id: uid('evt_dm'), orderId: 'PO-4242' }));
      const m = await d.settled(eventId, 'sent');
      expect(m).toMatchObject({ transport: 'mandrill', attemptCount: 1, sender: { kind: 'default-mandrill', scope: 'organization' } });
      const [call, ...more] = sendsFor(m.id);
      expect(more).toHaveLength(0);
      expect(call?.path).toBe('/messages/send');
      expect(call?.body.key).toBe(DEFAULT_KEY);
      const message = call?.body.message ?? {};
      expect(message.to).toEqual(expect.arrayContaining([expect.objectContaining({ email, type: 'to' }), expect.objectContaining({ email: 'ops@acme.example', type: 'cc' })]));
      expect(message).toMatchObject({ from_email: 'no-reply@example.com', subject: expect.stringContaining('PO-4242') });
      expect(message.html).toEqual(expect.stringContaining('Widget'));
      expect(message.html).toEqual(expect.stringContaining('Gadget Deluxe'));
      expect(message.tags).toContain('order.submitted');
      expect(message.metadata).toEqual({ event_type: 'order.submitted', event_id: eventId, message_id: m.id });
    });

    test('when custom-mandrill names a Mandrill template, then messages/send-template carries the customer key and handlebars merge vars', async () => {
      const config = { kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example', fromName: 'Acme Shop', mandrillTemplate: 'order-confirmation' };
      const { userId, email } = await d.withOverride('order.submitted', config);
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_cmt'), orderId: 'PO-5151' })), 'sent');
      expect(m.transport).toBe('mandrill');
      const [call] = sendsFor(m.id);
      expect(call?.path).toBe('/messages/send-template');
      expect(call?.body).toMatchObject({ key: CUSTOMER_KEY, template_name: 'order-confirmation' });
      const message = call?.body.message ?? {};
      expect(message).toMatchObject({ from_email: 'shop@acme.example', from_name: 'Acme Shop', merge_language: 'handlebars' });
      expect(message.to).toEqual(expect.arrayContaining([expect.objectContaining({ email })]));
      const vars = new Map((message.global_merge_vars as { name: string; content: unknown }[]).map((v) => [v.name, v.content]));
      expect(vars.get('orderid')).toBe('PO-5151');
      expect(vars.get('products')).toEqual([expect.objectContaining({ productname: 'Widget' }), expect.objectContaining({ productname: 'Gadget Deluxe' })]);
    });

    test('when custom-mandrill has no Mandrill template, then Herald renders and uses messages/send with the customer key', async () => {
      const { userId } = await d.withOverride('order.shipped', { kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example' });
      const m = await d.settled(await d.post(orderShipped(userId, { id: uid('evt_cmr') })), 'sent');
      const [call] = sendsFor(m.id);
      expect(call?.path).toBe('/messages/send');
      expect(call?.body.key).toBe(CUSTOMER_KEY);
      expect(call?.body.message).toMatchObject({ from_email: 'shop@acme.example' });
      expect(call?.body.message?.html).toEqual(expect.stringContaining('1Z999'));
    });

    test('when custom-url is configured with PUT, basic auth and a header, then one signed request carries the SPEC body', async () => {
      const rx = await receiver();
      const config = {
        kind: 'custom-url', url: `${rx.url}/hooks/{eventType}`, method: 'PUT', cc: ['ops@acme.example'],
        headers: { 'X-Api-Key': HEADER_VALUE }, basicAuth: { username: 'shop', password: PASSWORD },
      };
      const { userId, orgId, email, sharedKey = '' } = await d.withOverride('order.submitted', config);
      expect(sharedKey).toMatch(/^whsec_/);
      const event = orderSubmitted(userId, { id: uid('evt_url') });
      const m = await d.settled(await d.post(event), 'sent');
      expect(m).toMatchObject({ transport: 'http', attemptCount: 1, sender: { kind: 'custom-url', scope: 'organization' } });
      const [req] = await rx.waitFor(1);
      expect(rx.requests).toHaveLength(1);
      expect(req).toMatchObject({ method: 'PUT', path: '/hooks/order.submitted' });
      expect(req?.headers['x-api-key']).toBe(HEADER_VALUE);
      expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`shop:${PASSWORD}`).toString('base64')}`);
      expect(req?.headers['content-type']).toMatch(/application\/json/);
      const body = req?.body ?? '';
      expect(() => new Webhook(sharedKey).verify(body, signatureHeaders(req?.headers ?? {}))).not.toThrow();
      expect(req?.headers['webhook-id']).toBe(m.id);
      expect(req?.headers['x-oc-hash']).toBe(createHmac('sha256', Buffer.from(sharedKey, 'utf8')).update(body).digest('base64'));
      expect(JSON.parse(body)).toEqual({
        id: m.id, type: 'order.submitted', timestamp: expect.any(String), eventId: event.id,
        recipient: { id: userId, email, firstName: 'Ada', lastName: 'Lovelace', username: 'ada', organizationId: orgId },
        organization: { id: orgId, name: 'Acme Hardware' }, cc: ['ops@acme.example'], data: event.data,
      });
    });

    test('when a custom-url config is replaced without a sharedKey, then deliveries stay signed with the first key', async () => {
      const rx = await receiver();
      const { userId, orgId, sharedKey = '' } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/a` });
      await d.api().put(`/v1/organizations/${orgId}/senders/order.submitted`).send({ kind: 'custom-url', url: `${rx.url}/b` }).expect(200);
      await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_kept') })), 'sent');
      const [req] = await rx.waitFor(1);
      expect(req?.path).toBe('/b');
      expect(() => new Webhook(sharedKey).verify(req?.body ?? '', signatureHeaders(req?.headers ?? {}))).not.toThrow();
    });

    test.each([
      ['invalid-key', 'Invalid_Key'],
      ['rejected', 'hard-bounce'],
    ] as const)('when Mandrill answers %s, then the message fails after one attempt with the reason', async (failure, why) => {
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example' });
      mandrill.fail(failure);
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid(`evt_${failure}`) })));
      expect(m).toMatchObject({ status: 'failed', attemptCount: 1 });
      expect(m.attempts).toEqual([expect.objectContaining({ number: 1, outcome: 'permanent', error: expect.stringContaining(why) })]);
      await waitForIdle(h.herald);
      expect(sendsFor(m.id)).toHaveLength(1);
    });

    test('when Mandrill fails with a GeneralError once, then the retry sends it: sent after 2 attempts', async () => {
      const { userId } = await d.withOverride('order.submitted', { kind: 'default-mandrill' });
      mandrill.fail('general-error-500');
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_ge') })), 'sent');
      expect(m.attemptCount).toBe(2);
      expect(m.attempts.map((a) => a.outcome)).toEqual(['transient', 'success']);
      expect(sendsFor(m.id)).toHaveLength(2);
    });

    test('when Mandrill echoes the API key in an error, then the key reaches no log, attempt or API response', async () => {
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-mandrill', apiKey: CUSTOMER_KEY, fromEmail: 'shop@acme.example' });
      mandrill.fail('echo-key');
      const eventId = await d.post(orderSubmitted(userId, { id: uid('evt_echo') }));
      const m = await d.settled(eventId, 'sent');
      // The fake put the key into its error message: what is stored must be the scrubbed text.
      expect(m.attempts[0]).toMatchObject({ outcome: 'transient', error: expect.stringContaining('bad key') });
      expect(sendsFor(m.id)[0]?.body.key).toBe(CUSTOMER_KEY);
      const reads = await Promise.all(
        [`/v1/messages/${m.id}`, `/v1/events/${eventId}`, '/v1/messages?limit=200', '/v1/messages?status=failed', '/v1/senders'].map((p) => d.api().get(p).expect(200)),
      );
      const seen = [...reads.map((r) => r.text), ...h.logs].join('\n');
      expect(h.logs.length).toBeGreaterThan(0);
      expect(seen).not.toContain(CUSTOMER_KEY);
      expect(seen).not.toContain(DEFAULT_KEY);
    });

    test('when the receiver answers 400, then the message fails after one attempt', async () => {
      const rx = await receiver();
      rx.respondWith(400, { body: '{"error":"bad"}' });
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_400') })));
      expect(m).toMatchObject({ status: 'failed', attemptCount: 1 });
      expect(m.attempts[0]).toMatchObject({ outcome: 'permanent', statusCode: 400, response: '{"error":"bad"}' });
      await waitForIdle(h.herald);
      expect(rx.requests).toHaveLength(1);
    });

    test('when the receiver always answers 500, then the message fails retries_exhausted after 3 attempts and is in the dead-letter view', async () => {
      const rx = await receiver();
      rx.respondWith(500, { times: 10 });
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_500') })));
      expect(m).toMatchObject({ status: 'failed', reason: 'retries_exhausted', attemptCount: 3 });
      expect(m.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500]);
      expect(rx.requests).toHaveLength(3);
      const dead = (await d.api().get('/v1/messages?status=failed&limit=200').expect(200)).body.data as { id: string }[];
      expect(dead.map((x) => x.id)).toContain(m.id);
    });

    test('when the receiver redirects, then the redirect is not followed and the delivery fails', async () => {
      const rx = await receiver();
      rx.respondWith(302, { times: 10, headers: { Location: `${rx.url}/elsewhere` } });
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_302') })));
      expect(m.status).toBe('failed');
      expect(m.attempts[0]).toMatchObject({ statusCode: 302, error: expect.stringMatching(/redirect/i) });
      expect(rx.requests.length).toBeGreaterThan(0);
      expect(rx.requests.every((r) => r.path === '/in')).toBe(true);
    });

    test('when a failed message is retried after the receiver is fixed, then it is delivered and attempts keep counting', async () => {
      const rx = await receiver();
      rx.respondWith(400);
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const eventId = await d.post(orderSubmitted(userId, { id: uid('evt_replay') }));
      const failed = await d.settled(eventId, 'failed');
      const res = await d.api().post(`/v1/messages/${failed.id}/retry`).expect(202);
      expect(res.body.id).toBe(failed.id);
      const m = await d.settled(eventId, 'sent');
      expect(m.attemptCount).toBe(2);
      expect(m.attempts.map((a) => [a.number, a.outcome])).toEqual([[1, 'permanent'], [2, 'success']]);
      expect(rx.requests.map((r) => r.headers['webhook-id'])).toEqual([m.id, m.id]);
    });

    test('when an organization has an override, then it beats the global config', async () => {
      const [globalRx, orgRx] = [await receiver(), await receiver()];
      await d.api().put('/v1/senders/order.shipped').send({ kind: 'custom-url', url: `${globalRx.url}/global` }).expect(201);
      try {
        const vip = await d.withOverride('order.shipped', { kind: 'custom-url', url: `${orgRx.url}/org` });
        const std = await seedRecipient(d.api(), { userId: uid('buyer'), orgId: uid('org') });
        const vipMsg = await d.settled(await d.post(orderShipped(vip.userId, { id: uid('evt_vip') })), 'sent');
        const stdMsg = await d.settled(await d.post(orderShipped(std.userId, { id: uid('evt_std') })), 'sent');
        expect(vipMsg.sender.scope).toBe('organization');
        expect(stdMsg.sender.scope).toBe('global');
        expect(orgRx.requests.map((r) => r.headers['webhook-id'])).toEqual([vipMsg.id]);
        expect(globalRx.requests.map((r) => r.headers['webhook-id'])).toEqual([stdMsg.id]);
      } finally {
        await d.api().delete('/v1/senders/order.shipped').expect(204);
      }
    });

    test('when the organization is inactive, then nothing reaches any fake', async () => {
      const rx = await receiver();
      const { userId, orgId } = await seedRecipient(d.api(), { userId: uid('buyer'), orgId: uid('org'), orgActive: false });
      await d.api().put(`/v1/organizations/${orgId}/senders/order.submitted`).send({ kind: 'custom-url', url: `${rx.url}/in` }).expect(201);
      const before = mandrill.sends().length;
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_closed') })));
      expect(m).toMatchObject({ status: 'skipped', reason: 'inactive_organization' });
      await waitForIdle(h.herald);
      expect(rx.requests).toHaveLength(0);
      expect(mandrill.sends()).toHaveLength(before);
    });
  });

  describe(`delivery with slower retries (${driver})`, () => {
    let h: TestHerald;
    const d = heraldDriver(() => h);
    beforeAll(async () => {
      h = await startTestHerald(driver, { RETRY_SCHEDULE: '0.6,0.6' });
    });
    afterAll(() => h.close());

    test('when the receiver answers 429 with Retry-After, then the retry waits that long', async () => {
      const rx = await receiver();
      rx.respondWith(429, { headers: { 'Retry-After': '1' } });
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_429') })), 'sent', 8000);
      expect(m.attempts.map((a) => [a.outcome, a.statusCode])).toEqual([['transient', 429], ['success', 200]]);
      const [first, second] = rx.requests as [ReceivedRequest, ReceivedRequest];
      // Without Retry-After the delay would be 600 ms ±20%; with it, 1000 ms (under the 2x cap).
      expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    });

    test('when the receiver answers 503 with Retry-After: 0, then the retry still waits the scheduled delay', async () => {
      const rx = await receiver();
      rx.respondWith(503, { headers: { 'Retry-After': '0' } });
      const { userId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_ra0') })), 'sent', 8000);
      expect(m.attempts.map((a) => [a.outcome, a.statusCode])).toEqual([['transient', 503], ['success', 200]]);
      const [first, second] = rx.requests as [ReceivedRequest, ReceivedRequest];
      // 600 ms -20% jitter at the shortest; Retry-After: 0 used to make it immediate.
      expect(second.at - first.at).toBeGreaterThanOrEqual(470);
    });

    test('when the user is deactivated before a retry, then the retry is skipped inactive_user', async () => {
      const rx = await receiver();
      rx.respondWith(500);
      const { userId, orgId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const eventId = await d.post(orderSubmitted(userId, { id: uid('evt_deact') }));
      await rx.waitFor(1);
      await seedRecipient(d.api(), { userId, orgId, userActive: false });
      const m = await d.settled(eventId, 'skipped', 8000);
      expect(m.reason).toBe('inactive_user');
      await waitForIdle(h.herald);
      expect(rx.requests).toHaveLength(1);
    });
  });

  describe(`suspension of a custom-url sender (${driver})`, () => {
    let h: TestHerald;
    const d = heraldDriver(() => h);
    beforeAll(async () => {
      h = await startTestHerald(driver, { SUSPEND_AFTER_FAILURES: '2' });
    });
    afterAll(() => h.close());

    test('when an org sender fails twice in a row, then it is suspended, messages are held, and resuming delivers them', async () => {
      const rx = await receiver();
      rx.respondWith(500, { times: 2 });
      const { userId, orgId } = await d.withOverride('order.submitted', { kind: 'custom-url', url: `${rx.url}/in` });
      const senderPath = `/v1/organizations/${orgId}/senders/order.submitted`;
      const first = await d.post(orderSubmitted(userId, { id: uid('evt_susp1') }));
      expect(await d.settled(first, 'held')).toMatchObject({ attemptCount: 2 });
      const suspended = (await d.api().get(senderPath).expect(200)).body;
      expect(suspended.state.suspendedAt).toEqual(expect.any(String));
      expect(suspended.state.consecutiveFailures).toBeGreaterThanOrEqual(2);

      const second = await d.post(orderSubmitted(userId, { id: uid('evt_susp2') }));
      expect(await d.settled(second, 'held')).toMatchObject({ attemptCount: 0 });
      await waitForIdle(h.herald);
      expect(rx.requests).toHaveLength(2);

      await d.api().post(`${senderPath}/resume`).expect(200);
      expect(await d.settled(first, 'sent')).toMatchObject({ attemptCount: 3 });
      expect(await d.settled(second, 'sent')).toMatchObject({ attemptCount: 1 });
      expect(rx.requests).toHaveLength(4);
      expect((await d.api().get(senderPath)).body.state).toEqual({ suspendedAt: null, consecutiveFailures: 0, failuresInWindow: null });
    });

    test('when a global sender gets 410 Gone, then it is suspended at once and the global resume releases the message', async () => {
      const rx = await receiver();
      rx.respondWith(410);
      await d.api().put('/v1/senders/user.password_reset').send({ kind: 'custom-url', url: `${rx.url}/gone` }).expect(201);
      const { userId } = await seedRecipient(d.api(), { userId: uid('buyer'), orgId: uid('org') });
      const eventId = await d.post(passwordReset(userId, { id: uid('evt_410') }));
      expect(await d.settled(eventId, 'held')).toMatchObject({ attemptCount: 1 });
      expect((await d.api().get('/v1/senders/user.password_reset')).body.state.suspendedAt).toEqual(expect.any(String));

      await d.api().post('/v1/senders/user.password_reset/resume').expect(200);
      expect(await d.settled(eventId, 'sent')).toMatchObject({ attemptCount: 2 });
      expect((await d.api().get('/v1/senders/user.password_reset')).body.state).toEqual({ suspendedAt: null, consecutiveFailures: 0, failuresInWindow: null });
      await d.api().delete('/v1/senders/user.password_reset').expect(204);
    });
  });
}
