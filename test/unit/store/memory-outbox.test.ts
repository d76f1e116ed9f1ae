import { MemoryOutbox } from '../../../src/store/memory/outbox';

describe('the embedded dev outbox', () => {
  it('when more emails arrive than it keeps, then the oldest are dropped and the newest listed', async () => {
    const outbox = new MemoryOutbox(3);
    for (let n = 1; n <= 5; n++) {
      await outbox.put({
        messageId: `msg_${n}`, eventId: `evt_${n}`, type: 'order.submitted', from: { email: 'f@x.example', name: 'F' }, to: { email: 't@x.example', name: 'T' },
        cc: [], subject: `s${n}`, html: '<p>h</p>', text: 't', createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
      });
    }
    expect((await outbox.list(10)).map((e) => e.messageId)).toEqual(['msg_5', 'msg_4', 'msg_3']);
    expect(await outbox.get('msg_1')).toBeNull();
  });
});
