import { queueDashboard } from '../../src/http/routes/queue-dashboard.route';
import { startTestHerald, type TestHerald } from '../support/harness';

const ADMIN = 'admin-key-0123456789abcdef';
const INGEST = 'ingest-key-0123456789abcdef';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('admin queue dashboard (/admin/queues)', () => {
  let t: TestHerald;

  beforeAll(async () => {
    t = await startTestHerald('redis', { ADMIN_API_KEY: ADMIN, INGEST_API_KEY: INGEST }, { routers: ({ bullQueues }) => queueDashboard(bullQueues) });
  });

  afterAll(async () => {
    await t?.close();
  });

  test('when no key is sent, then 401 asks the browser for basic auth', async () => {
    const res = await t.api().get('/admin/queues').expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Herald"/);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test('when the ingest key is sent, then 403', async () => {
    const res = await t.api().get('/admin/queues').set('Authorization', `Bearer ${INGEST}`).expect(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  test('when a wrong basic-auth password is sent, then 401 asks again', async () => {
    const res = await t.api().get('/admin/queues').set('Authorization', basic('ops', 'not-the-key')).expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Herald"/);
  });

  test.each([
    ['a bearer admin key', `Bearer ${ADMIN}`],
    ['the admin key as basic-auth password (any username)', basic('anyone', ADMIN)],
  ])('when %s is sent, then the dashboard page is served', async (_what, authorization) => {
    const res = await t.api().get('/admin/queues').set('Authorization', authorization).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Herald queues');
  });

  test('when the dashboard lists queues, then process-event and deliver are there with their job counts', async () => {
    const res = await t.api().get('/admin/queues/api/queues').set('Authorization', basic('ops', ADMIN)).expect(200);
    const queues = (res.body as { queues: { name: string; counts: Record<string, number> }[] }).queues;
    expect(queues.map((q) => q.name).sort()).toEqual(['deliver', 'process-event']);
    for (const q of queues) expect(q.counts).toEqual(expect.objectContaining({ waiting: expect.any(Number), failed: expect.any(Number) }));
  });

  test('when an API path is called without a key, then 401 carries no browser prompt and basic auth is not accepted there', async () => {
    const res = await t.api().get('/v1/messages').expect(401);
    expect(res.headers['www-authenticate']).toBeUndefined();
    await t.api().get('/v1/messages').set('Authorization', basic('ops', ADMIN)).expect(401);
  });
});
