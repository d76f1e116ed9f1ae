import { builtinEventTypes } from '../../src/event-types/catalog';
import { startFakeMandrill, type FakeMandrill, type MandrillCall } from '../fakes/fake-mandrill';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';

type Message = { id: string; status: string; reason: string | null; transport: string | null; recipient: { userId: string; email: string | null } };
type Data = Record<string, unknown>;

const catalog = builtinEventTypes();
const TYPES = catalog.types;
const APPROVER_TYPES = new Set(catalog.all().filter((t) => t.recipientRule === 'approverUserIds').map((t) => t.type));
const ORG_NAME = 'Acme Hardware';
const OTP = '907153';

/**
 * What a reader of each type's email notices first: words of its subject, and facts its HTML
 * must carry (from the sample data; the buyer who asks is Ada Lovelace, the decisions are
 * Priya Patel's).
 */
const FACTS: Record<string, { subject: string; html: string[] }> = {
  'order.submitted': { subject: 'Order PO-1001 confirmed', html: ['Summit 2-Person Tent', 'Trail Lantern', '$113.25'] },
  'order.shipped': { subject: 'Your order PO-1001 has shipped', html: ['1Z999AA10123456784', 'Summit 2-Person Tent'] },
  'order.declined': { subject: 'Order PO-1001 was declined', html: ['Over the November team budget', 'DECLINED BY PRIYA PATEL', '$113.25'] },
  'order.approved': { subject: 'Order PO-1001 has been approved', html: ['Within the Q4 equipment budget', 'APPROVED BY PRIYA PATEL', '$113.25'] },
  'order.submitted_for_approval': { subject: 'Order PO-1001 is waiting for approval', html: ['Awaiting approval', 'purchasing-managers', '$113.25'] },
  'order.approval_requested': { subject: 'Approval needed: order PO-1001 from Ada Lovelace', html: ['Ada Lovelace', 'Trail Lantern', '$113.25'] },
  'order.approval_approved': { subject: 'Order PO-1001 from Ada Lovelace was approved', html: ['APPROVED BY PRIYA PATEL', 'Within the Q4 equipment budget'] },
  'order.approval_declined': { subject: 'Order PO-1001 from Ada Lovelace was declined', html: ['DECLINED BY PRIYA PATEL', 'Over the November team budget'] },
  'order_return.submitted': { subject: 'We received your return request RMA-2042 for order PO-1001', html: ['Summit 2-Person Tent', 'Rain fly torn at the seam', '$70.00'] },
  'order_return.submitted_for_approval': { subject: 'Return RMA-2042 for order PO-1001 is waiting for approval', html: ['Awaiting approval', '$70.00'] },
  'order_return.approval_requested': { subject: 'Approval needed: return RMA-2042 from Ada Lovelace', html: ['Ada Lovelace', 'Trail Lantern', '$70.00'] },
  'order_return.approved': { subject: 'Your return RMA-2042 was approved', html: ['APPROVED BY PRIYA PATEL', 'Summit 2-Person Tent', '$70.00'] },
  'order_return.declined': { subject: 'Your return RMA-2042 was declined', html: ['DECLINED BY PRIYA PATEL', 'Over the November team budget'] },
  'order_return.approval_approved': { subject: 'Return RMA-2042 from Ada Lovelace was approved', html: ['APPROVED BY PRIYA PATEL', '$70.00'] },
  'order_return.approval_declined': { subject: 'Return RMA-2042 from Ada Lovelace was declined', html: ['DECLINED BY PRIYA PATEL', 'Trail Lantern'] },
  'order_return.completed': { subject: 'Your refund for return RMA-2042 has been issued', html: ['REFUND ISSUED', '$70.00'] },
  'user.password_reset': { subject: `Reset your ${ORG_NAME} password`, html: ['482913', 'sample-token-7f3a'] },
  'user.invited': { subject: `You're invited to ${ORG_NAME}`, html: ['sample-invite-91c2', '730516', 'Choose your password'] },
  'user.username_reminder': { subject: `Your ${ORG_NAME} username`, html: ['YOUR USERNAME'] },
  'user.one_time_password': { subject: `Your ${ORG_NAME} sign-in code`, html: [OTP, 'ONE-TIME CODE'] },
  'subscription.reminder': { subject: 'Your next Basecamp restock order is on December 1, 2026', html: ['Every 2 weeks', 'Camp Stove Fuel 230 g', 'NO LONGER AVAILABLE', 'Trail Lantern'] },
  'product_collection.invitation_accepted': { subject: 'Marcus Chen accepted your invitation to Winter Camping Essentials', html: ['Winter Camping Essentials', 'ACCEPTED BY'] },
  'product_collection.invitation_declined': { subject: 'Marcus Chen declined your invitation to Winter Camping Essentials', html: ['Winter Camping Essentials', 'DECLINED BY'] },
};

