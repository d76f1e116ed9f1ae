import type { OutboxEntry } from '../../delivery/message.record';
import type { OutboxStore } from '../../senders/outbox.store';
import { compareNewestFirst, timeMs } from '../cursor';
import { copy } from './copy';

/** The dev outbox in a plain map. */
export class MemoryOutbox implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();

  async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.messageId, copy(entry));
  }
  async get(messageId: string): Promise<OutboxEntry | null> {
    return copy(this.entries.get(messageId) ?? null);
  }
  async list(limit: number): Promise<OutboxEntry[]> {
    const pos = (e: OutboxEntry) => ({ ms: timeMs(e.createdAt), id: e.messageId });
    return copy([...this.entries.values()].sort((a, b) => compareNewestFirst(pos(a), pos(b))).slice(0, limit));
  }
}
