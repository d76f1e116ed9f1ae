import type { OutboxEntry } from '../delivery/message.record';

/** The dev outbox (SPEC §7): rendered emails kept instead of sent. */
export interface OutboxStore {
  put(entry: OutboxEntry): Promise<void>;
  get(messageId: string): Promise<OutboxEntry | null>;
  /** Newest first. */
  list(limit: number): Promise<OutboxEntry[]>;
}