/** The merge variable each type's customer template cannot do without, with the sample's value. */
function keyVariable(type: string, data: Data): [string, unknown] {
  if (type.startsWith('order_return.')) return ['returnid', 'RMA-2042'];
  if (type.startsWith('order.')) return ['orderid', 'PO-1001'];
  switch (type) {
    case 'user.password_reset':
    case 'user.invited':
      return ['passwordrenewalurl', data.passwordResetUrl];
    case 'user.one_time_password':
      return ['onetimepassword', OTP];
    case 'subscription.reminder':
      return ['nextorderdate', '2026-12-01T08:00:00Z'];
    case 'user.username_reminder':
      return ['username', expect.stringMatching(/^ada\./)];
    default:
      return ['productcollectionname', 'Winter Camping Essentials'];
  }
}

/** The three sender kinds, one organization each, overriding every type. */
const SENDERS = ['default-mandrill', 'custom-mandrill', 'custom-url'] as const;
type SenderKind = (typeof SENDERS)[number];

/** SPEC §2 "The whole OrderCloud vocabulary", issue 13: each type end to end through every sender kind. */
export function vocabularySuite(driver: Driver): void {
  describe(`the OrderCloud vocabulary end to end (${driver})`, () => {
    let h: TestHerald;
    let mandrill: FakeMandrill;
    let rx: WebhookReceiver;
    const api = () => h.api();
    const orgOf = (kind: SenderKind) => `voc-${driver}-${kind}`;

    async function seedUser(id: string, orgId: string, over: { firstName?: string; lastName?: string; active?: boolean } = {}): Promise<void> {
      const body = { organizationId: orgId, email: `${id}@acme.example`, firstName: over.firstName ?? 'Ada', lastName: over.lastName ?? 'Lovelace', username: `ada.${id}`, active: over.active ?? true };
      await api().put(`/v1/users/${id}`).send(body).expect((r) => expect([200, 201]).toContain(r.status));
    }
    async function seedOrg(id: string, active = true): Promise<void> {
      await api().put(`/v1/organizations/${id}`).send({ name: ORG_NAME, active }).expect((r) => expect([200, 201]).toContain(r.status));
    }

    const buyerOf = (orgId: string) => `${orgId}-buyer`;
    const approversOf = (orgId: string) => [`${orgId}-approver-1`, `${orgId}-approver-2`];

    /** The type's sample, addressed to an organization's buyer (and its two approvers). */
    function eventFor(type: string, orgId: string, id = `${orgId}-${type}`): { id: string; type: string; data: Data } {
      const data = catalog.sample(type).data;
      data.userId = buyerOf(orgId);
      const order = data.order as Data | undefined;
      if (order?.fromUser) order.fromUser = { id: data.userId, firstName: 'Ada', lastName: 'Lovelace', email: `${data.userId}@acme.example` };
      if (APPROVER_TYPES.has(type)) data.approverUserIds = approversOf(orgId);
      if (type === 'user.one_time_password') data.oneTimePassword = OTP;
      return { id, type, data };
    }

    /** The event's messages once `count` of them exist and none is pending. */
    async function settled(eventId: string, count: number): Promise<Message[]> {
      return waitFor(async () => {
        const messages = ((await api().get(`/v1/events/${eventId}`)).body as { messages?: Message[] }).messages ?? [];
        return messages.length === count && messages.every((m) => m.status !== 'pending') && messages;
      }, 10000, `${count} settled messages of ${eventId}`);
    }

    const recipientsOf = (messages: Message[]) => messages.map((m) => m.recipient.userId).sort();
    const templateOf = (call: MandrillCall) => call.body.template_name;
    const mergeVars = (call: MandrillCall) =>
      Object.fromEntries(((call.body.message?.global_merge_vars ?? []) as { name: string; content: unknown }[]).map((v) => [v.name, v.content]));

    beforeAll(async () => {
      mandrill = await startFakeMandrill();
      rx = await startWebhookReceiver();
      // no MANDRILL_API_KEY: default-mandrill messages go to the dev outbox, rendered as sent
      h = await startTestHerald(driver, { MANDRILL_API_URL: mandrill.url });
      for (const kind of SENDERS) {
        const orgId = orgOf(kind);
        await seedOrg(orgId);
        await seedUser(buyerOf(orgId), orgId);
        const [first, second] = approversOf(orgId);
        await seedUser(first, orgId, { firstName: 'Grace', lastName: 'Hopper' });
        await seedUser(second, orgId, { firstName: 'Alan', lastName: 'Turing' });
        if (kind === 'default-mandrill') continue; // the built-in default: no configuration at all
        for (const type of TYPES) {
          const config =
            kind === 'custom-mandrill'
              ? { kind, apiKey: 'md-customer-vocabulary-KEY-0001', fromEmail: 'shop@acme.example', mandrillTemplate: `oc-${catalog.get(type).messageType}` }
              : { kind, url: `${rx.url}/oc/{eventType}` };
          await api().put(`/v1/organizations/${orgId}/senders/${type}`).send(config).expect(201);
        }
      }
    }, 120000);
    afterAll(async () => {
      await h?.close();
      await mandrill?.close();
      await rx?.close();
    });

    describe.each(TYPES)('%s', (type) => {
      const expectedRecipients = (orgId: string) => (APPROVER_TYPES.has(type) ? approversOf(orgId) : [buyerOf(orgId)]).sort();

      test('when it is posted with the built-in default sender, then each recipient finds its facts in the dev outbox email', async () => {
        const orgId = orgOf('default-mandrill');
        const event = eventFor(type, orgId);
        await api().post('/v1/events').send(event).expect(202);
        const messages = await settled(event.id, expectedRecipients(orgId).length);
        expect(recipientsOf(messages)).toEqual(expectedRecipients(orgId));
        const facts = FACTS[type];
        for (const m of messages) {
          expect(m).toMatchObject({ status: 'sent', transport: 'outbox', recipient: { email: `${m.recipient.userId}@acme.example` } });
          const summary = (await api().get(`/v1/outbox/${m.id}`).expect(200)).body as { subject: string; to: { email: string } };
          expect(summary.to.email).toBe(`${m.recipient.userId}@acme.example`);
          expect(summary.subject).toContain(facts.subject);
          const html = (await api().get(`/v1/outbox/${m.id}.html`).expect(200)).text;
          for (const fact of [...facts.html, ORG_NAME.toUpperCase()]) expect(html).toContain(fact);
          // addressed to the recipient by name: each approver is greeted as themselves
          const user = (await api().get(`/v1/users/${m.recipient.userId}`).expect(200)).body as { firstName: string; username: string };
          expect(html).toContain(user.firstName);
          if (type === 'user.username_reminder') expect(html).toContain(user.username);
          expect(html).not.toMatch(/\{\{|\}\}/);
        }
      });

      test('when it is posted with a custom Mandrill template, then send-template gets its merge variables for each recipient', async () => {
        const orgId = orgOf('custom-mandrill');
        const event = eventFor(type, orgId);
        await api().post('/v1/events').send(event).expect(202);
        const messages = await settled(event.id, expectedRecipients(orgId).length);
        expect(recipientsOf(messages)).toEqual(expectedRecipients(orgId));
        const [name, value] = keyVariable(type, event.data);
        for (const m of messages) {
          expect(m).toMatchObject({ status: 'sent', transport: 'mandrill' });
          const calls = mandrill.sends().filter((c) => (c.body.message?.metadata as Data | undefined)?.message_id === m.id);
          expect(calls).toHaveLength(1);
          const [call] = calls;
          expect(call.path).toBe('/messages/send-template');
          expect(templateOf(call)).toBe(`oc-${catalog.get(type).messageType}`);
          expect(call.body.message).toMatchObject({ merge_language: 'handlebars', to: [expect.objectContaining({ email: `${m.recipient.userId}@acme.example` })] });
          expect(mergeVars(call)).toMatchObject({ [name]: value, firstname: expect.any(String), company: ORG_NAME });
        }
      });

      test('when it is posted with a custom URL, then the receiver gets one signed request per recipient with the data as posted', async () => {
        const orgId = orgOf('custom-url');
        const event = eventFor(type, orgId);
        await api().post('/v1/events').send(event).expect(202);
        const messages = await settled(event.id, expectedRecipients(orgId).length);
        expect(recipientsOf(messages)).toEqual(expectedRecipients(orgId));
        for (const m of messages) {
          expect(m).toMatchObject({ status: 'sent', transport: 'http' });
          const requests = rx.requests.filter((r) => r.headers['webhook-id'] === m.id);
          expect(requests).toHaveLength(1);
          const [req] = requests;
          expect(req.path).toBe(`/oc/${type}`);
          expect(req.headers['x-oc-hash']).toEqual(expect.any(String));
          expect(JSON.parse(req.body)).toMatchObject({ id: m.id, type, eventId: event.id, recipient: { id: m.recipient.userId }, data: event.data });
        }
      });

      test('when its built-in template is previewed with sample data, then subject, HTML and text are complete', async () => {
        const { body } = await api().post(`/v1/templates/builtin.${type}/render`).send({}).expect(200);
        for (const part of [body.subject, body.html, body.text]) expect(part).not.toMatch(/\{\{|\}\}/);
        expect(body.html).toContain('Jane');
      });
    });

    describe('approvers', () => {
      const orgId = `voc-${driver}-approvers`;
      const [active, inactive, elsewhere] = [`${orgId}-a`, `${orgId}-b`, `${orgId}-c`];

      beforeAll(async () => {
        await seedOrg(orgId);
        await seedOrg(`${orgId}-closed`, false);
        await seedUser(buyerOf(orgId), orgId);
        await seedUser(active, orgId, { firstName: 'Grace' });
        await seedUser(inactive, orgId, { firstName: 'Alan', active: false });
        await seedUser(elsewhere, `${orgId}-closed`, { firstName: 'Edsger' });
      });

      test('when an approver is inactive, then only their message is skipped and the others are sent', async () => {
        const event = eventFor('order.approval_requested', orgId, `${orgId}-mixed`);
        event.data.approverUserIds = [active, inactive, elsewhere, `${orgId}-unknown`];
        await api().post('/v1/events').send(event).expect(202);
        const messages = await settled(event.id, 4);
        const byRecipient = Object.fromEntries(messages.map((m) => [m.recipient.userId, { status: m.status, reason: m.reason }]));
        expect(byRecipient).toEqual({
          [active]: { status: 'sent', reason: null },
          [inactive]: { status: 'skipped', reason: 'inactive_user' },
          [elsewhere]: { status: 'skipped', reason: 'inactive_organization' },
          [`${orgId}-unknown`]: { status: 'skipped', reason: 'unknown_user' },
        });
        const sent = messages.find((m) => m.recipient.userId === active);
        const html = (await api().get(`/v1/outbox/${sent?.id}.html`).expect(200)).text;
        expect(html).toContain('Hi Grace');
      });

      test('when an approver is named twice, then they get one message', async () => {
        const event = eventFor('order_return.approval_requested', orgId, `${orgId}-twice`);
        event.data.approverUserIds = [active, active];
        await api().post('/v1/events').send(event).expect(202);
        expect(recipientsOf(await settled(event.id, 1))).toEqual([active]);
      });

      test('when an approval event is posted again, then it is a duplicate and makes no new message', async () => {
        const event = eventFor('order.approval_approved', orgId, `${orgId}-again`);
        event.data.approverUserIds = [active, buyerOf(orgId)];
        await api().post('/v1/events').send(event).expect(202);
        const first = await settled(event.id, 2);
        const again = await api().post('/v1/events').send(event).expect(200);
        expect(again.body).toMatchObject({ id: event.id, duplicate: true });
        await new Promise((resolve) => setTimeout(resolve, 300));
        const after = ((await api().get(`/v1/events/${event.id}`)).body as { messages: Message[] }).messages;
        expect(after.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());
      });

      test.each([
        ['101 approvers', Array.from({ length: 101 }, (_, i) => `${orgId}-many-${i}`), /at most 100/],
        ['no approver', [], /at least one/],
      ])('when an approval event names %s, then it is refused with 400 naming approverUserIds', async (_what, ids, why) => {
        const event = eventFor('order.approval_requested', orgId, `${orgId}-refused-${ids.length}`);
        event.data.approverUserIds = ids;
        const res = await api().post('/v1/events').send(event).expect(400);
        expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'data.approverUserIds', message: expect.stringMatching(why) })]);
        await api().get(`/v1/events/${event.id}`).expect(404);
      });

      test('when an approval event leaves out userId, then it is refused: the buyer is still required', async () => {
        const event = eventFor('order_return.approval_approved', orgId, `${orgId}-no-buyer`);
        delete event.data.userId;
        const res = await api().post('/v1/events').send(event).expect(400);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('data.userId');
      });
    });

    test('when a one-time password is sent, then the email shows it and every read and log masks it', async () => {
      const orgId = orgOf('default-mandrill');
      const event = eventFor('user.one_time_password', orgId, `${orgId}-otp-secret`);
      await api().post('/v1/events').send(event).expect(202);
      const [m] = await settled(event.id, 1);
      expect((await api().get(`/v1/outbox/${m.id}.html`).expect(200)).text).toContain(OTP);
      const stored = (await api().get(`/v1/events/${event.id}`).expect(200)).body as { data: Data };
      expect(stored.data.oneTimePassword).toBe('••••');
      const detail = (await api().get(`/v1/messages/${m.id}`).expect(200)).body as { variables: Data };
      expect(detail.variables.onetimepassword).toBe('••••');
      const summary = (await api().get(`/v1/outbox/${m.id}`).expect(200)).body as { subject: string };
      expect(summary.subject).not.toContain(OTP);
      expect(h.logs.join('')).not.toContain(OTP);
    });

    test('when a returned item names no line of the event, then the return is refused with the item path', async () => {
      const event = eventFor('order_return.submitted', orgOf('default-mandrill'), 'voc-bad-return');
      (event.data.orderReturn as { itemsToReturn: { lineItemId: string }[] }).itemsToReturn[1].lineItemId = 'li-unknown';
      const res = await api().post('/v1/events').send(event).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'data.orderReturn.itemsToReturn.1.lineItemId' })]);
    });

    test('when the event types are listed, then all 23 OrderCloud message types are there with their recipients and a postable sample', async () => {
      const { body } = await api().get('/v1/event-types').expect(200);
      const listed = body.data as { type: string; messageType: string; recipients: string; sample: Data }[];
      expect(listed.map((t) => t.type)).toEqual([...TYPES]);
      expect(listed).toHaveLength(23);
      expect(new Set(listed.map((t) => t.messageType)).size).toBe(23);
      expect(listed.find((t) => t.type === 'order.approval_requested')).toMatchObject({ messageType: 'OrderSubmittedForYourApproval', recipients: 'approverUserIds' });
      expect(listed.find((t) => t.type === 'user.one_time_password')).toMatchObject({ messageType: 'OneTimePassword', recipients: 'userId' });
      expect(listed.filter((t) => t.recipients === 'approverUserIds').map((t) => t.type).sort()).toEqual([...APPROVER_TYPES].sort());
      for (const t of listed) {
        const res = await api().post('/v1/events').send({ id: `voc-${driver}-sample-${t.type}`, type: t.type, data: t.sample });
        expect([t.type, res.status]).toEqual([t.type, 202]);
      }
    });
  });
}
