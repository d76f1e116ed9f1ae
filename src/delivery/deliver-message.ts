import type { Logger } from 'pino';
import { AppError } from '../shared/errors';
import { RetryLaterError, type JobContext, type Queue } from '../queue/queue.port';
import type { DeliveryResult } from '../senders/sender.port';
import type { Store } from '../store/store.port';
import { excerpt } from '../senders/http-result';
import type { SenderKinds } from '../senders/kinds/registry';
import type { ResolvedSender } from '../senders/route-message';
import { senderKey, type SenderState } from '../senders/sender-config.schema';
import { dispatch, type DispatchDeps, type DispatchInput } from './dispatch';
import { leaseLeft, leaseUntil } from './lease';
import { recipientAndSender } from './recipient-and-sender';
import { deliverJob, releaseHeld } from './replay';
import type { AttemptRecord, MessageRecord } from './message.record';
import type { RetryPolicy } from './retry-policy';
import { Suspension } from './suspension';

export interface DeliverMessageDeps extends DispatchDeps {
  store: Store;
  queue: Queue;
  policy: RetryPolicy;
  suspendAfterFailures: number;
  kinds: SenderKinds;
  logger: Logger;
  /** Observes every attempt (metrics). */
  onAttempt?: (message: MessageRecord, attempt: AttemptRecord) => void;
  /** Observes every final status: sent, failed, skipped, held. */
  onSettled?: (message: MessageRecord) => void;
}

/**
 * Everything one attempt needs, loaded (or just made) and checked. A first attempt may read
 * its sender's state through process-event's batch (at most a second old, dropped after any
 * failed attempt): a stale "suspended" is released again at once (`releaseIfFree` reads
 * afresh); a success resets the failure count whatever the cached state said.
 */
export type DeliveryContext = DispatchInput & { cachedSenderState?: { read(): Promise<SenderState>; forget(): void } };

/**
 * Delivers a message: re-check the recipient and the sender, claim the attempt (a lease),
 * send once, record the attempt, and leave the message sent, failed, held or pending with
 * the retry delay handed to the queue. Jobs of settled messages do nothing.
 */
export class DeliverMessage {
  private readonly suspension: Suspension;

  constructor(private readonly deps: DeliverMessageDeps) {
    this.suspension = new Suspension(deps.store, deps.suspendAfterFailures);
  }

  /** The `deliver` job: retries, replays, released held messages, crash recovery. */
  async handle(job: JobContext<'deliver'>): Promise<void> {
    const context = await this.load(job.data.messageId);
    // A job of an older delivery cycle (the message was replayed or released since) is done.
    if (!context || (job.data.cycle !== undefined && job.data.cycle !== (context.message.cycle ?? 0))) return;
    const now = this.deps.now();
    const left = Math.max(leaseLeft(context.message.leaseUntil, now), dueIn(context.message, now));
    // An attempt may still be in flight, or the next one is not due yet: look again then.
    if (left > 0) throw new RetryLaterError(left + 100, 'not due yet, or an attempt is in flight');
    const claimed = await this.deps.store.updateMessageIf(context.message.id, context.message, { leaseUntil: leaseUntil(context.sender, now) });
    if (!claimed) throw new RetryLaterError(250, 'the message changed meanwhile');
    await this.attemptReleasing({ ...context, message: claimed });
  }

  /**
   * The first attempt, made by process-event right after it created the message (with this
   * attempt's lease): one job per message instead of two. A retry becomes a `deliver` job.
   */
  async deliverFirst(context: DeliveryContext): Promise<void> {
    try {
      await this.attemptReleasing(context);
    } catch (err) {
      if (!(err instanceof RetryLaterError)) throw err;
      await this.deps.queue.add('deliver', ...deliverJob(context.message, err.delayMs));
    }
  }

  /**
   * An attempt that fails unexpectedly (a store outage) gives its lease back, so the job's
   * own retry can try again at once instead of waiting the lease out.
   */
  private async attemptReleasing(context: DeliveryContext): Promise<void> {
    try {
      await this.attempt(context);
    } catch (err) {
      if (!(err instanceof RetryLaterError)) {
        await this.deps.store.updateMessage(context.message.id, { leaseUntil: null }).catch(() => undefined);
      }
      throw err;
    }
  }

  /** Loads a pending message with its event, recipient and sender; settles it when it cannot go. */
  private async load(messageId: string): Promise<DeliveryContext | null> {
    const { store } = this.deps;
    const message = await store.getMessage(messageId);
    if (message?.status === 'held') await this.releaseIfFree(message);
    if (!message || message.status !== 'pending') return null;
    const event = await store.getEvent(message.eventId);
    if (!event) return this.settle(message, { status: 'failed', reason: 'event_expired' }).then(() => null);
    const { check, sender } = await recipientAndSender(store, message.recipient.userId, message.type, this.deps.kinds);
    if (!check.ok) return this.settle(message, { status: 'skipped', reason: check.reason }).then(() => null);
    if (!sender.kindModule.delivers) return this.settle(message, { status: 'skipped', reason: 'sender_disabled' }).then(() => null);
    return { message, event, user: check.user, organization: check.organization, sender };
  }

