import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { rawClient, type RawClient, type RawResponse } from '../support/raw-http';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { orderSubmitted, seedRecipient } from '../support/seed';

const ADMIN = 'admin-key-bad-input-0123456789';
/** Where a free-form JSON fragment (deep nesting, `1e400`) is put into a body. */
const FREE = '"@@FREE@@"';

const LONG_ID = 'i'.repeat(201);
/** 254 characters: the longest address SPEC §8 allows. */
const LONGEST_EMAIL = `${'a'.repeat(64)}@${'b'.repeat(59)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`;
const TOO_LONG_EMAIL = `x${LONGEST_EMAIL}`;

type Body = Record<string, unknown>;

/** One write endpoint: its path (`{id}` is where a bad path id goes) and a body it accepts. */
interface Endpoint {
  name: string;
  method: 'POST' | 'PUT';
  path: string;
  /** The id that makes the path valid; absent when the path has no id. */
  id?: () => string;
  contentType: string;
  /** A valid body with FREE somewhere free-form content is allowed. */
  body: () => Body;
  /** Statuses the valid body may answer (the control case). */
  ok: number[];
  /** Bad bodies only this endpoint has. */
  specific?: [string, (body: Body) => Body][];
}

/** A bad request: what to send instead of the endpoint's valid one. */
interface Shape {
  name: string;
  /** Applies to this endpoint? */
  applies: (e: Endpoint) => boolean;
  build: (e: Endpoint) => { path: string; headers?: Record<string, string>; body: Buffer };
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** How many objects and arrays enclose `index` in a JSON text. */
function levelAt(text: string, index: number): number {
  let level = 0;
  let inString = false;
  for (let i = 0; i < index; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') level++;
    else if (c === '}' || c === ']') level--;
  }
  return level;
}

/** The body's JSON with FREE replaced by `fragment` (raw JSON), or by nesting up to `depth` in total. */
function bodyText(body: Body, fragment: string | { depth: number }): string {
  const text = JSON.stringify(body);
  const at = text.indexOf(FREE);
  if (at < 0) return text;
  const raw = typeof fragment === 'string' ? fragment : nested(fragment.depth - levelAt(text, at));
  return text.slice(0, at) + raw + text.slice(at + FREE.length);
}

/** The body with FREE set to a harmless value (for the bad shapes that are elsewhere). */
const plain = (body: Body): string => bodyText(body, '"free"');
const pathOf = (e: Endpoint, id?: string): string => e.path.replace('{id}', id ?? e.id?.() ?? '');

function shapes(): Shape[] {
  const all = () => true;
  const withId = (e: Endpoint) => e.id !== undefined;
  const depth = (n: number, where = ''): Shape => ({
    name: `JSON nested ${n} deep${where}`,
    applies: all,
    build: (e) => ({ path: pathOf(e), body: Buffer.from(bodyText(e.body(), { depth: n })) }),
  });
  const number = (literal: string): Shape => ({
    name: `${literal} in free-form data`,
    applies: all,
    build: (e) => ({ path: pathOf(e), body: Buffer.from(bodyText(e.body(), literal)) }),
  });
  const encoded = (name: string, encoding: string, bytes: (valid: Buffer) => Buffer): Shape => ({
    name,
    applies: all,
    build: (e) => ({ path: pathOf(e), headers: { 'content-encoding': encoding }, body: bytes(Buffer.from(plain(e.body()))) }),
  });
  const pathId = (name: string, id: string): Shape => ({
    name: `path id ${name}`,
    applies: withId,
    build: (e) => ({ path: pathOf(e, id), body: Buffer.from(plain(e.body())) }),
  });
  return [
    depth(65),
    depth(2000),
    depth(5000),
    depth(10_000),
    depth(100_000),
    number('1e400'),
    number('-1e400'),
    number('[1, 2e308]'),
    number('{"n": 1E+999}'),
    encoded('gzip body that is not gzip', 'gzip', () => Buffer.from('this is not gzip at all')),
    encoded('gzip body cut short', 'gzip', (valid) => gzipSync(valid).subarray(0, 20)),
    encoded('br body that is not brotli', 'br', () => Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02])),
    encoded('br body cut short', 'br', (valid) => brotliCompressSync(valid).subarray(0, 8)),
    encoded('deflate body that is not deflate', 'deflate', () => Buffer.from('not deflate either')),
    encoded('deflate body cut short', 'deflate', (valid) => deflateSync(valid).subarray(0, 6)),
    pathId('with malformed percent-encoding %E0%A4%A', '%E0%A4%A'),
    pathId('%', '%'),
    pathId('%ZZ', '%ZZ'),
    pathId('.', '.'),
    pathId('..', '..'),
    pathId('%2e', '%2e'),
    pathId('%2E%2E', '%2E%2E'),
    pathId('of 201 characters', LONG_ID),
  ];
}

const set = (body: Body, path: string[], value: unknown): Body => {
  const copy = structuredClone(body);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1] as string] = value;
  return copy;
};

const eventSpecific: [string, (b: Body) => Body][] = [
  ['event id .', (b) => set(b, ['id'], '.')],
  ['event id ..', (b) => set(b, ['id'], '..')],
  ['event id of 201 characters', (b) => set(b, ['id'], LONG_ID)],
  ['data.userId ..', (b) => set(b, ['data', 'userId'], '..')],
  ['data.userId .', (b) => set(b, ['data', 'userId'], '.')],
  ['data.userId of 201 characters', (b) => set(b, ['data', 'userId'], LONG_ID)],
  ['data.order.id of 201 characters', (b) => set(b, ['data', 'order', 'id'], LONG_ID)],
];

