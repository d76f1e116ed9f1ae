import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestHerald, type TestHerald } from '../support/harness';
import { uniquePrefix } from '../support/redis';

const ADMIN_API_KEY = 'admin-key-for-console-tests-0123456789';
const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

// Production: API processes behind a load balancer share Redis and SECRETS_KEY. A session made
// by one, and the CSRF tokens of its forms, must hold on any other.
describe('console sessions across API processes (Redis)', () => {
  let a: TestHerald;
  let b: TestHerald;
  beforeAll(async () => {
    const shared = { ADMIN_API_KEY, ROLE: 'api', REDIS_PREFIX: uniquePrefix(), SECRETS_KEY: randomBytes(32).toString('base64') };
    a = await startTestHerald('redis', shared);
    b = await startTestHerald('redis', shared);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  test('when a browser signs in on one process, then the next process knows the session, takes its forms, and forgets it after sign-out', async () => {
    const form = await request(a.app).get('/console/sign-in').expect(200);
    const browser = (form.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? '';
    const signedIn = await request(a.app).post('/console/sign-in').set('Cookie', browser).type('form').send({ key: ADMIN_API_KEY, _csrf: csrfOf(form.text) }).expect(303);
    const session = (signedIn.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? '';
    const cookies = `${browser}; ${session}`;

    const page = await request(b.app).get('/console/directory').set('Cookie', cookies).expect(200);
    await request(b.app).post('/console/directory/organizations').set('Cookie', cookies).type('form')
      .send({ _csrf: csrfOf(page.text), id: 'org-from-b', name: 'Made on B', active: 'on' }).expect(303);
    expect(await a.herald.store.directory.getOrganization('org-from-b')).toMatchObject({ name: 'Made on B', active: true });

    await request(a.app).post('/console/sign-out').set('Cookie', cookies).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    await request(b.app).get('/console/directory').set('Cookie', cookies).expect(303);
  });

  test('when failed sign-ins are spread over processes, then they count together', async () => {
    for (const [i, app] of [a.app, b.app, a.app, b.app, a.app].entries()) {
      const form = await request(app).get('/console/sign-in');
      const browser = (form.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? '';
      await request(app).post('/console/sign-in').set('Cookie', browser).type('form').send({ key: `wrong-${i}`, _csrf: csrfOf(form.text) }).expect(401);
    }
    const form = await request(b.app).get('/console/sign-in');
    const browser = (form.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? '';
    await request(b.app).post('/console/sign-in').set('Cookie', browser).type('form').send({ key: ADMIN_API_KEY, _csrf: csrfOf(form.text) }).expect(429);
  });
});
