import { startFakeMandrill, type FakeMandrill } from '../fakes/fake-mandrill';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { dumpObject, dumpRedis, occurs, withoutNoise } from '../support/leak-search';
import { seedRecipient } from '../support/seed';

const ADMIN = 'admin-key-secrets-suite-0123456789';
const DEFAULT_KEY = 'md-default-ACCOUNT-key-4Dk9';
const RENDERED_KEY = 'md-customer-rendered-8Jq3';
/** A custom Mandrill key of 5 characters: masked to nothing, scrubbed where it stands alone. */
const SHORT_KEY = 'mK5tz';
const SHARED_KEY = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
/** Header values of 1 to 5 characters, a long one and a bearer token. */
const SHORT_HEADERS = { 'X-H1': 'Q', 'X-H2': 'Zx', 'X-H3': 'Wq7', 'X-H4': 'Jv3k', 'X-H5': 'Yp8rT' };
const LONG_HEADER = 'hdr-long-SECRET-value-7Hk2';
const BEARER_TOKEN = 'tok-bearer-SECRET-5Lm1';
const SHORT_PASSWORD = 'Pw4z';
const LONG_PASSWORD = 'basic-pw-long-SECRET-9Tx';
const USERNAME = 'shop';
const credential = (password: string): string => Buffer.from(`${USERNAME}:${password}`).toString('base64');

interface Route {
  org: string;
  config: Record<string, unknown>;
  /** Expected masks of this sender's secrets on every read. */
  masks: (view: Record<string, unknown>) => [string, unknown, string][];
}

/** One sender per organization, each of a kind that can leak in its own way. */
function routes(urls: { headers: string; shortAuth: string; longAuth: string }): Route[] {
  const url = (base: string) => ({ kind: 'custom-url', url: `${base}/hook/{eventType}`, sharedKey: SHARED_KEY });
  return [
    { org: 'org-dm', config: { kind: 'default-mandrill' }, masks: () => [] },
    {
      org: 'org-cmr',
      config: { kind: 'custom-mandrill', apiKey: RENDERED_KEY, fromEmail: 'shop@acme.example' },
      masks: (v) => [['apiKey', v.apiKey, `••••${RENDERED_KEY.slice(-4)}`]],
    },
    {
      org: 'org-cmt',
      config: { kind: 'custom-mandrill', apiKey: SHORT_KEY, fromEmail: 'shop@acme.example', mandrillTemplate: 'reset' },
      masks: (v) => [['apiKey', v.apiKey, '••••']],
    },
    {
      org: 'org-url-h',
      config: { ...url(urls.headers), headers: { ...SHORT_HEADERS, 'X-Api-Key': LONG_HEADER, Authorization: `Bearer ${BEARER_TOKEN}` } },
      masks: (v) => {
        const h = v.headers as Record<string, unknown>;
        return [
          ['sharedKey', v.sharedKey, `••••${SHARED_KEY.slice(-4)}`],
          ...Object.keys(SHORT_HEADERS).map((name): [string, unknown, string] => [`headers.${name}`, h[name], '••••']),
          ['headers.X-Api-Key', h['X-Api-Key'], `••••${LONG_HEADER.slice(-4)}`],
          ['headers.Authorization', h.Authorization, `••••${BEARER_TOKEN.slice(-4)}`],
        ];
      },
    },
    {
      org: 'org-url-b',
      config: { ...url(urls.shortAuth), basicAuth: { username: USERNAME, password: SHORT_PASSWORD } },
      masks: (v) => [['basicAuth.password', (v.basicAuth as Record<string, unknown>).password, '••••']],
    },
    {
      org: 'org-url-b2',
      config: { ...url(urls.longAuth), basicAuth: { username: USERNAME, password: LONG_PASSWORD } },
      masks: (v) => [['basicAuth.password', (v.basicAuth as Record<string, unknown>).password, '••••']],
    },
  ];
}

/** The secrets of one password-reset event, distinct per organization. */
function eventSecrets(org: string, n: number) {
  const tag = org.replace(/\W/g, '').toUpperCase();
  return {
    passwordResetUrl: `https://shop.example/reset?t=RESET-${tag}-TOKEN-${n}x9`,
    verificationCode: `VC${n}Q${n}K`,
    oneTimePassword: `OTP${n}Z${n}`,
  };
}