const customUrl = (extra: Body = {}): Body => ({ kind: 'custom-url', url: 'http://127.0.0.1:9/hook', headers: { 'X-Key': 'value' }, free: JSON.parse(FREE), ...extra });
const customMandrill = (extra: Body = {}): Body => ({ kind: 'custom-mandrill', apiKey: 'md-key-for-bad-input', fromEmail: 'shop@acme.example', free: JSON.parse(FREE), ...extra });

const senderSpecific: [string, (b: Body) => Body][] = [
  ['a cc address of 255 characters', () => ({ kind: 'default-mandrill', cc: [TOO_LONG_EMAIL] })],
  ['a cc address of 5000 characters', () => ({ kind: 'default-mandrill', cc: [`${'c'.repeat(4980)}@acme.example`] })],
  ['a fromEmail of 255 characters', () => customMandrill({ fromEmail: TOO_LONG_EMAIL })],
  ['a templateId ..', () => ({ kind: 'default-mandrill', templateId: '..' })],
  ['a templateId .', () => ({ kind: 'default-mandrill', templateId: '.' })],
  ['a header value with CR LF', () => customUrl({ headers: { 'X-Key': 'a\r\nX-Injected: 1' } })],
  ['a header value with LF', () => customUrl({ headers: { 'X-Key': 'a\nb' } })],
  ['a header value with CR', () => customUrl({ headers: { 'X-Key': 'a\rb' } })],
  ['a header value with NUL', () => customUrl({ headers: { 'X-Key': 'a\u0000b' } })],
  ['a header value with a character node cannot send', () => customUrl({ headers: { 'X-Key': 'snow ☃' } })],
  ['a header name with a space', () => customUrl({ headers: { 'X Key': 'v' } })],
  ['a header name with a colon', () => customUrl({ headers: { 'X:Key': 'v' } })],
  ['a header name with CR LF', () => customUrl({ headers: { 'X-Key\r\nX-Injected': 'v' } })],
  ['a header name that is not ASCII', () => customUrl({ headers: { 'X-Kéy': 'v' } })],
  ['an empty header name', () => customUrl({ headers: { '': 'v' } })],
];

function endpoints(ids: { message: () => string }): Endpoint[] {
  const event = (): Body => set(orderSubmitted('buyer-1') as unknown as Body, ['data', 'order', 'xp'], { free: JSON.parse(FREE) });
  return [
    { name: 'POST /v1/events (fast path)', method: 'POST', path: '/v1/events', contentType: 'application/json', body: event, ok: [202], specific: eventSpecific },
    { name: 'POST /v1/events (express path)', method: 'POST', path: '/v1/events', contentType: 'application/vnd.herald+json', body: event, ok: [202], specific: eventSpecific },
    { name: 'PUT /v1/organizations/{id}', method: 'PUT', path: '/v1/organizations/{id}', id: () => 'org-bad-input', contentType: 'application/json', body: () => ({ name: 'Org', active: true, free: JSON.parse(FREE) }), ok: [200, 201] },
    {
      name: 'PUT /v1/users/{id}',
      method: 'PUT',
      path: '/v1/users/{id}',
      id: () => 'user-bad-input',
      contentType: 'application/json',
      body: () => ({ organizationId: 'acme', email: 'u@acme.example', firstName: 'U', free: JSON.parse(FREE) }),
      ok: [200, 201],
      specific: [
        ['organizationId .', (b) => set(b, ['organizationId'], '.')],
        ['organizationId ..', (b) => set(b, ['organizationId'], '..')],
        ['organizationId of 201 characters', (b) => set(b, ['organizationId'], LONG_ID)],
        ['an email of 255 characters', (b) => set(b, ['email'], TOO_LONG_EMAIL)],
        ['an email of 5000 characters', (b) => set(b, ['email'], `${'e'.repeat(4980)}@acme.example`)],
      ],
    },
    { name: 'PUT /v1/senders/{id}', method: 'PUT', path: '/v1/senders/{id}', id: () => 'order.shipped', contentType: 'application/json', body: () => customUrl(), ok: [200, 201], specific: senderSpecific },
    {
      name: 'PUT /v1/organizations/{id}/senders/{eventType}',
      method: 'PUT',
      path: '/v1/organizations/{id}/senders/order.shipped',
      id: () => 'acme',
      contentType: 'application/json',
      body: () => customUrl(),
      ok: [200, 201],
      specific: senderSpecific,
    },
    {
      name: 'PUT /v1/templates/{id}',
      method: 'PUT',
      path: '/v1/templates/{id}',
      id: () => 'tpl-bad-input',
      contentType: 'application/json',
      body: () => ({ subject: 'Hi {{firstname}}', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>', free: JSON.parse(FREE) }),
      ok: [200, 201],
    },
    { name: 'POST /v1/templates/{id}/render', method: 'POST', path: '/v1/templates/{id}/render', id: () => 'builtin.order.submitted', contentType: 'application/json', body: () => ({ type: 'order.submitted', free: JSON.parse(FREE) }), ok: [200] },
    { name: 'POST /v1/messages/{id}/retry', method: 'POST', path: '/v1/messages/{id}/retry', id: ids.message, contentType: 'application/json', body: () => ({ free: JSON.parse(FREE) }), ok: [202, 409] },
    { name: 'POST /v1/senders/{id}/resume', method: 'POST', path: '/v1/senders/{id}/resume', id: () => 'order.shipped', contentType: 'application/json', body: () => ({ free: JSON.parse(FREE) }), ok: [200] },
    {
      name: 'POST /v1/organizations/{id}/senders/{eventType}/resume',
      method: 'POST',
      path: '/v1/organizations/{id}/senders/order.shipped/resume',
      id: () => 'acme',
      contentType: 'application/json',
      body: () => ({ free: JSON.parse(FREE) }),
      ok: [200],
    },
  ];
}

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
