import { startTestHerald, waitFor, type TestHerald } from '../support/harness';
import { passwordReset, seedRecipient } from '../support/seed';

const RESET_TOKEN = 'SECRET-TOKEN-123';
const CODE = '482913';

// SPEC §7 and §8: the outbox shows the email as sent, but its JSON reads mask reset secrets.
describe('dev outbox (memory)', () => {
  let h: TestHerald;
  let entry: Record<string, unknown> & { messageId: string; htmlUrl: string; textUrl: string };

  beforeAll(async () => {
    h = await startTestHerald('memory');
    await seedRecipient(h.api(), { userId: 'buyer-reset', orgId: 'acme-reset' });
    await h.api().post('/v1/events').send(passwordReset('buyer-reset', { id: 'evt_reset_outbox' })).expect(202);
    entry = await waitFor(async () => {
      const list = await h.api().get('/v1/outbox').expect(200);
      return (list.body.data as (typeof entry)[]).find((e) => e.eventId === 'evt_reset_outbox');
    }, 5000, 'the password-reset email in the outbox');
  });
  afterAll(() => h.close());

  it('when the outbox is listed, then a password-reset entry has links but neither the reset URL nor the code', async () => {
    const list = await h.api().get('/v1/outbox').expect(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(RESET_TOKEN);
    expect(text).not.toContain(CODE);
    expect(entry).not.toHaveProperty('html');
    expect(entry).not.toHaveProperty('text');
    expect(entry).toMatchObject({
      type: 'user.password_reset',
      to: { email: 'buyer-reset@acme.example' },
      htmlUrl: `/v1/outbox/${entry.messageId}.html`,
      textUrl: `/v1/outbox/${entry.messageId}.txt`,
    });
  });

  it('when one entry is read as JSON, then it has the links and not the bodies or the secrets', async () => {
    const res = await h.api().get(`/v1/outbox/${entry.messageId}`).expect(200);
    expect(res.body).toMatchObject({ messageId: entry.messageId, htmlUrl: entry.htmlUrl, textUrl: entry.textUrl });
    expect(res.body).not.toHaveProperty('html');
    expect(res.body).not.toHaveProperty('text');
    expect(JSON.stringify(res.body)).not.toContain(RESET_TOKEN);
    expect(JSON.stringify(res.body)).not.toContain(CODE);
  });

  it('when the .html and .txt views are opened, then they show the email exactly as sent, reset link and code included', async () => {
    const html = await h.api().get(entry.htmlUrl).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain(`href="https://shop.example/reset?t&#x3D;${RESET_TOKEN}"`);
    expect(html.text).toContain(CODE);
    const text = await h.api().get(entry.textUrl).expect(200);
    expect(text.headers['content-type']).toMatch(/text\/plain/);
    expect(text.text).toContain(RESET_TOKEN);
    expect(text.text).toContain(CODE);
  });

  it('when an unknown message is asked for, then it is 404 in every view', async () => {
    await h.api().get('/v1/outbox/msg_nope').expect(404);
    await h.api().get('/v1/outbox/msg_nope.html').expect(404);
    await h.api().get('/v1/outbox/msg_nope.txt').expect(404);
  });
});
