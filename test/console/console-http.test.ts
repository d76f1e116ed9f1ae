import request from 'supertest';
import { startTestHerald, type TestHerald } from '../support/harness';
import { seedRecipient, orderSubmitted } from '../support/seed';
import { waitFor } from '../support/harness';

const ADMIN_API_KEY = 'admin-key-for-console-tests-0123456789';

/** The cookies a response set, by name: the whole Set-Cookie line each. */
function setCookies(res: request.Response): Record<string, string> {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return Object.fromEntries((raw ?? []).map((line) => [line.slice(0, line.indexOf('=')), line]));
}

const cookieValue = (line: string | undefined): string => (line ?? '').split(';')[0] ?? '';
const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Signs in like a browser: reads the form (its CSRF token and browser cookie), posts the key. */
async function signIn(h: TestHerald, key = ADMIN_API_KEY, agent = request.agent(h.app)) {
  const form = await agent.get('/console/sign-in').expect(200);
  const res = await agent.post('/console/sign-in').type('form').send({ key, _csrf: csrfOf(form.text), next: '/console/messages' });
  return { agent, res };
}

describe('console over HTTP (embedded, with ADMIN_API_KEY)', () => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald('memory', { ADMIN_API_KEY });
  });
  afterAll(() => h.close());

  test('when a page is opened without a session, then it goes to sign-in and says where to come back', async () => {
    const res = await request(h.app).get('/console/messages?status=failed').expect(303);
    expect(res.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fmessages%3Fstatus%3Dfailed');
    const form = await request(h.app).get(res.headers.location).expect(200);
    expect(form.text).toContain('<label for="admin-key">Admin API key</label>');
    expect(form.text).toContain('>Sign in</button>');
    expect(form.headers['content-security-policy']).toContain("script-src 'self'");
  });

  test('when the admin key is right, then the session cookie is HttpOnly, SameSite=Strict, not Secure on loopback http, and pages open', async () => {
    const { agent, res } = await signIn(h);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/messages');
    const session = setCookies(res).herald_session ?? '';
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/);
    const page = await agent.get('/console/messages').expect(200);
    expect(page.text).toContain('>Sign out</button>');
  });

  test('when the request names a non-loopback host, then the cookies are Secure', async () => {
    const form = await request(h.app).get('/console/sign-in').set('Host', 'herald.example.com').expect(200);
    const browser = setCookies(form).herald_browser;
    expect(browser).toMatch(/; Secure/);
    // a browser sends a Secure cookie only over https (a TLS proxy in front); supertest must be told
    const res = await request(h.app).post('/console/sign-in').set('Host', 'herald.example.com').set('Cookie', cookieValue(browser))
      .type('form').send({ key: ADMIN_API_KEY, _csrf: csrfOf(form.text) }).expect(303);
    expect(setCookies(res).herald_session).toMatch(/; Secure/);
  });

  test('when a form is posted without its CSRF token, or with another session\'s, then 403 and nothing changes', async () => {
    await h.herald.store.directory.putOrganization('csrf-org', { name: 'Csrf', active: true });
    const mine = await signInFresh(h);
    const theirs = await signInFresh(h);
    const theirToken = csrfOf((await theirs.get('/console/directory').expect(200)).text);
    for (const token of ['', 'forged', theirToken]) {
      const res = await mine.post('/console/directory/organizations/csrf-org/active').type('form').send({ active: 'false', _csrf: token });
      expect(res.status).toBe(403);
      expect(res.text).toContain('This form has expired');
    }
    expect((await h.herald.store.directory.getOrganization('csrf-org'))?.active).toBe(true);
    const ok = await mine.post('/console/directory/organizations/csrf-org/active').type('form').send({ active: 'false', _csrf: csrfOf((await mine.get('/console/directory')).text) });
    expect(ok.status).toBe(303);
    expect((await h.herald.store.directory.getOrganization('csrf-org'))?.active).toBe(false);
  });

  test('when an organization override is saved from its form, then the Mandrill key is write-only: masked on reads, kept when left empty', async () => {
    await h.herald.store.directory.putOrganization('o-override', { name: 'Override Org', active: true });
    const agent = await signInFresh(h);
    const page = await agent.get('/console/senders/order.submitted?organization=o-override&kind=custom-mandrill').expect(200);
    expect(page.text).toContain('<label for="cm-api-key">Mandrill API key');
    const form = { _csrf: csrfOf(page.text), organizationId: 'o-override', kind: 'custom-mandrill', apiKey: 'md-secret-key-0123456789', fromEmail: 'shop@override.example', fromName: 'Shop', mandrillTemplate: '', templateId: '', subject: '', cc: '' };
    await agent.post('/console/senders/order.submitted').type('form').send(form).expect(303);
    const stored = await agent.get('/console/senders/order.submitted?organization=o-override').expect(200);
    expect(stored.text).not.toContain('md-secret-key-0123456789');
    expect(stored.text).toContain('••••6789');
    // the matrix shows the override in its organization's column
    expect((await agent.get('/console/senders').expect(200)).text).toContain('order.submitted, override for o-override');
    // saved again with the key left empty: the stored key is kept (the sender still opens to it)
    await agent.post('/console/senders/order.submitted').type('form').send({ ...form, apiKey: '', fromName: 'Shop 2' }).expect(303);
    const opened = await h.herald.store.senders.getConfig('order.submitted', 'o-override');
    expect(opened?.config).toMatchObject({ kind: 'custom-mandrill', fromName: 'Shop 2' });
    const view = (await h.api().get('/v1/organizations/o-override/senders/order.submitted').set('Authorization', `Bearer ${ADMIN_API_KEY}`).expect(200)).body;
    expect(view.apiKey).toBe('••••6789');
    // a refused form says why and keeps what was typed (never the secret)
    const refused = await agent.post('/console/senders/order.submitted').type('form').send({ ...form, apiKey: 'md-another-secret-987654', fromEmail: 'not-an-email' }).expect(400);
    expect(refused.text).toContain('Not saved');
    expect(refused.text).toContain('fromEmail');
    expect(refused.text).toContain('value="not-an-email"');
    expect(refused.text).not.toContain('md-another-secret-987654');
    await agent.post('/console/senders/order.submitted/delete').type('form').send({ _csrf: form._csrf, organizationId: 'o-override' }).expect(303);
    expect(await h.herald.store.senders.getConfig('order.submitted', 'o-override')).toBeNull();
  });

  test('when a custom URL sender is saved from its form with a receiver dialect, then method, format, config data and its own retry and suspend rules are stored', async () => {
    const agent = await signInFresh(h);
    const page = await agent.get('/console/senders/order.shipped?kind=custom-url').expect(200);
    for (const label of ['Body format', 'Body template', 'Config data (JSON)', 'Retry schedule (seconds)', 'Suspend after failures', 'Within minutes']) expect(page.text).toContain(label);
    const form = {
      _csrf: csrfOf(page.text), organizationId: '', kind: 'custom-url', url: 'http://127.0.0.1:9/hooks/{orderId}', method: 'PUT', format: 'standard',
      bodyTemplate: '', configData: '{"shop": "north"}', retrySchedule: '5, 60, 300', suspendFailures: '4', suspendWithinMinutes: '360',
      sharedKey: '', headers: '', basicAuthUsername: '', basicAuthPassword: '', timeoutMs: '10000', cc: '',
    };
    // a new custom URL's generated shared key is shown once, on the page the save answers with
    expect((await agent.post('/console/senders/order.shipped').type('form').send(form).expect(200)).text).toMatch(/whsec_[A-Za-z0-9+/]{40,}/);
    const view = (await h.api().get('/v1/senders/order.shipped').set('Authorization', `Bearer ${ADMIN_API_KEY}`).expect(200)).body;
    expect(view).toMatchObject({ kind: 'custom-url', method: 'PUT', format: 'standard', configData: { shop: 'north' }, retry: { schedule: [5, 60, 300] }, suspend: { failures: 4, withinMinutes: 360 } });
    // broken JSON is refused with the field named, nothing stored
    const refused = await agent.post('/console/senders/order.shipped').type('form').send({ ...form, configData: '{not json' }).expect(400);
    expect(refused.text).toContain('configData');
    await agent.post('/console/senders/order.shipped/delete').type('form').send({ _csrf: form._csrf, organizationId: '' }).expect(303);
  });

  test('when signed out, then the session no longer opens anything', async () => {
    const agent = await signInFresh(h);
    const token = csrfOf((await agent.get('/console').expect(200)).text);
    const out = await agent.post('/console/sign-out').type('form').send({ _csrf: token }).expect(303);
    expect(out.headers.location).toBe('/console/sign-in?signedOut=1');
    expect(setCookies(out).herald_session).toMatch(/Expires=Thu, 01 Jan 1970/);
    await agent.get('/console').expect(303);
  });

  test('when signed in, then the outbox email and template previews open without a bearer key; without a session a browser is sent to sign in', async () => {
    await seedRecipient(h.api().set('Authorization', `Bearer ${ADMIN_API_KEY}`), { userId: 'u-outbox', orgId: 'o-outbox' });
    await h.api().post('/v1/events').set('Authorization', `Bearer ${ADMIN_API_KEY}`).send(orderSubmitted('u-outbox', { id: 'evt_console_outbox' })).expect(202);
    const message = await waitFor(async () => (await h.herald.store.messages.listForEvent('evt_console_outbox')).find((m) => m.status === 'sent'), 8000, 'the outbox message');
    const agent = await signInFresh(h);
    const email = await agent.get(`/v1/outbox/${message.id}.html`).expect(200);
    expect(email.text).toContain('PO-');
    await agent.get('/v1/templates/builtin.order.submitted/preview').expect(200);
    await request(h.app).get(`/v1/outbox/${message.id}.html`).set('Accept', 'text/html').expect(303);
    await request(h.app).get(`/v1/outbox/${message.id}.html`).set('Accept', 'application/json').expect(401);
    // the session opens pages, not the JSON API
    await agent.get('/v1/messages').expect(401);
    // the message page shows every template variable: the recipient's (stored) and the order's (from the event)
    const page = await agent.get(`/console/messages/${message.id}`).expect(200);
    const variables = page.text.slice(page.text.indexOf('Template variables'));
    expect(variables).toContain('&quot;firstname&quot;');
    expect(variables).toContain('&quot;orderid&quot;: &quot;PO-1001&quot;');
  });
});

