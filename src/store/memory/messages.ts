import type { CreateMessageOptions, MessageFilter, MessagePatch, MessageStore } from '../../delivery/message.store';
import type { AttemptRecord, MessageRecord, MessageStatus, NewMessage } from '../../delivery/message.record';
import type { Page } from '../../shared/page';
import { compareNewestFirst, decodeCursor, encodeCursor, isAfter, timeMs } from '../cursor';
import { matchesFilter } from '../message-filter';
import { copy } from './copy';

const positionOf = (m: MessageRecord) => ({ ms: timeMs(m.createdAt), id: m.id });

/** Messages, held sets (per sender key) and attempt lists (per message) in plain maps. */
export class MemoryMessages implements MessageStore {
  private readonly messages = new Map<string, MessageRecord>();
  private readonly held = new Map<string, Set<string>>();
  private readonly attempts = new Map<string, AttemptRecord[]>();

  /** `markProcessed`: the events area, for `create`'s `markEventProcessed`. */
  constructor(
    private readonly now: () => Date,
    private readonly markProcessed: (eventId: string) => Promise<void>,
  ) {}

  async create(message: NewMessage, options: CreateMessageOptions = {}): Promise<{ created: boolean; message: MessageRecord }> {
    const existing = this.messages.get(message.id);
    const result = existing ? { created: false, message: copy(existing) } : { created: true, message: this.insert(message) };
    if (options.markEventProcessed) await this.markProcessed(message.eventId);
    return result;
  }
  async get(id: string): Promise<MessageRecord | null> {
    return copy(this.messages.get(id) ?? null);
  }
  async updateIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null> {
    if (this.messages.get(id)?.version !== expected.version) return null;
    return this.write(id, patch);
  }
  /** `expected` is only a Redis round-trip optimisation; nothing to save here. */
  async update(id: string, patch: MessagePatch, _expected?: MessageRecord, attempt?: AttemptRecord): Promise<MessageRecord | null> {
    if (attempt) await this.appendAttempt(id, attempt);
    return this.write(id, patch);
  }
  async list(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>> {
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
  async listForEvent(eventId: string): Promise<MessageRecord[]> {
    const found = [...this.messages.values()].filter((m) => m.eventId === eventId);
    return copy(found.sort((a, b) => compareNewestFirst(positionOf(b), positionOf(a))));
  }
  async count(status: MessageStatus): Promise<number> {
    let n = 0;
    for (const m of this.messages.values()) if (m.status === status) n++;
    return n;
  }

  async countCreatedSince(status: MessageStatus, since: Date): Promise<number> {
    const from = since.getTime();
    let n = 0;
    for (const m of this.messages.values()) if (m.status === status && timeMs(m.createdAt) >= from) n++;
    return n;
  }

  async listHeld(key: string): Promise<string[]> {
    return [...(this.held.get(key) ?? [])];
  }
  async markHeld(key: string, messageId: string): Promise<void> {
    this.held.set(key, (this.held.get(key) ?? new Set()).add(messageId));
  }
  async releaseHeld(key: string, messageId: string): Promise<void> {
    this.held.get(key)?.delete(messageId);
  }

  async appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void> {
    this.attempts.set(messageId, [...(this.attempts.get(messageId) ?? []), copy(attempt)]);
  }
  async listAttempts(messageId: string): Promise<AttemptRecord[]> {
    return copy(this.attempts.get(messageId) ?? []);
  }

  private insert(message: NewMessage): MessageRecord {
    const stored: MessageRecord = { ...copy(message), version: 1 };
    this.messages.set(message.id, stored);
    return copy(stored);
  }

  private write(id: string, patch: MessagePatch): MessageRecord | null {
    const current = this.messages.get(id);
    if (!current) return null;
    const next: MessageRecord = {
      ...current,
      ...copy(patch),
      id: current.id,
      eventId: current.eventId,
      createdAt: current.createdAt,
      updatedAt: patch.updatedAt ?? this.now().toISOString(),
      version: current.version + 1,
    };
    this.messages.set(id, next);
    return copy(next);
  }
}
