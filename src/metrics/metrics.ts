import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client's default gauges named `*_total`, a suffix Prometheus reserves for counters
 * (`promtool check metrics` rejects them). Each is the sum of its labelled sibling without
 * the suffix (`nodejs_active_handles{type}` …), so nothing is lost: `sum(nodejs_active_handles)`.
 */
const GAUGES_NAMED_AS_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** Sources read when Prometheus scrapes (not kept up to date in between). */
export interface MetricSources {
  queueCounts: () => Promise<{ waiting: number; delayed: number; active: number; failed: number }>;
  heldMessages: () => Promise<number>;
  suspendedSenders: () => Promise<number>;
}

/** Herald's Prometheus metrics, on a registry of their own (no module-level singletons). */
export class Metrics {
  readonly registry = new Registry();
  readonly eventsAccepted = new Counter({ name: 'herald_events_accepted_total', help: 'Events accepted, by type', labelNames: ['type'], registers: [this.registry] });
  readonly messagesSettled = new Counter({
    name: 'herald_messages_total',
    help: 'Messages reaching a final status, by sender kind and status (sent, failed, skipped); a replay counts again',
    labelNames: ['sender_kind', 'status'],
    registers: [this.registry],
  });
  readonly attemptDuration = new Histogram({
    name: 'herald_attempt_duration_seconds',
    help: 'Delivery attempt duration, by sender kind and outcome',
    labelNames: ['sender_kind', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly renderDuration = new Histogram({
    name: 'herald_render_duration_seconds',
    help: 'Template render duration (compiled Handlebars), by template kind',
    labelNames: ['template'],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [this.registry],
  });

  constructor(sources?: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    for (const name of GAUGES_NAMED_AS_COUNTERS) this.registry.removeSingleMetric(name);
    if (!sources) return;
    new Gauge({
      name: 'herald_queue_jobs',
      help: 'Jobs in the queues, by state',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = await sources.queueCounts();
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'herald_held_messages',
      help: 'Messages held for suspended custom-url senders',
      registers: [this.registry],
      async collect() {
        this.set(await sources.heldMessages());
      },
    });
    new Gauge({
      name: 'herald_suspended_senders',
      help: 'Custom-url senders currently suspended',
      registers: [this.registry],
      async collect() {
        this.set(await sources.suspendedSenders());
      },
    });
  }
}