describe('console session expiry', () => {
  let h: TestHerald;
  let clock = Date.now();
  beforeAll(async () => {
    h = await startTestHerald('memory', { ADMIN_API_KEY }, { now: () => new Date(clock) });
  });
  afterAll(() => h.close());

  test('when a session is older than its 8 hours, then it no longer opens the console', async () => {
    const agent = await signInFresh(h);
    await agent.get('/console').expect(200);
    clock += 8 * 60 * 60 * 1000 + 1000;
    await agent.get('/console').expect(303);
  });
});

describe('console sign-in limit', () => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald('memory', { ADMIN_API_KEY });
  });
  afterAll(() => h.close());

  test('when the key is wrong, then 401 with no session, and after 5 failures even the right key is refused for a while', async () => {
    const agent = request.agent(h.app);
    for (let i = 0; i < 5; i++) {
      const form = await agent.get('/console/sign-in');
      const res = await agent.post('/console/sign-in').type('form').send({ key: `wrong-${i}`, _csrf: csrfOf(form.text) });
      expect(res.status).toBe(401);
      expect(res.text).toContain('That is not the admin API key.');
      expect(setCookies(res).herald_session).toBeUndefined();
    }
    const { res } = await signIn(h, ADMIN_API_KEY, agent);
    expect(res.status).toBe(429);
    expect(res.text).toContain('Too many failed sign-ins');
    expect(setCookies(res).herald_session).toBeUndefined();
  });

});

