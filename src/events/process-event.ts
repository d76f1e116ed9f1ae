import type { Logger } from 'pino';
import type { MessageRecord, SkipReason, Transport } from '../delivery/message.record';
import { messageIdFor } from '../shared/ids';
import type { DeliveryContext } from '../delivery/deliver-message';
import { deliverJob } from '../delivery/replay';
import { leaseLeft, leaseUntil } from '../delivery/lease';
import { PermanentJobError, type Queue } from '../queue/queue.port';
import type { Limiter } from '../shared/limiter';
import { recipientAndSender } from '../delivery/recipient-and-sender';
import { batchReader, sliceLoader, type BatchReader } from './batch-reader';
import type { SenderKinds } from '../senders/kinds/registry';
import type { ResolvedSender } from '../senders/route-message';
import type { Store } from '../store/store.port';
import { variablesOf } from '../variables/resolve-variables';
import type { EventRecord } from './event.record';
import { eventInputSchema, type EventInput } from './event.schema';
import { recipientsOf } from './recipients';

export interface ProcessEventDeps {
  store: Store;
  queue: Queue;
  now: () => Date;
  logger: Logger;
  /** Whether default-mandrill messages go to Mandrill (a default key is set) or the dev outbox. */
  defaultTransport: 'mandrill' | 'outbox';
  kinds: SenderKinds;
  onMessageCreated?: (message: MessageRecord) => void;
  /** Makes the first delivery attempt of a message this job just created. */
  deliverFirst: (context: DeliveryContext) => Promise<void>;
  /** Bounds the events processed at once across all jobs (a batch can hold many). */
  limiter: Limiter;
}

/**
 * The `process-event` job (SPEC §3.2-3.4): one message per recipient, skipped with a reason
 * or pending with its variables resolved, then its first delivery attempt. Safe to run
 * twice: message ids are derived from the event and recipient, and only the run that created
 * a message delivers it inline; a later run finding it still pending queues a `deliver` job.
 */
export class ProcessEvent {
  constructor(private readonly deps: ProcessEventDeps) {}

