import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { AttemptRecord, MessageRecord, MessageStatus, OutboxEntry } from '../delivery/message.record';
import { senderKey, type SenderConfigRecord, type SenderState } from '../senders/sender-config.schema';
import type { TemplateInput, TemplateRecord } from '../templates/template.record';
import { compareNewestFirst, decodeCursor, encodeCursor, isAfter, timeMs } from './cursor';
import type { MessageFilter, Page, PutResult, Store } from './store.port';

type MessagePatch = Partial<Omit<MessageRecord, 'id' | 'eventId' | 'createdAt'>>;

const copy = <T>(value: T): T => structuredClone(value);
const positionOf = (m: MessageRecord) => ({ ms: timeMs(m.createdAt), id: m.id });

/** True when the message passes every filter that is set. */
export function matchesFilter(m: MessageRecord, filter: MessageFilter): boolean {
  return (
    (filter.status === undefined || m.status === filter.status) &&
    (filter.type === undefined || m.type === filter.type) &&
    (filter.organizationId === undefined || m.organizationId === filter.organizationId)
  );
}

/**
 * The embedded-mode store: plain maps in this process, nothing persisted, no retention.
 * Values go in and come out as copies so callers cannot change stored state by accident.
 */
export class MemoryStore implements Store {
  private readonly organizations = new Map<string, Organization>();
  private readonly users = new Map<string, User>();
  private readonly senderConfigs = new Map<string, SenderConfigRecord>();
  private readonly senderStates = new Map<string, SenderState>();
  private readonly templates = new Map<string, TemplateRecord[]>();
  /** Deleted templates keep their versions for pinned messages (see deleteTemplate). */
  private readonly deletedTemplates = new Set<string>();
  private readonly events = new Map<string, EventRecord>();
  private readonly messages = new Map<string, MessageRecord>();
  private readonly held = new Map<string, Set<string>>();
  private readonly attempts = new Map<string, AttemptRecord[]>();
  private readonly outbox = new Map<string, OutboxEntry>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async ping(): Promise<void> {}
  async close(): Promise<void> {}

  async putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<Organization>> {
    return this.putStamped(this.organizations, id, input);
  }
  async getOrganization(id: string): Promise<Organization | null> {
    return copy(this.organizations.get(id) ?? null);
  }
  async deleteOrganization(id: string): Promise<boolean> {
    return this.organizations.delete(id);
  }
  async putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>> {
    return this.putStamped(this.users, id, input);
  }
  async getUser(id: string): Promise<User | null> {
    return copy(this.users.get(id) ?? null);
  }
  async deleteUser(id: string): Promise<boolean> {
    return this.users.delete(id);
  }

  async putSenderConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>> {
    const key = senderKey(record.eventType, record.organizationId);
    const existing = this.senderConfigs.get(key);
    const at = this.now().toISOString();
    const value: SenderConfigRecord = { ...copy(record), createdAt: existing?.createdAt ?? at, updatedAt: at };
    this.senderConfigs.set(key, value);
    return { created: !existing, value: copy(value) };
  }
  async getSenderConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null> {
    return copy(this.senderConfigs.get(senderKey(eventType, organizationId)) ?? null);
  }
  async deleteSenderConfig(eventType: string, organizationId: string | null): Promise<boolean> {
    return this.senderConfigs.delete(senderKey(eventType, organizationId));
  }
  async listSenderConfigs(): Promise<SenderConfigRecord[]> {
    return [...this.senderConfigs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => copy(v));
  }
  async getSenderState(key: string): Promise<SenderState> {
    return { ...this.state(key) };
  }
  async recordSenderFailure(key: string): Promise<number> {
    const state = this.state(key);
    this.senderStates.set(key, { ...state, consecutiveFailures: state.consecutiveFailures + 1 });
    return state.consecutiveFailures + 1;
  }
  async recordSenderSuccess(key: string): Promise<void> {
    this.senderStates.set(key, { ...this.state(key), consecutiveFailures: 0 });
  }
  async suspendSender(key: string, at: string): Promise<boolean> {
    const state = this.state(key);
    if (state.suspendedAt !== null) return false;
    this.senderStates.set(key, { ...state, suspendedAt: at });
    return true;
  }
  async resumeSender(key: string): Promise<void> {
    this.senderStates.delete(key);
  }

