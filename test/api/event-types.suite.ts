import { BUILTIN_EVENT_TYPES } from '../../src/event-types/catalog';
import { EventTypeCatalog } from '../../src/event-types/event-type-catalog';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { testPing } from '../fixtures/event-types/test.ping/test-ping.event-type';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { orderSubmitted, seedRecipient } from '../support/seed';

type Message = { id: string; status: string; transport: string | null; recipient: { userId: string }; variables?: Record<string, unknown> };

const PIN = 'PIN-SECRET-4711';

let counter = 0;
const uid = (prefix: string): string => `${prefix}-${++counter}`;

/**
 * Issue 10: adding an event type is one folder and one registry line. The `test.ping` type
 * lives in test/fixtures/event-types/ and reaches Herald only through the `eventTypes`
 * override; everything else (validation, recipients, variables, templates, secrets,
 * senders, the OpenAPI document) follows from the catalog.
 */
export function eventTypesSuite(driver: Driver): void {
  describe(`a fixture event type registered through the catalog (${driver})`, () => {
    let h: TestHerald;
    let rx: WebhookReceiver;
    const api = () => h.api();

    beforeAll(async () => {
      h = await startTestHerald(driver, {}, { eventTypes: new EventTypeCatalog([...BUILTIN_EVENT_TYPES, testPing]) });
      rx = await startWebhookReceiver();
    });
    afterAll(async () => {
      await h.close();
      await rx.close();
    });

    /** The event's messages once every one of them has settled. */
    async function settledMessages(eventId: string, count: number): Promise<Message[]> {
      const summaries = await waitFor(async () => {
        const event = (await api().get(`/v1/events/${eventId}`)).body as { messages?: Message[] };
        const messages = event.messages ?? [];
        return messages.length === count && messages.every((m) => m.status !== 'pending') && messages;
      }, 8000, `${count} settled messages of ${eventId}`);
      return Promise.all(summaries.map(async (m) => (await api().get(`/v1/messages/${m.id}`).expect(200)).body as Message));
    }

    function ping(userId: string, watcherIds: string[] = []) {
      return { id: uid('evt_ping'), type: 'test.ping', data: { userId, watcherIds, note: `Hello ${uid('note')}`, pinCode: PIN } };
    }

    test('when a fixture type is posted, then each recipient of its rule gets its own template in the dev outbox', async () => {
      const orgId = uid('org');
      const buyer = await seedRecipient(api(), { userId: uid('buyer'), orgId });
      const watcher = await seedRecipient(api(), { userId: uid('watcher'), orgId });
      const event = ping(buyer.userId, [watcher.userId]);
      await api().post('/v1/events').send(event).expect(202);

      const messages = await settledMessages(event.id, 2);
      expect(messages.map((m) => m.recipient.userId).sort()).toEqual([buyer.userId, watcher.userId].sort());
      for (const m of messages) {
        expect(m).toMatchObject({ status: 'sent', transport: 'outbox' });
        // its own variables, its declared secret masked in reads
        expect(m.variables).toMatchObject({ pingnote: event.data.note, pingcode: '••••', pingwatchers: 1, firstname: 'Ada' });
        const html = (await api().get(`/v1/outbox/${m.id}.html`).expect(200)).text;
        expect(html).toContain(`Hello Ada, ping: ${event.data.note} (code ${PIN}, 1 watching).`);
        const text = (await api().get(`/v1/outbox/${m.id}.txt`).expect(200)).text;
        expect(text).toBe(`Hello Ada, ping: ${event.data.note}\nCode: ${PIN}\n`);
        const entry = (await api().get(`/v1/outbox/${m.id}`).expect(200)).body as { subject: string; type: string; to: { email: string } };
        expect(entry).toMatchObject({ type: 'test.ping', subject: `Ping for Ada: ${event.data.note}` });
      }
      const stored = (await api().get(`/v1/events/${event.id}`).expect(200)).body as { data: Record<string, unknown> };
      expect(stored.data).toMatchObject({ note: event.data.note, pinCode: '••••' });
      expect(h.logs.join('')).not.toContain(PIN);
    });

    test('when the fixture type has a custom-url sender, then the receiver gets the event data as posted', async () => {
      const { userId, orgId } = await seedRecipient(api(), { userId: uid('buyer'), orgId: uid('org') });
      await api().put(`/v1/organizations/${orgId}/senders/test.ping`).send({ kind: 'custom-url', url: `${rx.url}/hooks/{eventType}` }).expect(201);
      const event = ping(userId);
      await api().post('/v1/events').send(event).expect(202);

      const [m] = await settledMessages(event.id, 1);
      expect(m).toMatchObject({ status: 'sent', transport: 'http' });
      const [req] = await rx.waitFor(1);
      expect(req).toMatchObject({ method: 'POST', path: '/hooks/test.ping' });
      expect(req?.headers['webhook-id']).toBe(m?.id);
      expect(JSON.parse(req?.body ?? '{}')).toMatchObject({ id: m?.id, type: 'test.ping', eventId: event.id, data: event.data });
    });

    test('when fixture data breaks its schema, then 400 names the field as for a built-in type', async () => {
      const res = await api().post('/v1/events').send({ type: 'test.ping', data: { userId: 'u1', note: '' } }).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['data.note']);
      // the built-ins are still there beside it
      await api().post('/v1/events').send(orderSubmitted(uid('buyer'))).expect(202);
    });

    test('when the API is asked about types, then the fixture type is known everywhere the built-ins are', async () => {
      const templates = (await api().get('/v1/templates').expect(200)).body.data as { id: string }[];
      expect(templates.map((t) => t.id)).toContain('builtin.test.ping');
      const preview = await api().post('/v1/templates/builtin.test.ping/render').send({}).expect(200);
      expect(preview.body.subject).toBe('Ping for Jane: Sample ping');
      await api().get('/v1/messages?type=test.ping').expect(200);
      await api().get('/v1/senders/test.ping').expect(404).expect((r) => expect(r.body.error.message).toMatch(/sender configuration/));
      const openapi = (await api().get('/openapi.json').expect(200)).body;
      expect(openapi.paths['/v1/senders/{eventType}'].get.parameters[0].schema.enum).toEqual([...BUILTIN_EVENT_TYPES.map((t) => t.type), 'test.ping']);
      expect(JSON.stringify(openapi.components.schemas.EventInput)).toContain('"test.ping"');
    });
  });
}
