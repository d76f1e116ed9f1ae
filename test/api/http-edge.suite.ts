import request from 'supertest';
import { startTestHerald, type Driver, type TestHerald } from '../support/harness';

const ADMIN = 'admin-key-0123456789abcdef';
const INGEST = 'ingest-key-0123456789abcdef';

/** SPEC §4 edge behaviour: body limits, media types, the error envelope, auth scopes, health. */
export function httpEdgeSuite(driver: Driver): void {
  describe(`HTTP edge (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver, { ADMIN_API_KEY: ADMIN, INGEST_API_KEY: INGEST });
    });
    afterAll(() => h.close());
    const admin = () => ({ Authorization: `Bearer ${ADMIN}` });

    test('when a body is over 1 MiB, then 413 payload_too_large', async () => {
      const big = JSON.stringify({ type: 'order.submitted', data: { pad: 'x'.repeat(1024 * 1024) } });
      const res = await request(h.app).post('/v1/events').set(admin()).set('Content-Type', 'application/json').send(big);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });

    test('when the body is not JSON, then 415 unsupported_media_type', async () => {
      const res = await request(h.app).post('/v1/events').set(admin()).set('Content-Type', 'text/plain').send('hello');
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    });

    test('when the JSON is malformed, then 400 with the envelope and no stack trace', async () => {
      const res = await request(h.app).post('/v1/events').set(admin()).set('Content-Type', 'application/json').send('{"type": ');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 'validation_failed', message: 'The body is not valid JSON' } });
      expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
    });

    test('when no key is sent, then 401 unauthorized', async () => {
      const res = await request(h.app).get('/v1/messages');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    test('when a wrong key is sent, then 401', async () => {
      const res = await request(h.app).get('/v1/messages').set('Authorization', `Bearer ${ADMIN}x`);
      expect(res.status).toBe(401);
    });

    test('when the ingest key reads messages, then 403 forbidden; it may post events', async () => {
      const read = await request(h.app).get('/v1/messages').set('Authorization', `Bearer ${INGEST}`);
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('forbidden');
      const post = await request(h.app).post('/v1/events').set('Authorization', `Bearer ${INGEST}`).send({ type: 'nope' });
      expect(post.status).toBe(400);
    });

    test('when a route does not exist, then 404 not_found in the envelope', async () => {
      const res = await request(h.app).get('/v1/nothing-here').set(admin());
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    test('when a request carries X-Request-Id, then the response echoes it; else one is generated', async () => {
      const given = await request(h.app).get('/healthz').set('X-Request-Id', 'abc-123');
      expect(given.headers['x-request-id']).toBe('abc-123');
      const generated = await request(h.app).get('/healthz');
      expect(generated.headers['x-request-id']).toMatch(/^req_/);
    });

    test('when health is asked without a key, then /healthz and /readyz answer 200', async () => {
      await request(h.app).get('/healthz').expect(200, { status: 'ok' });
      const ready = await request(h.app).get('/readyz').expect(200);
      expect(ready.body.checks).toEqual({ store: 'ok', queue: 'ok' });
    });

    test('when /openapi.json is fetched, then it is OpenAPI 3.1 with the event schema', async () => {
      const res = await request(h.app).get('/openapi.json').expect(200);
      expect(res.body.openapi).toBe('3.1.0');
      expect(res.body.paths['/v1/events'].post).toBeDefined();
      expect(JSON.stringify(res.body.components.schemas.Event)).toContain('order.submitted');
    });

    test('when API responses are sent, then they carry no ETag', async () => {
      const res = await request(h.app).get('/healthz');
      expect(res.headers.etag).toBeUndefined();
    });

    test('when an authorized request is logged, then the bearer key is not in the logs', async () => {
      await request(h.app).get('/v1/messages').set(admin()).expect(200);
      expect(h.logs.join('\n')).not.toContain(ADMIN);
    });
  });
}
