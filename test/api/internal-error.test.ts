import { createMemoryStore } from '../../src/store/memory/memory.store';
import { MemoryEvents } from '../../src/store/memory/events';
import { startTestHerald } from '../support/harness';

/** A store that fails the way a bug would: a plain Error carrying something private. */
class BrokenEvents extends MemoryEvents {
  override async get(): Promise<never> {
    throw new Error('db password hunter2 at /srv/secret/path.ts:12');
  }
}

describe('internal errors', () => {
  test('when something unexpected fails, then 500 internal with no message, stack or secret, and it is logged', async () => {
    const h = await startTestHerald('memory', {}, { store: createMemoryStore(undefined, { events: new BrokenEvents() }) });
    try {
      const res = await h.api().get('/v1/events/evt_x').set('X-Request-Id', 'req-boom');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        error: { code: 'internal', message: 'Something went wrong; the request id is in the X-Request-Id header' },
      });
      expect(res.text).not.toContain('hunter2');
      expect(res.text).not.toMatch(/\.ts:\d+/);
      expect(h.logs.join('\n')).toContain('req-boom');
    } finally {
      await h.close();
    }
  });
});
