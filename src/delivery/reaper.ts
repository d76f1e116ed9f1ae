import type { Logger } from 'pino';
import { deliverJob, processEventJob } from '../jobs/job-catalog';
import type { Queue } from '../jobs/queue.port';
import type { Store } from '../stores.port';
import { leaseLeft } from './transitions';

export interface ReaperDeps {
  store: Pick<Store, 'messages' | 'events'>;
  queue: Queue;
  now: () => Date;
  logger: Logger;
}

/** A pending message this long past due, and not leased, has lost its job. */
const GRACE_MS = 60_000;
/** Pending messages looked at per sweep, at most (newest first: see the issue note). */
const MAX_SCAN = 50_000;

/**
 * One sweep. Queues again every pending message that has no job any more: an enqueue that failed
 * together with its roll-back, a job failed for good by repeated infrastructure errors. Its
 * current cycle's job id makes this a no-op for messages whose job is waiting, delayed or
 * running. Returns how many were queued.
 */
export async function reapPending(deps: ReaperDeps): Promise<number> {
  const now = deps.now();
  let requeued = 0;
  let seen = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.store.messages.list({ status: 'pending' }, 200, cursor);
    for (const message of page.data) {
      seen++;
      const due = Date.parse(message.nextAttemptAt ?? message.updatedAt);
      if (leaseLeft(message, now) > 0 || due > now.getTime() - GRACE_MS) continue;
      await deps.queue.add(...deliverJob(message));
      requeued++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && seen < MAX_SCAN);
  if (requeued > 0) deps.logger.info({ requeued }, 'reaper: re-queued past-due pending messages (no-ops where the job still exists)');
  return requeued + (await reapAccepted(deps, now));
}

/**
 * Events accepted over a minute ago and still not processed (their process-event job was
 * lost or failed for good) are queued again, one job each under the id a re-post would use.
 */
async function reapAccepted(deps: ReaperDeps, now: Date): Promise<number> {
  const ids = await deps.store.events.listAccepted(new Date(now.getTime() - GRACE_MS), 1000);
  for (const eventId of ids) await deps.queue.add(...processEventJob(eventId));
  if (ids.length > 0) deps.logger.info({ requeued: ids.length }, 'reaper: re-queued unprocessed events (no-ops where the job still exists)');
  return ids.length;
}