  async putTemplate(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>> {
    const versions = this.templates.get(id) ?? [];
    const fresh = versions.length === 0 || this.deletedTemplates.delete(id);
    const at = this.now().toISOString();
    const createdAt = fresh ? at : (versions[0]?.createdAt ?? at);
    const value: TemplateRecord = { ...copy(input), id, version: versions.length + 1, createdAt, updatedAt: at };
    this.templates.set(id, [...versions, value]);
    return { created: fresh, value: copy(value) };
  }
  async getTemplate(id: string, version?: number): Promise<TemplateRecord | null> {
    const versions = this.templates.get(id) ?? [];
    if (version === undefined && this.deletedTemplates.has(id)) return null;
    const found = version === undefined ? versions.at(-1) : versions.find((t) => t.version === version);
    return copy(found ?? null);
  }
  async listTemplates(): Promise<TemplateRecord[]> {
    const live = [...this.templates.keys()].filter((id) => !this.deletedTemplates.has(id));
    return live.sort().flatMap((id) => copy(this.templates.get(id)?.slice(-1) ?? []));
  }
  /** Hides the template; its versions stay readable for messages pinned to them. */
  async deleteTemplate(id: string): Promise<boolean> {
    if (!this.templates.has(id) || this.deletedTemplates.has(id)) return false;
    this.deletedTemplates.add(id);
    return true;
  }

  async createEvent(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }> {
    const existing = this.events.get(event.id);
    if (existing) return { created: false, existing: copy(existing) };
    this.events.set(event.id, copy(event));
    return { created: true };
  }
  async getEvent(id: string): Promise<EventRecord | null> {
    return copy(this.events.get(id) ?? null);
  }
  async markEventProcessed(id: string): Promise<void> {
    const event = this.events.get(id);
    if (event) event.status = 'processed';
  }

  async createMessage(message: MessageRecord): Promise<{ created: boolean; message: MessageRecord }> {
    const existing = this.messages.get(message.id);
    if (existing) return { created: false, message: copy(existing) };
    this.messages.set(message.id, copy(message));
    return { created: true, message: copy(message) };
  }
  async getMessage(id: string): Promise<MessageRecord | null> {
    return copy(this.messages.get(id) ?? null);
  }
  async updateMessageIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null> {
    const current = this.messages.get(id);
    if (!current || JSON.stringify(current) !== JSON.stringify(expected)) return null;
    return this.updateMessage(id, patch);
  }
  async updateMessage(id: string, patch: MessagePatch, _expected?: MessageRecord): Promise<MessageRecord | null> {
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
  async listMessages(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>> {
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
  async listMessagesForEvent(eventId: string): Promise<MessageRecord[]> {
    const found = [...this.messages.values()].filter((m) => m.eventId === eventId);
    return copy(found.sort((a, b) => compareNewestFirst(positionOf(b), positionOf(a))));
  }
  async countMessages(status: MessageStatus): Promise<number> {
    let n = 0;
    for (const m of this.messages.values()) if (m.status === status) n++;
    return n;
  }
  async listHeldMessageIds(key: string): Promise<string[]> {
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

  async putOutbox(entry: OutboxEntry): Promise<void> {
    this.outbox.set(entry.messageId, copy(entry));
  }
  async getOutbox(messageId: string): Promise<OutboxEntry | null> {
    return copy(this.outbox.get(messageId) ?? null);
  }
  async listOutbox(limit: number): Promise<OutboxEntry[]> {
    const pos = (e: OutboxEntry) => ({ ms: timeMs(e.createdAt), id: e.messageId });
    return copy([...this.outbox.values()].sort((a, b) => compareNewestFirst(pos(a), pos(b))).slice(0, limit));
  }

  private state(key: string): SenderState {
    return this.senderStates.get(key) ?? { suspendedAt: null, consecutiveFailures: 0 };
  }

  /** Create-or-replace that keeps the first `createdAt`. */
  private putStamped<I extends object, T extends I & { id: string; createdAt: string; updatedAt: string }>(
    map: Map<string, T>,
    id: string,
    input: I,
  ): PutResult<T> {
    const existing = map.get(id);
    const at = this.now().toISOString();
    const value = { id, ...copy(input), createdAt: existing?.createdAt ?? at, updatedAt: at } as T;
    map.set(id, value);
    return { created: !existing, value: copy(value) };
  }
}
