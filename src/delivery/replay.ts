import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../shared/errors';
import type { Queue } from '../queue/queue.port';
import type { Store } from '../store/store.port';
import type { MessageRecord } from './message.record';

export interface ReplayDeps {
  store: Store;
  queue: Queue;
  now: () => Date;
}

/**
 * `POST /v1/messages/{id}/retry`: a `failed` or `sent` message is tried again now, as a new
 * attempt of the same message (same id, so receivers can deduplicate).
 */
export async function replayMessage(deps: ReplayDeps, messageId: string): Promise<MessageRecord> {
  const message = await deps.store.getMessage(messageId);
  if (!message) throw notFound('message', messageId);
  if (message.status !== 'failed' && message.status !== 'sent') {
    const hint = message.status === 'held' ? '; resume its sender to release it' : '';
    throw new AppError('conflict', `only failed or sent messages can be retried; this one is ${message.status}${hint}`);
  }
  const updated = await deps.store.updateMessage(messageId, { status: 'pending', reason: null, nextAttemptAt: deps.now().toISOString() });
  await deps.queue.add('deliver', { messageId, replay: true }, { jobId: `replay-${messageId}-${randomUUID()}` });
  return updated ?? message;
}

/**
 * Lifts a custom-url sender's suspension and re-queues every message it held.
 * Returns how many messages were released.
 */
export async function resumeSender(deps: ReplayDeps, senderKey: string): Promise<number> {
  await deps.store.resumeSender(senderKey);
  const ids = await deps.store.listHeldMessageIds(senderKey);
  for (const messageId of ids) {
    const message = await deps.store.getMessage(messageId);
    if (message?.status === 'held') {
      await deps.store.updateMessage(messageId, { status: 'pending', reason: null, nextAttemptAt: deps.now().toISOString() });
      await deps.queue.add('deliver', { messageId }, { jobId: `resume-${messageId}-${randomUUID()}` });
    }
    await deps.store.releaseHeld(senderKey, messageId);
  }
  return ids.length;
}