  /** One try, under the message's lease. The schedule counts attempts since the cycle began. */
  private async attempt(context: DeliveryContext): Promise<void> {
    const { store, policy } = this.deps;
    const { message, sender } = context;
    const cached = context.cachedSenderState;
    const state = sender.kindModule.suspendable ? await (cached ? cached.read() : store.getSenderState(sender.key)) : null;
    if (state?.suspendedAt) return this.hold(message, sender);

    const startedAt = this.deps.now();
    const { result, transport } = await this.send(context);
    const attempt = toAttempt(message.attemptCount + 1, startedAt, Date.now() - startedAt.getTime(), result);
    this.deps.onAttempt?.(message, attempt);
    const base = {
      attemptCount: attempt.number,
      transport,
      sender: { kind: sender.kind, scope: sender.scope, organizationId: sender.organizationId },
      leaseUntil: null,
    };

    if (result.outcome === 'success') {
      // The attempt is stored by the script that settles the message. A cached state may
      // predate failures counted since, so then the count is always reset (auto-pipelined
      // with the settle: no extra round trip).
      const cleared = state && (cached || state.consecutiveFailures > 0) ? this.suspension.recordSuccess(sender.key) : null;
      await Promise.all([cleared, this.settle(message, { ...base, status: 'sent', reason: null, nextAttemptAt: null, lastError: null }, attempt)]);
      return;
    }
    await store.appendAttempt(message.id, attempt);
    const failure = { ...base, lastError: result.error };
    const suspended = sender.kindModule.suspendable && (await this.suspension.recordFailure(sender.key, result.statusCode, this.deps.now()));
    cached?.forget(); // the failure count (and maybe the suspension) changed: later attempts read afresh
    if (suspended) {
      this.deps.logger.warn({ sender: sender.key, messageId: message.id }, 'custom-url sender suspended');
      return this.hold((await store.updateMessage(message.id, failure, message)) ?? message, sender);
    }
    if (result.outcome === 'permanent') return this.settle(message, { ...failure, status: 'failed', reason: 'permanent_failure', nextAttemptAt: null });
    const made = attempt.number - message.cycleStart;
    if (made >= policy.maxAttempts) {
      return this.settle(message, { ...failure, status: 'failed', reason: 'retries_exhausted', nextAttemptAt: null });
    }
    const delayMs = policy.delayBefore(made, result.retryAfterMs);
    const nextAttemptAt = new Date(this.deps.now().getTime() + delayMs).toISOString();
    await store.updateMessage(message.id, { ...failure, nextAttemptAt }, message);
    throw new RetryLaterError(delayMs, `attempt ${attempt.number} failed: ${result.error}`);
  }

  /**
   * Rendering or opening a secret can throw (template deleted, key rotated): permanent. A
   * retryable error (the store or the MJML thread unavailable) is not the message's fault: it
   * propagates, the lease is given back and the job tries again.
   */
  private async send(input: DeliveryContext) {
    try {
      return await dispatch(this.deps, input);
    } catch (err) {
      if (err instanceof AppError && err.retryable) throw err;
      const error = err instanceof Error ? err.message : String(err);
      this.deps.logger.error({ err, messageId: input.message.id }, 'could not prepare the message');
      return { transport: input.message.transport, result: { outcome: 'permanent', statusCode: null, error, response: null } as DeliveryResult };
    }
  }

  private async hold(message: MessageRecord, sender: ResolvedSender): Promise<void> {
    await this.deps.store.markHeld(sender.key, message.id);
    const held = await this.deps.store.updateMessage(message.id, { status: 'held', reason: 'sender_suspended', nextAttemptAt: null, leaseUntil: null }, message);
    if (held) this.deps.onSettled?.(held);
    // A resume, a delete or a switch to another kind may have run meanwhile: then release it.
    await this.releaseIfFree(held ?? message);
  }

  /** Releases a held message whose sender is no longer suspended, or no longer suspendable. */
  private async releaseIfFree(message: MessageRecord): Promise<void> {
    const { store } = this.deps;
    const organizationId = message.sender.scope === 'organization' ? message.sender.organizationId : null;
    const key = senderKey(message.type, organizationId);
    const [state, config] = await Promise.all([store.getSenderState(key), store.getSenderConfig(message.type, organizationId)]);
    if (!state.suspendedAt || !config || !this.deps.kinds.of(config.config).suspendable) await releaseHeld(this.deps, key, message.id);
  }

  private async settle(message: MessageRecord, patch: Partial<MessageRecord>, attempt?: AttemptRecord): Promise<void> {
    const updated = await this.deps.store.updateMessage(message.id, patch, message, attempt);
    if (updated) this.deps.onSettled?.(updated);
  }
}

/** Milliseconds until the message's next attempt is due; within a second counts as due. */
function dueIn(message: MessageRecord, now: Date): number {
  const left = message.nextAttemptAt === null ? 0 : Date.parse(message.nextAttemptAt) - now.getTime();
  return left > 1000 ? left : 0;
}

function toAttempt(number: number, startedAt: Date, durationMs: number, result: DeliveryResult): AttemptRecord {
  return {
    number,
    startedAt: startedAt.toISOString(),
    durationMs,
    outcome: result.outcome,
    statusCode: result.statusCode,
    error: result.outcome === 'success' ? null : result.error,
    response: excerpt(result.response),
  };
}
