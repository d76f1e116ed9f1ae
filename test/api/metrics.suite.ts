import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor, type Driver, type TestHerald } from '../support/harness';
import { sample } from '../support/prometheus';
import { orderSubmitted, seedRecipient } from '../support/seed';

/** Issue 6: `/metrics` shows what an operator needs after real traffic. */
export function metricsSuite(driver: Driver): void {
  describe(`metrics (${driver})`, () => {
    let h: TestHerald;
    let rx: WebhookReceiver;
    let page = '';

    beforeAll(async () => {
      rx = await startWebhookReceiver();
      h = await startTestHerald(driver);
      // one recipient delivered through custom-url, one through the default sender (dev outbox, rendered)
      const hooked = await seedRecipient(h.api(), { userId: 'metrics-hooked', orgId: 'metrics-org-hooked' });
      await h.api().put(`/v1/organizations/${hooked.orgId}/senders/order.submitted`).send({ kind: 'custom-url', url: `${rx.url}/in` }).expect(201);
      const mailed = await seedRecipient(h.api(), { userId: 'metrics-mailed', orgId: 'metrics-org-mailed' });
      await h.api().post('/v1/events').send(orderSubmitted(hooked.userId, { id: 'evt_metrics_hook' })).expect(202);
      await h.api().post('/v1/events').send(orderSubmitted(mailed.userId, { id: 'evt_metrics_mail' })).expect(202);
      await rx.waitFor(1);
      page = await waitFor(async () => {
        const text = (await h.api().get('/metrics').expect(200)).text;
        const sent = (kind: string) => sample(text, 'herald_messages_total', { sender_kind: kind, status: 'sent' }) ?? 0;
        return sent('custom-url') >= 1 && sent('default-mandrill') >= 1 && text;
      }, 8000, 'both messages sent in /metrics');
    });
    afterAll(async () => {
      await h.close();
      await rx.close();
    });

    test('when events were accepted, then /metrics counts them by type', () => {
      expect(sample(page, 'herald_events_accepted_total', { type: 'order.submitted' })).toBe(2);
    });

    test('when messages were delivered, then /metrics counts them by sender kind and final status', () => {
      expect(sample(page, 'herald_messages_total', { sender_kind: 'custom-url', status: 'sent' })).toBe(1);
      expect(sample(page, 'herald_messages_total', { sender_kind: 'default-mandrill', status: 'sent' })).toBe(1);
    });

    test('when messages were delivered, then the attempt and render histograms have counts', () => {
      expect(sample(page, 'herald_attempt_duration_seconds_count', { sender_kind: 'custom-url', outcome: 'success' })).toBe(1);
      expect(sample(page, 'herald_attempt_duration_seconds_count', { sender_kind: 'default-mandrill', outcome: 'success' })).toBe(1);
      expect(sample(page, 'herald_attempt_duration_seconds_bucket', { sender_kind: 'custom-url', le: '+Inf' })).toBe(1);
      expect(sample(page, 'herald_render_duration_seconds_count', { template: 'builtin' })).toBeGreaterThanOrEqual(1);
    });

    test('when scraped, then the queue, held and suspended gauges are read at scrape time', () => {
      for (const state of ['waiting', 'delayed', 'active', 'failed']) {
        expect(sample(page, 'herald_queue_jobs', { state })).toEqual(expect.any(Number));
      }
      expect(sample(page, 'herald_held_messages')).toBe(0);
      expect(sample(page, 'herald_suspended_senders')).toBe(0);
    });

    test('when scraped, then the default process metrics are there too', () => {
      expect(page).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(sample(page, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      expect(page).toContain('nodejs_eventloop_lag_seconds');
    });

    test('when scraped, then no gauge carries the _total suffix Prometheus reserves for counters', () => {
      const gauges = [...page.matchAll(/^# TYPE (\S+) gauge$/gm)].map((m) => m[1]);
      expect(gauges.length).toBeGreaterThan(5);
      expect(gauges.filter((name) => name?.endsWith('_total'))).toEqual([]);
      expect(page).toContain('# TYPE nodejs_active_handles gauge');
    });
  });
}
