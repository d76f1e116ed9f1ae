import type { EventRecord } from './event.record';

/** Accepted events, kept for the retention. */
export interface EventStore {
  /** Stores the event unless its id exists; returns the existing one then (idempotency). */
  create(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }>;
  get(id: string): Promise<EventRecord | null>;
  /** Several at once (one round trip in Redis); unknown ids are left out. */
  getMany(ids: string[]): Promise<EventRecord[]>;
  /** Marks it processed, and forgets it as unprocessed (also when the event has expired). */
  markProcessed(id: string): Promise<void>;
  /** Ids of events still `accepted` that were received before `receivedBefore`, oldest first. */
  listAccepted(receivedBefore: Date, limit: number): Promise<string[]>;
}
