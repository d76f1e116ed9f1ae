/**
 * Every job Herald queues: its name, its payload and its id scheme, in one place. Jobs carry
 * ids, never documents; the worker loads, re-validates and acts.
 */
export interface JobPayloads {
  /** Events accepted together (group commit): one job for many events under load. */
  'process-event': { eventIds: string[] };
  /** Retries, replays, released messages (the first attempt runs inline in process-event). */
  deliver: { messageId: string; cycle?: number };
}
export type JobName = keyof JobPayloads;

/** A job ready for `Queue.add`: name, payload and options. */
type Job<N extends JobName> = [N, JobPayloads[N], { jobId: string; delayMs?: number }];

/**
 * The process-event job of one event, under the id a re-post (or the reaper) uses: one
 * pending job per event however often it is queued. Fresh events go in group-commit batches
 * without an id (`processBatch`).
 */
export function processEventJob(eventId: string): Job<'process-event'> {
  return ['process-event', { eventIds: [eventId] }, { jobId: `evt-${eventId}` }];
}

/**
 * The deliver job of a message's current delivery cycle: one job per message and cycle. A
 * new cycle (replay, release) gets a new id, so it is never mistaken for the previous
 * cycle's job while that one is still finishing; a job of an older cycle does nothing.
 */
export function deliverJob(message: { id: string; cycle: number }, delayMs = 0): Job<'deliver'> {
  return ['deliver', { messageId: message.id, cycle: message.cycle }, { jobId: `msg-${message.id}-${message.cycle}`, delayMs }];
}