const SENDER_SECRETS: [string, string][] = [
  ['MANDRILL_API_KEY', DEFAULT_KEY],
  ['custom-mandrill apiKey', RENDERED_KEY],
  ['custom-mandrill apiKey of 5 characters', SHORT_KEY],
  ['sharedKey', SHARED_KEY],
  ...Object.entries(SHORT_HEADERS).map(([name, value]): [string, string] => [`header ${name} (${value.length} characters)`, value]),
  ['header X-Api-Key', LONG_HEADER],
  ['bearer token in Authorization', BEARER_TOKEN],
  ['basic-auth password of 4 characters', SHORT_PASSWORD],
  ['basic-auth credential (short password)', credential(SHORT_PASSWORD)],
  ['basic-auth password', LONG_PASSWORD],
  ['basic-auth credential', credential(LONG_PASSWORD)],
];

/**
 * SPEC §8: secrets planted in every kind of sender and in every password-reset event are
 * echoed back by a careless receiver and by Mandrill (in successes, errors, reason phrases and
 * unexpected recipient statuses); none of them is readable afterwards in any API read, log
 * line or stored record, and masks never show more than the rule allows.
 */
export function secretsSuite(driver: Driver): void {
  describe(`secrets are never readable (${driver})`, () => {
    let h: TestHerald;
    let mandrill: FakeMandrill;
    let receivers: WebhookReceiver[] = [];
    let list: Route[] = [];
    const events: { id: string; org: string; secrets: ReturnType<typeof eventSecrets>; attempts: number }[] = [];
    const api = () => h.api().set('Authorization', `Bearer ${ADMIN}`);

    beforeAll(async () => {
      mandrill = await startFakeMandrill();
      receivers = await Promise.all([startWebhookReceiver(), startWebhookReceiver(), startWebhookReceiver()]);
      const [headers, shortAuth, longAuth] = receivers.map((r) => r.url) as [string, string, string];
      list = routes({ headers, shortAuth, longAuth });
      // debug: every request line is logged too, so "never in a log" covers the most output
      h = await startTestHerald(driver, { ADMIN_API_KEY: ADMIN, MANDRILL_API_KEY: DEFAULT_KEY, MANDRILL_API_URL: mandrill.url, LOG_LEVEL: 'debug' });

      // Every sender fails once echoing what it got, then succeeds echoing it again.
      mandrill.script(DEFAULT_KEY, ['echo-status', 'echo-sent']);
      mandrill.script(RENDERED_KEY, ['echo-key', 'echo-sent']);
      // Two failures: the second is a retry job's, which the queue logs (and BullMQ stores).
      mandrill.script(SHORT_KEY, ['echo-status', 'echo-status', 'echo-sent']);
      for (const [i, rx] of receivers.entries()) {
        rx.respondWith(500, { echo: true, times: i === 0 ? 2 : 1 });
        rx.respondWith(200, { echo: true });
      }
      const failures: Record<string, number> = { 'org-cmt': 2, 'org-url-h': 2 };
      for (const [n, route] of list.entries()) {
        await seedRecipient(api(), { userId: `buyer-${route.org}`, orgId: route.org });
        await api().put(`/v1/organizations/${route.org}/senders/user.password_reset`).send(route.config).expect(201);
        const secrets = eventSecrets(route.org, n + 1);
        const id = `evt-secret-${route.org}`;
        await api().post('/v1/events').send({ id, type: 'user.password_reset', data: { userId: `buyer-${route.org}`, ...secrets } }).expect(202);
        events.push({ id, org: route.org, secrets, attempts: (failures[route.org] ?? 1) + 1 });
      }
      for (const event of events) {
        await waitFor(async () => {
          const message = (await api().get(`/v1/events/${event.id}`)).body.messages?.[0] as { status: string; attemptCount: number } | undefined;
          return message?.status === 'sent' && message.attemptCount === event.attempts;
        }, 10_000, `${event.org}: sent after ${event.attempts - 1} failed attempt(s)`);
      }
    });
    afterAll(async () => {
      await h.close();
      await mandrill.close();
      await Promise.all(receivers.map((r) => r.close()));
    });

    /** Every readable place, by name: API reads, logs, everything stored. */
    async function places(): Promise<Record<string, { all: string; withoutEventRecords: string }>> {
      const read = async (paths: string[]) => {
        const texts = await Promise.all(paths.map(async (p) => (await api().get(p).expect(200)).text));
        return texts.join('\n');
      };
      const messageIds = (await api().get('/v1/messages?limit=200').expect(200)).body.data.map((m: { id: string }) => m.id) as string[];
      const senderPaths = list.map((r) => `/v1/organizations/${r.org}/senders/user.password_reset`);
      const reads: Record<string, string> = {
        'GET /v1/events/{id}': await read(events.map((e) => `/v1/events/${e.id}`)),
        'GET /v1/messages/{id}': await read(messageIds.map((id) => `/v1/messages/${id}`)),
        'GET /v1/messages (lists)': await read(['/v1/messages?limit=200', '/v1/messages?status=sent', '/v1/messages?type=user.password_reset']),
        'GET /v1/senders, …/senders/{eventType}': await read(['/v1/senders', ...senderPaths]),
        'GET /v1/organizations, /v1/users': await read(list.flatMap((r) => [`/v1/organizations/${r.org}`, `/v1/users/buyer-${r.org}`])),
        'GET /v1/templates, /v1/outbox, /metrics, /readyz, /openapi.json': await read(['/v1/templates', '/v1/outbox', '/metrics', '/readyz', '/openapi.json']),
        logs: h.logs.join('\n'),
      };
      const result: Record<string, { all: string; withoutEventRecords: string }> = {};
      for (const [name, text] of Object.entries(reads)) result[name] = { all: withoutNoise(text), withoutEventRecords: withoutNoise(text) };
      const stored: unknown =
        driver === 'redis' ? await dumpRedis(h.config.redisUrl ?? '', h.config.redisPrefix) : { store: h.herald.store, queue: h.herald.queue };
      result['stored records'] = { all: withoutNoise(dumpObject(stored, false)), withoutEventRecords: withoutNoise(dumpObject(stored, true)) };
      return result;
    }

    test('when every secret has been echoed back, then none is readable anywhere', async () => {
      const where = await places();
      const secrets: [string, string, 'all' | 'withoutEventRecords'][] = [
        ...SENDER_SECRETS.map(([name, value]): [string, string, 'all'] => [name, value, 'all']),
        ...events.flatMap((e) => Object.entries(e.secrets).map(([field, value]): [string, string, 'withoutEventRecords'] => [`${field} (${e.org})`, value, 'withoutEventRecords'])),
      ];
      const leaks: string[] = [];
      for (const [secret, value, scope] of secrets) {
        for (const [place, text] of Object.entries(where)) if (occurs(text[scope], value)) leaks.push(`${secret} in ${place}`);
      }
      const searched = secrets.length * Object.keys(where).length;
      process.stdout.write(`[${driver}] secrets × places searched: ${secrets.length} × ${Object.keys(where).length} = ${searched}; leaked: ${leaks.length}\n${leaks.map((l) => `  ${l}\n`).join('')}`);
      // The search finds what it looks for: the echoes happened and the event is stored.
      expect(mandrill.sends().some((c) => c.body.key === SHORT_KEY)).toBe(true);
      expect(receivers[0]?.requests[0]?.headers['x-h1']).toBe('Q');
      expect(leaks).toEqual([]);
    });

    test('when a receiver echoed short header values, then the stored answer keeps its shape with each value replaced', async () => {
      const event = events.find((e) => e.org === 'org-url-h');
      const messageId = (await api().get(`/v1/events/${event?.id ?? ''}`).expect(200)).body.messages[0].id as string;
      const attempts = (await api().get(`/v1/messages/${messageId}`).expect(200)).body.attempts as { response: string; error: string | null }[];
      const echoed = JSON.parse(attempts[attempts.length - 1]?.response ?? '{}') as { headers: Record<string, string>; data: Record<string, string> };
      for (const name of Object.keys(SHORT_HEADERS)) expect(echoed.headers[name.toLowerCase()]).toBe('[redacted]');
      expect(echoed.headers['x-api-key']).toBe('[redacted]');
      expect(echoed.data).toMatchObject({ userId: 'buyer-org-url-h', passwordResetUrl: '[redacted]', verificationCode: '[redacted]', oneTimePassword: '[redacted]' });
      expect(attempts[0]?.error).toMatch(/^receiver answered HTTP 500 echo \[redacted\]/);
    });

    test('when secrets are read back, then masks show at most the last 4 characters and never more than a quarter', async () => {
      const wrong: string[] = [];
      for (const route of list) {
        const view = (await api().get(`/v1/organizations/${route.org}/senders/user.password_reset`).expect(200)).body as Record<string, unknown>;
        for (const [field, shown, expected] of route.masks(view)) if (shown !== expected) wrong.push(`${route.org} ${field}: ${String(shown)} (want ${expected})`);
      }
      process.stdout.write(`[${driver}] masks wrong: ${wrong.length}\n${wrong.map((w) => `  ${w}\n`).join('')}`);
      expect(wrong).toEqual([]);
    });

    test('when an event is read back, then its reset link, code and one-time password are masked', async () => {
      for (const event of events) {
        const data = (await api().get(`/v1/events/${event.id}`).expect(200)).body.data as Record<string, unknown>;
        expect(data).toMatchObject({ passwordResetUrl: '••••', verificationCode: '••••', oneTimePassword: '••••' });
      }
    });
  });
}
