import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { orderSubmitted, passwordReset, seedRecipient } from '../support/seed';

type Listed = { id: string; status: string; type: string; organizationId: string | null };

/** `GET /v1/messages` filters and cursor pagination; `POST /v1/messages/{id}/retry`. */
export function messagesSuite(driver: Driver): void {
  describe(`messages (${driver})`, () => {
    let h: TestHerald;
    beforeAll(async () => {
      h = await startTestHerald(driver);
      await seedRecipient(h.api(), { userId: 'u-a', orgId: 'org-a' });
      await seedRecipient(h.api(), { userId: 'u-b', orgId: 'org-b' });
      for (let i = 0; i < 6; i++) {
        await h.api().post('/v1/events').send(orderSubmitted(i % 2 ? 'u-a' : 'u-b', { id: `evt_list_${i}` })).expect(202);
      }
      await h.api().post('/v1/events').send(passwordReset('u-a', { id: 'evt_list_reset' })).expect(202);
      await h.api().post('/v1/events').send(orderSubmitted('nobody', { id: 'evt_list_skip' })).expect(202);
      await waitFor(async () => {
        const all = (await h.api().get('/v1/messages?limit=200')).body.data as Listed[];
        return all.length === 8 && all.every((m) => m.status !== 'pending');
      }, 8000, '8 settled messages');
    });
    afterAll(() => h.close());

    test('when filtered by status, type and organization, then only matching messages come back', async () => {
      const skipped = (await h.api().get('/v1/messages?status=skipped').expect(200)).body.data as Listed[];
      expect(skipped.map((m) => m.status)).toEqual(['skipped']);
      const resets = (await h.api().get('/v1/messages?type=user.password_reset').expect(200)).body.data as Listed[];
      expect(resets).toHaveLength(1);
      const orgA = (await h.api().get('/v1/messages?organizationId=org-a&type=order.submitted').expect(200)).body.data as Listed[];
      expect(orgA).toHaveLength(3);
      expect(orgA.every((m) => m.organizationId === 'org-a' && m.type === 'order.submitted')).toBe(true);
    });

    test('when filtered by recipient e-mail, then only that recipient\'s messages come back, whatever the case', async () => {
      const email = (await h.api().get('/v1/users/u-a').expect(200)).body.email as string;
      const mine = (await h.api().get(`/v1/messages?recipientEmail=${encodeURIComponent(email.toUpperCase())}`).expect(200)).body.data as Array<Listed & { recipient: { email: string } }>;
      expect(mine.length).toBeGreaterThanOrEqual(4);
      expect(mine.every((m) => m.recipient.email === email)).toBe(true);
      const resets = (await h.api().get(`/v1/messages?recipientEmail=${encodeURIComponent(email)}&type=user.password_reset`).expect(200)).body.data as Listed[];
      expect(resets).toHaveLength(1);
      expect((await h.api().get('/v1/messages?recipientEmail=nobody%40example.com').expect(200)).body.data).toEqual([]);
    });

    test('when a filter value is invalid, then 400', async () => {
      const res = await h.api().get('/v1/messages?status=lost');
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('status');
    });

    test('when paging while new messages arrive, then every message is seen exactly once, newest first', async () => {
      const first = await h.api().get('/v1/messages?limit=3').expect(200);
      expect(first.body.data).toHaveLength(3);
      await h.api().post('/v1/events').send(orderSubmitted('u-a', { id: 'evt_list_late' })).expect(202);
      await waitFor(async () => (await h.api().get('/v1/events/evt_list_late')).body.messages?.length === 1);
      const seen: Listed[] = [...first.body.data];
      let cursor: string | null = first.body.nextCursor;
      while (cursor) {
        const page = await h.api().get(`/v1/messages?limit=3&cursor=${encodeURIComponent(cursor)}`).expect(200);
        seen.push(...page.body.data);
        cursor = page.body.nextCursor;
      }
      expect(seen).toHaveLength(8);
      expect(new Set(seen.map((m) => m.id)).size).toBe(8);
      const newest = (await h.api().get('/v1/messages?limit=1')).body.data[0] as Listed;
      expect(seen.map((m) => m.id)).not.toContain(newest.id);
    });

    test('when a sent message is retried, then it is delivered again as attempt 2 of the same message', async () => {
      const sent = (await h.api().get('/v1/messages?status=sent&type=user.password_reset')).body.data[0] as Listed;
      const res = await h.api().post(`/v1/messages/${sent.id}/retry`).expect(202);
      expect(res.body.id).toBe(sent.id);
      const detail = await waitFor(async () => {
        const d = (await h.api().get(`/v1/messages/${sent.id}`)).body;
        return d.attempts.length === 2 && d.status === 'sent' && d;
      });
      expect(detail.attemptCount).toBe(2);
    });

    test('when a skipped message is retried, then 409 says why', async () => {
      const skipped = (await h.api().get('/v1/messages?status=skipped')).body.data[0] as Listed;
      const res = await h.api().post(`/v1/messages/${skipped.id}/retry`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/failed or sent/);
    });

    test('when an unknown message is read or retried, then 404', async () => {
      await h.api().get('/v1/messages/msg_nope').expect(404);
      await h.api().post('/v1/messages/msg_nope/retry').expect(404);
    });
  });
}
