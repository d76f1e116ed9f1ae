import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { promtoolCheck, sample } from '../support/prometheus';
import { uniquePrefix } from '../support/redis';
import { freePort } from '../support/redis-server';
import { orderSubmitted, seedRecipient } from '../support/seed';
import { spawnHerald, type HeraldChild } from '../support/spawn-herald';

const delivered = (page: string): boolean =>
  sample(page, 'herald_messages_total', { sender_kind: 'custom-url', status: 'sent' }) !== undefined &&
  sample(page, 'herald_attempt_duration_seconds_count', { sender_kind: 'custom-url', outcome: 'success' }) !== undefined;

/** Every kind of process, run as an operator runs it, serves a /metrics page Prometheus accepts. */
describe('/metrics through promtool check metrics', () => {
  const children: HeraldChild[] = [];
  let rx: WebhookReceiver;
  beforeAll(async () => {
    rx = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(children.splice(0).map((c) => c.stop('SIGTERM')));
    await rx.close();
  });

  async function start(env: Record<string, string>, ready: string): Promise<HeraldChild> {
    const child = spawnHerald({ LOG_LEVEL: 'info', ALLOW_PRIVATE_NETWORK_URLS: 'true', ...env });
    children.push(child);
    await child.waitForOutput(ready, 30_000);
    return child;
  }

  /** A page with traffic in it: one event delivered to the receiver (histogram samples included). */
  async function deliverOne(apiUrl: string, eventId: string): Promise<void> {
    const api = request.agent(apiUrl);
    const { userId, orgId } = await seedRecipient(api, { userId: `u-${eventId}`, orgId: `o-${eventId}` });
    await api.put(`/v1/organizations/${orgId}/senders/order.submitted`).send({ kind: 'custom-url', url: `${rx.url}/${eventId}` }).expect(201);
    await api.post('/v1/events').send(orderSubmitted(userId, { id: eventId })).expect(202);
    await rx.waitFor(rx.requests.filter((r) => r.path === `/${eventId}`).length + 1, 20_000);
  }

  /** Scrapes `url` until `ready(page)` (the worker counts a delivery a moment after the receiver saw it), then runs promtool on the page. */
  async function checked(url: string, ready: (page: string) => boolean = () => true): Promise<string> {
    const deadline = Date.now() + 5000;
    let page = '';
    do {
      if (page) await new Promise((r) => setTimeout(r, 50));
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      page = await res.text();
    } while (!ready(page) && Date.now() < deadline);
    expect(promtoolCheck(page)).toEqual({ status: 0, output: '' });
    return page;
  }

  test('when an embedded process has delivered, then its /metrics passes promtool', async () => {
    const port = await freePort();
    await start({ PORT: String(port) }, 'Herald is listening');
    const url = `http://127.0.0.1:${port}`;
    await deliverOne(url, 'evt_promtool_embedded');
    const page = await checked(url, delivered);
    expect(sample(page, 'herald_attempt_duration_seconds_count', { sender_kind: 'custom-url', outcome: 'success' })).toBe(1);
    expect(sample(page, 'herald_messages_total', { sender_kind: 'custom-url', status: 'sent' })).toBe(1);
  }, 60_000);

  const redisUrl = process.env.HERALD_TEST_REDIS_URL;
  // jest.config.js has already said so loudly (or failed the run under REQUIRE_REDIS=1).
  const withRedis = redisUrl ? test : test.skip;

  withRedis('when an API and a worker process have delivered, then both /metrics pages pass promtool', async () => {
    const env = { REDIS_URL: redisUrl ?? '', REDIS_PREFIX: uniquePrefix(), SECRETS_KEY: randomBytes(32).toString('base64') };
    const [port, metricsPort] = [await freePort(), await freePort()];
    await start({ ...env, ROLE: 'api', PORT: String(port) }, 'Herald is listening');
    await start({ ...env, ROLE: 'worker', METRICS_PORT: String(metricsPort) }, 'worker metrics and health are listening');
    const [apiUrl, workerUrl] = [`http://127.0.0.1:${port}`, `http://127.0.0.1:${metricsPort}`];
    await deliverOne(apiUrl, 'evt_promtool_split');
    const workerPage = await checked(workerUrl, delivered);
    const apiPage = await checked(apiUrl);
    // the API accepted it, the worker delivered it: each counts its own part
    expect(sample(apiPage, 'herald_events_accepted_total', { type: 'order.submitted' })).toBe(1);
    expect(sample(workerPage, 'herald_attempt_duration_seconds_count', { sender_kind: 'custom-url', outcome: 'success' })).toBe(1);
    expect(sample(workerPage, 'herald_messages_total', { sender_kind: 'custom-url', status: 'sent' })).toBe(1);
  }, 90_000);
});
