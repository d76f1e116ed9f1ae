import { bodyText, customUrl, endpoints, FREE, LONGEST_EMAIL, pathOf, plain, set, shapes, type Body, type Endpoint } from '../fixtures/bad-input';
import { rawClient, type RawClient, type RawResponse } from '../support/raw-http';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { orderSubmitted, seedRecipient } from '../support/seed';

const ADMIN = 'admin-key-bad-input-0123456789';

/** Words that only an internal error would show: stacks, parser and zlib messages, file paths. */
const INTERNAL = /\bat \S+ \(|\.(?:js|ts):\d+|node_modules|RangeError|Maximum call stack|SyntaxError|URIError|TypeError|zlib|incorrect header|unexpected end of file|\bZ_[A-Z_]+|\bERR_[A-Z_]+|Failed to decode|stack/i;

function expectRefused(res: RawResponse): void {
  const summary = `${res.status} ${res.text.slice(0, 300)}`;
  expect({ status: res.status, summary }).toEqual({ status: 400, summary });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.text) as { error?: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
  expect(Object.keys(body.error ?? {}).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
  expect(res.text).not.toMatch(INTERNAL);
}

/**
 * SPEC §8 "bad input never answers 500": every write endpoint × every bad shape answers 400
 * `validation_failed` in the envelope, with nothing internal in it, and Herald stays healthy.
 * Events at the limits that are accepted are always processed.
 */
export function badInputSuite(driver: Driver): void {
  describe(`bad input (${driver})`, () => {
    let h: TestHerald;
    let raw: RawClient;
    let messageId = '';
    const list = endpoints({ message: () => messageId });
    const auth = { authorization: `Bearer ${ADMIN}` };
    const send = (e: Endpoint, path: string, body: Buffer | string, headers: Record<string, string> = {}) =>
      raw.send(e.method, path, { ...auth, 'content-type': e.contentType, ...headers }, body);

    beforeAll(async () => {
      h = await startTestHerald(driver, { ADMIN_API_KEY: ADMIN });
      raw = await rawClient(h.app);
      await seedRecipient(h.api().set(auth), { userId: 'buyer-1', orgId: 'acme' });
      const api = () => h.api().set(auth);
      await api().put('/v1/senders/order.shipped').send(customUrl({ free: undefined })).expect(201);
      await api().put('/v1/organizations/acme/senders/order.shipped').send(customUrl({ free: undefined })).expect(201);
      const posted = await api().post('/v1/events').send(orderSubmitted('buyer-1', { id: 'evt-bad-input-seed' })).expect(202);
      messageId = await waitFor(async () => {
        const m = (await api().get(`/v1/events/${posted.body.id as string}`)).body.messages?.[0];
        return m?.status === 'sent' && (m.id as string);
      }, 8000, 'the seed message sent');
    });
    afterAll(async () => {
      await raw.close();
      await h.close();
    });

    afterEach(async () => {
      const health = await raw.send('GET', '/healthz');
      expect(health.status).toBe(200);
    });

    test.each(list.map((e) => [e.name, e] as const))('when %s gets its valid body, then it is not refused (control)', async (_name, e) => {
      const res = await send(e, pathOf(e), plain(e.body()));
      if (!e.ok.includes(res.status)) throw new Error(`expected one of ${e.ok.join(', ')}, got ${res.status} ${res.text.slice(0, 300)}`);
    });

    const cases = list.flatMap((e) => [
      ...shapes().filter((s) => s.applies(e)).map((s) => [e.name, s.name, () => {
        const { path, headers, body } = s.build(e);
        return send(e, path, body, headers);
      }] as const),
      ...(e.specific ?? []).map(([name, mutate]) => [e.name, name, () => send(e, pathOf(e), plain(mutate(e.body())))] as const),
    ]);
    test.each(cases)('when %s gets %s, then 400 validation_failed and nothing internal', async (_endpoint, _shape, run) => {
      expectRefused(await run());
    });

    describe('an event answered 202 is always processed', () => {
      const api = () => h.api().set(auth);
      async function processed(eventId: string): Promise<void> {
        await waitFor(async () => {
          const res = await api().get(`/v1/events/${encodeURIComponent(eventId)}`);
          const messages = (res.body.messages ?? []) as { status: string }[];
          return res.status === 200 && res.body.status === 'processed' && messages.length === 1 && messages.every((m) => m.status === 'sent') && res.body;
        }, 8000, `event ${eventId} processed and sent`);
      }
      const atLimit = (id: string, fragment: string | { depth: number }) => {
        const body = set(orderSubmitted('buyer-1', { id }) as unknown as Body, ['data', 'order', 'xp'], { free: JSON.parse(FREE) });
        return bodyText(body, fragment);
      };

      test.each([
        ['JSON nested exactly 64 deep', 'evt-limit-depth', { depth: 64 }],
        ['the largest and smallest finite numbers', 'evt-limit-numbers', '[1.7976931348623157e308, -1.7976931348623157e308, 5e-324, 1e-400]'],
        ['an id of exactly 200 characters', 'e'.repeat(200), '"free"'],
      ] as const)('when an event has %s, then it is accepted and processed', async (_what, id, fragment) => {
        for (const contentType of ['application/json', 'application/vnd.herald+json']) {
          const eventId = `${id.slice(0, id.length - 3)}-${contentType.length}`;
          const res = await raw.send('POST', '/v1/events', { ...auth, 'content-type': contentType }, atLimit(eventId, fragment));
          expect({ status: res.status, text: res.text }).toEqual({ status: 202, text: expect.any(String) });
          await processed(eventId);
        }
      });

      test('when a user has an e-mail of exactly 254 characters, then it is stored and their event is delivered', async () => {
        expect(LONGEST_EMAIL).toHaveLength(254);
        await api().put('/v1/users/buyer-long-email').send({ organizationId: 'acme', email: LONGEST_EMAIL }).expect(201);
        const res = await api().post('/v1/events').send(orderSubmitted('buyer-long-email', { id: 'evt-long-email' })).expect(202);
        await processed(res.body.id as string);
      });
    });
  });
}
