import type { Logger } from 'pino';
import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import { deliverJob } from '../jobs/job-catalog';
import { RetryLaterError, type JobContext, type Queue } from '../jobs/queue.port';
import { excerpt } from '../senders/http-result';
import type { SenderKinds } from '../senders/kinds/registry';
import type { ResolvedSender } from '../senders/route-message';
import { senderKey, type SenderState } from '../senders/sender-config.schema';
import type { DeliveryResult } from '../senders/sender.port';
import { AppError } from '../shared/errors';
import type { Store } from '../stores.port';
import type { DispatchOutcome } from './dispatch';
import { leaseMsOf } from './lease';
import type { AttemptRecord, MessageRecord, NewMessage, Transport } from './message.record';
import { recipientAndSender, scopeUserOf, type RouteReader } from './recipient-and-sender';
import { releaseHeld, type RequeueDeps } from './requeue';
import { SenderPolicies } from './sender-policies';
import { Suspension } from './suspension';
import * as t from './transitions';

export interface MessageLifecycleDeps {
  store: Pick<Store, 'messages' | 'events' | 'directory' | 'senders' | 'templates'>;
  queue: Queue;
  now: () => Date;
  logger: Logger;
  /** The environment's retry rule and suspension threshold: senders without their own policy use these. */
  rule: t.RetryRule;
  suspendAfterFailures: number;
  kinds: SenderKinds;
  /** Whether default-mandrill messages go to Mandrill (a default key is set) or the dev outbox. */
  defaultTransport: 'mandrill' | 'outbox';
  /** Sends one message through its sender's transport; never throws for a delivery failure. */
  send: (context: DeliveryContext) => Promise<DispatchOutcome>;
  /** Observes every attempt (metrics). */
  onAttempt?: (message: MessageRecord, attempt: AttemptRecord) => void;
  /** Observes every status a message settles in: sent, failed, skipped, held. */
  onSettled?: (message: MessageRecord) => void;
}

/** Everything one attempt needs, loaded (or just made) and checked. */
export interface DeliveryContext {
  message: MessageRecord;
  event: EventRecord;
  user: User;
  organization: Organization;
  sender: ResolvedSender;
  /**
   * A first attempt may read its sender's state through process-event's batch (at most a
   * second old, dropped after any failed attempt): a stale "suspended" is released again at
   * once (`releaseIfFree` reads afresh); a success resets the failure count whatever it said.
   */
  cachedSenderState?: { read(): Promise<SenderState>; forget(): void };
}

/** What process-event knows when it makes one recipient's message. */
export interface NewMessageInput {
  id: string;
  event: EventRecord;
  userId: string;
  /** The batch's cached reads (or the store). */
  reader: RouteReader & { senders: { getState(key: string): Promise<SenderState> }; forgetSenderState?(key: string): void };
  /** The message's template variables, for senders that render (called only then). */
  variables: (user: User, organization: Organization) => Record<string, unknown>;
  /** The last message of its event: its write also marks the event processed. */
  last: boolean;
}

/**
 * The message lifecycle (transitions in `transitions.ts`): making a message, and the one
 * load-and-claim path every attempt takes. A message is created holding its first attempt's
 * lease and that attempt runs right after; every later attempt (retry, replay, release,
 * reaped, crash recovery) is a deliver job that loads the message, checks it is its turn,
 * claims the lease with a compare-and-set, re-checks recipient and sender, and attempts.
 */
export class MessageLifecycle {
  private readonly suspension: Suspension;
  private readonly policies: SenderPolicies;

  constructor(private readonly deps: MessageLifecycleDeps) {
    this.suspension = new Suspension(deps.store.senders);
    this.policies = new SenderPolicies({ rule: deps.rule, suspendAfterFailures: deps.suspendAfterFailures });
  }

  private get requeueDeps(): RequeueDeps {
    return { store: this.deps.store, queue: this.deps.queue, now: this.deps.now };
  }

