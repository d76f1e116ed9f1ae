import { randomBytes } from 'node:crypto';
import { startOrderCloudReceiver, startOrdermentumReceiver, startReadyCloudReceiver, startTradecloudReceiver, type PlatformReceiver } from '../fakes/platform-receivers';
import { startTestHerald, type Driver, type TestHerald } from '../support/harness';
import { orderSubmitted, passwordReset } from '../support/seed';
import { heraldDriver, uid } from './platform-helpers';

const newKey = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Issue 12: one receiver per seed platform, built as that platform's public docs describe
 * it, receiving Herald's deliveries unchanged. The configuration each test PUTs is the one
 * README "Receivers" shows.
 */
export function platformsSuite(driver: Driver): void {
  describe(`receivers of the seed platforms (${driver})`, () => {
    let h: TestHerald;
    const d = heraldDriver(() => h);
    let receivers: PlatformReceiver<unknown>[] = [];
    const track = <R extends PlatformReceiver<unknown>>(rx: R): R => (receivers.push(rx), rx);

    beforeAll(async () => {
      h = await startTestHerald(driver);
    });
    afterAll(() => h.close());
    afterEach(async () => {
      await Promise.all(receivers.map((r) => r.close()));
      receivers = [];
    });

    test('OrderCloud: when the sender speaks ordercloud, then a catalyst-verified Message Sender route reads the SDK payload by {messagetype}', async () => {
      const hashKey = newKey();
      const rx = track(await startOrderCloudReceiver(hashKey));
      const config = {
        kind: 'custom-url', url: `${rx.url}/api/messagesenders/{messagetype}`, format: 'ordercloud', sharedKey: hashKey,
        cc: ['ops@acme.example', 'audit@acme.example'], configData: { storefront: 'outdoor', replyTo: 'orders@acme.example' },
      };
      const { userId, orgId, email } = await d.withOverride('order.submitted', config);
      await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_oc'), orderId: 'PO-7001' })), 'sent');
      expect(rx.seen).toEqual([{
        path: '/api/messagesenders/OrderSubmitted', messageType: 'OrderSubmitted', buyerId: orgId, recipientEmail: email,
        orderId: 'PO-7001', orderTotal: 113.25, lines: ['2 x Widget (p1)', '1 x Gadget Deluxe (p2)'],
        cc: ['ops@acme.example', 'audit@acme.example'], configData: { storefront: 'outdoor', replyTo: 'orders@acme.example' },
      }]);
    });

    test('OrderCloud: when the receiver holds another hash key, then catalyst refuses the X-oc-hash and the message fails with its 401', async () => {
      const rx = track(await startOrderCloudReceiver(newKey()));
      const { userId } = await d.withOverride('user.password_reset', { kind: 'custom-url', url: `${rx.url}/api/messagesenders/{messagetype}`, format: 'ordercloud' });
      const m = await d.settled(await d.post(passwordReset(userId, { id: uid('evt_ocbad') })), 'failed');
      expect(m.attempts).toEqual([expect.objectContaining({ outcome: 'permanent', statusCode: 401 })]);
      expect(rx.seen).toEqual([]);
    });

    test('Tradecloud: when the sender GETs /any/path/{orderId} with basic auth, then the receiver learns the order from the path', async () => {
      const password = 'tc-pass-7Hq2';
      const rx = track(await startTradecloudReceiver('herald', password));
      const config = { kind: 'custom-url', method: 'GET', url: `${rx.url}/any/path/{orderId}?event={eventType}`, basicAuth: { username: 'herald', password } };
      const { userId } = await d.withOverride('order.submitted', config);
      const m = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_tc'), orderId: 'PO 77/A' })), 'sent');
      expect(m.attemptCount).toBe(1);
      expect(rx.seen).toEqual([{ method: 'GET', path: '/any/path/PO%2077%2FA', orderId: 'PO%2077%2FA', query: { event: 'order.submitted' }, user: 'herald', bodyBytes: 0 }]);
      expect(decodeURIComponent(rx.seen[0]?.orderId ?? '')).toBe('PO 77/A');
    });

    test('Ordermentum: when the sender POSTs a templated {event, timestamp, data} with a bearer token, then it gives up after three attempts with growing delays', async () => {
      const token = 'om-token-5Xv9';
      const rx = track(await startOrdermentumReceiver(token));
      const config = {
        kind: 'custom-url', url: `${rx.url}/webhooks/herald`, headers: { Authorization: `Bearer ${token}` }, format: 'template',
        bodyTemplate: '{"event": {{json event.type}}, "timestamp": {{json message.timestamp}}, "data": {{json event.data}}}',
        retry: { schedule: [0.2, 0.6] },
      };
      const { userId } = await d.withOverride('order.submitted', config);
      const event = orderSubmitted(userId, { id: uid('evt_om'), orderId: 'PO-8080' });
      await d.settled(await d.post(event), 'sent');
      expect(rx.seen).toEqual([{ at: expect.any(Number), authorized: true, event: 'order.submitted', timestamp: expect.any(String), data: event.data, keys: ['data', 'event', 'timestamp'], status: 200 }]);

      rx.failNext(503, 503, 503, 503);
      const failed = await d.settled(await d.post(orderSubmitted(userId, { id: uid('evt_om_down') })), 'failed');
      expect(failed).toMatchObject({ reason: 'retries_exhausted', attemptCount: 3 });
      const [first, second, third] = rx.seen.slice(1).map((s) => s.at);
      // 0.2 s then 0.6 s, each ±20%: the second wait is clearly the longer one.
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(150);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(450);
      expect(rx.seen.slice(1).map((s) => s.status)).toEqual([503, 503, 503]);
    });

    test('ReadyCloud: when the sender PUTs with an Auth header, then a fourth failure within six hours suspends it (successes between do not reset the window), GET shows suspendedAt, and resume delivers what it held', async () => {
      const token = 'rc-token-2Lm8';
      const rx = track(await startReadyCloudReceiver(token));
      const config = {
        kind: 'custom-url', method: 'PUT', format: 'standard', url: `${rx.url}/webhooks/herald`, headers: { Auth: token },
        retry: { schedule: [] }, suspend: { failures: 4, withinMinutes: 360 },
      };
      const { userId, path } = await d.withOverride('order.submitted', config);
      rx.failNext(500, 200, 503, 200, 500, 200, 502);
      const outcomes: string[] = [];
      for (let i = 0; i < 7; i++) outcomes.push((await d.settled(await d.post(orderSubmitted(userId, { id: uid(`evt_rc${i}`) })))).status);
      expect(outcomes).toEqual(['failed', 'sent', 'failed', 'sent', 'failed', 'sent', 'held']);

      const sender = (await d.api().get(path).expect(200)).body;
      expect(sender.state).toEqual({ suspendedAt: expect.any(String), consecutiveFailures: 1, failuresInWindow: 4 });
      expect(sender.policy).toEqual({ retry: { schedule: [] }, suspend: { failures: 4, withinMinutes: 360 } });
      const held = await d.post(orderSubmitted(userId, { id: uid('evt_rc_held') }));
      expect(await d.settled(held, 'held')).toMatchObject({ attemptCount: 0 });
      expect(rx.seen).toHaveLength(7);

      expect((await d.api().post(`${path}/resume`).expect(200)).body.released).toBe(2);
      expect(await d.settled(held, 'sent')).toMatchObject({ attemptCount: 1 });
      expect(rx.seen.map((s) => [s.method, s.authorized, s.type])).toEqual(Array.from({ length: 9 }, () => ['PUT', true, 'order.submitted']));
      expect((await d.api().get(path).expect(200)).body.state).toEqual({ suspendedAt: null, consecutiveFailures: 0, failuresInWindow: 0 });
    });
  });
}