describe('console over HTTP (embedded, no ADMIN_API_KEY)', () => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald('memory');
  });
  afterAll(() => h.close());

  test('when no admin key is configured, then the console opens without sign-in and shows no Sign out', async () => {
    const agent = request.agent(h.app);
    const page = await agent.get('/console').expect(200);
    expect(page.text).toContain('<h1>Overview</h1>');
    expect(page.text).not.toContain('Sign out');
    expect(page.text).toContain('href="/console/outbox"');
    await agent.get('/console/sign-in').expect(303);
  });

  test('when a form comes from elsewhere (no browser cookie, no token), then 403, also without a key', async () => {
    const res = await request(h.app).post('/console/directory/sample').type('form').send({});
    expect(res.status).toBe(403);
    expect(await h.herald.store.directory.getUser('buyer-1')).toBeNull();
  });

  test('when the messages page is filtered by recipient e-mail, then it uses the API\'s query rules', async () => {
    const agent = request.agent(h.app);
    await agent.get('/console/messages?recipientEmail=nobody%40example.com').expect(200);
    const bad = await agent.get('/console/messages?status=lost').expect(400);
    expect(bad.text).toContain('The filter is not valid');
  });
});

async function signInFresh(h: TestHerald) {
  const { agent, res } = await signIn(h);
  expect(res.status).toBe(303);
  return agent;
}