  /**
   * Creates (or finds) one recipient's message, skipped with a reason or pending with its
   * variables resolved. Returns its first attempt when this run created it; a message found
   * still pending (a duplicate post, a rerun after a crash) gets a deliver job instead, due
   * when the lease of any attempt in flight runs out, so nothing is sent twice.
   */
  async create(input: NewMessageInput): Promise<(() => Promise<void>) | null> {
    const now = this.deps.now();
    const { check, sender } = await recipientAndSender(input.reader, input.userId, input.event.type, this.deps.kinds, scopeUserOf(input.event.data, input.userId));
    const creation: t.Creation = {
      id: input.id,
      eventId: input.event.id,
      type: input.event.type,
      recipient: { userId: input.userId, email: check.user?.email ?? null },
      organizationId: check.user?.organizationId ?? null,
      sender: { kind: sender.kind, scope: sender.scope, organizationId: sender.organizationId },
      now,
    };
    if (!check.ok || !sender.kindModule.delivers) {
      await this.save(t.createdSkipped(creation, check.ok ? 'sender_disabled' : check.reason), input.last);
      return null;
    }
    const message = t.createdPending(creation, {
      transport: this.transportOf(sender),
      // Variables feed email templates; a custom URL receives the stored event data instead.
      variables: sender.kindModule.usesVariables ? input.variables(check.user, check.organization) : null,
      template: await this.pinTemplate(sender),
      leaseMs: leaseMsOf(sender),
    });
    const { created, stored } = await this.save(message, input.last);
    if (created) {
      const { reader } = input;
      const key = sender.key;
      const cachedSenderState =
        sender.kindModule.suspendable ? { read: () => reader.senders.getState(key), forget: () => reader.forgetSenderState?.(key) } : undefined;
      const context: DeliveryContext = { message: stored, event: input.event, user: check.user, organization: check.organization, sender, cachedSenderState };
      return () => this.deliverFirst(context);
    }
    if (stored.status === 'pending') await this.deps.queue.add(...deliverJob(stored, t.leaseLeft(stored, now)));
    return null;
  }

  /** The `deliver` job: load, check it is this job's turn, claim, re-check, attempt. */
  async deliver(job: JobContext<'deliver'>): Promise<void> {
    const { store } = this.deps;
    const message = await store.messages.get(job.data.messageId);
    // A held message whose sender was resumed or changed meanwhile goes out now.
    if (message?.status === 'held') return this.releaseIfFree(message);
    const turn = t.turnOf(message, job.data.cycle, this.deps.now());
    if (turn.act === 'later') throw new RetryLaterError(turn.delayMs, 'not due yet, or an attempt is in flight');
    if (turn.act === 'none' || !message) return;
    const event = await store.events.get(message.eventId);
    const recipientId = message.recipient.userId;
    const { check, sender } = await recipientAndSender(store, recipientId, message.type, this.deps.kinds, event ? scopeUserOf(event.data, recipientId) : recipientId);
    const mine = await store.messages.updateIf(message.id, message, t.claimed(this.deps.now(), leaseMsOf(sender)));
    if (!mine) throw new RetryLaterError(250, 'the message changed meanwhile');
    // Checked again before every attempt (SPEC §3.2-3.3): settled without one when it cannot go.
    if (!event) return this.settle(mine, t.settledWithout('failed', 'event_expired'));
    if (!check.ok) return this.settle(mine, t.settledWithout('skipped', check.reason));
    if (!sender.kindModule.delivers) return this.settle(mine, t.settledWithout('skipped', 'sender_disabled'));
    await this.attemptReturningLease({ message: mine, event, user: check.user, organization: check.organization, sender });
  }

  /**
   * The first attempt, made by process-event right after it created the message (with this
   * attempt's lease): one job per message instead of two. A retry becomes a `deliver` job.
   */
  async deliverFirst(context: DeliveryContext): Promise<void> {
    try {
      await this.attemptReturningLease(context);
    } catch (err) {
      if (!(err instanceof RetryLaterError)) throw err;
      await this.deps.queue.add(...deliverJob(context.message, err.delayMs));
    }
  }

  /**
   * An attempt that fails unexpectedly (a store outage) gives its lease back, so the job's
   * own retry can try again at once instead of waiting the lease out.
   */
  private async attemptReturningLease(context: DeliveryContext): Promise<void> {
    try {
      await this.attempt(context);
    } catch (err) {
      if (!(err instanceof RetryLaterError)) {
        await this.deps.store.messages.update(context.message.id, t.leaseReturned()).catch(() => undefined);
      }
      throw err;
    }
  }

