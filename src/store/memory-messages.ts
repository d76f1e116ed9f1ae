import type { AttemptRecord, MessageRecord, MessageStatus } from '../delivery/message.record';
import { compareNewestFirst, decodeCursor, encodeCursor, isAfter, timeMs } from './cursor';
import { copy } from './memory-copy';
import { matchesFilter } from './message-filter';
import type { MessageFilter, Page, MessagePatch } from './store.port';

/** The fields of a message an update may change. */
const positionOf = (m: MessageRecord) => ({ ms: timeMs(m.createdAt), id: m.id });

/** Messages, held sets (per sender key) and attempt lists (per message) in plain maps. */
export class MemoryMessages {
  private readonly messages = new Map<string, MessageRecord>();
  private readonly held = new Map<string, Set<string>>();
  private readonly attempts = new Map<string, AttemptRecord[]>();

  constructor(private readonly now: () => Date) {}

  create(message: MessageRecord): { created: boolean; message: MessageRecord } {
    const existing = this.messages.get(message.id);
    if (existing) return { created: false, message: copy(existing) };
    this.messages.set(message.id, copy(message));
    return { created: true, message: copy(message) };
  }
  get(id: string): MessageRecord | null {
    return copy(this.messages.get(id) ?? null);
  }
  updateIf(id: string, expected: MessageRecord, patch: MessagePatch): MessageRecord | null {
    const current = this.messages.get(id);
    if (!current || JSON.stringify(current) !== JSON.stringify(expected)) return null;
    return this.update(id, patch);
  }
  update(id: string, patch: MessagePatch): MessageRecord | null {
    const current = this.messages.get(id);
    if (!current) return null;
    const next: MessageRecord = {
      ...current,
      ...copy(patch),
      id: current.id,
      eventId: current.eventId,
      createdAt: current.createdAt,
      updatedAt: patch.updatedAt ?? this.now().toISOString(),
    };
    this.messages.set(id, next);
    return copy(next);
  }
  list(filter: MessageFilter, limit: number, cursor?: string): Page<MessageRecord> {
    const pageSize = Math.max(1, Math.floor(limit));
    const after = cursor === undefined ? null : decodeCursor(cursor);
    const matching = [...this.messages.values()]
      .filter((m) => matchesFilter(m, filter) && (after === null || isAfter(positionOf(m), after)))
      .sort((a, b) => compareNewestFirst(positionOf(a), positionOf(b)));
    const data = matching.slice(0, pageSize);
    const last = data.at(-1);
    const nextCursor = matching.length > pageSize && last ? encodeCursor(positionOf(last)) : null;
    return { data: copy(data), nextCursor };
  }
  /** Oldest first. */
  forEvent(eventId: string): MessageRecord[] {
    const found = [...this.messages.values()].filter((m) => m.eventId === eventId);
    return copy(found.sort((a, b) => compareNewestFirst(positionOf(b), positionOf(a))));
  }
  count(status: MessageStatus): number {
    let n = 0;
    for (const m of this.messages.values()) if (m.status === status) n++;
    return n;
  }

  listHeld(key: string): string[] {
    return [...(this.held.get(key) ?? [])];
  }
  markHeld(key: string, messageId: string): void {
    this.held.set(key, (this.held.get(key) ?? new Set()).add(messageId));
  }
  releaseHeld(key: string, messageId: string): void {
    this.held.get(key)?.delete(messageId);
  }

  appendAttempt(messageId: string, attempt: AttemptRecord): void {
    this.attempts.set(messageId, [...(this.attempts.get(messageId) ?? []), copy(attempt)]);
  }
  listAttempts(messageId: string): AttemptRecord[] {
    return copy(this.attempts.get(messageId) ?? []);
  }
}
