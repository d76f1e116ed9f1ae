import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { orderShipped, orderSubmitted, seedRecipient } from '../support/seed';

type Msg = { status: string; reason: string | null; sender: { kind: string; scope: string }; transport: string | null };

/** SPEC §3.2-3.4 and §7: active checks, skip reasons, routing order, the dev outbox. */
export function processingSuite(driver: Driver): void {
  describe(`processing (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver);
    });
    afterAll(() => h.close());

    async function settled(eventId: string): Promise<Msg> {
      return waitFor(async () => {
        const r = await h.api().get(`/v1/events/${eventId}`);
        const m = r.body.messages?.[0] as Msg | undefined;
        return m && m.status !== 'pending' ? m : undefined;
      }, 5000, `event ${eventId} settled`);
    }

    test.each([
      ['unknown_user', async () => 'ghost'],
      ['unknown_organization', async () => {
        await h.api().put('/v1/users/orphan').send({ organizationId: 'no-such-org', email: 'o@x.example' }).expect(201);
        return 'orphan';
      }],
      ['inactive_user', async () => (await seedRecipient(h.api(), { userId: 'sleepy', orgId: 'org-live', userActive: false })).userId],
      ['inactive_organization', async () => (await seedRecipient(h.api(), { userId: 'awake', orgId: 'org-closed', orgActive: false })).userId],
    ])('when the recipient is %s, then the message is skipped with that reason and nothing is sent', async (reason, makeUser) => {
      const userId = await makeUser();
      const before = (await h.api().get('/v1/outbox').expect(200)).body.data.length;
      await h.api().post('/v1/events').send(orderSubmitted(userId, { id: `evt_skip_${reason}` })).expect(202);
      const message = await settled(`evt_skip_${reason}`);
      expect(message).toMatchObject({ status: 'skipped', reason });
      expect((await h.api().get('/v1/outbox')).body.data.length).toBe(before);
    });

    test('when no sender is configured, then the built-in default sends to the dev outbox', async () => {
      await seedRecipient(h.api(), { userId: 'buyer-out', orgId: 'acme-out' });
      await h.api().post('/v1/events').send(orderSubmitted('buyer-out', { id: 'evt_outbox', orderId: 'PO-7777' })).expect(202);
      const message = await settled('evt_outbox');
      expect(message).toMatchObject({ status: 'sent', transport: 'outbox', sender: { kind: 'default-mandrill', scope: 'builtin' } });

      const list = await h.api().get('/v1/outbox').expect(200);
      const entry = list.body.data.find((e: { eventId: string }) => e.eventId === 'evt_outbox');
      expect(entry).toMatchObject({ to: { email: 'buyer-out@acme.example' }, type: 'order.submitted' });
      expect(entry.subject).toContain('PO-7777');
      const html = await h.api().get(entry.htmlUrl).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('PO-7777');
      expect(html.text).toContain('Widget');
      expect(html.text).toContain('Gadget Deluxe');
      expect(html.text).toContain('$113.25');
      expect(html.text).not.toContain('{{');
    });

    test('when org override, global config and built-in all exist, then the override wins, then global, then built-in', async () => {
      await seedRecipient(h.api(), { userId: 'buyer-vip', orgId: 'vip' });
      await seedRecipient(h.api(), { userId: 'buyer-std', orgId: 'std' });
      await h.api().put('/v1/senders/order.submitted').send({ kind: 'disabled' }).expect(201);
      await h.api().put('/v1/organizations/vip/senders/order.submitted').send({ kind: 'default-mandrill' }).expect(201);

      await h.api().post('/v1/events').send(orderSubmitted('buyer-vip', { id: 'evt_route_vip' })).expect(202);
      await h.api().post('/v1/events').send(orderSubmitted('buyer-std', { id: 'evt_route_std' })).expect(202);
      await h.api().post('/v1/events').send(orderShipped('buyer-std', { id: 'evt_route_ship' })).expect(202);

      expect(await settled('evt_route_vip')).toMatchObject({ status: 'sent', sender: { kind: 'default-mandrill', scope: 'organization' } });
      expect(await settled('evt_route_std')).toMatchObject({ status: 'skipped', reason: 'sender_disabled', sender: { kind: 'disabled', scope: 'global' } });
      expect(await settled('evt_route_ship')).toMatchObject({ status: 'sent', sender: { kind: 'default-mandrill', scope: 'builtin' } });
      await h.api().delete('/v1/senders/order.submitted').expect(204);
    });

    test('when the recipient has a locale, then money and dates in the email are formatted for it', async () => {
      await seedRecipient(h.api(), { userId: 'buyer-de', orgId: 'acme-de' });
      await h.api().put('/v1/users/buyer-de').send({ organizationId: 'acme-de', email: 'de@acme.example', firstName: 'Erika', lastName: 'M', locale: 'de-DE' }).expect(200);
      await h.api().post('/v1/events').send(orderSubmitted('buyer-de', { id: 'evt_locale' })).expect(202);
      await settled('evt_locale');
      const entry = (await h.api().get('/v1/outbox')).body.data.find((e: { eventId: string }) => e.eventId === 'evt_locale');
      const html = await h.api().get(entry.htmlUrl).expect(200);
      expect(html.text).toMatch(/113,25\s\$/);
      expect(html.text).toContain('20. November 2026');
      expect(html.text).not.toContain('$113.25');
    });

    test('when a sender overrides the subject with variables, then the email carries it rendered', async () => {
      await seedRecipient(h.api(), { userId: 'buyer-subj', orgId: 'subj' });
      await h.api().put('/v1/organizations/subj/senders/order.submitted').send({ kind: 'default-mandrill', subject: 'Your order {{orderid}} for {{money total currency}}' }).expect(201);
      await h.api().post('/v1/events').send(orderSubmitted('buyer-subj', { id: 'evt_subject' })).expect(202);
      await settled('evt_subject');
      const entry = (await h.api().get('/v1/outbox')).body.data.find((e: { eventId: string }) => e.eventId === 'evt_subject');
      expect(entry.subject).toBe('Your order PO-1001 for $113.25');
    });

    test('when a subject override does not compile, then the sender PUT is refused with the problem', async () => {
      const res = await h.api().put('/v1/senders/order.shipped').send({ kind: 'default-mandrill', subject: 'Order {{#if orderid}} shipped' });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ path: 'subject', line: 1 });
      const unknownHelper = await h.api().put('/v1/senders/order.shipped').send({ kind: 'default-mandrill', subject: '{{shout orderid}}' });
      expect(unknownHelper.status).toBe(400);
    });

    test('when a message is read, then its attempts, variables (masked) and resource fields are there', async () => {
      await seedRecipient(h.api(), { userId: 'buyer-detail', orgId: 'acme-detail' });
      await h.api().post('/v1/events').send(orderSubmitted('buyer-detail', { id: 'evt_detail' })).expect(202);
      await settled('evt_detail');
      const event = await h.api().get('/v1/events/evt_detail');
      const detail = await h.api().get(`/v1/messages/${event.body.messages[0].id}`).expect(200);
      expect(detail.body).toMatchObject({
        id: expect.stringMatching(/^msg_/), eventId: 'evt_detail', type: 'order.submitted', status: 'sent', reason: null,
        organizationId: 'acme-detail', recipient: { userId: 'buyer-detail', email: 'buyer-detail@acme.example' },
        sender: { kind: 'default-mandrill', scope: 'builtin' }, transport: 'outbox', attemptCount: 1, nextAttemptAt: null,
      });
      expect(detail.body.attempts).toEqual([
        expect.objectContaining({ number: 1, outcome: 'success', durationMs: expect.any(Number), startedAt: expect.any(String), error: null }),
      ]);
      expect(detail.body.variables).toMatchObject({ orderid: 'PO-1001', firstname: 'Ada', company: 'Acme Hardware' });
    });
  });
}