  /** One try, under the message's lease. */
  private async attempt(context: DeliveryContext): Promise<void> {
    const { store } = this.deps;
    const { message, sender } = context;
    const cached = context.cachedSenderState;
    const state = sender.kindModule.suspendable ? await (cached ? cached.read() : store.senders.getState(sender.key)) : null;
    if (state?.suspendedAt) return this.hold(message, sender, t.held());

    const startedAt = this.deps.now();
    const { result, transport } = await this.send(context);
    const attempt = t.attemptRecord(message.attemptCount + 1, startedAt, Date.now() - startedAt.getTime(), result, excerpt(result.response));
    this.deps.onAttempt?.(message, attempt);
    const senderRef = { kind: sender.kind, scope: sender.scope, organizationId: sender.organizationId };
    const rules = this.policies.of(sender);

    // A success resets the failure count; a cached state may predate failures counted since,
    // so then it is always reset (auto-pipelined with the settle: no extra round trip).
    const cleared = result.outcome === 'success' && state && (cached || state.consecutiveFailures > 0) ? this.suspension.recordSuccess(sender.key) : null;
    let suspended = false;
    if (result.outcome !== 'success') {
      suspended = sender.kindModule.suspendable && (await this.suspension.recordFailure(sender.key, result.statusCode, this.deps.now(), rules.suspend));
      cached?.forget(); // the failure count (and maybe the suspension) changed: later attempts read afresh
      if (suspended) this.deps.logger.warn({ sender: sender.key, messageId: message.id }, 'custom-url sender suspended');
    }
    const next = t.afterAttempt(message, attempt, result, { transport, sender: senderRef, suspended, rule: rules.rule, now: this.deps.now() });
    if (next.status === 'held') return this.hold(message, sender, next.patch, attempt);
    if (next.status !== 'pending') return void (await Promise.all([cleared, this.settle(message, next.patch, attempt)]));
    await store.messages.update(message.id, next.patch, message, attempt);
    throw new RetryLaterError(next.retryInMs, `attempt ${attempt.number} failed: ${result.outcome === 'success' ? '' : result.error}`);
  }

  /**
   * Rendering or opening a secret can throw (template deleted, key rotated): permanent. A
   * retryable error (the store or the MJML thread unavailable) is not the message's fault: it
   * propagates, the lease is given back and the job tries again.
   */
  private async send(context: DeliveryContext): Promise<DispatchOutcome> {
    try {
      return await this.deps.send(context);
    } catch (err) {
      if (err instanceof AppError && err.retryable) throw err;
      const error = err instanceof Error ? err.message : String(err);
      this.deps.logger.error({ err, messageId: context.message.id }, 'could not prepare the message');
      const result: DeliveryResult = { outcome: 'permanent', statusCode: null, error, response: null };
      return { transport: context.message.transport, result };
    }
  }

  /** Held on the sender's list first (so a resume finds it), then the message. */
  private async hold(message: MessageRecord, sender: ResolvedSender, patch: t.AfterAttempt['patch'], attempt?: AttemptRecord): Promise<void> {
    await this.deps.store.messages.markHeld(sender.key, message.id);
    const stored = await this.deps.store.messages.update(message.id, patch, message, attempt);
    if (stored) this.deps.onSettled?.(stored);
    // A resume, a delete or a switch to another kind may have run meanwhile: then release it.
    await this.releaseIfFree(stored ?? message);
  }

  /** Releases a held message whose sender is no longer suspended, or no longer suspendable. */
  private async releaseIfFree(message: MessageRecord): Promise<void> {
    const { store } = this.deps;
    const organizationId = message.sender.scope === 'organization' ? message.sender.organizationId : null;
    const key = senderKey(message.type, organizationId);
    const [state, config] = await Promise.all([store.senders.getState(key), store.senders.getConfig(message.type, organizationId)]);
    if (!state.suspendedAt || !config || !this.deps.kinds.of(config.config).suspendable) await releaseHeld(this.requeueDeps, key, message.id);
  }

  private async settle(message: MessageRecord, patch: t.AfterAttempt['patch'], attempt?: AttemptRecord): Promise<void> {
    const updated = await this.deps.store.messages.update(message.id, patch, message, attempt);
    if (updated) this.deps.onSettled?.(updated);
  }

  private async save(message: NewMessage, markEventProcessed: boolean): Promise<{ created: boolean; stored: MessageRecord }> {
    const { created, message: stored } = await this.deps.store.messages.create(message, { markEventProcessed });
    if (created && stored.status === 'skipped') this.deps.onSettled?.(stored);
    return { created, stored };
  }

  private transportOf(sender: ResolvedSender): Transport | null {
    return sender.kindModule.transport(this.deps.defaultTransport);
  }

  /** Messages keep the stored-template version current at their creation. */
  private async pinTemplate(sender: ResolvedSender): Promise<MessageRecord['template']> {
    const templateId = sender.kindModule.storedTemplate(sender.config);
    if (!templateId) return null;
    const template = await this.deps.store.templates.get(templateId);
    return template ? { id: template.id, version: template.version } : null;
  }
}
