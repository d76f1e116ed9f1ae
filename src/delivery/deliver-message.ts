import type { Logger } from 'pino';
import { checkRecipient } from '../directory/assert-active';
import { RetryLaterError, type JobContext } from '../queue/queue.port';
import { routeMessage } from '../senders/route-message';
import type { DeliveryResult } from '../senders/sender.port';
import type { Store } from '../store/store.port';
import { dispatch, type DispatchDeps } from './dispatch';
import type { AttemptRecord, MessageRecord } from './message.record';
import type { RetryPolicy } from './retry-policy';
import { Suspension } from './suspension';

export interface DeliverMessageDeps extends DispatchDeps {
  store: Store;
  policy: RetryPolicy;
  suspendAfterFailures: number;
  logger: Logger;
  /** Observes every attempt (metrics). */
  onAttempt?: (message: MessageRecord, attempt: AttemptRecord) => void;
  /** Observes every final status: sent, failed, skipped, held. */
  onSettled?: (message: MessageRecord) => void;
}

const EXCERPT_LIMIT = 1024;

/**
 * The `deliver` job: load the message, re-check the recipient and the sender, send once,
 * record the attempt, and leave the message sent, failed, held or pending with the retry
 * delay handed to the queue. Redelivered jobs of settled messages do nothing.
 */
export class DeliverMessage {
  private readonly suspension: Suspension;

  constructor(private readonly deps: DeliverMessageDeps) {
    this.suspension = new Suspension(deps.store, deps.suspendAfterFailures);
  }

  async handle(job: JobContext<'deliver'>): Promise<void> {
    const { store } = this.deps;
    const message = await store.getMessage(job.data.messageId);
    if (!message || message.status !== 'pending') return;
    const event = await store.getEvent(message.eventId);
    if (!event) return this.settle(message, { status: 'failed', reason: 'event_expired' });
    const check = await checkRecipient(store, message.recipient.userId);
    if (!check.ok) return this.settle(message, { status: 'skipped', reason: check.reason });
    const sender = await routeMessage(store, message.type, check.user.organizationId);
    if (sender.kind === 'disabled') return this.settle(message, { status: 'skipped', reason: 'sender_disabled' });
    if (sender.kind === 'custom-url' && (await this.suspension.isSuspended(sender.key))) {
      return this.hold(message, sender.key);
    }

    const startedAt = this.deps.now();
    const { result, transport } = await this.send({ message, event, user: check.user, organization: check.organization, sender });
    const attempt = toAttempt(message.attemptCount + 1, startedAt, Date.now() - startedAt.getTime(), result);
    await store.appendAttempt(message.id, attempt);
    this.deps.onAttempt?.(message, attempt);
    const base = {
      attemptCount: attempt.number,
      transport,
      sender: { kind: sender.kind, scope: sender.scope, organizationId: sender.organizationId },
    };

    if (result.outcome === 'success') {
      if (sender.kind === 'custom-url') await this.suspension.recordSuccess(sender.key);
      return this.settle(message, { ...base, status: 'sent', reason: null, nextAttemptAt: null, lastError: null });
    }
    const failure = { ...base, lastError: result.error };
    if (sender.kind === 'custom-url' && (await this.suspension.recordFailure(sender.key, result.statusCode, this.deps.now()))) {
      this.deps.logger.warn({ sender: sender.key, messageId: message.id }, 'custom-url sender suspended');
      await store.updateMessage(message.id, failure);
      return this.hold(message, sender.key);
    }
    if (result.outcome === 'permanent') return this.settle(message, { ...failure, status: 'failed', reason: 'permanent_failure', nextAttemptAt: null });
    if (job.attemptsMade + 1 >= job.maxAttempts) {
      return this.settle(message, { ...failure, status: 'failed', reason: 'retries_exhausted', nextAttemptAt: null });
    }
    const delayMs = this.deps.policy.delayBefore(job.attemptsMade + 1, result.retryAfterMs);
    const nextAttemptAt = new Date(this.deps.now().getTime() + delayMs).toISOString();
    await store.updateMessage(message.id, { ...failure, nextAttemptAt });
    throw new RetryLaterError(delayMs, `attempt ${attempt.number} failed: ${result.error}`);
  }

  /** Rendering or opening a secret can throw (template deleted, key rotated): permanent. */
  private async send(input: Parameters<typeof dispatch>[1]) {
    try {
      return await dispatch(this.deps, input);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.deps.logger.error({ err, messageId: input.message.id }, 'could not prepare the message');
      return { transport: input.message.transport, result: { outcome: 'permanent', statusCode: null, error, response: null } as DeliveryResult };
    }
  }

  private async hold(message: MessageRecord, senderKey: string): Promise<void> {
    await this.deps.store.markHeld(senderKey, message.id);
    await this.settle(message, { status: 'held', reason: 'sender_suspended', nextAttemptAt: null });
  }

  private async settle(message: MessageRecord, patch: Partial<MessageRecord>): Promise<void> {
    const updated = await this.deps.store.updateMessage(message.id, patch);
    if (updated) this.deps.onSettled?.(updated);
  }
}

function toAttempt(number: number, startedAt: Date, durationMs: number, result: DeliveryResult): AttemptRecord {
  return {
    number,
    startedAt: startedAt.toISOString(),
    durationMs,
    outcome: result.outcome,
    statusCode: result.statusCode,
    error: result.outcome === 'success' ? null : result.error,
    response: result.response === null ? null : excerpt(result.response),
  };
}

/** At most 1 KiB of UTF-8, never cutting a character in half. */
export function excerpt(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= EXCERPT_LIMIT) return text;
  return bytes.subarray(0, EXCERPT_LIMIT).toString('utf8').replace(/\uFFFD$/, '');
}
