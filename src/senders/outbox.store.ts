import type { OutboxEntry } from '../delivery/message.record';

/**
 * How many outbox entries a store keeps, newest first: a dev aid, not an archive (each holds
 * a whole rendered email, ~26 KB), so it cannot grow with the retention.
 */
export const OUTBOX_KEEP = 1000;

/** The dev outbox (SPEC §7): rendered emails kept instead of sent; the newest `OUTBOX_KEEP`. */
export interface OutboxStore {
  put(entry: OutboxEntry): Promise<void>;
  get(messageId: string): Promise<OutboxEntry | null>;
  /** Newest first. */
  list(limit: number): Promise<OutboxEntry[]>;
}
