import type { Logger } from 'pino';
import { checkRecipient } from '../directory/assert-active';
import type { MessageRecord, SkipReason, Transport } from '../delivery/message.record';
import { messageIdFor } from '../shared/ids';
import { PermanentJobError, type Queue } from '../queue/queue.port';
import { routeMessage, type ResolvedSender } from '../senders/route-message';
import type { Store } from '../store/store.port';
import { resolveVariables } from '../variables/resolve-variables';
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
  onMessageCreated?: (message: MessageRecord) => void;
}

/** The deliver job id: one pending delivery per message. */
export const deliverJobId = (messageId: string): string => `msg-${messageId}`;

/**
 * The `process-event` job (SPEC §3.2-3.4): one message per recipient, skipped with a reason
 * or pending with its variables resolved and a `deliver` job queued. Safe to run twice:
 * message ids are derived from the event and recipient.
 */
export class ProcessEvent {
  constructor(private readonly deps: ProcessEventDeps) {}

  async handle(eventId: string): Promise<void> {
    const { store, logger } = this.deps;
    const record = await store.getEvent(eventId);
    if (!record) {
      logger.warn({ eventId }, 'process-event: event not found (expired?)');
      return;
    }
    const parsed = eventInputSchema.safeParse({ id: record.id, type: record.type, occurredAt: record.occurredAt, data: record.data });
    if (!parsed.success) throw new PermanentJobError(`stored event ${eventId} no longer validates`);
    for (const userId of recipientsOf(parsed.data)) {
      await this.createMessage(record, parsed.data, userId);
    }
    await store.markEventProcessed(eventId);
  }

  private async createMessage(record: EventRecord, event: EventInput, userId: string): Promise<void> {
    const { store } = this.deps;
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
    };
    const check = await checkRecipient(store, userId);
    const organizationId = check.user?.organizationId ?? null;
    const recipient = { userId, email: check.user?.email ?? null };
    const sender = await routeMessage(store, record.type, check.ok ? organizationId : null);
    const senderRef = { kind: sender.kind, scope: sender.scope, organizationId: sender.organizationId };
    const skip = (reason: SkipReason): MessageRecord => ({
      ...base, status: 'skipped', reason, organizationId, recipient, sender: senderRef, transport: null, variables: null, template: null,
    });
    if (!check.ok) {
      await this.save(skip(check.reason), false);
      return;
    }
    if (sender.kind === 'disabled') {
      await this.save(skip('sender_disabled'), false);
      return;
    }
    const variables = resolveVariables(event.type, event.data, { user: check.user, organization: check.organization, now });
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
    };
    await this.save(message, true);
  }

  private async save(message: MessageRecord, deliver: boolean): Promise<void> {
    const { created, message: stored } = await this.deps.store.createMessage(message);
    if (created) this.deps.onMessageCreated?.(stored);
    // A redelivered job re-enqueues a still-pending message; the job id dedupes.
    if (deliver && stored.status === 'pending') {
      await this.deps.queue.add('deliver', { messageId: stored.id }, { jobId: deliverJobId(stored.id) });
    }
  }

  private transportOf(sender: ResolvedSender): Transport {
    switch (sender.config.kind) {
      case 'custom-url':
        return 'http';
      case 'custom-mandrill':
        return 'mandrill';
      case 'default-mandrill':
        return this.deps.defaultTransport;
      case 'disabled':
        return 'mandrill';
      default: {
        const never: never = sender.config;
        return never;
      }
    }
  }

  /** Messages keep the stored-template version current at their creation (SPEC issue 5). */
  private async pinTemplate(sender: ResolvedSender): Promise<MessageRecord['template']> {
    const config = sender.config;
    if ((config.kind !== 'default-mandrill' && config.kind !== 'custom-mandrill') || !config.templateId) return null;
    const template = await this.deps.store.getTemplate(config.templateId);
    return template ? { id: template.id, version: template.version } : null;
  }
}
