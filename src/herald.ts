import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Queue as BullQueue } from 'bullmq';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { dispatch } from './delivery/dispatch';
import { MessageLifecycle } from './delivery/message-lifecycle';
import { replayMessage } from './delivery/requeue';
import { SenderChanges } from './delivery/sender-changes';
import { reapPending } from './delivery/reaper';
import { RetryPolicy } from './delivery/retry-policy';
import { builtinEventTypes } from './event-types/catalog';
import type { EventTypeCatalog } from './event-types/event-type-catalog';
import { AcceptEvent } from './events/accept-event';
import { ProcessEvent } from './events/process-event';
import { buildConsole } from './console/console';
import { buildApp, type HttpApp } from './http/app';
import { buildOpenApi } from './http/openapi';
import { Metrics } from './metrics/metrics';
import type { Queue } from './jobs/queue.port';
import { MemoryQueue } from './queue/memory.queue';
import { BullMqQueue } from './queue/bullmq.queue';
import { OfficialMandrillGateway } from './senders/mandrill.gateway';
import { builtinSenderKinds, type SenderKinds } from './senders/kinds/registry';
import type { AnySenderKind } from './senders/kinds/sender-kind.port';
import { OutboxSender } from './senders/outbox.sender';
import { senderKey } from './senders/sender-config.schema';
import { SenderConfigService } from './senders/sender-config.service';
import { MAX_RETRY_SCHEDULE_LENGTH } from './senders/sender-policy';
import type { MandrillGateway, WebhookGateway } from './senders/sender.port';
import { assertDeliverableUrl } from './senders/url-guard';
import { HttpWebhookGateway } from './senders/webhook.gateway';
import { SecretBox } from './shared/crypto';
import { Limiter } from './shared/limiter';
import { redactSecretFields } from './shared/logger';
import { createMemoryStore } from './store/memory/memory.store';
import { connectRedisStore } from './store/redis/redis.store';
import type { Store } from './stores.port';
import type { MjmlCompile } from './templates/mjml-compiler';
import { TemplateRegistry } from './templates/template-registry';
import type { TemplateRenderer } from './templates/template.port';
import { TemplateService } from './templates/template.service';
import { templateRoutes } from './http/routes/templates.route';

/** Replaceable parts, for tests and benchmarks. Everything else comes from the Config. */
export interface HeraldOverrides {
  store?: Store;
  queue?: Queue;
  mandrill?: MandrillGateway;
  webhook?: WebhookGateway;
  now?: () => Date;
  /** The event types Herald accepts (default: the built-in catalog). */
  eventTypes?: EventTypeCatalog;
  /** Sender kinds beyond the built-in ones (tests register fixture kinds). */
  senderKinds?: AnySenderKind[];
  /** MJML → HTML (default: the process's MJML thread); tests starting many Heralds share a memoized one. */
  mjmlCompile?: MjmlCompile;
  /**
   * Extra authenticated routers mounted on the API (e.g. the queue dashboard), given the
   * BullMQ queues when Herald built them (production mode), else null.
   */
  routers?: (parts: { bullQueues: BullQueue[] | null }) => Router[];
}

export interface Herald {
  app: HttpApp | null;
  store: Store;
  queue: Queue;
  metrics: Metrics;
  templates: TemplateRegistry;
  /** Starts consuming jobs (ROLE=worker or all). */
  startWorkers(): void;
  /** One reaper sweep (workers run it every 30 s): re-queues pending messages that lost their job. */
  reap(): Promise<number>;
  /** Stops taking jobs, lets running deliveries finish (bounded), closes connections. */
  close(): Promise<void>;
}

/** How often workers look for pending messages that lost their job. */
const REAPER_INTERVAL_MS = 30_000;

