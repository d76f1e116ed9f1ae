import { startTestHerald, type TestHerald } from '../support/harness';
import { hugePreview } from '../support/huge-preview';

/** Issue 11: previews render off the event loop, so the API keeps answering during a huge one. */
describe('template previews and the event loop (memory)', () => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald('memory');
  });
  afterAll(() => h.close());

  test('when a huge preview renders, then /healthz and other requests answer quickly meanwhile', async () => {
    const { template, data } = hugePreview(2000, 12);
    await h.api().put('/v1/templates/huge').send(template).expect(201);
    let previewDone = 0;
    const preview = h.api().post('/v1/templates/huge/render').send({ type: 'order.submitted', data }).then((res) => {
      previewDone = Date.now();
      return res;
    });
    // the event loop's longest stall while the preview renders
    let stall = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      stall = Math.max(stall, Date.now() - last - 10);
      last = Date.now();
    }, 10);
    try {
      await new Promise((r) => setTimeout(r, 300));
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        await h.api().get('/healthz').expect(200);
        latencies.push(Date.now() - started);
        await h.api().get('/v1/templates/huge').expect(200);
      }
      const answeredAt = Date.now();
      const res = await preview;
      // it really was rendering all along: the preview ended after the last /healthz
      expect(previewDone).toBeGreaterThan(answeredAt);
      expect([200, 422]).toContain(res.status);
      expect(Math.max(...latencies)).toBeLessThan(500);
      expect(stall).toBeLessThan(500);
    } finally {
      clearInterval(ticker);
    }
  }, 60_000);
});
