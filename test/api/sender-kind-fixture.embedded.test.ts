import { recordingKind } from '../fixtures/kinds/recording/recording.kind';
import { startTestHerald, waitFor, type TestHerald } from '../support/harness';
import { orderSubmitted, seedRecipient } from '../support/seed';

const TOKEN = 'rec-token-SECRET-r3c0';

type Message = { id: string; status: string; reason: string | null; sender: { kind: string; scope: string }; attempts: { outcome: string; error: string | null; response: string | null }[] };

// Issue 10 item 2: a new sender kind is one folder. This one lives in the test folder and is
// registered through createHerald's `senderKinds` override; nothing else in Herald names it.
describe('a sender kind registered from outside src/', () => {
  const recording = recordingKind();
  let h: TestHerald;

  beforeAll(async () => {
    h = await startTestHerald('memory', {}, { senderKinds: [recording.kind] });
  });
  afterAll(() => h.close());

  async function settledMessage(eventId: string): Promise<Message> {
    return waitFor(async () => {
      const id = (await h.api().get(`/v1/events/${eventId}`)).body.messages?.[0]?.id as string | undefined;
      const message = id ? ((await h.api().get(`/v1/messages/${id}`)).body as Message) : undefined;
      return message?.status !== 'pending' && message;
    }, 5000, `the message of ${eventId}`);
  }

  it('when it is configured for an event type and an event is posted, then the message is delivered through it', async () => {
    const { userId, email } = await seedRecipient(h.api(), { userId: 'buyer-rec', orgId: 'org-rec' });
    const put = await h.api().put('/v1/senders/order.submitted').send({ kind: 'recording', channel: 'ops', token: TOKEN }).expect(201);
    expect(put.body).toMatchObject({ eventType: 'order.submitted', scope: 'global', kind: 'recording', channel: 'ops', token: '••••r3c0' });

    await h.api().post('/v1/events').send(orderSubmitted(userId, { id: 'evt_rec_1', orderId: 'PO-REC-1' })).expect(202);
    const message = await settledMessage('evt_rec_1');

    expect(message).toMatchObject({ status: 'sent', sender: { kind: 'recording', scope: 'global' } });
    expect(message.attempts).toEqual([expect.objectContaining({ outcome: 'success', response: 'recorded on ops' })]);
    expect(recording.sent).toEqual([
      expect.objectContaining({ messageId: message.id, eventId: 'evt_rec_1', to: email, channel: 'ops', token: TOKEN }),
    ]);
    // It uses template variables: they were resolved and stored with the message.
    expect(recording.sent[0].variables).toMatchObject({ orderid: 'PO-REC-1', firstname: 'Ada' });
  });

  it('when it is read back, then its secret is masked and was sealed at rest', async () => {
    await h.api().put('/v1/senders/user.password_reset').send({ kind: 'recording', channel: 'resets', token: TOKEN }).expect(201);
    const got = await h.api().get('/v1/senders/user.password_reset').expect(200);
    expect(got.body).toMatchObject({ kind: 'recording', channel: 'resets', token: '••••r3c0' });
    expect(JSON.stringify(got.body)).not.toContain(TOKEN);
    const stored = await h.herald.store.senders.getConfig('user.password_reset', null);
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });

  it('when its send throws an error naming its secret, then the message fails and neither the attempt nor the logs show the secret', async () => {
    const { userId } = await seedRecipient(h.api(), { userId: 'buyer-rec-2', orgId: 'org-rec-2' });
    await h.api().put('/v1/organizations/org-rec-2/senders/order.submitted').send({ kind: 'recording', channel: 'ops', token: TOKEN, fail: true }).expect(201);

    await h.api().post('/v1/events').send(orderSubmitted(userId, { id: 'evt_rec_2' })).expect(202);
    const message = await settledMessage('evt_rec_2');

    expect(message).toMatchObject({ status: 'failed', reason: 'permanent_failure', sender: { kind: 'recording', scope: 'organization' } });
    expect(message.attempts).toEqual([expect.objectContaining({ outcome: 'permanent', error: 'channel ops refused token [redacted]' })]);
    expect(h.logs.join('\n')).not.toContain(TOKEN);
  });

  it('when a Herald without it is asked for it, then the kind is refused like any unknown kind', async () => {
    const plain = await startTestHerald('memory');
    try {
      const res = await plain.api().put('/v1/senders/order.submitted').send({ kind: 'recording', channel: 'ops', token: TOKEN }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'kind' }] });
    } finally {
      await plain.close();
    }
  });
});
