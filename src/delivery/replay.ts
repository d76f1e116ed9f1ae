import { AppError, notFound } from '../shared/errors';
import type { Queue } from '../queue/queue.port';
import { Limiter } from '../shared/limiter';
import { senderKey } from '../senders/sender-config.schema';
import type { Store } from '../store/store.port';
import type { MessageRecord } from './message.record';

export interface ReplayDeps {
  store: Store;
  queue: Queue;
  now: () => Date;
}

/**
 * The deliver job id: one job per message and delivery cycle. A new cycle (replay, release)
 * gets a new id, so it is never mistaken for the previous cycle's job while that one is
 * still finishing.
 */
const deliverJobId = (message: Pick<MessageRecord, 'id' | 'cycle'>): string => `msg-${message.id}-${message.cycle ?? 0}`;

/** A deliver job for the message's current cycle (a job of an older cycle does nothing). */
export function deliverJob(message: Pick<MessageRecord, 'id' | 'cycle'>, delayMs = 0): [{ messageId: string; cycle: number }, { jobId: string; delayMs: number }] {
  return [{ messageId: message.id, cycle: message.cycle ?? 0 }, { jobId: deliverJobId(message), delayMs }];
}

/**
 * Sets a message back to `pending` for a new delivery cycle and queues it. The transition is
 * a compare-and-set, so two concurrent replays (or resumes) cannot both queue it; if the
 * queue cannot take it, the message is put back as it was. Null when it changed meanwhile.
 */
async function requeue(deps: ReplayDeps, message: MessageRecord): Promise<MessageRecord | null> {
  const patch = { status: 'pending' as const, reason: null, nextAttemptAt: deps.now().toISOString(), cycleStart: message.attemptCount, cycle: (message.cycle ?? 0) + 1, leaseUntil: null };
  const pending = await deps.store.updateMessageIf(message.id, message, patch);
  if (!pending) return null;
  try {
    await deps.queue.add('deliver', ...deliverJob(pending));
  } catch (err) {
    // Put it back; if even that fails, the reaper finds it pending without a job and queues it.
    const { status, reason, nextAttemptAt, cycleStart, cycle } = message;
    await deps.store.updateMessageIf(message.id, pending, { status, reason, nextAttemptAt, cycleStart, cycle }).catch(() => null);
    throw err;
  }
  return pending;
}

/**
 * `POST /v1/messages/{id}/retry`: a `failed` or `sent` message is tried again now, as new
 * attempts of the same message (same id, so receivers can deduplicate), with a full retry
 * schedule of its own.
 */
export async function replayMessage(deps: ReplayDeps, messageId: string): Promise<MessageRecord> {
  const message = await deps.store.getMessage(messageId);
  if (!message) throw notFound('message', messageId);
  if (message.status !== 'failed' && message.status !== 'sent') {
    const hint = message.status === 'held' ? '; resume its sender to release it' : '';
    throw new AppError('conflict', `only failed or sent messages can be retried; this one is ${message.status}${hint}`);
  }
  const pending = await requeue(deps, message);
  if (!pending) throw new AppError('conflict', 'the message changed while being retried; read it again');
  return pending;
}

/** Releases one held message of a sender (if it is still held): pending again and queued. */
export async function releaseHeld(deps: ReplayDeps, senderKey: string, messageId: string): Promise<boolean> {
  const message = await deps.store.getMessage(messageId);
  const released = message?.status === 'held' ? (await requeue(deps, message)) !== null : false;
  // Off the held list once released here, or settled for good. A pending message stays on
  // it: it may be on its way to being held again (a hold in progress re-checks on its own).
  const settled = !message || message.status === 'sent' || message.status === 'failed' || message.status === 'skipped';
  if (released || settled) await deps.store.releaseHeld(senderKey, messageId);
  return released;
}

/** Held messages released at once: their Redis calls share round trips (auto-pipelining). */
const RELEASE_CONCURRENCY = 32;

/** Releases each of `ids` (those `wanted` says), up to RELEASE_CONCURRENCY at a time; how many were released. */
async function releaseMany(deps: ReplayDeps, key: string, ids: string[], wanted: (id: string) => Promise<boolean> = async () => true): Promise<number> {
  const limiter = new Limiter(RELEASE_CONCURRENCY);
  const results = await Promise.allSettled(ids.map((id) => limiter.run(async () => (await wanted(id)) && releaseHeld(deps, key, id))));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  // every release was tried; one that failed (store down) fails the call, and a resume can be repeated
  if (failed) throw failed.reason;
  return results.filter((r) => r.status === 'fulfilled' && r.value).length;
}

/**
 * Lifts a custom-url sender's suspension and re-queues every message it held.
 * Returns how many messages were released.
 */
export async function resumeSender(deps: ReplayDeps, senderKey: string): Promise<number> {
  await deps.store.resumeSender(senderKey);
  return releaseMany(deps, senderKey, await deps.store.listHeldMessageIds(senderKey));
}

/**
 * A new organization override takes that organization's messages off the global sender:
 * those the global sender holds (suspended) are released to go out through the override.
 */
export async function releaseForOverride(deps: ReplayDeps, eventType: string, organizationId: string): Promise<number> {
  const globalKey = senderKey(eventType, null);
  const ofOrganization = async (id: string) => (await deps.store.getMessage(id))?.organizationId === organizationId;
  return releaseMany(deps, globalKey, await deps.store.listHeldMessageIds(globalKey), ofOrganization);
}
