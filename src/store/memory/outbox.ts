import type { OutboxEntry } from '../../delivery/message.record';
import { OUTBOX_KEEP, type OutboxStore } from '../../senders/outbox.store';
import { compareNewestFirst, timeMs } from '../cursor';
import { copy } from './copy';

/** The dev outbox in a plain map: the newest `keep` entries (by when they were put). */
export class MemoryOutbox implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();

  constructor(private readonly keep: number = OUTBOX_KEEP) {}

  async put(entry: OutboxEntry): Promise<void> {
    this.entries.delete(entry.messageId);
    this.entries.set(entry.messageId, copy(entry));
    // a Map iterates in insertion order: the first keys are the oldest
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.keep) break;
      this.entries.delete(oldest);
    }
  }
  async get(messageId: string): Promise<OutboxEntry | null> {
    return copy(this.entries.get(messageId) ?? null);
  }
  async list(limit: number): Promise<OutboxEntry[]> {
    const pos = (e: OutboxEntry) => ({ ms: timeMs(e.createdAt), id: e.messageId });
    return copy([...this.entries.values()].sort((a, b) => compareNewestFirst(pos(a), pos(b))).slice(0, limit));
  }
}
