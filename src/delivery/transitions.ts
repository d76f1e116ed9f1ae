import type { DeliveryResult } from '../senders/sender.port';
import type { MessagePatch } from './message.store';
import type { AttemptRecord, MessageRecord, NewMessage, SkipReason, Transport } from './message.record';

/*
 * The message lifecycle as pure functions: what a message becomes at each step, given what
 * was read and what happened. `MessageLifecycle` reads, calls these, and writes the result
 * (a compare-and-set where two runners could race). No I/O and no clock of their own: `now`
 * is always passed in.
 *
 *   created ─► pending ─┬─► sent
 *   (or skipped)        ├─► failed   (permanent, retries exhausted, event expired)
 *                       ├─► skipped  (recipient no longer active, sender disabled)
 *                       ├─► held     (custom-url sender suspended) ─► pending (resume)
 *                       └─► pending  (transient: retry later, same cycle)
 *   sent | failed ─► pending (replay: a new cycle with a schedule of its own)
 */

/** What the creation of a message needs to know, besides its identity. */
export interface Creation {
  id: string;
  eventId: string;
  type: MessageRecord['type'];
  recipient: MessageRecord['recipient'];
  organizationId: string | null;
  sender: MessageRecord['sender'];
  now: Date;
}

const fresh = (c: Creation) => ({
  id: c.id,
  eventId: c.eventId,
  type: c.type,
  organizationId: c.organizationId,
  recipient: c.recipient,
  sender: c.sender,
  attemptCount: 0,
  createdAt: c.now.toISOString(),
  updatedAt: c.now.toISOString(),
  lastError: null,
  cycleStart: 0,
  cycle: 0,
});

/** A message that will not be sent, and why. */
export function createdSkipped(c: Creation, reason: SkipReason): NewMessage {
  return { ...fresh(c), status: 'skipped', reason, transport: null, variables: null, template: null, nextAttemptAt: null, leaseUntil: null };
}

/**
 * A message ready to go, created already holding its first attempt's lease: the run that
 * creates it sends it right after, and nobody else may until the lease runs out.
 */
export function createdPending(
  c: Creation,
  delivery: { transport: Transport | null; variables: Record<string, unknown> | null; template: MessageRecord['template']; leaseMs: number },
): NewMessage {
  return {
    ...fresh(c),
    status: 'pending',
    reason: null,
    transport: delivery.transport,
    variables: delivery.variables,
    template: delivery.template,
    nextAttemptAt: c.now.toISOString(),
    leaseUntil: leaseFrom(c.now, delivery.leaseMs),
  };
}

/** Milliseconds left on a message's lease (0 when none or expired). */
export function leaseLeft(message: Pick<MessageRecord, 'leaseUntil'>, now: Date): number {
  return message.leaseUntil === null ? 0 : Math.max(0, Date.parse(message.leaseUntil) - now.getTime());
}

/** Milliseconds until the message's next attempt is due; within a second counts as due. */
export function dueIn(message: Pick<MessageRecord, 'nextAttemptAt'>, now: Date): number {
  const left = message.nextAttemptAt === null ? 0 : Date.parse(message.nextAttemptAt) - now.getTime();
  return left > 1000 ? left : 0;
}

const leaseFrom = (now: Date, leaseMs: number): string => new Date(now.getTime() + leaseMs).toISOString();

/** What a deliver job does with the message it names. */
export type Turn = { act: 'none' } | { act: 'later'; delayMs: number } | { act: 'claim' };

/**
 * Whether a deliver job of `jobCycle` may attempt `message` now. Not pending, or pending in a
 * newer cycle than the job's (replayed or released since): nothing to do. Leased (an attempt
 * in flight) or not due yet: look again when that is over. Otherwise: claim it.
 */
export function turnOf(message: MessageRecord | null, jobCycle: number | undefined, now: Date): Turn {
  if (!message || message.status !== 'pending') return { act: 'none' };
  if (jobCycle !== undefined && jobCycle !== message.cycle) return { act: 'none' };
  const left = Math.max(leaseLeft(message, now), dueIn(message, now));
  return left > 0 ? { act: 'later', delayMs: left + 100 } : { act: 'claim' };
}