/** Builds every part of Herald from the configuration: the one composition root's body. */
export async function createHerald(config: Config, baseLogger: Logger, overrides: HeraldOverrides = {}): Promise<Herald> {
  const now = overrides.now ?? (() => new Date());
  const eventTypes = overrides.eventTypes ?? builtinEventTypes();
  const logger = redactSecretFields(baseLogger, eventTypes.secretFields);
  const policy = new RetryPolicy(config.retryScheduleMs);
  const store = overrides.store ?? (config.redisUrl ? await connectRedisStore(config.redisUrl, config.redisPrefix, config.retentionDays) : createMemoryStore());
  // Messages count their own attempts (the retry schedule, handed to the queue by the
  // handler). A job's own attempts and backoff are for infrastructure errors (a store
  // outage): 1 s doubling to at most a minute, for about an hour; the reaper covers the rest.
  // A sender's own schedule may be longer than the environment's (up to MAX_RETRY_SCHEDULE_LENGTH retries).
  const queueOptions = { maxAttempts: Math.max(policy.maxAttempts, MAX_RETRY_SCHEDULE_LENGTH + 1) + 60, backoff: (n: number) => Math.min(1000 * 2 ** Math.max(0, n - 1), 60_000) };
  const bullmq = !overrides.queue && config.redisUrl
    ? new BullMqQueue({ connection: config.redisUrl, prefix: config.redisPrefix, options: queueOptions, logger, lockMs: config.workerLockMs })
    : null;
  const queue = overrides.queue ?? bullmq ?? new MemoryQueue(queueOptions);
  const bullQueues = bullmq?.bullQueues() ?? null;
  const templates = await TemplateRegistry.create({ templatesDir: resolveTemplatesDir(), source: store.templates, eventTypes: eventTypes.all(), mjmlCompile: overrides.mjmlCompile });
  const secrets = new SecretBox(config.secretsKey);
  const kinds = builtinSenderKinds.with(...(overrides.senderKinds ?? []));
  const metrics = new Metrics({
    queueCounts: () => queue.counts(),
    heldMessages: () => store.messages.count('held'),
    suspendedSenders: async () => countSuspended(store, kinds),
  });

  const acceptEvent = new AcceptEvent({ store, queue, now, eventTypes });
  const dispatchDeps = {
    secrets, now, eventTypes,
    renderer: timed(templates, metrics),
    mandrill: overrides.mandrill ?? new OfficialMandrillGateway({ apiUrl: config.mandrillApiUrl }),
    webhook: overrides.webhook ?? new HttpWebhookGateway({ allowPrivateNetwork: config.allowPrivateNetworkUrls }),
    outbox: new OutboxSender(store.outbox, now),
    defaultMandrill: { apiKey: config.mandrillApiKey, from: config.defaultFrom, production: config.production },
  };
  const defaultTransport = config.mandrillApiKey || config.production ? 'mandrill' : 'outbox';
  const lifecycle = new MessageLifecycle({
    store, queue, now, logger, kinds,
    rule: policy,
    suspendAfterFailures: config.suspendAfterFailures,
    defaultTransport,
    send: (context) => dispatch(dispatchDeps, context),
    onAttempt: (m, a) => metrics.attemptDuration.observe({ sender_kind: m.sender.kind, outcome: a.outcome }, a.durationMs / 1000),
    // held is not final (the held-messages gauge shows it); a held message settles later
    onSettled: (m) => {
      if (m.status !== 'held') metrics.messagesSettled.inc({ sender_kind: m.sender.kind, status: m.status });
    },
  });
  const processEvent = new ProcessEvent({ store, lifecycle, eventTypes, now, logger, limiter: new Limiter(config.workerConcurrency) });
  const senders = new SenderConfigService({
    store, secrets, kinds,
    checkUrl: (url) => assertDeliverableUrl(url, { allowPrivateNetwork: config.allowPrivateNetworkUrls }),
    checkSubject: (subject) => templates.validateSubject(subject),
    eventTypes, now,
    policyDefaults: { retryScheduleMs: config.retryScheduleMs, suspendAfterFailures: config.suspendAfterFailures },
  });

  const requeueDeps = { store, queue, now };
  const senderChanges = new SenderChanges(senders, requeueDeps);
  const replay = (id: string) => replayMessage(requeueDeps, id);
  const templateService = new TemplateService(store, templates, eventTypes, kinds);
  const app =
    config.role === 'worker'
      ? null
      : buildApp({
          auth: { adminApiKey: config.adminApiKey, ingestApiKey: config.ingestApiKey },
          logger, store, acceptEvent, metrics, eventTypes, replay,
          senders: senderChanges,
          checks: { store: () => store.ping(), queue: () => queue.ping() },
          openapi: buildOpenApi(eventTypes),
          routers: [templateRoutes(templateService, eventTypes), ...(overrides.routers?.({ bullQueues }) ?? [])],
          // the console calls the very use cases the JSON API calls
          console: buildConsole({
            adminApiKey: config.adminApiKey, secretsKey: config.secretsKey,
            store, acceptEvent, replay, eventTypes, logger, now,
            senders: senderChanges, senderSecrets: senders, templates: templateService,
            queueCounts: () => queue.counts(),
            outboxInUse: defaultTransport === 'outbox',
          }),
        });

  let closing: Promise<void> | null = null;
  let reaper: NodeJS.Timeout | null = null;
  const reap = () => reapPending({ store, queue, now, logger });
  return {
    app, store, queue, metrics, templates, reap,
    startWorkers() {
      // Both bounded by WORKER_CONCURRENCY: process-event's events (batched, each with its
      // first attempt) through the shared limiter, retries by the deliver worker.
      queue.process('process-event', (job) => processEvent.handle(job.data.eventIds), config.workerConcurrency);
      queue.process('deliver', (job) => lifecycle.deliver(job), config.workerConcurrency);
      let sweeping = false;
      reaper = setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        reap()
          .catch((err: unknown) => logger.warn({ err }, 'reaper sweep failed; next one in 30 s'))
          .finally(() => (sweeping = false));
      }, REAPER_INTERVAL_MS).unref();
    },
    close() {
      closing ??= (async () => {
        if (reaper) clearInterval(reaper);
        await queue.close(config.shutdownTimeoutMs);
        await store.close();
      })();
      return closing;
    },
  };
}

/** Observes the render duration of every message (the compiled-Handlebars part only). */
function timed(renderer: TemplateRenderer, metrics: Metrics): TemplateRenderer {
  return {
    async render(ref, variables) {
      const end = metrics.renderDuration.startTimer({ template: ref.kind });
      try {
        return await renderer.render(ref, variables);
      } finally {
        end();
      }
    },
    renderSubject: (subject, variables) => renderer.renderSubject(subject, variables),
  };
}

async function countSuspended(store: Store, kinds: SenderKinds): Promise<number> {
  const configs = (await store.senders.listConfigs()).filter((c) => kinds.of(c.config).suspendable);
  const states = await Promise.all(configs.map((c) => store.senders.getState(senderKey(c.eventType, c.organizationId))));
  return states.filter((s) => s.suspendedAt !== null).length;
}

/** `templates/` sits at the repository root, both under ts (src/) and compiled (dist/src/). */
function resolveTemplatesDir(): string {
  const fromDist = join(__dirname, '..', '..', 'templates');
  const fromSrc = join(__dirname, '..', 'templates');
  return existsSync(fromSrc) ? fromSrc : fromDist;
}
