import type { EventRecord } from '../../events/event.record';
import type { EventStore } from '../../events/event.store';
import { timeMs } from '../cursor';
import { copy } from './copy';

/** Events in a plain map, kept for the life of the process. */
export class MemoryEvents implements EventStore {
  private readonly events = new Map<string, EventRecord>();

  async create(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    const existing = this.events.get(event.id);
    if (existing) return { created: false, existing: copy(existing) };
    this.events.set(event.id, copy(event));
    return { created: true };
  }
  async get(id: string): Promise<EventRecord | null> {
    return copy(this.events.get(id) ?? null);
  }
  async getMany(ids: string[]): Promise<EventRecord[]> {
    return ids.flatMap((id) => copy(this.events.get(id) ?? []));
  }
  async markProcessed(id: string): Promise<void> {
    const event = this.events.get(id);
    if (event) event.status = 'processed';
  }
  async listAccepted(receivedBefore: Date, limit: number): Promise<string[]> {
    return [...this.events.values()]
      .filter((e) => e.status === 'accepted' && timeMs(e.receivedAt) < receivedBefore.getTime())
      .sort((a, b) => timeMs(a.receivedAt) - timeMs(b.receivedAt))
      .slice(0, limit)
      .map((e) => e.id);
  }
}
