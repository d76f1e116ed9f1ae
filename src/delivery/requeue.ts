import { deliverJob } from '../jobs/job-catalog';
import type { Queue } from '../jobs/queue.port';
import { AppError, notFound } from '../shared/errors';
import { Limiter } from '../shared/limiter';
import { senderKey } from '../senders/sender-config.schema';
import type { Store } from '../stores.port';
import type { MessageRecord } from './message.record';
import { requeued } from './transitions';

export interface RequeueDeps {
  store: Pick<Store, 'messages' | 'senders'>;
  queue: Queue;
  now: () => Date;
}

/**
 * Sets a message back to `pending` in a new delivery cycle and queues its deliver job, which
 * then takes the one load-and-claim path. The transition is a compare-and-set, so two
 * concurrent replays (or resumes) cannot both queue it; if the queue cannot take it, the
 * message is put back as it was. Null when it changed meanwhile.
 */
async function requeue(deps: RequeueDeps, message: MessageRecord): Promise<MessageRecord | null> {
  const { patch, undo } = requeued(message, deps.now());
  const pending = await deps.store.messages.updateIf(message.id, message, patch);
  if (!pending) return null;
  try {
    await deps.queue.add(...deliverJob(pending));
  } catch (err) {
    // Put it back; if even that fails, the reaper finds it pending without a job and queues it.
    await deps.store.messages.updateIf(message.id, pending, undo).catch(() => null);
    throw err;
  }
  return pending;
}

/**
 * `POST /v1/messages/{id}/retry`: a `failed` or `sent` message is tried again now, as new
 * attempts of the same message (same id, so receivers can deduplicate), with a full retry
 * schedule of its own.
 */
export async function replayMessage(deps: RequeueDeps, messageId: string): Promise<MessageRecord> {
  const message = await deps.store.messages.get(messageId);
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
export async function releaseHeld(deps: RequeueDeps, key: string, messageId: string): Promise<boolean> {
  const message = await deps.store.messages.get(messageId);
  const released = message?.status === 'held' ? (await requeue(deps, message)) !== null : false;
  // Off the held list once released here, or settled for good. A pending message stays on
  // it: it may be on its way to being held again (a hold in progress re-checks on its own).
  const settled = !message || message.status === 'sent' || message.status === 'failed' || message.status === 'skipped';
  if (released || settled) await deps.store.messages.releaseHeld(key, messageId);
  return released;
}

/** Held messages released at once: their Redis calls share round trips (auto-pipelining). */
const RELEASE_CONCURRENCY = 32;

/** Releases each of `ids` (those `wanted` says), up to RELEASE_CONCURRENCY at a time; how many were released. */
async function releaseMany(deps: RequeueDeps, key: string, ids: string[], wanted: (id: string) => Promise<boolean> = async () => true): Promise<number> {
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
export async function resumeSender(deps: RequeueDeps, key: string): Promise<number> {
  await deps.store.senders.resume(key);
  return releaseMany(deps, key, await deps.store.messages.listHeld(key));
}

/**
 * A new organization override takes that organization's messages off the global sender:
 * those the global sender holds (suspended) are released to go out through the override.
 */
export async function releaseForOverride(deps: RequeueDeps, eventType: string, organizationId: string): Promise<number> {
  const globalKey = senderKey(eventType, null);
  const ofOrganization = async (id: string) => (await deps.store.messages.get(id))?.organizationId === organizationId;
  return releaseMany(deps, globalKey, await deps.store.messages.listHeld(globalKey), ofOrganization);
}