  /** Every event of the batch, at most `limiter` at once; fails (to be retried) if any failed. */
  async handle(eventIds: string[]): Promise<void> {
    const reader = batchReader(this.deps.store);
    // Each event (with its first attempts) under the limiter; the events are read a slice at a
    // time as their turn comes, so a worker holding many batches keeps few events in memory.
    const events = sliceLoader(eventIds, async (ids) => {
      const records = await this.deps.store.getEvents(ids);
      // their recipients in one round trip too, read as each event's turn comes
      reader.primeUsers(records.flatMap(recipientIdsOf));
      return records;
    });
    const results = await Promise.allSettled(eventIds.map((id) => this.deps.limiter.run(async () => this.processOne(id, await events(id), reader))));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const err of failed.filter((e) => e instanceof PermanentJobError)) this.deps.logger.error({ err }, 'process-event: event dropped');
    // Anything else (a store outage) retries the whole batch: finished events are no-ops then.
    const retryable = failed.find((e) => !(e instanceof PermanentJobError));
    if (retryable !== undefined) throw retryable;
  }

  private async processOne(eventId: string, record: EventRecord | null, reader: BatchReader): Promise<void> {
    const { store, logger } = this.deps;
    if (!record) {
      logger.warn({ eventId }, 'process-event: event not found (expired?)');
      await store.markEventProcessed(eventId);
      return;
    }
    const parsed = eventInputSchema.safeParse({ id: record.id, type: record.type, occurredAt: record.occurredAt, data: record.data });
    if (!parsed.success) throw new PermanentJobError(`stored event ${eventId} no longer validates`);
    const deliveries: (() => Promise<void>)[] = [];
    const recipients = recipientsOf(parsed.data);
    // The last message's write also marks the event processed (one round trip less): before
    // the first attempts, so a duplicate post meanwhile does not queue them again.
    for (const [i, userId] of recipients.entries()) {
      const deliver = await this.createMessage(record, parsed.data, userId, reader, i === recipients.length - 1);
      if (deliver) deliveries.push(deliver);
    }
    if (recipients.length === 0) await store.markEventProcessed(eventId);
    await Promise.all(deliveries.map((deliver) => deliver()));
  }

  /** Creates (or finds) the message; returns its first delivery when this run created it. */
  private async createMessage(record: EventRecord, event: EventInput, userId: string, reader: BatchReader, last: boolean): Promise<(() => Promise<void>) | null> {
    const now = this.deps.now();
    const base = {
      id: messageIdFor(record.id, userId, Date.parse(record.receivedAt)),
      eventId: record.id,
      type: record.type,
      attemptCount: 0,
      nextAttemptAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      lastError: null,
      cycleStart: 0,
      cycle: 0,
      leaseUntil: null,
    };
    const { check, sender } = await recipientAndSender(reader, userId, record.type, this.deps.kinds);
    const organizationId = check.user?.organizationId ?? null;
    const recipient = { userId, email: check.user?.email ?? null };
    const senderRef = { kind: sender.kind, scope: sender.scope, organizationId: sender.organizationId };
    const skip = (reason: SkipReason): MessageRecord => ({
      ...base, status: 'skipped', reason, organizationId, recipient, sender: senderRef, transport: null, variables: null, template: null,
    });
    if (!check.ok || !sender.kindModule.delivers) {
      await this.save(skip(check.ok ? 'sender_disabled' : check.reason), last);
      return null;
    }
    // Variables feed email templates; a custom URL receives the stored event data instead.
    const variables = sender.kindModule.usesVariables ? variablesOf(event, { user: check.user, organization: check.organization, now }) : null;
    const message: MessageRecord = {
      ...base,
      status: 'pending',
      reason: null,
      organizationId,
      recipient,
      sender: senderRef,
      transport: this.transportOf(sender),
      variables,
      template: await this.pinTemplate(sender),
      nextAttemptAt: now.toISOString(),
      // Created with the first attempt's lease: this run sends it, right after.
      leaseUntil: leaseUntil(sender, now),
    };
    const { created, stored } = await this.save(message, last);
    if (created) {
      const key = sender.key;
      const cachedSenderState = sender.kindModule.suspendable ? { read: () => reader.getSenderState(key), forget: () => reader.forgetSenderState(key) } : undefined;
      return () => this.deps.deliverFirst({ message: stored, event: record, user: check.user, organization: check.organization, sender, cachedSenderState });
    }
    // Found still pending (a duplicate post, or a rerun after a crash): a deliver job takes it
    // over once the lease of any attempt in flight has run out, so nothing is sent twice.
    if (stored.status === 'pending') {
      const delayMs = leaseLeft(stored.leaseUntil, now);
      await this.deps.queue.add('deliver', ...deliverJob(stored, delayMs));
    }
    return null;
  }

  private async save(message: MessageRecord, markEventProcessed: boolean): Promise<{ created: boolean; stored: MessageRecord }> {
    const { created, message: stored } = await this.deps.store.createMessage(message, { markEventProcessed });
    if (created) this.deps.onMessageCreated?.(stored);
    return { created, stored };
  }

  private transportOf(sender: ResolvedSender): Transport | null {
    return sender.kindModule.transport(this.deps.defaultTransport);
  }

  /** Messages keep the stored-template version current at their creation (SPEC issue 5). */
  private async pinTemplate(sender: ResolvedSender): Promise<MessageRecord['template']> {
    const templateId = sender.kindModule.storedTemplate(sender.config);
    if (!templateId) return null;
    const template = await this.deps.store.getTemplate(templateId);
    return template ? { id: template.id, version: template.version } : null;
  }
}

/** The recipients of a stored event, for reading them ahead; [] when its data is not as expected. */
function recipientIdsOf(record: EventRecord): string[] {
  try {
    return recipientsOf({ type: record.type, data: record.data } as EventInput).filter((id) => typeof id === 'string');
  } catch {
    return [];
  }
}
