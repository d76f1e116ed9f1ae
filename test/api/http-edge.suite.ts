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
  
    describe('when POST /v1/events takes the fast path or goes through express', () => {
      // `?via=express` and `application/*+json` are left to express; plain JSON takes the fast path.
      const fast = '/v1/events';
      const viaExpress = '/v1/events?via=express';
      const event = (id: string) => ({ id, type: 'user.password_reset', data: { userId: 'nobody', passwordResetUrl: 'https://shop.test/reset' } });
      const cases: Array<[string, number, (path: string, n: number) => request.Test]> = [
        ['a new event', 202, (path, n) => request(h.app).post(path).set(admin()).send(event(`fast-${n}`))],
        ['a duplicate', 200, (path) => request(h.app).post(path).set(admin()).send(event('fast-1'))],
        ['malformed JSON', 400, (path) => request(h.app).post(path).set(admin()).set('Content-Type', 'application/json').send('{"type": ')],
        ['a JSON string', 400, (path) => request(h.app).post(path).set(admin()).set('Content-Type', 'application/json').send('"order.submitted"')],
        ['an invalid event', 400, (path) => request(h.app).post(path).set(admin()).send({ type: 'order.submitted', data: {}, extra: true })],
        ['no key', 401, (path) => request(h.app).post(path).send(event('fast-nokey'))],
        ['a wrong key', 401, (path) => request(h.app).post(path).set('Authorization', `Bearer ${INGEST}x`).send(event('fast-wrong'))],
        ['the ingest key', 202, (path, n) => request(h.app).post(path).set('Authorization', `Bearer ${INGEST}`).send(event(`fast-ingest-${n}`))],
        ['a declared length over 1 MiB', 413, (path) => request(h.app).post(path).set(admin()).set('Content-Type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }))],
        ['a UTF-8 byte order mark', 202, (path, n) => request(h.app).post(path).set(admin()).set('Content-Type', 'application/json').send(`\uFEFF${JSON.stringify(event(`fast-bom-${n}`))}`)],
        ['Content-Length: 00', 400, (path) => request(h.app).post(path).set(admin()).set('Content-Type', 'application/json').set('Content-Length', '00').send('')],
      ];
      test.each(cases)('then %s gets the same answer (%d)', async (_name, expected, send) => {
        const a = await send(fast, 1);
        const b = await send(viaExpress, 2);
        expect([a.status, b.status]).toEqual([b.status, expected]);
        expect(a.headers['content-type']).toBe(b.headers['content-type']);
        expect(a.headers['x-request-id']).toMatch(/^req_/);
        expect(a.headers.etag).toBeUndefined();
        // ids differ per request, and a duplicate's status moves on (accepted → processed) as it is processed
        const shape = (body: { id?: string; status?: string; duplicate?: boolean }) => ({
          ...body,
          ...(body.id ? { id: 'ID' } : {}),
          ...(body.duplicate ? { status: ['accepted', 'processed'].includes(body.status ?? '') ? 'ACCEPTED OR PROCESSED' : body.status } : {}),
        });
        expect(shape(a.body as object)).toEqual(shape(b.body as object));
      });

      test('then a `+json` media type, a charset and a chunked body are all accepted', async () => {
        const plus = await request(h.app).post(fast).set(admin()).set('Content-Type', 'application/vnd.herald+json').send(JSON.stringify(event('fast-plus')));
        expect(plus.status).toBe(202);
        const charset = await request(h.app).post(fast).set(admin()).set('Content-Type', 'application/json; charset=UTF-8').send(JSON.stringify(event('fast-charset')));
        expect(charset.status).toBe(202);
        const chunked = request(h.app).post(fast).set(admin()).set('Content-Type', 'application/json');
        chunked.write(JSON.stringify(event('fast-chunked')).slice(0, 10));
        chunked.write(JSON.stringify(event('fast-chunked')).slice(10));
        expect((await chunked).status).toBe(202);
      });

      test('then a client that uploads a large body before reading gets its 401 or 413, and the connection stays usable', async () => {
        const server = h.app.listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        try {
          const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/events`;
          const big = JSON.stringify({ pad: 'x'.repeat(4 * 1024 * 1024) });
          // fetch sends the whole body before it reads: closing early made it fail with EPIPE
          for (let i = 0; i < 5; i++) {
            const tooBig = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...admin() }, body: big });
            expect(tooBig.status).toBe(413);
            const noKey = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
            expect(noKey.status).toBe(401);
            expect(noKey.headers.get('connection')).not.toBe('close');
          }
        } finally {
          server.closeAllConnections();
          server.close();
        }
      });

      test('then the request id is echoed and the 4xx is logged with it', async () => {
        const res = await request(h.app).post(fast).set(admin()).set('X-Request-Id', 'fast-log-1').send({ type: 'nope' });
        expect(res.status).toBe(400);
        expect(res.headers['x-request-id']).toBe('fast-log-1');
        const line = h.logs.find((l) => l.includes('"fast-log-1"'));
        expect(line).toBeDefined();
        expect(JSON.parse(line as string)).toMatchObject({ req: { method: 'POST', url: '/v1/events' }, res: { statusCode: 400 }, msg: 'request completed' });
      });
    });
  });
}
