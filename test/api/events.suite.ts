import request from 'supertest';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { waitForIdle } from '../support/idle';
import { orderSubmitted, passwordReset, seedRecipient } from '../support/seed';

/** `POST /v1/events` validation and idempotency, `GET /v1/events/{id}`. */
export function eventsSuite(driver: Driver): void {
  describe(`events (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver);
      await seedRecipient(h.api());
    });
    afterAll(() => h.close());

    test('when a valid event is posted, then 202 accepted with its id', async () => {
      const res = await h.api().post('/v1/events').send(orderSubmitted('buyer-1', { id: 'evt_accept_1' }));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: 'evt_accept_1', status: 'accepted' });
    });

    test('when no id is given, then one is generated as evt_…', async () => {
      const res = await h.api().post('/v1/events').send(orderSubmitted('buyer-1')).expect(202);
      expect(res.body.id).toMatch(/^evt_/);
    });

    test('when the same id is posted again, then 200 duplicate and no second message is made', async () => {
      await h.api().post('/v1/events').send(orderSubmitted('buyer-1', { id: 'evt_dup' })).expect(202);
      await waitFor(async () => (await h.api().get('/v1/events/evt_dup')).body.status === 'processed');
      const again = await h.api().post('/v1/events').send(orderSubmitted('buyer-1', { id: 'evt_dup' }));
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ id: 'evt_dup', status: 'processed', duplicate: true });
      await waitForIdle(h.herald);
      const event = await h.api().get('/v1/events/evt_dup').expect(200);
      expect(event.body.messages).toHaveLength(1);
    });

    test('when the same new id is posted concurrently, then exactly one 202', async () => {
      const body = orderSubmitted('buyer-1', { id: 'evt_race' });
      const results = await Promise.all(Array.from({ length: 8 }, () => request(h.app).post('/v1/events').send(body)));
      expect(results.filter((r) => r.status === 202)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    });

    test.each([
      ['an unknown type', { type: 'order.lost', data: {} }, 'type'],
      ['a missing userId', { type: 'order.submitted', data: { ...orderSubmitted('x').data, userId: undefined } }, 'data.userId'],
      ['a string total', { type: 'order.submitted', data: { ...orderSubmitted('x').data, order: { ...orderSubmitted('x').data.order, total: '113.25' } } }, 'data.order.total'],
      ['an empty line item list', { type: 'order.submitted', data: { ...orderSubmitted('x').data, lineItems: [] } }, 'data.lineItems'],
      ['a bad reset URL', { type: 'user.password_reset', data: { userId: 'x', passwordResetUrl: 'not a url' } }, 'data.passwordResetUrl'],
      ['a bad event id', { ...orderSubmitted('x'), id: 'has spaces' }, 'id'],
    ])('when the event has %s, then 400 names it', async (_what, body, path) => {
      const res = await h.api().post('/v1/events').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    test('when a number is not finite (1e999), then 400', async () => {
      const text = JSON.stringify(orderSubmitted('x')).replace('"total":113.25', '"total":1e999');
      const res = await h.api().post('/v1/events').set('Content-Type', 'application/json').send(text);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('data.order.total');
    });

    test.each(['__proto__', 'constructor'])('when data holds a %s key, then 400 names its path', async (key) => {
      const text = JSON.stringify(orderSubmitted('x')).replace('"xp":{', `"xp":{"${key}":{"polluted":true},`);
      const res = await h.api().post('/v1/events').set('Content-Type', 'application/json').send(text);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(`data.order.xp.${key}`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    test('when an event is read back, then unknown data keys are kept and reset secrets are masked', async () => {
      await h.api().post('/v1/events').send(orderSubmitted('buyer-1', { id: 'evt_read' })).expect(202);
      const order = await waitFor(async () => {
        const r = await h.api().get('/v1/events/evt_read');
        return r.body.status === 'processed' && r.body;
      });
      expect(order).toMatchObject({ id: 'evt_read', type: 'order.submitted', occurredAt: '2026-11-20T10:00:00Z' });
      expect(order.data.channelNote).toBe('kept as posted');
      expect(order.receivedAt).toEqual(expect.any(String));
      expect(order.messages[0]).toMatchObject({ eventId: 'evt_read', status: expect.any(String), recipient: { userId: 'buyer-1' } });

      await h.api().post('/v1/events').send(passwordReset('buyer-1', { id: 'evt_reset_read' })).expect(202);
      const reset = await h.api().get('/v1/events/evt_reset_read').expect(200);
      expect(reset.body.data.passwordResetUrl).toBe('••••');
      expect(reset.body.data.verificationCode).toBe('••••');
      expect(JSON.stringify(reset.body)).not.toContain('SECRET-TOKEN-123');
    });

    test('when a password reset is processed, then neither the reset URL nor the code reaches the logs', async () => {
      await h.api().post('/v1/events').send(passwordReset('buyer-1', { id: 'evt_reset_logs' })).expect(202);
      await waitFor(async () => (await h.api().get('/v1/events/evt_reset_logs')).body.messages?.[0]?.status === 'sent');
      const logs = h.logs.join('\n');
      expect(logs).not.toContain('SECRET-TOKEN-123');
      expect(logs).not.toContain('482913');
    });

    test('when an unknown event is read, then 404', async () => {
      await h.api().get('/v1/events/evt_nope').expect(404);
    });
  });
}
