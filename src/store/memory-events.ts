import type { OutboxEntry } from '../delivery/message.record';
import type { EventRecord } from '../events/event.record';
import { compareNewestFirst, timeMs } from './cursor';
import { copy } from './memory-copy';

/** Events and outbox entries in plain maps, kept for the life of the process. */
export class MemoryEvents {
  private readonly events = new Map<string, EventRecord>();
  private readonly outbox = new Map<string, OutboxEntry>();

  create(event: EventRecord): { created: true } | { created: false; existing: EventRecord } {
    const existing = this.events.get(event.id);
    if (existing) return { created: false, existing: copy(existing) };
    this.events.set(event.id, copy(event));
    return { created: true };
  }
  get(id: string): EventRecord | null {
    return copy(this.events.get(id) ?? null);
  }
  markProcessed(id: string): void {
    const event = this.events.get(id);
    if (event) event.status = 'processed';
  }
  /** Oldest first. */
  listAccepted(receivedBefore: Date, limit: number): string[] {
    return [...this.events.values()]
      .filter((e) => e.status === 'accepted' && timeMs(e.receivedAt) < receivedBefore.getTime())
      .sort((a, b) => timeMs(a.receivedAt) - timeMs(b.receivedAt))
      .slice(0, limit)
      .map((e) => e.id);
  }

  putOutbox(entry: OutboxEntry): void {
    this.outbox.set(entry.messageId, copy(entry));
  }
  getOutbox(messageId: string): OutboxEntry | null {
    return copy(this.outbox.get(messageId) ?? null);
  }
  /** Newest first. */
  listOutbox(limit: number): OutboxEntry[] {
    const pos = (e: OutboxEntry) => ({ ms: timeMs(e.createdAt), id: e.messageId });
    return copy([...this.outbox.values()].sort((a, b) => compareNewestFirst(pos(a), pos(b))).slice(0, limit));
  }
}