/** Taking the attempt: one runner at a time, until the sender's timeout (plus margin) runs out. */
export const claimed = (now: Date, leaseMs: number): MessagePatch => ({ leaseUntil: leaseFrom(now, leaseMs) });

/** Giving the lease back (an attempt that could not be made: the job retries at once). */
export const leaseReturned = (): MessagePatch => ({ leaseUntil: null });

/** Settled without an attempt: the recipient or the sender no longer allow it, or the event is gone. */
export const settledWithout = (status: 'skipped' | 'failed', reason: string): MessagePatch => ({ status, reason, nextAttemptAt: null, leaseUntil: null });

/** Held by a suspended sender, until a resume or a change of sender releases it. */
export const held = (): MessagePatch => ({ status: 'held', reason: 'sender_suspended', nextAttemptAt: null, leaseUntil: null });

/** How many attempts a cycle may make, and the delay before each retry. */
export interface RetryRule {
  maxAttempts: number;
  /** Delay before retry `n` (1-based), lengthened (never shortened) by a `Retry-After`. */
  delayBefore(n: number, retryAfterMs?: number): number;
}

export type AfterAttempt =
  | { status: 'sent' | 'failed' | 'held'; patch: MessagePatch }
  | { status: 'pending'; patch: MessagePatch; retryInMs: number };

/**
 * What one attempt leaves the message as. A success is sent. A failure through a sender
 * that is now suspended is held; a permanent one failed; a transient one is retried after
 * the rule's delay until the cycle's attempts are used up, then failed. The retry count
 * starts again with every cycle (`cycleStart`).
 */
export function afterAttempt(
  message: MessageRecord,
  attempt: AttemptRecord,
  result: DeliveryResult,
  ctx: { transport: Transport | null; sender: MessageRecord['sender']; suspended: boolean; rule: RetryRule; now: Date },
): AfterAttempt {
  const base = { attemptCount: attempt.number, transport: ctx.transport, sender: ctx.sender, leaseUntil: null };
  if (result.outcome === 'success') {
    return { status: 'sent', patch: { ...base, status: 'sent', reason: null, nextAttemptAt: null, lastError: null } };
  }
  const failure = { ...base, lastError: result.error };
  if (ctx.suspended) return { status: 'held', patch: { ...failure, ...held() } };
  if (result.outcome === 'permanent') return { status: 'failed', patch: { ...failure, ...settledWithout('failed', 'permanent_failure') } };
  const made = attempt.number - message.cycleStart;
  if (made >= ctx.rule.maxAttempts) return { status: 'failed', patch: { ...failure, ...settledWithout('failed', 'retries_exhausted') } };
  const retryInMs = ctx.rule.delayBefore(made, result.retryAfterMs);
  return { status: 'pending', retryInMs, patch: { ...failure, nextAttemptAt: new Date(ctx.now.getTime() + retryInMs).toISOString() } };
}

/**
 * A settled (replay) or held (release) message back to pending in a new cycle: due now, with
 * a retry schedule of its own. `undo` puts back what it changes, if the queue refuses the job.
 */
export function requeued(message: MessageRecord, now: Date): { patch: MessagePatch; undo: MessagePatch } {
  const { status, reason, nextAttemptAt, cycleStart, cycle } = message;
  return {
    patch: { status: 'pending', reason: null, nextAttemptAt: now.toISOString(), cycleStart: message.attemptCount, cycle: cycle + 1, leaseUntil: null },
    undo: { status, reason, nextAttemptAt, cycleStart, cycle },
  };
}

/** An attempt as stored: what happened, when, how long it took. */
export function attemptRecord(number: number, startedAt: Date, durationMs: number, result: DeliveryResult, response: string | null): AttemptRecord {
  return {
    number,
    startedAt: startedAt.toISOString(),
    durationMs,
    outcome: result.outcome,
    statusCode: result.statusCode,
    error: result.outcome === 'success' ? null : result.error,
    response,
  };
}
